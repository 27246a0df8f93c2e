"""Fuzz the publication policy over git history: random revisions, markings and defaults.

Each example is a real git repository in a temp folder: a few briefs, each committed a few
times with a random marking (or none, or a bad one), some revisions broken (unknown key,
YAML syntax, deep nesting, bad UTF-8), and a briefgen.toml whose `default_marking` and
`publish.max_marking` change at random between commits. Every revision carries a word of
its own in its title, BLUF and stance, and another in its commit subject and author. The
public site (every file, the search index decompressed) must hold no word of a revision
the policy restricts, judged as the policy promises: by the marking and default of its
own commit, unknown markings restricted. The brief as it stands (its last revision's
content) is judged by today's briefgen.toml, as any current brief is. `build`'s outputs
must hold no word of an earlier revision more restricted than the brief they are stamped
with.

BRIEFGEN_FUZZ_EXAMPLES sets the number of examples (default 10) and BRIEFGEN_FUZZ_SEED
the first seed, e.g. `BRIEFGEN_FUZZ_EXAMPLES=200 pytest tests/site_history/test_fuzz_policy.py`.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefgen.config import Config, find_config, load_config
from briefgen.errors import BriefgenError
from briefgen.history.revisions import revision_info
from briefgen.model import Marking
from briefgen.policy import highest
from briefgen.render.html import render_html
from briefgen.render.json_out import render_json
from briefgen.render.markdown_out import render_markdown
from briefgen.site import build_site
from briefgen.validate import load_brief
from tests.history.conftest import Workspace

from .test_policy import every_byte

EXAMPLES = int(os.environ.get("BRIEFGEN_FUZZ_EXAMPLES", "10"))
FIRST_SEED = int(os.environ.get("BRIEFGEN_FUZZ_SEED", "0"))
TODAY = dt.date(2024, 11, 20)
MARKINGS = list(Marking)
BROKEN = ["unknown key", "syntax", "lowercase marking", "deep nesting", "bad utf-8"]
UNPARSABLE = {"syntax", "deep nesting", "bad utf-8"}


def word(*numbers: int, end: str = "vq") -> str:
    """Return a word of letters only (search indexes split digits), unique to the numbers."""
    letters = "".join(chr(ord("a") + int(d)) for n in numbers for d in f"{n:03d}")
    return f"zx{letters}{end}"


def meta_word(content_word: str) -> str:
    """Return the word of a revision's commit subject and author."""
    return content_word.removesuffix("vq") + "wq"


@dataclass(frozen=True)
class Committed:
    """One committed revision: its brief, its word, its marking and its commit's default."""

    brief: int
    word: str
    marking: Marking | None  # as written; None when absent
    broken: str | None
    default: Marking | None  # of the commit's briefgen.toml; None when unreadable

    def judged(self, today_default: Marking) -> Marking | None:
        """Return the marking the policy must give the revision (None: unknown)."""
        if self.broken in UNPARSABLE or self.broken == "lowercase marking":
            return None
        if self.marking is not None:
            return self.marking
        # Without a marking, the commit's default or today's, whichever is stricter; an
        # unreadable briefgen.toml at the commit counts as TLP:RED.
        return highest([self.default or Marking.RED, today_default])

    def current(self, today_default: Marking) -> Marking | None:
        """Return the marking of this revision as the brief in the working tree (None: not
        published at all, being invalid)."""
        if self.broken is not None:
            return None
        return self.marking or today_default


def brief_text(title_word: str, marking: str | None, broken: str | None) -> bytes:
    """Return a brief revision's bytes, every field carrying the revision's word."""
    marking_line = f"marking: {marking}\n" if marking else ""
    if broken == "lowercase marking":
        marking_line = f"marking: {(marking or 'TLP:AMBER').lower()}\n"
    text = (
        f"schema: 1\ntitle: Brief {title_word} title\nas_of: 2024-10-31\n{marking_line}"
        f"bluf: Bottom line {title_word} here [@src].\n"
        "actors:\n  us:\n    name: United States\n"
        f"positions:\n  - actor: us\n    stance: Says {title_word} loudly [@src]\n    cite: src\n"
        f"sources:\n  src:\n    title: Source {title_word} report\n"
    )
    if broken == "unknown key":
        text += f"notes_{title_word}: 1\n"
    elif broken == "syntax":
        text += "oops: [unclosed\n"
    elif broken == "deep nesting":
        text += "deep: " + "[" * 80 + "]" * 80 + "\n"
    raw = text.encode()
    return raw + b"\xff\xfe\n" if broken == "bad utf-8" else raw


