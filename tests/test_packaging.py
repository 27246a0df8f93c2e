"""What a new user gets: a licence, type information, the schema, and a README that works."""

from __future__ import annotations

import re
import tomllib

import yaml

from briefgen.validate.schema import brief_schema_json, packaged_schema
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_licence_file_matches_pyproject() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def test_the_package_says_it_is_typed() -> None:
    assert (ROOT / "briefgen" / "py.typed").is_file()
    assert PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["briefgen"]


def test_the_wheel_ships_the_schema_that_new_briefs_point_at() -> None:
    include = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert include["schema/brief.schema.json"] == "briefgen/brief.schema.json"
    assert packaged_schema().read_text(encoding="utf-8") == brief_schema_json()


def test_readme_says_how_to_get_briefgen_on_path() -> None:
    for words in (".venv/bin/briefgen", "source .venv/bin/activate", "pipx install .",
                  "pip install ."):  # fmt: skip
        assert words in README, words


def test_readme_pre_commit_hook_is_no_placeholder() -> None:
    assert "OWNER" not in README
    blocks = re.findall(r"```yaml\n(.*?)```", README, re.DOTALL)
    [config] = [yaml.safe_load(b) for b in blocks if "hooks:" in b]
    [repo] = config["repos"]
    if repo["repo"] == "local":
        [hook] = repo["hooks"]
        assert hook["entry"] == "briefgen validate" and hook["language"] == "system"
        assert re.search(hook["files"], "briefs/x.yaml")
        assert re.search(hook["exclude"], "briefs/actors.yaml")
    else:
        assert repo["repo"].startswith("https://") and repo["rev"]
