"""Hostile and careless uses of the command line: each ends in a plain message, never a traceback.

Every case runs the real command in a real git repository and checks the exit code, that the
message names the place, and that no brief was lost or overwritten.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, write

MARKER = "HOSTILE-AMBER-4d2c"
AMBER = MINIMAL.replace("title: Minimal brief", f"title: Amber {MARKER}\nmarking: TLP:AMBER")
ARTICLE = "The defence minister said on Monday that about 3,000 troops had crossed the border.\n"


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run briefgen as a user would, with a time limit so that a hang fails the test."""
    full = {**os.environ, "SOURCE_DATE_EPOCH": "1730419200", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        capture_output=True, text=True, cwd=cwd, env=full, check=False, timeout=120,
    )  # fmt: skip


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with briefs/ (one public brief, one TLP:AMBER) and a notes file."""
    root = tmp_path / "repo"
    briefs = root / "briefs"
    briefs.mkdir(parents=True)
    write(briefs, "public.yaml", MINIMAL)
    write(briefs, "amber.yaml", AMBER)
    write(briefs, "NOTES.txt", "kept by hand\n")
    write(root, "article.txt", ARTICLE)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Add briefs")
    return root


def sources_intact(repo: Path) -> None:
    """Assert every source file and the git repository are still there, unchanged."""
    assert (repo / "briefs" / "public.yaml").read_text() == MINIMAL
    assert (repo / "briefs" / "amber.yaml").read_text() == AMBER
    assert (repo / "briefs" / "NOTES.txt").read_text() == "kept by hand\n"
    assert (repo / ".git" / "HEAD").is_file()
    status = subprocess.run(
        ["git", "-C", str(repo), "status", "--porcelain", "--", "briefs"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert status.stdout == ""


def _fifo(repo: Path) -> None:
    os.mkfifo(repo / "briefs" / "x.yaml")


def _loop(repo: Path) -> None:
    (repo / "briefs" / "self.yaml").symlink_to("self.yaml")


def _dir_loop(repo: Path) -> None:
    (repo / "briefs" / "again").symlink_to(".")


def _same_id(repo: Path) -> None:
    write(repo / "briefs", "a b.yaml", MINIMAL)
    write(repo / "briefs", "a-b.yaml", MINIMAL)


def _file_out(repo: Path) -> None:
    write(repo, "taken", "a file, not a folder\n")


def _busy_port(repo: Path) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    _SOCKETS.append(sock)
    (repo / "port").write_text(str(sock.getsockname()[1]))


def _config(text: str) -> Callable[[Path], None]:
    def setup(repo: Path) -> None:
        write(repo, "briefgen.toml", text)

    return setup


_SOCKETS: list[socket.socket] = []


@dataclass(frozen=True)
class Case:
    """A command run on the repository, and what it must answer."""

    name: str
    args: tuple[str, ...]
    code: int
    says: str
    setup: Callable[[Path], None] | None = None
    env: tuple[tuple[str, str], ...] = ()


CASES = [
    # Output folders that would mix with the sources are refused before any write.
    Case("site -o repo root --clean", ("site", "briefs", "-o", ".", "--clean"), 2, "holds the"),
    Case(
        "site -o sources --clean",
        ("site", "briefs", "-o", "briefs", "--clean"),
        2,
        "is the sources folder",
    ),
    Case(
        "site -o inside sources",
        ("site", "briefs", "-o", "briefs/site"),
        2,
        "inside the sources folder",
    ),
    Case("build -o sources", ("build", "briefs", "-o", "briefs"), 2, "is the sources folder"),
    Case("build -o repo root", ("build", "briefs", "-o", "."), 2, "holds the"),
    Case(
        "serve -o sources",
        ("serve", "briefs", "-o", "briefs", "--port", "0"),
        2,
        "is the sources folder",
    ),
    Case("site -o a file", ("site", "briefs", "-o", "taken"), 2, "is a file", _file_out),
    Case("site -o /dev/null", ("site", "briefs", "-o", "/dev/null"), 2, "is a file"),
    Case(
        "site -o below a file",
        ("site", "briefs", "-o", "taken/site"),
        1,
        "cannot write the output folder",
        _file_out,
    ),
    # A YAML file briefgen did not write is never overwritten.
    Case(
        "extract -o a brief",
        ("extract", "article.txt", "-o", "briefs/public.yaml"),
        1,
        "briefs/public.yaml: error: file exists",
    ),
    Case(
        "extract bad --url",
        ("extract", "article.txt", "--url", "javascript:alert(1)"),
        2,
        "is not a web address",
    ),
    # Two briefs with one id.
    Case(
        "validate one id twice",
        ("validate", "briefs"),
        1,
        "already used by briefs/a b.yaml",
        _same_id,
    ),
    Case(
        "build one id twice",
        ("build", "briefs", "-o", "out", "--format", "md"),
        1,
        "a-b.yaml:1:1: error: id: brief id 'a-b' is already used by briefs/a b.yaml",
        _same_id,
    ),
    # Files that are not regular files.
    Case(
        "validate a FIFO",
        ("validate", "briefs"),
        1,
        "briefs/x.yaml:1:1: error: is not a regular file (a named pipe)",
        _fifo,
    ),
    Case(
        "site with a FIFO",
        ("site", "briefs", "-o", "site", "--formats", "html"),
        1,
        "x.yaml:1:1: error: is not a regular file",
        _fifo,
    ),
    Case(
        "validate /dev/zero",
        ("validate", "/dev/zero"),
        1,
        "/dev/zero:1:1: error: is not a regular file (a device)",
    ),
    Case(
        "validate symlink loop",
        ("validate", "briefs"),
        1,
        "briefs/self.yaml:1:1: error: is a symlink loop",
        _loop,
    ),
    Case(
        "site symlink loop",
        ("site", "briefs", "-o", "site", "--formats", "html"),
        1,
        "self.yaml:1:1: error: is a symlink loop",
        _loop,
    ),
    Case("validate folder loop", ("validate", "briefs"), 0, "2 brief(s) checked", _dir_loop),
    # The environment.
    Case(
        "SOURCE_DATE_EPOCH too big",
        ("validate", "briefs"),
        1,
        "error: SOURCE_DATE_EPOCH='99999999999999999' is not a date",
        env=(("SOURCE_DATE_EPOCH", "99999999999999999"),),
    ),
    Case(
        "SOURCE_DATE_EPOCH not a number",
        ("validate", "briefs"),
        1,
        "error: SOURCE_DATE_EPOCH='abc' is not a date",
        env=(("SOURCE_DATE_EPOCH", "abc"),),
    ),
    Case(
        "serve on a busy port",
        ("serve", "briefs", "--port", "{port}"),
        2,
        "Invalid value for --port: cannot listen on 127.0.0.1:",
        _busy_port,
    ),
    Case(
        "serve on an unknown host",
        ("serve", "briefs", "--host", "no-such-host.invalid"),
        2,
        "Invalid value for --host: 'no-such-host.invalid' is not a known host",
    ),
    Case(
        "cache under a file",
        ("site", "briefs", "-o", "site", "--formats", "html"),
        1,
        "cannot write the build cache",
        _file_out,
        (("XDG_CACHE_HOME", "{repo}/taken/cache"),),
    ),
    # Configuration that would widen what templates may read.
    Case(
        "templates missing",
        ("validate", "briefs"),
        1,
        "briefgen.toml:2:1: error: templates: 'nope' is not a folder",
        _config('title = "T"\ntemplates = "nope"\n'),
    ),
    Case(
        "templates /etc",
        ("site", "briefs", "-o", "site"),
        1,
        "briefgen.toml:1:1: error: templates: '/etc' is outside the project folder",
        _config('templates = "/etc"\n'),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_command_ends_in_a_plain_message(repo: Path, case: Case) -> None:
    if case.setup:
        case.setup(repo)
    port = (repo / "port").read_text() if (repo / "port").exists() else ""
    args = [a.replace("{port}", port) for a in case.args]
    env = {k: v.replace("{repo}", str(repo)) for k, v in case.env}
    try:
        result = run(*args, cwd=repo, env=env)
    finally:
        while _SOCKETS:
            _SOCKETS.pop().close()
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == case.code, output
    assert case.says in output, output
    if case.setup in (None, _file_out, _busy_port):
        sources_intact(repo)
    assert not list((repo / "briefs").rglob("*.html")), "nothing is written into the sources"


def test_extract_force_overwrites_and_only_then(repo: Path) -> None:
    target = repo / "draft.yaml"
    target.write_text("curated: true\n")
    refused = run("extract", "article.txt", "-o", "draft.yaml", cwd=repo)
    assert refused.returncode == 1
    assert target.read_text() == "curated: true\n"
    forced = run("extract", "article.txt", "-o", "draft.yaml", "--force", cwd=repo)
    assert forced.returncode == 0, forced.stderr
    assert "unreviewed: true" in target.read_text()


def test_build_of_one_id_twice_writes_nothing(repo: Path) -> None:
    _same_id(repo)
    result = run("build", "briefs", "-o", "out", "--format", "md", cwd=repo)
    assert result.returncode == 1
    assert "briefs/a b.yaml" in result.stderr and "a-b.yaml" in result.stderr
    assert not (repo / "out").exists()


def test_site_never_copies_yaml_into_the_output(repo: Path) -> None:
    result = run("site", "briefs", "-o", "site", "--formats", "html,md,json", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert not list((repo / "site").rglob("*.yaml"))
    assert not list((repo / "site").rglob("*.yml"))
    sources_intact(repo)


def _merge(brief: Path) -> subprocess.CompletedProcess[str]:
    from tests.extract.test_cli import ARGS, SHOAL

    return run("extract", str(SHOAL), "--into", str(brief), *ARGS, cwd=brief.parent)


def _kept_in_order(old: bytes, new: bytes) -> None:
    position = 0
    for line in old.splitlines(keepends=True):
        found = new.find(line, position)
        assert found >= 0, f"lost or reordered: {line!r}"
        position = found + len(line)


def test_into_keeps_crlf_line_endings_byte_for_byte(tmp_path: Path) -> None:
    from tests.extract.test_cli import EXISTING

    brief = tmp_path / "shoal.yaml"
    old = EXISTING.replace("\n", "\r\n").encode()
    brief.write_bytes(old)
    result = _merge(brief)
    assert result.returncode == 0, result.stderr
    new = brief.read_bytes()
    assert new != old
    assert new.count(b"\n") == new.count(b"\r\n")  # every added line in CRLF too
    _kept_in_order(old, new)


def test_into_keeps_a_byte_order_mark(tmp_path: Path) -> None:
    from tests.extract.test_cli import EXISTING

    brief = tmp_path / "shoal.yaml"
    old = b"\xef\xbb\xbf" + EXISTING.encode()
    brief.write_bytes(old)
    assert _merge(brief).returncode == 0
    new = brief.read_bytes()
    assert new.startswith(b"\xef\xbb\xbf") and new != old
    _kept_in_order(old, new)


def test_into_a_symlinked_brief_writes_through_the_link(tmp_path: Path) -> None:
    from tests.extract.test_cli import EXISTING

    (tmp_path / "curated").mkdir()
    real = tmp_path / "curated" / "shoal.yaml"
    real.write_text(EXISTING)
    link = tmp_path / "shoal.yaml"
    link.symlink_to(real)
    result = _merge(link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == real
    assert "example-wire-2024-06-20" in real.read_text()


@pytest.mark.parametrize("limit", [0, 5, 4096])
def test_reads_stop_at_the_limit_whatever_the_size_says(limit: int) -> None:
    from briefgen.errors import InputError
    from briefgen.reader import read_regular

    # /proc files report a size of 0 yet have content: only reading tells.
    data = Path("/proc/self/status").read_bytes()
    if len(data) <= limit:
        assert read_regular(Path("/proc/self/status"), limit)
    else:
        with pytest.raises(InputError, match="over the"):
            read_regular(Path("/proc/self/status"), limit)
