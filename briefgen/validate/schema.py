"""The JSON Schema of the brief format, for editors and other tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefgen.model import Brief

SCHEMA_ID = "https://briefgen.example/schema/brief-1.json"
SCHEMA_FILE = Path("schema") / "brief.schema.json"
"""Where a checkout keeps the committed schema; the wheel ships it as briefgen/brief.schema.json."""


def packaged_schema() -> Path:
    """Return the schema file shipped with briefgen (in the wheel, or the source tree)."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / SCHEMA_FILE.name
    return packaged if packaged.is_file() else package.parent / SCHEMA_FILE


def brief_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a brief file."""
    schema = Brief.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def brief_schema_json() -> str:
    """Return the JSON Schema as stable, indented JSON text."""
    return json.dumps(brief_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
