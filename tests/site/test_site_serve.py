"""The preview server: safe paths, live reload, errors in the page, rebuild on change."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from site_helpers import TODAY, build, free_port

from briefgen.site.serve import Preview, SiteServer, safe_target, watch_changes


@pytest.fixture
def server(project: Path) -> Iterator[SiteServer]:
    build(project)
    running = SiteServer(project / "site", port=free_port()).start()
    try:
        yield running
    finally:
        running.stop()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_binds_loopback_and_serves_pages_with_reload_script(server: SiteServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    status, body = fetch(server.url)
    assert status == 200
    assert "Damaged cables" in body
    assert '<script src="/__briefgen/reload.js" defer></script>' in body
    status, body = fetch(server.url + "briefs/baltic-cables/")
    assert status == 200 and "data-pagefind-body" in body
    status, body = fetch(server.url + "assets/site.css")
    assert status == 200 and "__briefgen" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/../briefgen.toml",
        "/%2e%2e/briefgen.toml",
        "/%2E%2E%2Fbriefgen.toml",
        "/briefs/..%2f..%2fbriefgen.toml",
        "/%252e%252e/briefgen.toml",
        "/..%5cbriefgen.toml",
        "/.briefgen-cache/site/briefs.json",
        "/no-such-page.html",
    ],
)
def test_paths_outside_the_site_are_not_found(server: SiteServer, path: str) -> None:
    import http.client

    host, port = server.httpd.server_address[:2]
    connection = http.client.HTTPConnection(str(host), int(port), timeout=5)
    connection.request("GET", path)  # sent raw, as a hostile client would
    response = connection.getresponse()
    body = response.read().decode()
    assert response.status == 404
    assert "Page not found" in body
    assert "base_url" not in body


def test_safe_target_refuses_symlinks_out_of_the_site(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    (root / "index.html").write_text("home")
    assert safe_target(root, "/link.txt") is None
    assert safe_target(root, "/") == (root / "index.html").resolve()


def test_build_id_and_errors_are_shown(server: SiteServer) -> None:
    server.state.update("abc", ["briefs/x.yaml:1:1: error: title: must not be empty"])
    status, body = fetch(server.url + "__briefgen/build-id")
    assert status == 200
    assert json.loads(body)["id"] == "abc"
    _, page = fetch(server.url)
    assert "Build errors" in page and "must not be empty" in page


def test_preview_rebuilds_on_change_and_reports_errors(project: Path) -> None:
    events: list[tuple[Any, str]] = []
    server = SiteServer(project / "site", port=free_port())
    preview = Preview(
        project / "briefs",
        project / "site",
        project / "briefgen.toml",
        ("html",),
        lambda: TODAY,
        lambda result, phase: events.append((result, phase)),
        server=server,
    )
    preview.build()
    first = server.state.build_id
    assert first and server.state.errors == []
    stop = threading.Event()
    watch_changes(
        [project / "briefs"],
        [project / "briefgen.toml"],
        lambda _: preview.changed.set(),
        stop,
        debounce_ms=50,
    )
    runner = threading.Thread(target=preview.run, args=(stop,), daemon=True)
    runner.start()
    try:
        time.sleep(0.5)  # let the watcher start
        (project / "briefs" / "broken.yaml").write_text("schema: 1\ntitle: Broken\n")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not server.state.errors:
            time.sleep(0.1)
        assert any("broken.yaml" in e for e in server.state.errors)
        assert server.state.build_id != first
        home = (project / "site" / "index.html").read_text()
        assert "Damaged cables" in home  # the valid briefs are still served
    finally:
        stop.set()
        runner.join(timeout=5)