def config_text(rng: random.Random, maximum: Marking) -> str:
    """Return a briefgen.toml with a random default marking (sometimes none, or a bad one)."""
    roll = rng.random()
    lines = [f'[publish]\nmax_marking = "{maximum}"']
    if roll < 0.6:
        lines.insert(0, f'default_marking = "{rng.choice(MARKINGS)}"')
    elif roll < 0.7:
        lines.insert(0, 'default_marking = "tlp:amber"')  # unreadable: unknown default
    return "\n".join(lines) + "\n"


def commit_history(workspace: Workspace, rng: random.Random, seed: int) -> list[Committed]:
    """Commit random revisions of 1-3 briefs; return what each revision must be judged as."""
    committed: list[Committed] = []
    briefs = rng.randint(1, 3)
    toml: str | None = None
    for step in range(rng.randint(2, 7)):
        if step == 0 or rng.random() < 0.4:
            toml = config_text(rng, rng.choice(MARKINGS)) if rng.random() < 0.8 else None
            path = workspace.root / "briefs" / "briefgen.toml"
            path.parent.mkdir(parents=True, exist_ok=True)
            if toml is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(toml)
        number = rng.randrange(briefs)
        own = word(seed, step, number)
        marking = rng.choice([None, *MARKINGS])
        broken = rng.choice(BROKEN) if rng.random() < 0.3 else None
        (workspace.root / "briefs" / f"b{number}.yaml").write_bytes(
            brief_text(own, marking.value if marking else None, broken)
        )
        workspace.commit(f"Revise {meta_word(own)} brief", author=f"Writer {meta_word(own)}")
        default: Marking | None = Marking.CLEAR
        if toml is not None and "default_marking" in toml:
            default = Marking(toml.split('"')[1]) if "tlp:amber" not in toml else None
        committed.append(Committed(number, own, marking, broken, default))
    if toml is not None and "tlp:amber" in toml:  # today's briefgen.toml must be readable
        (workspace.root / "briefs" / "briefgen.toml").write_text(toml.split("\n", 1)[1])
        workspace.commit("Fix the configuration")
    return committed


def check_example(tmp_path: Path, seed: int) -> tuple[int, int]:
    """Run one example; return how many revisions were restricted and how many shown."""
    rng = random.Random(seed)
    root = tmp_path / f"repo{seed}"
    root.mkdir()
    workspace = Workspace(root)
    committed = commit_history(workspace, rng, seed)
    src = root / "briefs"
    config = load_config(find_config(src))
    judged = {c.word: c.judged(config.default_marking) for c in committed}
    last = {c.brief: c for c in committed}
    limit = config.publish.max_marking

    def above(marking: Marking | None) -> bool:
        return marking is None or marking.rank > limit.rank

    restricted = {meta_word(w) for w, m in judged.items() if above(m)}
    restricted |= {
        c.word
        for c in committed
        if above(c.current(config.default_marking) if c is last[c.brief] else judged[c.word])
    }
    out = tmp_path / f"site{seed}"
    build_site(src, out, config=config, today=TODAY, formats=("html", "md", "json"), jobs=1)
    assert (out / "pagefind").is_dir()  # the search index is scanned too, decompressed
    site = every_byte(out).lower()
    leaked = sorted(w for w in restricted if w.encode() in site)
    assert not leaked, f"seed {seed}: restricted revisions on the public site: {leaked}"
    shown = sum(1 for w in judged if w not in restricted and w.encode() in site)
    check_build(src, config, [c for c in committed if c is not last[c.brief]], judged)
    return len(restricted), shown


def check_build(
    src: Path, config: Config, committed: list[Committed], judged: dict[str, Marking | None]
) -> None:
    """Build each valid brief's HTML, Markdown and JSON; check no word of an earlier
    revision (`committed` leaves out the last ones) more restricted than the brief."""
    for path in sorted(src.glob("b*.yaml")):
        try:
            checked = load_brief(path, config=config)
        except BriefgenError:
            continue
        info = revision_info(path, current=checked.brief, config=config)
        stamp = checked.brief.effective_marking
        number = int(path.stem[1:])
        above = {
            c.word
            for c in committed
            if c.brief == number and ((m := judged[c.word]) is None or m.rank > stamp.rank)
        }
        for render in (render_html, render_markdown, render_json):
            output = render(checked, config=config, today=TODAY, revision=info).lower()
            assert not [w for w in above if w in output], (path, render.__name__)


@pytest.mark.parametrize("seed", range(FIRST_SEED, FIRST_SEED + EXAMPLES))
def test_no_restricted_revision_reaches_the_public_site(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    restricted, shown = check_example(tmp_path, seed)
    print(f"seed {seed}: {restricted} restricted revision(s) absent, {shown} shown")
