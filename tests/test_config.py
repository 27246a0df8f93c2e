"""briefgen.toml: defaults, lookup, and errors that name the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.config import Config, find_config, load_config
from briefgen.errors import ConfigError
from briefgen.model import Marking
from tests.conftest import write


def test_defaults_without_a_file() -> None:
    config = load_config(None)
    assert config == Config()
    assert (config.paper, config.default_marking, config.publish.max_marking) == (
        "A4", Marking.CLEAR, Marking.CLEAR,
    )  # fmt: skip


def test_found_in_a_parent_folder_and_paths_are_relative_to_it(tmp_path: Path) -> None:
    write(tmp_path, "briefgen.toml", 'paper = "Letter"\ntemplates = "tpl"\n'
          '[publish]\nmax_marking = "TLP:GREEN"\n')  # fmt: skip
    nested = tmp_path / "briefs" / "2024"
    nested.mkdir(parents=True)
    (tmp_path / "tpl").mkdir()
    found = find_config(nested)
    assert found == tmp_path / "briefgen.toml"
    config = load_config(found)
    assert config.paper == "Letter"
    assert config.publish.max_marking is Marking.GREEN
    assert config.templates_dir == tmp_path / "tpl"


def test_search_stops_at_the_git_root(tmp_path: Path) -> None:
    write(tmp_path, "briefgen.toml", "")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    assert find_config(repo) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('title = "x"\npapr = "A4"\n', "briefgen.toml:2:1: error: papr: unknown key; did you "
         "mean 'paper'?"),
        ('paper = "A5"\n', "briefgen.toml:1:1: error: paper: Input should be 'A4' or 'Letter'"),
        ("[publish]\nmax_marking = \"TLP:WHITE\"\n", "briefgen.toml:2:1: error: "
         "publish.max_marking: 'TLP:WHITE' is TLP 1.0's name for what TLP 2.0 calls "
         "TLP:CLEAR; write TLP:CLEAR"),
        ('title = "x\n', "briefgen.toml:1:11: error: TOML syntax error"),
        ("[print]\ncontents_after_page = 3\n", "briefgen.toml:2:1: error: "
         "print.contents_after_page: unknown key; did you mean 'contents_after_pages'?"),
        ('[style]\naccent = "blue"\n', "briefgen.toml:2:1: error: style.accent:"),
        ('[print]\npdf_standard = "a-1z"\n', "briefgen.toml:2:1: error: print.pdf_standard:"),
        ('date_style = "fr"\n', "briefgen.toml:1:1: error: date_style:"),
    ],
)  # fmt: skip
def test_errors_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "briefgen.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).replace(str(tmp_path) + "/", "").startswith(message)


def test_house_style_and_print_settings(tmp_path: Path) -> None:
    path = write(tmp_path, "briefgen.toml", '[style]\naccent = "#8a1c00"\nfont = "serif"\n'
                 'logo = "logo.svg"\n[print]\nlegends = false\n[topics]\n'
                 '"north-korea" = "The DPRK"\n')  # fmt: skip
    config = load_config(path)
    assert config.style.font == "serif" and config.logo_path == tmp_path / "logo.svg"
    assert not config.print.legends and config.print.pdf_standard == "ua-1"
    assert config.topics == {"north-korea": "The DPRK"}
