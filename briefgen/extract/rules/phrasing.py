"""Phrase what a sentence leaves open as a question: find the subject, invert, tidy."""

from __future__ import annotations

import re

from briefgen.extract.actors import is_name
from briefgen.extract.rules.speakers import COMMON_CAPITALS

RUN = r"(?:[^,;.?]|,(?=\d{3})|\.(?=\d))"
"""Clause text up to its next break, keeping thousands separators and decimal points."""

CLAUSE = r"(?:[^;:.?,]|,(?=\d{3}))"
"""Clause text up to its next break or colon, keeping thousands separators."""

AUX = r"(?:would|will|could|can|should|might|may|is|are|was|were|has|have|had|does|do|did)"


_NOT_VERBS = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "their",
        "those",
        "these",
        "his",
        "her",
        "our",
        "any",
        "all",
        "some",
        "more",
        "other",
        "north",
        "south",
        "korean",
    ]
)


_CLAUSE_START = re.compile(
    r"(?:^|,\s+|;\s+|\b(?:that|although|though|as|while|because|since|when|but|after)\s+"
    r"|\b(?:said|says|say|told\s+\w+|warned|noted|added|believe[sd]?|think|thinks|estimated?)"
    r"\s+(?:that\s+)?)",
    re.IGNORECASE,
)


_PRONOUNS = frozenset({"he", "she", "they", "we", "it", "i"})


_SPEAKER_BEFORE = re.compile(
    r"(?P<who>(?:the\s+)?(?:[A-Z0-9][\w'’.-]*\s+)*[A-Za-z][\w'’.-]*)\s+"
    r"(?:said|says|told\s+\w+|noted|added)\s+"
    r"(?:that\s+)?(?:he|she|they|we|it)(?:\s+(?:is|are|was|were|has|have|had|would|will))*\s*$"
)


_VERB_WORD = re.compile(rf"\b{AUX}\b|\b(?:will|would)\b")


def wh_question(wh: str, clause: str) -> str:
    """Turn "how exactly the troops would be used" into "How would the troops be used?"."""
    wh = " ".join(wh.lower().split())
    clause = clause.strip()
    if wh in ("whether", "if"):
        return modal_clause(clause)
    first = clause.split()[0] if clause else ""
    if wh.endswith((" many", " much")) or (
        # "which navies will take part": a noun of the wh-word's own, then the clause.
        wh in ("which", "what", "whose")
        and first.islower()
        and first not in _PRONOUNS | _DETERMINERS
    ):
        return _how_many(wh, clause)
    inverted = invert(clause)
    if inverted.startswith("Whether "):
        return tidy(f"{wh.capitalize()} {clause}?")
    lead = wh.replace(" exactly", "").capitalize()
    return tidy(f"{lead} {lower_first_word(inverted)}")


def _how_many(wh: str, clause: str) -> str:
    """Turn "how many launchers it would bring" into "How many launchers would it bring?".

    Also "which navies will take part" into "Which navies will take part?".
    """
    match = re.search(rf"\b{AUX}\b", clause)
    head = clause[: match.start()].split() if match else []
    # Where the subject starts, after the counted noun: a pronoun, an article or a name.
    starts = [
        i
        for i, word in enumerate(head[1:], start=1)
        if word.lower() in _PRONOUNS | _DETERMINERS or word[:1].isupper()
    ]
    if match is None or not starts:
        # "how many troops would be sent": the counted noun is the subject; no inversion.
        return tidy(f"{wh.capitalize()} {clause}?")
    noun, subject = " ".join(head[: starts[0]]), " ".join(head[starts[0] :])
    rest = clause[match.end() :].strip()
    return tidy(f"{wh.capitalize()} {noun} {match.group()} {lower_first(subject)} {rest}?")


_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that"})


def modal_clause(clause: str) -> str:
    """Turn "the army would be able to hold" into "Would the army be able to hold?"."""
    clause = re.sub(r"\s+(?:or not)$", "", clause.strip())
    inverted = invert(clause)
    if not inverted.startswith("Whether "):
        return inverted
    # "that ban covers escort vessels": no auxiliary to move; "Will that ban cover ...?".
    return conditional(clause) or tidy(f"Will {clause}?")


def conditional(clause: str) -> str | None:
    """Turn a condition ("if the army returned to the talks") into "Will the army return ...?"."""
    words = clause.split()
    for i, word in enumerate(words[1:6], start=1):
        lowered = word.lower()
        if not word.islower() or lowered in _NOT_VERBS:
            continue
        past = lowered.endswith("ed")
        plural_subject = words[i - 1].endswith("s") and not lowered.endswith("s")
        singular_verb = lowered.endswith("s") and not lowered.endswith("ss") and i > 1
        if past or plural_subject or singular_verb:
            subject = " ".join(words[:i])
            if subject.lower() in _PRONOUNS:
                return None
            verb = (
                base_form(lowered)
                if past
                else lowered.removesuffix("s")
                if singular_verb
                else lowered
            )
            return ask("Will", lower_first(subject), " ".join([verb, *words[i + 1 :]]))
    return None


