"""Write an extraction as a schema-1 draft brief in YAML, every item with its provenance."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from pydantic import BaseModel

from briefgen.extract.extraction import ArticleInfo, Extraction
from briefgen.extract.text import Article
from briefgen.model import Quantity, Source, SourceType
from briefgen.model.base import slugify

SECTIONS = ("forces", "positions", "events", "incidents", "open_questions")
_DATE_KEYS = frozenset({"as_of", "date", "published", "accessed"})
HEADER = """\
# Draft brief written by `briefgen extract` from {name}.
# Every item marked `unreviewed: true` was found by rules, not by a person: check it
# against its `extracted.sentence`, correct it, then delete `unreviewed: true`.
"""


LEAD_CHARS = 1_000
"""The draft's BLUF placeholder quotes at most this much of the article's lead."""


def lead_of(article: Article) -> str | None:
    """Return the lead: the first sentence long enough to be one (not a byline)."""
    for sentence in article.sentences:
        if len(sentence.text.split()) >= 8:
            return sentence.text
    return article.sentences[0].text if article.sentences else None


def title_of(article: Article, info: ArticleInfo) -> str:
    """Return the article's title: given, its headline, or the start of its lead."""
    if info.title:
        return info.title
    if article.title:
        return article.title
    lead = lead_of(article) or "Untitled article"
    return lead if len(lead) <= 90 else lead[:90].rsplit(" ", 1)[0] + " …"


def source_of(article: Article, info: ArticleInfo) -> Source:
    """Return the source entry every extracted item cites."""
    return Source(
        title=title_of(article, info),
        publisher=info.publisher,
        url=info.url,
        published=info.published,
        type=SourceType.NEWS,
    )


def item_data(item: BaseModel) -> dict[str, Any]:
    """Return an item as plain YAML-ready data, provenance last, strength as shorthand."""
    data = item.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    for key in ("strength", "fatalities", "wounded", "captured"):
        amount = data.get(key)
        if isinstance(amount, dict) and _reads_back(amount):
            data[key] = amount["as_stated"]
    if isinstance(data.get("cite"), list) and len(data["cite"]) == 1:
        data["cite"] = data["cite"][0]
    for key in ("id", "extracted", "unreviewed"):
        if key in data:
            data[key] = data.pop(key)
    result: dict[str, Any] = _with_dates(data)
    return result


def _reads_back(strength: dict[str, Any]) -> bool:
    """Tell whether the words as stated parse back to the same amount."""
    try:
        stated = Quantity.model_validate(strength["as_stated"])
        full = Quantity.model_validate(strength)
    except (KeyError, ValueError):
        return False
    return stated.same_amount(full) and stated.unit == full.unit


def _with_dates(data: Any, key: str = "") -> Any:
    if isinstance(data, dict):
        return {k: _with_dates(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_with_dates(v) for v in data]
    if key in _DATE_KEYS and isinstance(data, str) and len(data) == 10:
        return dt.date.fromisoformat(data)
    return data


class _Dumper(yaml.SafeDumper):
    """Indent lists under their key, as people write briefs, and keep spans on one line."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.SequenceNode:
    flow = bool(data) and all(isinstance(v, int) for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def dump_yaml(data: Any) -> str:
    """Dump data as block-style YAML that keeps key order and Unicode."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=92,
    )
    return text


def section_data(extraction: Extraction) -> dict[str, list[dict[str, Any]]]:
    """Return each non-empty list section as YAML-ready items."""
    sections: dict[str, list[dict[str, Any]]] = {}
    for name in SECTIONS:
        items = getattr(extraction, name)
        if items:
            sections[name] = [item_data(item) for item in items]
    return sections


def render_draft(
    article: Article,
    info: ArticleInfo,
    extraction: Extraction,
    *,
    name: str,
    today: dt.date,
) -> str:
    """Return the YAML text of a draft brief that validates with warnings only."""
    title = title_of(article, info)
    lead = lead_of(article) or title
    if len(lead) > LEAD_CHARS:  # a placeholder quotes the lead, never the whole article
        lead = lead[:LEAD_CHARS].rsplit(" ", 1)[0] + " …"
    header: dict[str, Any] = {
        "schema": 1,
        "id": slugify(title, max_length=48) or "draft",
        "title": title,
        "as_of": info.published or today,
        "bluf": f"TODO: write the bottom line up front. The article leads: {lead} "
        f"[@{info.source_key}]",
    }
    body: dict[str, Any] = {}
    if extraction.actors:
        body["actors"] = {key: item_data(actor) for key, actor in extraction.actors.items()}
    if extraction.places:
        body["places"] = {
            key: place.model_dump(mode="json", exclude_defaults=True)
            for key, place in sorted(extraction.places.items())
        }
    body.update(section_data(extraction))
    source = source_of(article, info).model_dump(mode="json", exclude_defaults=True)
    body["sources"] = {info.source_key: _with_dates(source)}
    parts = [HEADER.format(name=name), dump_yaml(header)]
    for key, value in body.items():
        parts.append("\n" + dump_yaml({key: value}))
    return "".join(parts)
