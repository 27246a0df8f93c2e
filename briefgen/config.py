"""The project configuration, `briefgen.toml`, found beside or above the briefs."""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from briefgen.errors import ConfigError, InputError, display_path
from briefgen.model.vocab import Marking, old_marking_hint
from briefgen.reader import read_regular

CONFIG_NAME = "briefgen.toml"
MAX_CONFIG_BYTES = 1024 * 1024


class PublishPolicy(BaseModel):
    """What may go on the public website."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_marking: Marking = Field(
        default=Marking.CLEAR, description="Most restricted marking that may be published."
    )


class Pagination(BaseModel):
    """How many items each page of the website's long listings shows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    per_page: int = Field(
        default=50, ge=1, strict=True, description="Briefs per home and topic page."
    )
    groups_per_page: int = Field(
        default=20,
        ge=1,
        strict=True,
        description="Briefs per actor page and questions board page, each with all its items.",
    )


PdfStandard = Literal["ua-1", "ua-2", "a-2b", "a-3b", "a-3a", "none"]


class PrintSettings(BaseModel):
    """What the printed brief (PDF) includes, and the PDF standard it follows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    contents_after_pages: int = Field(
        default=4,
        ge=0,
        strict=True,
        description="Print a contents list only when the PDF has more pages than this.",
    )
    legends: bool = Field(
        default=True,
        description="Add the ICD 203 likelihood and Admiralty grading legends as an annex.",
    )
    pdf_standard: PdfStandard = Field(
        default="ua-1",
        description="PDF/UA-1 (tagged, accessible), PDF/A (archival, tagged too) or none.",
    )


class Style(BaseModel):
    """House style applied to the HTML and PDF without copying templates."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    accent: str = Field(
        default="#0b4f8a",
        pattern=r"^#(?:[0-9a-fA-F]{3}){1,2}$",
        description="Accent colour as #rgb or #rrggbb.",
    )
    font: Literal["sans", "serif"] = Field(default="sans", description="Body text face.")
    logo: Path | None = Field(
        default=None, description="Logo image (SVG or PNG) beside briefgen.toml, for the header."
    )


class LanguageModel(BaseModel):
    """An OpenAI-compatible chat endpoint `briefgen extract` may use; off unless enabled."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = Field(default=False, description="Use the model instead of the rules.")
    endpoint: str = Field(
        default="http://127.0.0.1:11434/v1",
        description="Base URL of the API, ending before /chat/completions (Ollama, vLLM, ...).",
    )
    model: str = Field(default="", description="Model name the endpoint serves.")
    api_key_env: str | None = Field(
        default=None, description="Environment variable holding the API key, if one is needed."
    )
    timeout: float = Field(default=120.0, gt=0, description="Seconds to wait for an answer.")


class ExtractSettings(BaseModel):
    """Settings of `briefgen extract`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    llm: LanguageModel = LanguageModel()


class Config(BaseModel):
    """Project settings; every key is optional and unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = "Briefs"
    base_url: str = Field(default="", description="Absolute URL of the published site.")
    paper: Literal["A4", "Letter"] = "A4"
    default_marking: Marking = Marking.CLEAR
    templates: Path | None = Field(default=None, description="Folder of template overrides.")
    language: str = "en"
    date_style: Literal["long", "us", "iso"] = Field(
        default="long", description="31 October 2024 (long), October 31, 2024 (us) or ISO."
    )
    topics: dict[str, str] = Field(
        default_factory=dict, description="Titles of topics by slug, e.g. russia-ukraine-war."
    )
    print: PrintSettings = PrintSettings()
    style: Style = Style()
    publish: PublishPolicy = PublishPolicy()
    pagination: Pagination = Pagination()
    extract: ExtractSettings = ExtractSettings()
    root: Path = Field(default=Path(), exclude=True)

    @property
    def templates_dir(self) -> Path | None:
        """Return the override folder as an absolute path, if any."""
        if self.templates is None:
            return None
        return self.templates if self.templates.is_absolute() else self.root / self.templates

    @property
    def logo_path(self) -> Path | None:
        """Return the logo as an absolute path, if any."""
        logo = self.style.logo
        if logo is None:
            return None
        return logo if logo.is_absolute() else self.root / logo


def find_config(start: Path) -> Path | None:
    """Return the nearest briefgen.toml in `start` or a folder above it."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def load_config(path: Path | None) -> Config:
    """Read and check a briefgen.toml, or return the defaults when there is none."""
    if path is None:
        return Config()
    shown = display_path(path)
    try:
        text = read_regular(path, MAX_CONFIG_BYTES).decode("utf-8")
        data = tomllib.loads(text)
    except (InputError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{shown}:1:1: error: cannot read config: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's tomllib puts the place only in the message text.
        where = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, col = (int(where[1]), int(where[2])) if where else (1, 1)
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(
            f"{shown}:{line}:{col}: error: TOML syntax error: {problem}; fix the syntax"
        ) from exc
    try:
        config = Config.model_validate({**data, "root": path.parent})
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            key = str(err["loc"][-1]) if err["loc"] else ""
            line = _line_of(text, key)
            dotted = ".".join(str(p) for p in err["loc"])
            if err["type"] == "extra_forbidden":
                allowed = [
                    *Config.model_fields,
                    *PublishPolicy.model_fields,
                    *Pagination.model_fields,
                    *PrintSettings.model_fields,
                    *Style.model_fields,
                    *ExtractSettings.model_fields,
                    *LanguageModel.model_fields,
                ]
                close = difflib.get_close_matches(key, allowed, n=1)
                fix = f"did you mean {close[0]!r}?" if close else "remove it"
                lines.append(f"{shown}:{line}:1: error: {dotted}: unknown key; {fix}")
            elif err["loc"][:1] == ("pagination",) and len(err["loc"]) == 2:
                bad = json.dumps(err["input"])
                lines.append(
                    f"{shown}:{line}:1: error: {dotted}: {bad} is not a whole number of at "
                    f"least 1; write e.g. {key} = {getattr(Pagination(), key)}"
                )
            elif hint := old_marking_hint(err.get("input")):
                lines.append(f"{shown}:{line}:1: error: {dotted}: {hint}")
            else:
                lines.append(f"{shown}:{line}:1: error: {dotted}: {err['msg']}")
        raise ConfigError("\n".join(lines)) from exc
    _check_templates(config, f"{shown}:{_line_of(text, 'templates')}:1")
    return config


def _check_templates(config: Config, where: str) -> None:
    """Refuse a templates folder that is missing or outside the project's folder.

    Templates are code, and the PDF renderer may read files under them: a folder outside
    the project (`/etc`) would widen what a build can read.
    """
    folder = config.templates_dir
    if folder is None:
        return
    project = config.root.resolve()
    if not folder.resolve().is_relative_to(project):
        raise ConfigError(
            f"{where}: error: templates: {str(config.templates)!r} is outside the project "
            f"folder {display_path(project)}; keep template overrides inside it"
        )
    if not folder.is_dir():
        raise ConfigError(
            f"{where}: error: templates: {str(config.templates)!r} is not a folder; create "
            "it or remove the `templates` line"
        )


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith((f"{key} ", f"{key}=", f"[{key}]")):
            return number
    return 1
