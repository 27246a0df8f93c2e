"""Markdown fields to safe HTML: convert, sanitize, then link inline citations."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from functools import lru_cache

import markdown as md_lib
import nh3
from markupsafe import Markup

from briefgen.model.base import INLINE_CITE

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h4", "h5", "h6", "hr", "i",
    "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"},
                      "td": {"align"}}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto"}

CiteLinker = Callable[[list[str]], str]


@lru_cache(maxsize=1)
def _converter() -> md_lib.Markdown:
    return md_lib.Markdown(extensions=["extra", "sane_lists", "smarty"], output_format="html")


# One line of prose with no Markdown syntax and nothing to escape renders as itself in a
# paragraph; most stances and summaries are such lines, and skipping the parser and the
# sanitizer for them halves the time to render a brief. A test checks both paths agree.
_SYNTAX = re.compile(
    r"[\n\t\r\xa0*_`\[\]<>&\\#|~\"]|^\s*(?:[-+=]|\d+[.)])(?:\s|$)|^\s{4}|:\s*$|^\s*$|\s$"
    r"|^\s*-.*-.*-"  # a rule, `---` or `- - -`
    r"|--|\.\.|'(?![a-z])|(?<![A-Za-z])'"  # what `smarty` makes typographic
)
# An apostrophe inside a word (`Russia's`, `don't`) is the one `smarty` case on the fast path.
_APOSTROPHE = re.compile(r"(?<=[A-Za-z])'(?=[a-z])")
_RSQUO = "\u2019"


def markdown_to_html(text: str, cite: CiteLinker | None = None) -> Markup:
    """Render Markdown to sanitized HTML, turning `[@key]` into citation links."""
    line = text.strip("\n")
    if not _SYNTAX.search(line):
        return Markup(f"<p>{_APOSTROPHE.sub(_RSQUO, line.lstrip())}</p>")
    # Prose whose only syntax is citations: Markdown keeps `[@key]` as it is (there is
    # no link definition for it), so link the citations in the line as the full path does.
    if "[@" in line and not _SYNTAX.search(_LONE_CITE.sub(_plain_cite, line)):
        html = f"<p>{_APOSTROPHE.sub(_RSQUO, line.lstrip())}</p>"
        if cite is not None:
            html = _SPACED_CITE.sub(lambda m: cite(_keys(m[1])), html)
        return Markup(html)
    return _full_markdown(text, cite)


# A citation takes the space before it: the linker puts a no-break space there instead.
_SPACED_CITE = re.compile(r"\s*" + INLINE_CITE.pattern)
# A citation right before `(`, `[` or `:` may be a link or a link definition: full path.
_LONE_CITE = re.compile(INLINE_CITE.pattern + r"(?![(\[:])")


def _plain_cite(match: re.Match[str]) -> str:
    """Stand in for a citation whose keys hold no Markdown syntax (else keep it, to fail)."""
    return "\u00a7" if not _SYNTAX.search(match[1]) else match[0]


# Python-Markdown scans from every `[`, `(`, `<` and backtick run to the end of the
# paragraph when nothing closes it: quadratic time (10 KB of `[a ` took 22 s, 40 KB of
# `<a ` 20 s). Such openers render as literal text anyway, so they are swapped for
# private-use characters that are no syntax (a backslash escape would itself be an inline
# match, and each match copies the paragraph) and swapped back after sanitizing. The
# rest of the cost grows with a paragraph's length times its number of inline matches,
# which the field size limit (MAX_MARKDOWN in briefgen.model.base) bounds.
_OPENERS = re.compile(r"^ {0,3}(?:```|~~~)|\\.|`+|[\[\]()<]", re.MULTILINE | re.DOTALL)
_TAG_LIKE = re.compile(r"<[^<>\n]{0,500}>")
_MAX_BRACKET_DEPTH = 3
_STAND_INS = {c: chr(0xE000 + i) for i, c in enumerate("[]()`<")}
_RESTORE = {ord(v): ("&lt;" if k == "<" else k) for k, v in _STAND_INS.items()}
_STAND_IN_CHARS = re.compile(f"[{''.join(_STAND_INS.values())}]")


def defuse(text: str) -> str:
    """Swap brackets, parentheses, `<` and backticks that nothing closes for stand-ins.

    Linear time; `restore` turns the stand-ins back into the characters, in HTML.
    """
    # The stand-ins are kept for this use: typed ones are written as the U+FFFD mark.
    text = _STAND_IN_CHARS.sub("\ufffd", text)
    tokens = list(_OPENERS.finditer(text))
    escaped: dict[int, str] = {}
    # Code spans: a run of backticks is closed by the next run of the same length.
    closers: dict[int, int] = {}
    later: dict[int, int] = {}
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index][0]
        if token[0] == "`":
            closers[index] = later.get(len(token), -1)
            later[len(token)] = index
    stacks: dict[str, list[int]] = {"[": [], "(": []}
    pairs = {"]": "[", ")": "("}
    fenced = False
    index = 0
    while index < len(tokens):
        match = tokens[index]
        token, at = match[0], match.start()
        index += 1
        if token.lstrip(" ") in ("```", "~~~"):
            fenced = not fenced
        elif fenced or token[0] == "\\":
            continue
        elif token[0] == "`":
            if closers[index - 1] < 0:
                escaped.update((i, _STAND_INS["`"]) for i in range(at, match.end()))
            else:
                index = closers[index - 1] + 1  # inside a code span, nothing is syntax
        elif token == "<":
            if not _TAG_LIKE.match(text, at):
                escaped[at] = _STAND_INS["<"]
        elif token in stacks:
            stack = stacks[token]
            if token == "[" and len(stack) >= _MAX_BRACKET_DEPTH:
                escaped[at] = _STAND_INS["["]
                stack.append(-1)  # its closer is escaped too
            else:
                stack.append(at)
        elif stacks[pairs[token]] and stacks[pairs[token]].pop() < 0:
            escaped[at] = _STAND_INS[token]  # the closer of a stand-in opener (a lone one is text)
    for opener, stack in stacks.items():
        escaped.update((at, _STAND_INS[opener]) for at in stack if at >= 0)
    if not escaped:
        return text
    parts: list[str] = []
    last = 0
    for at in sorted(escaped):
        parts += [text[last:at], escaped[at]]
        last = at + 1
    parts.append(text[last:])
    return "".join(parts)


def restore(html: str) -> str:
    """Turn the stand-ins of `defuse` back into their characters, escaped for HTML."""
    return html.translate(_RESTORE)


def _full_markdown(text: str, cite: CiteLinker | None) -> Markup:
    converter = _converter()
    converter.reset()
    raw = converter.convert(defuse(text))
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    clean = restore(clean)
    if cite is not None:
        clean = _SPACED_CITE.sub(lambda m: cite(_keys(m[1])), clean)
    return Markup(clean)


def markdown_inline(text: str, cite: CiteLinker | None = None) -> Markup:
    """Render a one-paragraph Markdown text without its enclosing `<p>`."""
    html = str(markdown_to_html(text, cite)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def strip_citations(text: str) -> str:
    """Remove inline citations from Markdown text."""
    return re.sub(r"\s+([.,;:])", r"\1", INLINE_CITE.sub("", text)).strip()


def markdown_plain(text: str) -> str:
    """Render Markdown to plain one-line text, e.g. for a page description."""
    html = str(markdown_to_html(strip_citations(text)))
    return squash(html_lib.unescape(_TAG.sub(" ", html))).replace(" ,", ",").replace(" .", ".")


_QUOTE_OPENS = re.compile(r"(^|[\s(\[{\u2014\u2013/-])([\"'])")


def smarten(text: str) -> str:
    """Make plain text typographic as `smarty` does Markdown: quotes, dashes, ellipses."""
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")
    text = _QUOTE_OPENS.sub(lambda m: m[1] + ("\u201c" if m[2] == '"' else "\u2018"), text)
    return text.replace('"', "\u201d").replace("'", "\u2019")


def _keys(group: str) -> list[str]:
    return [part.strip().lstrip("@") for part in group.split(";")]


_WS = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]+>")


def squash(text: str) -> str:
    """Collapse runs of white space into single spaces."""
    return _WS.sub(" ", text).strip()
