"""Short readable names for actors and items, as a reader sees them in a brief."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from briefgen.model import Brief, Event, Force, KeyJudgment, OpenQuestion, Position
from briefgen.model.actors import Actor
from briefgen.model.base import Item
from briefgen.render.dates import DateStyle, format_date
from briefgen.render.markdown import markdown_plain, smarten

SHORT_NAME = 16  # longer names give way to an alias in narrow table columns


def short_name(actor: Actor) -> str:
    """Return the actor's name, or its shortest alias when the name is long."""
    if len(actor.name) <= SHORT_NAME or not actor.aliases:
        return actor.name
    return min(actor.aliases, key=len)


def item_labeler(brief: Brief, style: DateStyle = "long") -> Callable[[str], str]:
    """Return a function naming an item by id, e.g. `Forces: North Korea in Kursk region`."""
    numbers = {kj.id: n for n, kj in enumerate(brief.key_judgments, 1)}
    by_id: dict[str, Item] = {item.id: item for item in brief.items()}

    def actor(actor_id: str) -> str:
        found = brief.actors.get(actor_id)
        return short_name(found) if found else actor_id

    def label(item_id: str) -> str:
        item = by_id.get(item_id)
        if isinstance(item, KeyJudgment):
            return f"Key judgment {numbers[item_id]}"
        if isinstance(item, Force):
            where = f" in {item.location.split(',')[0].strip()}" if item.location else ""
            return f"Forces: {actor(item.actor)}{where}"
        if isinstance(item, Position):
            when = f", {format_date(item.date, style)}" if item.date else ""
            return f"Positions: {actor(item.actor)} ({item.type.value}{when})"
        if isinstance(item, Event):
            return f"Timeline: {format_date(item.date, style)}"
        if isinstance(item, OpenQuestion):
            return f"Open question: {smarten(markdown_plain(item.question))}"
        return item_id  # validation guarantees references resolve; keep bugs visible

    return label


def topic_title(topic: str, titles: Mapping[str, str], actors: Mapping[str, Actor]) -> str:
    """Name a topic: its title in briefgen.toml, else its slug in words with actor names.

    `russia-ukraine-war` becomes `Russia–Ukraine war` when russia and ukraine are actors.
    """
    if topic in titles:
        return titles[topic]
    parts = topic.replace("_", "-").split("-")
    words: list[tuple[str, bool]] = []  # (word, is a name)
    start = 0
    while start < len(parts):
        for end in range(len(parts), start, -1):
            actor = actors.get("-".join(parts[start:end]))
            if actor is not None:
                words.append((actor.name, True))
                start = end
                break
        else:
            words.append((parts[start], False))
            start += 1
    text = ""
    for index, (word, is_name) in enumerate(words):
        if index:
            text += "\u2013" if is_name and words[index - 1][1] else " "
        text += word
    return text[:1].upper() + text[1:]
