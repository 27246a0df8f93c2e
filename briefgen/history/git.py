"""The one place briefgen runs git: repository lookup, file logs and batched blob reads.

Every function runs a bounded number of `git` processes (named in its docstring) so a
build's cost in git calls does not grow with the number of revisions or briefs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from briefgen.errors import GitError, display_path, printable

# One commit header in `git log -z --format`: a marker token, then five fields, every one
# ended by NUL. Git never puts NUL in a subject, an author or a path, so no text a user
# commits (control characters included) can be taken for a separator.
_HEADER = "\x01commit"
_FIELDS = 5
_LOG_FORMAT = "--format=%x01commit%x00%H%x00%h%x00%aI%x00%an%x00%s%x00"
GIT_TIMEOUT = 300.0
"""Seconds one git command may run before it is killed: a hang must never stall a build."""
_MISSING_GIT = "git is not installed or not on PATH; install git (https://git-scm.com) and retry"


@dataclass(frozen=True)
class Repo:
    """A git working tree: its top folder and whether it is a shallow clone."""

    root: Path
    shallow: bool = False
    shallow_commits: frozenset[str] = frozenset()

    def relpath(self, path: Path) -> str:
        """Return a path inside the working tree relative to its top, POSIX style."""
        try:
            return PurePosixPath(path.resolve().relative_to(self.root)).as_posix()
        except ValueError:
            raise GitError(
                f"{display_path(path)}: outside the git repository at {display_path(self.root)} "
                "(a symlink?); give the path of the file inside the working tree"
            ) from None


@dataclass(frozen=True)
class FileChange:
    """One file touched by a commit: its status letter, path and path before a rename."""

    status: str
    path: str
    old_path: str | None = None


@dataclass(frozen=True)
class Commit:
    """One commit from `git log`, with the files it touched that the log was asked about."""

    commit: str
    short: str
    date: str
    author: str
    subject: str
    files: tuple[FileChange, ...] = field(default_factory=tuple)


def run_git(repo_dir: Path, args: Sequence[str], *, stdin: bytes | None = None) -> bytes:
    """Run one `git -C repo_dir ARGS` and return its output; raise GitError on failure."""
    executable = shutil.which("git")
    if executable is None:
        raise GitError(f"{display_path(repo_dir)}: {_MISSING_GIT}")
    # Literal pathspecs: a brief named `[draft].yaml` is a file name, not a pattern.
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_LITERAL_PATHSPECS": "1"}
    try:
        done = subprocess.run(
            [executable, "-C", str(repo_dir), "-c", "core.quotePath=false", *args],
            input=stdin,
            capture_output=True,
            env=env,
            check=False,
            timeout=GIT_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise GitError(
            f"{display_path(repo_dir)}: git {args[0] if args else ''} gave no answer in "
            f"{GIT_TIMEOUT:.0f} s and was stopped; check the repository (a lock, a hook, a "
            "network file system) and retry"
        ) from None
    except OSError as exc:
        raise GitError(f"{display_path(repo_dir)}: cannot run git ({exc}); {_MISSING_GIT}") from exc
    if done.returncode != 0:
        if b"dubious ownership" in done.stderr:
            raise GitError(
                f"{display_path(repo_dir)}: git refuses to read a repository owned by another "
                f"user; if you trust it, run `git config --global --add safe.directory "
                f"{repo_dir}`"
            )
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = problem[-1] if problem else f"exit status {done.returncode}"
        raise GitError(f"{display_path(repo_dir)}: git {args[0]} failed: {detail}")
    return done.stdout


def find_repo(path: Path) -> Repo:
    """Find the working tree holding a file or folder (1 git call); raise GitError outside one."""
    start = path.absolute()  # not resolved: a symlinked brief belongs to its link's repo
    folder = start if start.is_dir() else start.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent  # a deleted brief's folder may be gone too
    try:
        out = run_git(
            folder,
            ["rev-parse", "--show-toplevel", "--is-shallow-repository", "--git-path", "shallow"],
        )
    except GitError as exc:
        if "not a git repository" in str(exc):
            raise GitError(
                f"{display_path(path)}: not inside a git repository; run `git init` and commit "
                "the brief, or give a brief that is in a git working tree"
            ) from exc
        raise
    top, shallow, shallow_file = out.decode("utf-8").splitlines()[:3]
    root = Path(top).resolve()
    commits: frozenset[str] = frozenset()
    if shallow == "true":
        # Reading the list of cut-off commits is cheaper than another git process.
        shallow_path = Path(shallow_file)
        if not shallow_path.is_absolute():
            shallow_path = folder / shallow_path
        if shallow_path.is_file():
            commits = frozenset(shallow_path.read_text("ascii").split())
    return Repo(root, shallow == "true", commits)


@dataclass(frozen=True)
class GitDirs:
    """Where a working tree keeps its git data: its own git dir and the one worktrees share."""

    git_dir: Path  # HEAD and the index of this working tree
    common_dir: Path  # refs, packed-refs and objects; the same as git_dir without worktrees


def find_git_dirs(path: Path) -> GitDirs:
    """Find the git dirs of the working tree holding a path (1 git call); GitError outside one."""
    folder = path.absolute()
    folder = folder if folder.is_dir() else folder.parent
    # --show-toplevel fails in a bare repository or inside .git: no working tree to serve.
    out = run_git(folder, ["rev-parse", "--show-toplevel", "--git-dir", "--git-common-dir"])
    git_dir, common_dir = out.decode("utf-8").splitlines()[1:3]
    # Relative answers (".git", "../.git") are relative to the folder git ran in;
    # GIT_DIR and linked worktrees give absolute ones, which `/` keeps as they are.
    return GitDirs((folder / git_dir).resolve(), (folder / common_dir).resolve())


def log_file(repo: Repo, relpath: str, *, start: str | None = None) -> list[Commit]:
    """List the commits that touched one file, newest first, following renames (1 git call)."""
    args = ["log", "--follow", "--name-status", "-z", "--cc", _LOG_FORMAT]
    if start:
        args.append(start)
    return _parse_log(_log(repo, [*args, "--", relpath]))


def log_folder(
    repo: Repo, relfolder: str, *, start: str | None = None, since: str | None = None
) -> list[Commit]:
    """List the commits that touched any file under a folder, newest first (1 git call).

    `start` is the commit to read back from (default HEAD); with `since`, only commits
    after it are listed (`git log SINCE..START`).
    """
    args = ["log", "--name-status", "-z", "-M", "--cc", _LOG_FORMAT]
    if since:
        args.append(f"{since}..{start or 'HEAD'}")
    elif start:
        args.append(start)
    return _parse_log(_log(repo, [*args, "--", relfolder or "."]))


def resolve_commit(repo: Repo, rev: str, *, for_path: Path | None = None) -> str:
    """Return the full hash of a revision such as HEAD~1, a tag or a short hash (1 git call)."""
    where = display_path(for_path or repo.root)
    if rev.startswith("-"):
        raise GitError(f"{where}: {rev!r} is not a git revision; give a hash, tag, HEAD~N or rN")
    try:
        out = run_git(
            repo.root, ["rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"]
        )
    except GitError as exc:
        raise GitError(
            f"{where}: unknown revision {rev!r}; give a commit hash, a tag, "
            "HEAD~N or a revision number like r3 (see `briefgen history BRIEF`)"
        ) from exc
    return out.decode("ascii").strip()


def descends_in_line(repo: Repo, old: str, new: str) -> bool:
    """Tell whether `new` is `old` or follows it through commits of one parent each (1 git call).

    False when `new` is before `old`, on another branch or after a merge, or when `old` is
    no longer in the repository (an amended commit that was pruned).
    """
    try:
        out = run_git(repo.root, ["rev-list", "--parents", new, f"^{old}", "--"])
    except GitError:
        return False
    parents = {line.split()[0]: line.split()[1:] for line in out.decode("ascii").splitlines()}
    commit, seen = new, 0
    while commit in parents and len(parents[commit]) == 1:
        commit, seen = parents[commit][0], seen + 1
    return commit == old and seen == len(parents)


def ancestors(repo: Repo, commit: str) -> set[str]:
    """Return the hashes of a commit and every commit before it (1 git call)."""
    return set(run_git(repo.root, ["rev-list", commit]).decode("ascii").split())


def read_blobs(repo: Repo, specs: Iterable[str]) -> list[bytes | None]:
    """Read many `COMMIT:PATH` blobs in one `git cat-file --batch` (None when absent)."""
    wanted = list(specs)
    if not wanted:
        return []
    if any("\n" in spec for spec in wanted):
        raise GitError("a path with a line break cannot be read from git history; rename it")
    out = run_git(
        repo.root, ["cat-file", "--batch"], stdin="".join(f"{s}\n" for s in wanted).encode()
    )
    blobs: list[bytes | None] = []
    pos = 0
    for _ in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].decode("utf-8", "replace").split()
        pos = end + 1
        if header[-1] in ("missing", "ambiguous"):  # the spec itself may hold spaces
            blobs.append(None)
            continue
        size = int(header[2])
        # A tree or commit (e.g. a folder's path) is not a file: skip its body.
        blobs.append(out[pos : pos + size] if header[1] == "blob" else None)
        pos += size + 1
    return blobs


def changed_paths(repo: Repo, relpaths: Sequence[str]) -> set[str]:
    """Return which paths differ from HEAD in the working tree or index (1 git call)."""
    if not relpaths:
        return set()
    out = run_git(
        repo.root,
        ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *relpaths],
    )
    found: set[str] = set()
    tokens = out.decode("utf-8", "replace").split("\0")
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if len(token) < 4:
            continue
        found.add(token[3:])
        if token[0] in "RC":
            found.add(tokens[i])  # the path before the rename follows
            i += 1
    return found


def _log(repo: Repo, args: list[str]) -> bytes:
    """Run git log; a repository without commits has an empty history, not an error."""
    try:
        return run_git(repo.root, args)
    except GitError as exc:
        if "does not have any commits" in str(exc):
            return b""
        raise


def _parse_log(out: bytes) -> list[Commit]:
    """Parse `git log -z --name-status` output made with _LOG_FORMAT.

    The output is a stream of NUL-ended tokens: a header (the marker and five fields), then
    for each file a status token and one path (two for a rename or copy). Reading it
    token by token, by position, never mistakes a path or a subject for a header.
    """
    tokens = out.decode("utf-8", "replace").split("\0")
    records: list[tuple[list[str], list[FileChange]]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        i += 1
        if token == _HEADER:
            # Controls in a subject or name would break pages, feeds (XML) and terminals.
            records.append(([printable(t) for t in tokens[i : i + _FIELDS]], []))
            i += _FIELDS
        elif not token:
            continue
        elif token[0] in "RC" and token[1:].isdigit():
            records[-1][1].append(FileChange(token[0], tokens[i + 1], tokens[i]))
            i += 2
        else:
            # Combined diffs of merges give one letter per parent, e.g. "MM".
            records[-1][1].append(FileChange(token[-1], tokens[i]))
            i += 1
    return [
        Commit(full, short, date, author, subject, tuple(files))
        for (full, short, date, author, subject), files in records
    ]
