"""Spell non-Latin letters in ASCII, so ids made from Cyrillic, Greek or Hangul keep meaning."""

from __future__ import annotations

import unicodedata

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўјљњћђџѕ",
        str.split(
            "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya i yi ye"
            " g u j lj nj c dj dz dz"
        ),
        strict=True,
    )
)
_GREEK = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        str.split("a v g d e z i th i k l m n x o p r s s t y f ch ps o"),
        strict=True,
    )
)
# Revised Romanization of Korean, built from the parts of each Hangul syllable.
_INITIALS = str.split("g kk n d tt r m b pp s ss _ j jj ch k t p h")
_VOWELS = str.split("a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i")
_FINALS = str.split("_ k k k n n n t l k m l l l p l m p p t t ng t t k t p t")
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3


def transliterate(text: str) -> str:
    """Return the text with Cyrillic, Greek and Hangul letters spelled in Latin letters.

    Letters of other scripts become `u` and their code point in hex, so an id made from
    them is still unique and stable rather than empty.
    """
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        out.append(_letter(char))
    return "".join(out)


_LATIN = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae"}
_LATIN.update({"Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d", "ı": "i"})


def _letter(char: str) -> str:
    code = ord(char)
    if char in _LATIN:
        return _LATIN[char]
    if code < 0x250 or not char.isalpha():
        return char
    lower = char.lower()
    if lower in _CYRILLIC:
        return _CYRILLIC[lower].replace("_", "")
    base = unicodedata.normalize("NFD", lower)[0]
    if base in _GREEK:
        return _GREEK[base]
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        index = code - _HANGUL_FIRST
        parts = (_INITIALS[index // 588], _VOWELS[(index % 588) // 28], _FINALS[index % 28])
        return "".join(p for p in parts if p != "_")
    return f" u{code:x} "
