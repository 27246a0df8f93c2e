"""Helpers for site tests: a small project with public and restricted briefs."""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from briefgen.config import Config
from briefgen.site import BuildReport, build_site

ROOT = Path(__file__).resolve().parents[2]
KURSK = ROOT / "briefs" / "dprk-troops-kursk.yaml"
ACTORS = ROOT / "briefs" / "actors.yaml"
TODAY = dt.date(2024, 11, 20)
MARKER = "ZEBRA-MARKER-7f3a9c"
CHROMIUM = Path("/usr/bin/chromium")

AMBER_BRIEF = f"""\
schema: 1
id: secret-amber
title: Restricted assessment {MARKER}
as_of: 2024-11-05
marking: TLP:AMBER
topics: [secret-topic-{MARKER.lower()}, china]
bluf: The {MARKER} finding stays inside [@s1].
actors:
  secret-unit:
    name: Unit {MARKER}
    kind: armed_group
places:
  hideout:
    name: Hideout {MARKER}
    lat: 41.5
    lon: 19.8
forces:
  - actor: secret-unit
    strength: about 300 troops
    location: Somewhere {MARKER}
    place: hideout
    cite: s1
positions:
  - actor: china
    stance: China privately said {MARKER}.
    date: 2024-11-04
    cite: s1
open_questions:
  - question: Will {MARKER} happen?
    indicators:
      - text: Sign of {MARKER}
sources:
  s1:
    title: Source {MARKER}
    url: https://example.org/{MARKER}
"""

GREEN_QUIET = """\
schema: 1
id: baltic-cables
title: Damaged cables in the Baltic Sea
as_of: 2024-11-19
review_by: 2024-12-19
topics: [baltic, china]
bluf: Two data cables were cut; a Chinese-flagged ship is under scrutiny [@news].
forces:
  - actor: china
    location: Baltic Sea
    status: One bulk carrier at anchor
    cite: news
positions:
  - actor: blinken
    type: statement
    stance: Washington is following the investigation closely.
    date: 2024-11-19
    cite: news
open_questions:
  - question: Was the damage deliberate?
    outlook:
      likelihood: roughly even chance
      confidence: low
    indicators:
      - text: Anchor drag marks found on the seabed
        signals: toward
        status: observed
  - question: Was the first cable repaired?
    status: resolved
    resolution: Yes, the operator repaired it within a week.
sources:
  news:
    title: Baltic cable damage investigated
    publisher: Example News
    url: https://example.org/baltic
"""


def live_kursk() -> str:
    """Return the Kursk example as a live brief, due for review on 14 November 2024."""
    text = KURSK.read_text(encoding="utf-8")
    return text.replace("as_of: 2024-10-31\n", "as_of: 2024-10-31\nreview_by: 2024-11-14\n", 1)


def make_project(
    folder: Path, *, amber: bool = True, base_url: str = "https://example.org/briefs/"
) -> Path:
    """Create a project: briefgen.toml, the Kursk example, a second brief, maybe an AMBER one."""
    src = folder / "briefs"
    src.mkdir(parents=True)
    (src / KURSK.name).write_text(live_kursk(), encoding="utf-8")
    shutil.copy(ACTORS, src / ACTORS.name)
    (src / "baltic-cables.yaml").write_text(GREEN_QUIET, encoding="utf-8")
    if amber:
        (src / "secret-amber.yaml").write_text(AMBER_BRIEF, encoding="utf-8")
    (folder / "briefgen.toml").write_text(
        f'title = "Test briefs"\nbase_url = "{base_url}"\n', encoding="utf-8"
    )
    (folder / ".git").mkdir()  # stop find_config at the project folder
    return src


def config_for(folder: Path) -> Config:
    """Return the project's config."""
    from briefgen.config import load_config

    return load_config(folder / "briefgen.toml")


def build(folder: Path, **options: object) -> BuildReport:
    """Build the project's site into `site/` with HTML, Markdown and JSON (no PDFs)."""
    options.setdefault("formats", ("html", "md", "json"))
    return build_site(
        folder / "briefs",
        folder / "site",
        config=config_for(folder),
        today=TODAY,
        **options,  # type: ignore[arg-type]
    )


def all_bytes(path: Path) -> bytes:
    """Return a file's bytes, decompressed when gzip-compressed (pagefind's index files)."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data += gzip.decompress(data)
    return data


class QuietHandler(SimpleHTTPRequestHandler):
    """A static file handler that does not log requests."""

    def log_message(self, format: str, *args: object) -> None:
        pass


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


EXTRAS = 9
"""Older briefs a paged project adds to the test project."""


def make_paged_project(folder: Path, *, per_page: int = 2, groups: int = 3) -> Path:
    """Create the test project plus older briefs, with small pages so listings paginate."""
    src = make_project(folder)
    for i in range(1, EXTRAS + 1):
        text = (
            GREEN_QUIET.replace("id: baltic-cables", f"id: extra-{i}")
            .replace("title: Damaged cables in the Baltic Sea", f"title: Extra brief {i}")
            .replace("as_of: 2024-11-19", f"as_of: 2024-10-0{i}")
        )
        (src / f"extra-{i}.yaml").write_text(text, encoding="utf-8")
    toml = folder / "briefgen.toml"
    toml.write_text(
        toml.read_text() + f"[pagination]\nper_page = {per_page}\ngroups_per_page = {groups}\n"
    )
    return src


@contextmanager
def served(site: Path) -> Iterator[str]:
    """Serve a site folder over http on loopback, under a sub-path; yield its URL."""
    handler = partial(QuietHandler, directory=str(site.parent))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/{site.name}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
