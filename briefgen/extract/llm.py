"""An extractor that asks a language model behind an OpenAI-compatible chat endpoint."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from typing import Any

from briefgen.config import LanguageModel
from briefgen.errors import BriefgenError
from briefgen.extract.actors import state_id
from briefgen.extract.extraction import ArticleInfo, Extraction, Rejection
from briefgen.extract.text import Article, Sentence
from briefgen.model import (
    Actor,
    ActorKind,
    Force,
    OpenQuestion,
    Position,
    PositionType,
    Provenance,
    parse_quantity,
)
from briefgen.model.base import slugify


class ModelError(BriefgenError):
    """The language model endpoint is unreachable or answered something unusable."""


_KINDS = [k.value for k in ActorKind]
SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["positions", "forces", "open_questions"],
    "properties": {
        "positions": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["sentence", "speaker", "speaker_kind", "type", "stance", "quote"],
                "properties": {
                    "sentence": {"type": "integer", "description": "Number of the sentence."},
                    "speaker": {"type": "string", "description": "Name as the text gives it."},
                    "speaker_kind": {"enum": _KINDS},
                    "type": {"enum": [t.value for t in PositionType]},
                    "stance": {"type": "string", "description": "What was said, one clause."},
                    "quote": {
                        "type": ["string", "null"],
                        "description": "Words inside quotation marks, copied exactly, or null.",
                    },
                },
            },
        },
        "forces": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["sentence", "actor", "actor_kind", "strength", "location", "status"],
                "properties": {
                    "sentence": {"type": "integer"},
                    "actor": {"type": "string"},
                    "actor_kind": {"enum": _KINDS},
                    "strength": {
                        "type": "string",
                        "description": 'Amount and unit as stated, e.g. "about 3,000 troops".',
                    },
                    "location": {"type": ["string", "null"]},
                    "status": {"enum": ["deployed", "withdrawn", "planned", None]},
                },
            },
        },
        "open_questions": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["sentence", "question"],
                "properties": {"sentence": {"type": "integer"}, "question": {"type": "string"}},
            },
        },
    },
}
INSTRUCTIONS = """\
You extract facts from a news article for an intelligence brief. The article is given as
numbered sentences. Return JSON that fits the schema:
- positions: what a named or described speaker said, with the number of the sentence that
  says it. `quote` holds only words that stand inside quotation marks, copied exactly;
  otherwise null. Never join separate quoted fragments.
- forces: military or police strengths with a number (troops, personnel, vessels, aircraft,
  vehicles), as stated, with the place and status the same sentence gives. Casualties (killed,
  wounded, captured) are not forces.
- open_questions: what the article says is unclear, undecided, expected or warned of,
  phrased as a question.
