"""Tidy the forces of one article and ask what they and its casualty claims leave open."""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefgen.extract.actors import ActorIndex, Mention
from briefgen.extract.gazetteer import gazetteer_entry
from briefgen.extract.rules import forces
from briefgen.model import ActorKind, Force, Incident, Provenance, Quantity
from briefgen.model.vocab import Qualifier

_BORDER_WITH = re.compile(r"\b(?:border|frontier)\s+with\s+(?:the\s+)?(?P<other>.+)$")


def drop_restated(listed: list[Force]) -> list[Force]:
    """Drop a force without a number where the article gives the same one with a number."""
    numbered = {
        (f.actor, f.location, forces.unit_kind(f.strength.unit or ""))
        for f in listed
        if f.strength is not None
    }
    return [
        f
        for f in listed
        if f.strength is not None
        or (f.actor, f.location, forces.unit_kind(f.notes or "")) not in numbered
    ]


def place_by_actor(listed: list[Force]) -> None:
    """Place a counted force the text does not place where the same owner's force stands.

    "Pakistan moved troops to its border with India. ... as many as 20,000 Pakistani
    troops were involved": the figure restates a deployment the article placed, the
    nearest earlier one first, else the nearest later one (a withdrawal only for one).
    """
    for index, force in enumerate(listed):
        if force.location or force.strength is None:
            continue
        same = [
            (abs(index - other) + (0 if other < index else 0.5), f.location)
            for other, f in enumerate(listed)
            if f.actor == force.actor
            and f.location
            and (f.status == "withdrawn") == (force.status == "withdrawn")
        ]
        if same:
            listed[index] = force.model_copy(update={"location": min(same)[1]})


def owner_name(index: ActorIndex, actor: str) -> str:
    """Return how a question names an owner: the demonym of a state, else its name."""
    entry = gazetteer_entry(actor)
    if entry is not None and entry.adjectives:
        return entry.adjectives[0]
    return index.ensure(actor).name if index.known(actor) else actor


def strength_questions(listed: list[Force], index: ActorIndex) -> Iterator[tuple[str, Provenance]]:
    """Ask how many, where the text leaves a strength open: hedged, unstated or contested."""
    by_actor: dict[str, list[Force]] = {}
    for force in listed:
        if force.status != "withdrawn":
            by_actor.setdefault(force.actor, []).append(force)
    for actor, owned in by_actor.items():
        stated = [f.strength for f in owned if f.strength is not None]
        amounts = {(q.value, q.min, q.max) for q in stated if q.unit == stated[0].unit}
        hedged = any(q.qualifier is not Qualifier.EXACT for q in stated)
        if not (hedged or len(amounts) > 1 or len(stated) < len(owned)):
            continue
        force = next((f for f in owned if f.location), owned[0])
        unit = (stated[0].unit or "troops") if stated else "troops"
        if forces.unit_kind(unit) == "people":
            unit = "troops"
        verb = "will be deployed" if force.status == "planned" else "are deployed"
        where = ""
        if force.location:
            along = re.match(r"(?:its|their|the)\s|border|frontier", force.location)
            # "along border with India": a bare common noun takes the article.
            bare = "the " if re.match(r"(?:border|frontier)\b", force.location) else ""
            where = f" {'along' if along else 'in'} {bare}{force.location}"
        if force.extracted is not None:
            yield f"How many {owner_name(index, actor)} {unit} {verb}{where}?", force.extracted


def response_questions(listed: list[Force], index: ActorIndex) -> Iterator[tuple[str, Provenance]]:
    """Ask how a state will answer troops its neighbour puts on their shared border."""
    for force in listed:
        border = _BORDER_WITH.search(force.location or "")
        if border is None or force.extracted is None or force.status == "withdrawn":
            continue
        if not forces.is_state(force.actor):
            # "the National Guard": a state's own service, asked about through its state.
            continue
        states = [
            m.actor
            for m in index.mentions(border["other"])
            if m.kind in ("state", "adjective") and forces.is_state(m.actor)
        ]
        if not states or states[0] == force.actor:
            continue
        other = index.ensure(states[0]).name if index.known(states[0]) else None
        entry = gazetteer_entry(states[0])
        name = entry.in_prose if entry is not None else other
        if name is None:
            continue
        owner = owner_name(index, force.actor)
        question = f"How will {name} respond to the {owner} troop deployment on its border?"
        yield question, force.extracted


# "the first contingent", "the initial phase of a 300-member force": the rest is still to come.
_FIRST_PART = re.compile(
    r"\b(?:first|initial|advance)\s+(?:contingent|batch|group|wave|phase|detachment|rotation"
    r"|elements?)\b"
)


