"""Turn an article (text, Markdown or HTML) into clean text and sentences with offsets."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from briefgen.errors import InputError
from briefgen.reader import read_regular

MAX_ARTICLE_BYTES = 20 * 1024 * 1024
"""Largest article accepted; news articles are far smaller."""

# Tokens that end with a period but do not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "adm",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "pres",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "inc",
        "ltd",
        "corp",
        "co",
        "dept",
        "univ",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "approx",
        "est",
        "fig",
        "mt",
        "ft",
    ]
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*")
# "MANILA, June 20 (Wire) — ", "WASHINGTON ― ", "ISLAMABAD: ": where a wire report was filed,
# not part of its first sentence.
DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][\w.]*)*,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([^)]{1,40}\))?\s*[―—–-]{1,2}\s*"
    r"|^[A-Z]{3,}(?:[ -][A-Z]{2,})*:\s+(?=[A-Z])"
)
# "Moscow (AA) - ", "Goma, (Agency - 8th Jul, 2024) ", "Manila, April 30 (Wire) ": a dateline
# in mixed case, taken only at the top of the article, where "Two brigades – about 6,000
# troops – " cannot stand.
OPENING_DATELINE = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s?){1,3}(?:,\s*)?(?:\([^()]{1,80}\)\s*)?[―—–-]\s+"
    r"|^(?:[A-Z][\w.'’-]*\s?){1,3},\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?\([^()]{1,80}\)\s+"
)
BYLINE = re.compile(r"^By\s+[A-Z][^.!?]{0,80}$")
_OPEN_QUOTES = "“"
_CLOSE_QUOTES = "”"


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article and where it stands in the clean text."""

    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class Article:
    """An article as clean text, its headline, and its body split into sentences."""

    text: str
    title: str | None
    sentences: tuple[Sentence, ...]


def read_article(path: str) -> tuple[str, str]:
    """Read an article file, or stdin for `-`; return its text and its format."""
    if path == "-":
        raw = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        name = "<stdin>"
        if len(raw) > MAX_ARTICLE_BYTES:
            raise InputError(f"{name}: is over the {MAX_ARTICLE_BYTES:,}-byte limit; split it")
    else:
        name = path
        try:
            raw = read_regular(Path(path), MAX_ARTICLE_BYTES)
        except InputError as exc:
            raise InputError(f"{name}: {exc}") from exc
    text = decode_article(raw, name)
    return text, guess_format(text, name)


def decode_article(raw: bytes, name: str) -> str:
    """Decode UTF-8 bytes, refusing binary data with a one-line error."""
    if b"\x00" in raw[:65536]:
        raise InputError(f"{name}: contains NUL bytes; it is a binary file, not an article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: byte 0x{raw[exc.start]:02x} at offset {exc.start} is not UTF-8;"
            " save the article as UTF-8 text"
        ) from exc
    if not text.strip():
        raise InputError(f"{name}: is empty; give an article with some text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def guess_format(text: str, name: str) -> str:
    """Return `html`, `markdown` or `text` from the file name, else from the content."""
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(p|body|h1|div)\b", head):
        return "html"
    return "text"


_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "br",
        "tr",
        "table",
        "figcaption",
        "pre",
        "dd",
        "dt",
    ]
)
_SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "aside",
        "svg",
        "head",
        "iframe",
        "form",
        "footer",
        "button",
    ]
)


class _TextParser(HTMLParser):
    """Collect the visible text of an HTML page, one paragraph per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: str | None = None
        self.in_title = False
        self.in_h1 = False
        self.h1: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag == "h1" and not self.h1:
            self.in_h1 = True
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self.skip:
            self.skip -= 1
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title = (self.title or "") + data
        if self.skip:
            return
        if self.in_h1:
            self.h1.append(data)
        self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> tuple[str, str | None]:
    """Return the visible text of an HTML page and its headline (h1, else title)."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    paragraphs = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    clean = "\n\n".join(p for p in paragraphs if p)
    headline = " ".join("".join(parser.h1).split()) or " ".join((parser.title or "").split())
    return clean + "\n", headline or None


