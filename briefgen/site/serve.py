"""Preview server: serve the built site on loopback, rebuild on change, reload open pages."""

from __future__ import annotations

import html
import json
import posixpath
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from briefgen.errors import GitError
from briefgen.history.git import GitDirs, find_git_dirs
from briefgen.site.engine.inputs import LastGood

ENDPOINT = "/__briefgen/"
RELOAD_JS = """(function () {
  var current = null;
  function poll() {
    fetch("/__briefgen/build-id", {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (current !== null && state.id !== current) { location.reload(); }
        current = state.id;
      })
      .catch(function () {})
      .finally(function () { setTimeout(poll, 700); });
  }
  poll();
})();
"""


# Inline, so the banner shows over any page, styled or not (a 404, a custom template).
OVERLAY_STYLE = (
    "position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:50vh;overflow:auto;"
    "margin:0;padding:.5rem 1rem;background:#fff4f0;color:#3a0a00;"
    "border-bottom:3px solid #b3261e;font:14px/1.4 system-ui,sans-serif;"
    "box-shadow:0 2px 8px rgba(0,0,0,.3)"
)


@dataclass
class ServeState:
    """What the server shows besides files: the build id and the current errors."""

    build_id: str = ""
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def update(self, build_id: str, errors: Sequence[str]) -> None:
        """Publish a finished build."""
        with self.lock:
            self.build_id = build_id
            self.errors = list(errors)

    def snapshot(self) -> tuple[str, list[str]]:
        """Return the build id and errors."""
        with self.lock:
            return self.build_id, list(self.errors)


def safe_target(root: Path, request_path: str) -> Path | None:
    """Map a request path to a file under `root`, or None when it points anywhere else."""
    path = urlsplit(request_path).path
    decoded = path
    # Decode repeatedly so that double-encoded dots (%252e) cannot slip through.
    for _ in range(3):
        decoded = unquote(decoded)
    if "\\" in decoded or "\0" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p]
    if any(p in ("..", ".") or p.startswith("..") for p in parts):
        return None
    if any(p.startswith(".") for p in parts):
        return None  # hidden files: temp files, old search indexes
    target = (root / posixpath.join(*parts)) if parts else root
    if target.is_dir():
        target = target / "index.html"
    # Resolve the file itself, after adding index.html: a symlink anywhere on the way,
    # the page included, must still land inside the site.
    resolved = target.resolve()
    if not resolved.is_relative_to(root.resolve()):
        return None
    return resolved if resolved.is_file() else None


