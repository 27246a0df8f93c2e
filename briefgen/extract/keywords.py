"""Compare short texts by their key words, for deduplication, merging and scoring."""

from __future__ import annotations

import re
from functools import lru_cache

STOPWORDS = frozenset(
    str.split(
        """a an the and or but if of to in on at by for with from as into about over after before
    is are was were be been being has have had do does did will would can could should may might
    must shall that this these those it its they them their he she his her we our us i you your
    not no so than then there here which who whom what when where why how also very more most
    said says say told just only such other some any all each both either own same too"""
    )
)


@lru_cache(maxsize=4096)
def keywords(text: str) -> frozenset[str]:
    """Return the content words of a text, lowercased and crudely stemmed."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return frozenset(_stem(w) for w in words if w not in STOPWORDS and len(w) > 2)


def _stem(word: str) -> str:
    for suffix in ("ing", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def coverage(reference: str, candidate: str) -> float:
    """Return the share of the reference's key words that the candidate also has."""
    ref = keywords(reference)
    if not ref:
        return 0.0
    return len(ref & keywords(candidate)) / len(ref)


def overlap(first: str, second: str) -> float:
    """Return the Jaccard overlap of two texts' key words."""
    a, b = keywords(first), keywords(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