def arrival_questions(listed: list[Force], index: ActorIndex) -> Iterator[tuple[str, Provenance]]:
    """Ask when the rest of a force arrives, where the text reports only its first part."""
    for force in listed:
        extracted = force.extracted
        if extracted is None or not force.location or force.status == "withdrawn":
            continue
        if _FIRST_PART.search(extracted.sentence):
            owner = owner_name(index, force.actor)
            yield f"When will the rest of the {owner} force arrive in {force.location}?", extracted


def claim_questions(listed: list[Incident], index: ActorIndex) -> Iterator[tuple[str, Provenance]]:
    """Ask whether a death toll an armed party claims about its enemy is accurate."""
    for incident in listed:
        claimant, toll = incident.claimed_by, incident.fatalities
        if claimant is None or toll is None or incident.extracted is None:
            continue
        if not index.known(claimant) or index.ensure(claimant).kind is not ActorKind.ARMED_GROUP:
            continue
        stated = toll.as_stated if isinstance(toll, Quantity) else str(toll)
        # "SAF's 6th Infantry Division" -> "SAF": a number in the name is not in the sentence.
        name = re.split(r"(?:'s|’s)?\s+\S*\d", index.ensure(claimant).name)[0]
        yield f"Is the {name} claim of {stated} killed accurate?", incident.extracted


# "Some media reports suggested", "after a report the Pentagon is weighing": a figure that rests
# on reporting, not on a party that would know.
_REPORTED = re.compile(r"\b(?:a|the|media|press|news)\s+reports?\b|\breportedly\b")


def reported_questions(listed: list[Force]) -> Iterator[tuple[str, Provenance]]:
    """Ask whether a strength that rests on press reports is accurate."""
    for force in listed:
        extracted, strength = force.extracted, force.strength
        if extracted is None or strength is None or not _REPORTED.search(extracted.sentence):
            continue
        yield f"Is the reported figure of {strength.as_stated} accurate?", extracted


# "troop buildup", "to reinforce", "mobilisation": the force may be the first of more.
_BUILDUP = re.compile(
    r"\b(?:build-?up|reinforce[sd]?|reinforcements?|mobili[sz](?:ation|ed|ing)|massing"
    r"|increased\s+(?:presence|military\s+activit))",
    re.IGNORECASE,
)


def building_up(sentences: list[tuple[str, list[Mention]]]) -> set[str]:
    """Return the actors a sentence names beside words of a buildup."""
    return {m.actor for text, found in sentences if _BUILDUP.search(text) for m in found}


def buildup_questions(
    listed: list[Force], index: ActorIndex, building: set[str]
) -> Iterator[tuple[str, Provenance]]:
    """Ask whether a state sends more than the force reported, where its buildup is reported."""
    asked: set[str] = set()
    for force in listed:
        extracted, strength = force.extracted, force.strength
        if force.actor in asked or force.actor not in building or not forces.is_state(force.actor):
            continue
        if extracted is None or strength is None or not force.location:
            continue
        if force.status == "withdrawn" or not isinstance(strength, Quantity):
            continue
        entry = gazetteer_entry(force.actor)
        name = entry.in_prose if entry is not None else index.ensure(force.actor).name
        asked.add(force.actor)
        where = re.sub(rf"^(?:their|its|{re.escape(name)}(?:'s|’s))\s+", "its ", force.location)
        # "beyond the as many as 20,000": a hedged figure is no line to go beyond.
        exact = strength.qualifier is Qualifier.EXACT
        beyond = f" beyond the {strength.as_stated}" if exact else ""
        yield f"Will {name} send more troops to {where}{beyond}?", extracted


def force_names(listed: list[Force]) -> dict[str, str]:
    """Map "Kenyans" to the force an article reports of them: "Kenyan police officers"."""
    names: dict[str, str] = {}
    for force in listed:
        entry = gazetteer_entry(force.actor)
        if entry is None or not entry.adjectives or force.status == "withdrawn":
            continue
        unit = force.strength.unit if isinstance(force.strength, Quantity) else None
        adjective = entry.adjectives[0]
        names.setdefault(f"{adjective}s", f"{adjective} {unit or 'troops'}")
    return names


def name_forces(question: str, names: dict[str, str]) -> str:
    """Name "the Kenyans" in a question by the force they are: "the Kenyan police officers"."""
    for people, force in names.items():
        question = re.sub(rf"\bthe {re.escape(people)}(?=['’\W])", f"the {force}", question)
    return question
