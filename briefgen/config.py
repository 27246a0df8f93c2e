"""The project configuration, `briefgen.toml`, found beside or above the briefs."""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from briefgen.errors import ConfigError, display_path
from briefgen.model.vocab import Marking

CONFIG_NAME = "briefgen.toml"


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
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
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
        return Config.model_validate({**data, "root": path.parent})
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
            else:
                lines.append(f"{shown}:{line}:1: error: {dotted}: {err['msg']}")
        raise ConfigError("\n".join(lines)) from exc


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith((f"{key} ", f"{key}=", f"[{key}]")):
            return number
    return 1