def _make_handler(root: Path, state: ServeState) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        """Serve files of the site only, with live reload injected into pages."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the library never prints; the CLI reports builds

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path.startswith(ENDPOINT):
                self._endpoint(path.removeprefix(ENDPOINT))
                return
            target = safe_target(root, self.path)
            if target is None:
                self._not_found()
                return
            data = target.read_bytes()
            ctype = self.guess_type(str(target))
            if target.suffix == ".html":
                data = self._inject(data)
            self._send(HTTPStatus.OK, data, ctype)

        def _endpoint(self, name: str) -> None:
            if name == "build-id":
                build_id, errors = state.snapshot()
                body = json.dumps({"id": build_id, "errors": errors}).encode()
                self._send(HTTPStatus.OK, body, "application/json")
            elif name == "reload.js":
                self._send(HTTPStatus.OK, RELOAD_JS.encode(), "text/javascript")
            else:
                self._not_found()

        def _inject(self, data: bytes) -> bytes:
            text = data.decode("utf-8", "replace")
            script = f'<script src="{ENDPOINT}reload.js" defer></script>'
            text = text.replace("</head>", f"{script}\n</head>", 1)
            _, errors = state.snapshot()
            if errors:
                items = "\n".join(html.escape(e) for e in errors)
                panel = (
                    f'<section class="serve-errors" role="alert" style="{OVERLAY_STYLE}">'
                    "<h2>Build errors</h2><p>The pages show the last version that built; "
                    f"fix these and they update.</p><pre>{items}</pre></section>"
                )
                head, sep, rest = text.partition("<body>")
                text = head + sep + "\n" + panel + rest if sep else panel + text
            return text.encode("utf-8")

        def _not_found(self) -> None:
            page = root / "404.html"
            body = self._inject(page.read_bytes()) if page.is_file() else b"Not found\n"
            self._send(HTTPStatus.NOT_FOUND, body, "text/html; charset=utf-8")

        def _send(self, status: HTTPStatus, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    return Handler


class SiteServer:
    """An HTTP server for one site folder, run in a background thread."""

    def __init__(self, root: Path, *, host: str = "127.0.0.1", port: int = 8000) -> None:
        self.root = root.resolve()
        self.state = ServeState()
        self.httpd = ThreadingHTTPServer((host, port), _make_handler(self.root, self.state))
        self.httpd.daemon_threads = True
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Return the server's base URL."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    def start(self) -> SiteServer:
        """Start serving in a daemon thread."""
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.httpd.shutdown()
        self.httpd.server_close()
        if self.thread:
            self.thread.join(timeout=5)


def watch_changes(
    trees: Sequence[Path],
    files: Sequence[Path],
    on_change: Callable[[set[str]], None],
    stop: threading.Event,
    *,
    ignore: Sequence[Path] = (),
    debounce_ms: int = 300,
) -> list[threading.Thread]:
    """Watch folders (recursively) and single files; call `on_change` after each burst."""
    threads = []
    trees = [t for t in trees if t.is_dir()]
    ignored = [p.resolve() for p in ignore]

    def in_trees(path: str) -> bool:
        if any(Path(path).is_relative_to(folder) for folder in ignored):
            return False
        name = Path(path).name
        return not name.startswith(".") and not name.endswith(("~", ".swp", ".tmp"))

    if trees:
        threads.append(_watch(trees, True, in_trees, on_change, stop, debounce_ms))
    # A config file is watched through its folder, non-recursively, so that an editor
    # replacing the file is seen and the output folder beside it is not.
    folders = sorted({f.resolve().parent for f in files})
    if folders:
        names = {f.name for f in files}

        def named(path: str) -> bool:
            return Path(path).name in names

        threads.append(_watch(folders, False, named, on_change, stop, debounce_ms))
    return threads


def is_history_path(dirs: GitDirs, path: Path) -> bool:
    """Tell whether a file in a git dir can change the site: HEAD, branches, packed refs."""
    if path.name.endswith(".lock"):
        return False  # git writes FILE.lock and renames it; the rename is the change
    if path == dirs.git_dir / "HEAD":
        return True
    if not path.is_relative_to(dirs.common_dir):
        return False
    parts = path.relative_to(dirs.common_dir).parts
    if parts in (("packed-refs",), ("shallow",)):
        return True  # `git pack-refs`; `git fetch --unshallow` numbers old revisions
    # Loose branches (files backend) or the reftable stack; never objects/, index or logs/.
    return parts[:2] == ("refs", "heads") or parts[:1] == ("reftable",)


def watch_git(
    src: Path,
    on_move: Callable[[str], None],
    stop: threading.Event,
    *,
    debounce_ms: int = 300,
) -> list[Path]:
    """Watch the repository holding `src`; call `on_move(HEAD)` when its history moves.

    Only HEAD, branches and packed refs are watched, and `on_move` runs only when the
    commit (or shallow state) that builds read has changed: a commit, checkout, reset,
    merge or rebase, not a `git status` or a new branch elsewhere. Return the git dirs
    watched, none outside git or when git is missing.
    """
    from briefgen.site.history import find_git_head

    try:
        dirs = find_git_dirs(src)
    except GitError:
        return []

    def head_key() -> tuple[str, str]:
        head = find_git_head(src)
        return (head.key, head.commit) if head else ("", "")

    last, _ = head_key()
    lock = threading.Lock()

    def moved(_paths: set[str]) -> None:
        nonlocal last
        with lock:  # two watcher threads may see the same commit
            key, commit = head_key()
            if key == last:
                return
            last = key
        on_move(commit)

    def relevant(path: str) -> bool:
        return is_history_path(dirs, Path(path))

    # HEAD and packed-refs sit beside objects/ and the index: watch those folders without
    # recursion, so the many writes of a commit or gc are never even reported.
    folders = sorted({dirs.git_dir, dirs.common_dir})
    _watch(folders, False, relevant, moved, stop, debounce_ms)
    trees = [dirs.common_dir / "refs" / "heads", dirs.common_dir / "reftable"]
    if trees := [t for t in trees if t.is_dir()]:
        _watch(trees, True, relevant, moved, stop, debounce_ms)
    return folders


def _watch(
    paths: Sequence[Path],
    recursive: bool,
    keep: Callable[[str], bool],
    on_change: Callable[[set[str]], None],
    stop: threading.Event,
    debounce_ms: int,
) -> threading.Thread:
    """Start a thread that calls `on_change` with each debounced burst of kept paths."""
    import watchfiles

    def run() -> None:
        for changes in watchfiles.watch(
            *paths,
            watch_filter=lambda _change, path: keep(path),
            recursive=recursive,
            debounce=debounce_ms,
            stop_event=stop,
            yield_on_timeout=False,
        ):
            on_change({path for _, path in changes})

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@dataclass
class Preview:
    """Keep a site built while its inputs change: pages first, then PDFs and search."""

    src: Path
    out: Path
    config_path: Path | None
    formats: Sequence[str]
    today: Callable[[], Any]
    on_build: Callable[[Any, str], None]
    server: SiteServer | None = None
    jobs: int | None = None
    include_restricted: bool = False
    changed: threading.Event = field(default_factory=threading.Event)
    # An edit that breaks a brief keeps its last good pages up, with the errors over them.
    last_good: LastGood = field(default_factory=dict)

    def build(self) -> None:
        """Build pages, then PDFs and search unless a newer change waits; publish each result."""
        from briefgen.config import load_config
        from briefgen.errors import BriefgenError
        from briefgen.site.build import build_site

        try:
            config = load_config(self.config_path)
        except BriefgenError as exc:
            self._publish(None, "config", [str(exc)])
            return
        # Pages first, so a changed page is back at once; then PDFs and the search index.
        for phase in ("pages", "pdf and search" if "pdf" in self.formats else "search"):
            if phase != "pages" and self.changed.is_set():
                return  # a newer change is waiting; its build will finish the site
            try:
                report = build_site(
                    self.src,
                    self.out,
                    config=config,
                    today=self.today(),
                    formats=self.formats,
                    include_restricted=self.include_restricted,
                    jobs=self.jobs,
                    pages_only=phase == "pages",
                    last_good=self.last_good,
                )
            except BriefgenError as exc:
                self._publish(None, phase, [str(exc)])
                return
            self._publish(report, phase, report.problems())

    def _publish(self, report: Any, phase: str, errors: list[str]) -> None:
        if self.server is not None:
            build_id = report.build_id if report is not None else "failed"
            self.server.state.update(build_id, errors)
        self.on_build(report if report is not None else errors, phase)

    def run(self, stop: threading.Event) -> None:
        """Rebuild whenever `changed` is set, until `stop` is set."""
        while not stop.is_set():
            if self.changed.wait(timeout=0.2):
                self.changed.clear()
                self.build()
