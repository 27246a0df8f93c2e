"""Output folders: which are refused, which are allowed, and where their caches live."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import UnsafeOutput
from briefgen.outdir import cache_dir_for, check_out_dir

# (sources, output folder, refused with) in a repository at repo/ with briefs in repo/briefs.
CASES = [
    (["briefs"], "site", None),
    (["briefs"], "out/site", None),
    (["briefs/x.yaml"], "out", None),
    (["x.yaml"], "out", None),  # a brief at the top: an output folder below it is fine
    (["briefs/x.yaml"], "briefs/out", None),
    (["briefs"], "briefs", "is the sources folder"),
    (["briefs/x.yaml"], "briefs", "is the sources folder"),
    (["briefs"], "briefs/site", "is inside the sources folder"),
    (["briefs"], ".", "holds the sources"),
    (["briefs/x.yaml"], ".", "holds the sources"),
    (["briefs", "more"], "more", "is the sources folder"),
    (["more"], ".", "holds the sources"),
    (["briefs"], "..", "holds the sources"),
    (["briefs"], "pages", "holds the git work tree"),  # a checkout of its own
    (["briefs"], "a-file", "the output path is a file"),
]


@pytest.mark.parametrize(("sources", "out", "refused"), CASES)
def test_output_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sources: list[str], out: str, refused: str
) -> None:
    repo = tmp_path / "repo"
    for folder in ("briefs", "more", ".git", "pages/.git"):
        (repo / folder).mkdir(parents=True)
    for name in ("briefs/x.yaml", "x.yaml", "a-file"):
        (repo / name).write_text("schema: 1\n")
    monkeypatch.chdir(repo)
    paths = [Path(s) for s in sources]
    if refused is None:
        assert check_out_dir(Path(out), paths) == (repo / out).resolve()
    else:
        with pytest.raises(UnsafeOutput, match=refused) as caught:
            check_out_dir(Path(out), paths)
        assert caught.value.exit_code == 2
        assert str(caught.value).startswith(f"{out}: error: ")


def test_each_output_folder_has_its_own_cache(tmp_path: Path, user_cache: Path) -> None:
    first, second = cache_dir_for(tmp_path / "a" / "site"), cache_dir_for(tmp_path / "b" / "site")
    assert first != second
    assert first.parent == second.parent == user_cache / "briefgen" / "sites"
    assert first.name.startswith("site-")
    assert cache_dir_for(tmp_path / "a" / "site") == first