def subject_of(text: str, end: int) -> str | None:
    """Return the subject of the clause ending at `end` (shared subject for "and are ...")."""
    head = re.sub(r",\s+(?:which|who)\b[^,]*(?:,(?=\d{3})[^,]*)*,$", "", text[:end].rstrip())
    # "The remaining six contingents (from Angola, ... and Zambia)": the aside is no subject.
    head = re.sub(r"\s*\([^()]*\)$", "", head)
    starts = [m.end() for m in _CLAUSE_START.finditer(head)]
    begin = starts[-1] if starts else 0
    subject = head[begin:].strip()
    subject = re.sub(r"^(?:and|but|or)\s+(?=\S)", "", subject) if " " in subject else subject
    if not subject or re.search(r"(?:^|\s)and$", subject):
        first = _VERB_WORD.search(text)
        if not first:
            return None
        subject = text[: first.start()].strip()
        if ", " in subject:
            subject = subject.rsplit(", ", 1)[1].strip()
    subject = re.sub(
        r"(?:\s+(?:and|also|still|now|currently|is|are|was|were|has|have|had|\w+ly))+$", "", subject
    )
    if subject.lower() in ("which", "who", "that"):
        # "..., these troops, which are expected to ...": the antecedent is the subject.
        antecedent = re.search(
            r"(?<![\w'’-])(?P<np>(?:(?:the|these|those|its|their|some)\s+)?"
            r"(?:(?!(?:with|of|for|to|by|on|in|at)\b)[\w'’-]+\s+){0,3}?[\w'’-]+),\s*"
            r"(?:which|who|that)\s*$",
            text[:end].rstrip(),
        )
        subject = antecedent["np"] if antecedent else ""
    if subject.lower() in _PRONOUNS:
        speaker = _SPEAKER_BEFORE.search(head)
        subject = speaker["who"] if speaker and speaker["who"].lower() not in _PRONOUNS else ""
    # '"The BSF is ready to': the quotation mark opens the words, not the subject.
    subject = subject.lstrip("\"“‘'")
    if re.search(r"\b(?:is|are|was|were|has|have|had|which|who)\b", subject):
        # "Ben Wallace is leading work with allies which": a clause, not a subject.
        return None
    if not subject or len(subject.split()) > 12 or subject.lower() in ("there", "this"):
        return None
    return lower_first(subject)


def possessive(owner: str) -> str:
    """Return "the Somali government's" for "the Somali government"."""
    owner = lower_first(owner.strip())
    return f"{owner}'" if owner.endswith("s") else f"{owner}'s"


def lower_first_word(text: str) -> str:
    """Lower the first letter of a text."""
    return text[:1].lower() + text[1:]


def lower_first(text: str) -> str:
    """Lower the first word where it is a common word, not a name ("The army" -> "the army")."""
    words = text.split()
    common = ("The", "A", "An", "Its", "Their", "These", "Those", "Some", "Nearly", "About")
    first = words[0] if words else ""
    # "Luxembourg’s Grand Duke": the possessive is no plural.
    bare = re.sub(r"(?:'s|’s|['’])$", "", first)
    acronym = bare.isupper()
    generic = not acronym and (
        bare.endswith("ing") or (bare.endswith("s") and not bare.endswith(("ss", "us")))
    )
    if words and (first in common or bare in COMMON_CAPITALS or (generic and not is_name(bare))):
        words[0] = words[0].lower()
    return " ".join(words)


def ask(lead: str, subject: str, vp: str) -> str:
    """Ask "Will X do Y?" from a lead, a subject and the first verb phrase of a clause."""
    vp = re.split(
        r"\s+(?:and|but)\s+(?:would|will|is|are|was|were|has|have|had|said|warned|added"
        r"|urged|noted|insisted|called)\b"
        # "create trouble but we are on high alert": a new clause with its own subject.
        r"|\s+but\s+(?:we|he|she|they|it|I|you|the|this|that)\b"
        # "joined by 60 soldiers who will handle medical": the relative clause is not asked.
        r"|\s+(?:who|which)\s+(?:will|would|is|are|was|were|has|have|had)\b",
        vp,
    )[0]
    vp = re.sub(r"\bwhat (?:he|she|it|they) (?:called|described as)\s+", "", vp)
    return tidy(f"{lead} {subject} {vp.strip()}?")


def invert(clause: str) -> str:
    """Turn "Ukraine would be able to hold Kursk" into "Would Ukraine be able to hold Kursk?"."""
    match = re.search(rf"\b{AUX}\b", clause)
    if not match:
        return tidy(f"Whether {clause}?")
    subject = clause[: match.start()].strip()
    rest = clause[match.end() :].strip()
    return tidy(f"{match.group().capitalize()} {lower_first(subject)} {rest}?")


def base_form(verb_phrase: str) -> str:
    """Turn "deployed to X" into "deploy to X"."""
    first, _, rest = verb_phrase.partition(" ")
    irregular = {"seen": "see", "taken": "take", "given": "give", "made": "make", "begun": "begin"}
    base = irregular.get(first) or re.sub(r"ied$", "y", first)
    if base == first and first.endswith("ed"):
        if re.search(r"(?:id|at|ur|iz|is|ov|av|os|uc|iv|ag|ir|u|nc|rc|rg|ng|us|as|ut)ed$", first):
            base = first[:-1]
        elif re.search(r"([bdgkmnprt])\1ed$", first):
            base = first[:-3]
        else:
            base = first[:-2]
    return f"{base} {rest}".strip()


def tidy(question: str) -> str:
    """Collapse spaces, close the question mark up and capitalise the first letter."""
    question = " ".join(question.split())
    question = re.sub(r"\s+\?", "?", question)
    return question[:1].upper() + question[1:]
