"""A commented skeleton brief that validates, for `briefgen new`."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from briefgen.errors import display_path
from briefgen.validate.schema import SCHEMA_FILE, packaged_schema

# Text of the skeleton that only stands in for the writer's own; `validate` warns about
# each until it is replaced. Ids and keys (example-state, source-1) may stay.
PLACEHOLDERS = frozenset(
    {"Your Name", "Example State", "Somewhere", "Title of the article or document", "Publisher"}
)
PLACEHOLDER_STARTS = ("The bottom line up front:", "What you judge will happen")

SKELETON = """\
# yaml-language-server: $schema={schema}
# A briefgen brief (schema 1). Run `briefgen validate {name}` after each edit;
# it warns about the example text below until you replace it.
schema: 1
id: {slug}
title: {title}
# subtitle: One line under the title
type: situation            # situation | background | assessment
as_of: {today}           # information cut-off (YYYY-MM-DD)
review_by: {review}       # outputs show a STALE banner after this date
marking: TLP:CLEAR         # TLP:CLEAR | TLP:GREEN | TLP:AMBER | TLP:AMBER+STRICT | TLP:RED
authors: [Your Name]
topics: [{slug}]
# region: Where it happens

bluf: |
  The bottom line up front: two or three sentences a reader must take away, with
  inline citations like this [@source-1].

key_judgments:
  - id: kj-main
    text: What you judge will happen, in one sentence.
    likelihood: likely     # almost no chance | very unlikely | unlikely | roughly even chance
                           # | likely | very likely | almost certain
    confidence: moderate   # low | moderate | high
    basis: [example-force]
    cite: source-1

actors:                    # or define shared actors in actors.yaml beside the briefs
  example-state:
    name: Example State
    kind: state            # state | organization | person | armed_group | other

places:                    # or define shared places in places.yaml beside the briefs
  example-town:
    name: Example Town
    lat: 50.45             # decimal degrees, -90 to 90
    lon: 30.52             # decimal degrees, -180 to 180
    kind: city             # country | region | city | base | sea | point

forces:
  - id: example-force
    actor: example-state
    location: Somewhere
    place: example-town
    strength: about 1,000 troops   # as stated: "nearly 8,000", "more than 3,000", "up to 500"
    claimed_by: example-state
    as_of: {today}
    cite: source-1

positions: []              # {{actor, type, stance, quote, addressed_to, date, venue, cite}}
events: []                 # {{date (YYYY, YYYY-MM or YYYY-MM-DD), summary, actors, place, cite}}
incidents: []              # {{date, place or location, type (attack | clash | airstrike |
                           #   shelling | drone | missile | naval | other), actors,
                           #   fatalities, wounded, captured, claimed_by, summary, cite}}
open_questions: []         # {{question, why, outlook, indicators, related, status}}

sources:
  source-1:
    title: Title of the article or document
    publisher: Publisher
    # url: https://example.org/article
    published: {today}
    type: news             # news | official | interview | social | report | dataset | other
    reliability: B         # Admiralty A-F
    credibility: 2         # Admiralty 1-6
"""


def schema_reference(target: Path) -> str:
    """Return how the skeleton at `target` should point to the JSON Schema.

    A briefs repository that commits the schema gets a relative path; otherwise the file
    URL of the copy shipped with briefgen.
    """
    folder = target.resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / SCHEMA_FILE).is_file():
            return Path(os.path.relpath(candidate / SCHEMA_FILE, folder)).as_posix()
    return packaged_schema().as_uri()


def skeleton(slug: str, *, title: str, today: dt.date, target: Path) -> str:
    """Return the text of a new brief named `slug`."""
    return SKELETON.format(
        schema=schema_reference(target),
        name=display_path(target),
        slug=slug,
        title=title,
        today=today.isoformat(),
        review=(today + dt.timedelta(days=14)).isoformat(),
    )