def markdown_to_text(markdown: str) -> str:
    """Strip the Markdown markup that would get in the way of reading sentences."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+", "", text, flags=re.MULTILINE)
    return re.sub(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1", r"\2", text)


def prepare(raw: str, fmt: str) -> Article:
    """Convert raw input of a format into an Article with sentences."""
    headline: str | None = None
    if fmt == "html":
        text, headline = html_to_text(raw)
    elif fmt == "markdown":
        first = raw.lstrip().splitlines()[0] if raw.strip() else ""
        if first.startswith("# "):
            headline = first[2:].strip()
        text = markdown_to_text(raw)
    else:
        text = raw
    # Some wires write quotation marks as two apostrophes: ''Words,'' she said.
    text = text.replace("''", '"')
    body_start = 0
    lines = text.lstrip("\n").split("\n", 2)
    first_line = lines[0].strip()
    if headline is None and _looks_like_headline(first_line, lines):
        headline = first_line
    found = text.find(headline) if headline else -1
    if headline and 0 <= found < 1000:
        body_start = found + len(headline)
    sentences = [
        s for s in split_sentences(text) if s.start >= body_start and not BYLINE.match(s.text)
    ]
    dateline = OPENING_DATELINE.match(sentences[0].text) if sentences else None
    if dateline and dateline.end() < len(sentences[0].text):
        opening = sentences[0]
        cut = opening.start + dateline.end()
        sentences[0] = Sentence(cut, opening.end, text[cut : opening.end], opening.paragraph)
    return Article(text=text, title=headline, sentences=tuple(sentences))


def _looks_like_headline(first: str, lines: list[str]) -> bool:
    followed_by_blank = len(lines) > 1 and not lines[1].strip()
    return 0 < len(first) <= 160 and not first.endswith((".", '"', "”")) and followed_by_blank


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences, keeping abbreviations and quoted speech together."""
    sentences: list[Sentence] = []
    for paragraph, (p_start, p_end) in enumerate(_paragraphs(text)):
        start = p_start
        quote_open = False
        pos = p_start
        while pos < p_end:
            ch = text[pos]
            if ch == '"':
                quote_open = not quote_open
            elif ch in _OPEN_QUOTES:
                quote_open = True
            elif ch in _CLOSE_QUOTES:
                quote_open = False
            if ch in ".!?":
                match = _SENTENCE_END.match(text, pos, p_end)
                assert match is not None
                end = match.end()
                closes_quote = any(c in match.group() for c in '"”')
                if closes_quote:
                    quote_open = not quote_open if '"' in match.group() else False
                if _ends_sentence(text, pos, end, p_end) and not quote_open:
                    _add(sentences, text, start, end, paragraph)
                    start = end
                pos = end
                continue
            pos += 1
        _add(sentences, text, start, p_end, paragraph)
    return sentences


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"\n[ \t]*\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _ends_sentence(text: str, dot: int, end: int, limit: int) -> bool:
    nxt = re.match(r"\s+([\"“'‘(]?)(\S)", text[end:limit])
    if end >= limit:
        return True
    if not nxt:
        return False
    if not (nxt[2].isupper() or nxt[2].isdigit() or nxt[1]):
        return False
    if text[dot] != ".":
        return True
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 20) : dot])
    token = word[1] if word else ""
    if token.lower().rstrip(".") in ABBREVIATIONS:
        return False
    if token.lower() == "no" and nxt[2].isdigit():
        return False
    # Initials and dotted abbreviations: "U.S.", "J. Smith". "U.S." may still end a sentence
    # when a clearly new sentence starts, which we cannot tell; keeping it joined is safer.
    return not re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", token)


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped or not any(c.isalpha() for c in stripped):
        return
    offset = start + (len(chunk) - len(chunk.lstrip()))
    dateline = DATELINE.match(stripped)
    if dateline and dateline.end() < len(stripped):
        offset += dateline.end()
        stripped = stripped[dateline.end() :]
    sentences.append(Sentence(offset, offset + len(stripped), stripped, paragraph))