Use only what the sentences say."""


class LLMExtractor:
    """Extraction by a language model; its items still pass briefgen's checks."""

    def __init__(self, settings: LanguageModel) -> None:
        self.settings = settings

    def extract(self, article: Article, info: ArticleInfo) -> Extraction:
        """Return the items the model proposes, tied to the article's own sentences."""
        sentences = list(article.sentences)
        numbered = "\n".join(f"[{i}] {s.text}" for i, s in enumerate(sentences, 1))
        answer = self._ask(numbered)
        return _Reader(sentences, info).read(answer)

    def _ask(self, numbered: str) -> dict[str, Any]:
        settings = self.settings
        body = {
            "model": settings.model,
            "temperature": 0,
            "seed": 0,
            "messages": [
                {"role": "system", "content": INSTRUCTIONS},
                {"role": "user", "content": numbered},
            ],
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "briefgen_extraction", "strict": True, "schema": SCHEMA},
            },
        }
        url = settings.endpoint.rstrip("/") + "/chat/completions"
        headers = {"Content-Type": "application/json"}
        if settings.api_key_env:
            key = os.environ.get(settings.api_key_env)
            if not key:
                raise ModelError(
                    f"briefgen.toml: error: extract.llm.api_key_env names {settings.api_key_env!r},"
                    " which is not set; export it or remove api_key_env"
                )
            headers["Authorization"] = f"Bearer {key}"
        request = urllib.request.Request(
            url, data=json.dumps(body).encode(), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.timeout) as response:
                raw = response.read()
        except (TimeoutError, urllib.error.URLError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ModelError(
                f"briefgen.toml: error: extract.llm.endpoint {settings.endpoint!r} is unreachable"
                f" ({reason}); start the model server, fix the endpoint, or set"
                " extract.llm.enabled = false to use the rules"
            ) from exc
        try:
            content = json.loads(raw)["choices"][0]["message"]["content"]
            answer = json.loads(content)
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise ModelError(
                f"{url}: error: the model's answer is not JSON of the expected shape ({exc});"
                " use a model and server that support response_format json_schema"
            ) from exc
        if not isinstance(answer, dict):
            raise ModelError(f"{url}: error: the model's answer is not a JSON object")
        return answer


class _Reader:
    """Turn the model's JSON into model items, each on one of the article's sentences."""

    def __init__(self, sentences: list[Sentence], info: ArticleInfo) -> None:
        self.sentences = sentences
        self.info = info
        self.result = Extraction()

    def read(self, answer: dict[str, Any]) -> Extraction:
        for entry in _entries(answer, "positions"):
            self._position(entry)
        for entry in _entries(answer, "forces"):
            self._force(entry)
        for entry in _entries(answer, "open_questions"):
            sentence = self._sentence(entry, "open_questions")
            question = str(entry.get("question") or "").strip()
            if sentence is not None and question:
                self.result.open_questions.append(
                    OpenQuestion(question=question, extracted=self._seen(sentence), unreviewed=True)
                )
        return self.result

    def _position(self, entry: dict[str, Any]) -> None:
        sentence = self._sentence(entry, "positions")
        speaker = str(entry.get("speaker") or "").strip()
        stance = str(entry.get("stance") or "").strip()
        if sentence is None or not speaker or not stance:
            return
        actor = self._actor(speaker, entry.get("speaker_kind"), sentence)
        kind = entry.get("type")
        quote = entry.get("quote")
        self.result.positions.append(
            Position(
                actor=actor,
                type=_position_type(kind),
                stance=stance,
                quote=str(quote) if quote else None,
                cite=(self.info.source_key,),
                extracted=self._seen(sentence),
                unreviewed=True,
            )
        )

    def _force(self, entry: dict[str, Any]) -> None:
        sentence = self._sentence(entry, "forces")
        stated = str(entry.get("strength") or "").strip()
        if sentence is None or not stated:
            return
        try:
            parse_quantity(stated)
        except ValueError:
            self.result.rejected.append(
                Rejection("forces", f"{stated!r} is not a quantity", sentence.text)
            )
            return
        actor = self._actor(str(entry.get("actor") or ""), entry.get("actor_kind"), sentence)
        self.result.forces.append(
            Force.model_validate(
                {
                    "actor": actor,
                    "strength": stated,
                    "location": entry.get("location") or None,
                    "status": entry.get("status") or None,
                    "as_of": self.info.published,
                    "cite": self.info.source_key,
                    "extracted": self._seen(sentence),
                    "unreviewed": True,
                }
            )
        )

    def _sentence(self, entry: dict[str, Any], section: str) -> Sentence | None:
        number = entry.get("sentence")
        if isinstance(number, int) and 1 <= number <= len(self.sentences):
            return self.sentences[number - 1]
        self.result.rejected.append(
            Rejection(section, f"the model cited sentence {number!r}, which does not exist", "")
        )
        return None

    def _actor(self, name: str, kind: object, sentence: Sentence) -> str:
        actor_id = state_id(name) or _person_id(name, kind) or "unnamed"
        if actor_id not in self.result.actors:
            self.result.actors[actor_id] = Actor(
                name=name or "Unnamed",
                kind=ActorKind(kind) if kind in _KINDS else ActorKind.OTHER,
                extracted=self._seen(sentence),
                unreviewed=True,
            )
        return actor_id

    def _seen(self, sentence: Sentence) -> Provenance:
        # The span is left for briefgen's checks to locate; a model's offsets are not trusted.
        return Provenance(source=self.info.source_key, sentence=sentence.text, span=(0, 0))


def _position_type(kind: object) -> PositionType:
    for member in PositionType:
        if member.value == kind:
            return member
    return PositionType.STATEMENT


def _person_id(name: str, kind: object) -> str:
    words = name.split()
    if kind == ActorKind.PERSON.value and len(words) > 1:
        return slugify(words[-1])
    return slugify(name, max_length=48)


def _entries(answer: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = answer.get(key)
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
