"""One reference string cut into author, title and rest, then into a :class:`Reference`."""

from __future__ import annotations

import re
from typing import NamedTuple

from readings.citations.base import (
    _CREDIT,
    _GENERIC_LABELS,
    _IN_TEXT_CITATION,
    _LINK,
    _YEAR,
    Reference,
    _clean,
    _is_web_url,
    _prepare,
    _strip_title,
)
from readings.citations.fields import (
    _assign_extras,
    _decide_kind,
    _guess_language,
    _leftovers,
    _mask_emphasis,
    _remember_url,
    _set_authors,
    _take_chapter,
    _take_container,
    _take_links,
    _take_pages,
    _take_place,
    _take_year,
    _title_ok,
)

# --------------------------------------------------------------------------- shapes


class _Parts(NamedTuple):
    """A reference cut into its author, title and remaining text."""

    shape: str  # "quoted" (title in quotes), "book" (italic title) or "link"
    authors: str
    title: str
    rest: str
    year: str = ""
    container: str = ""
    url: str = ""


_QUOTED = re.compile(r'^(?P<authors>[^"]*)"(?P<title>[^"]+)"(?P<rest>.*)$')
_ITALIC = re.compile(
    r"^(?P<authors>[^\"*_\[\]]+?)\s*(?:[.,:;]|\s[-–—])\s*(?P<mark>\*{1,2}|_{1,2})(?=\S)"
    r"(?P<title>.+?)(?<=\S)(?P=mark)(?![\w*])(?P<rest>.*)$"
)
_APA = re.compile(
    rf"^(?P<authors>[^\"()\[\]]+?)\s*\(\s*(?P<year>{_YEAR})[a-z]?(?:,[^)]*)?\)\s*\.?\s*"
    r"(?P<after>.+)$"
)
_LEADING_EMPHASIS = re.compile(r"^(?P<mark>\*{1,2}|_{1,2})(?=\S)(?P<title>.+?)(?<=\S)(?P=mark)")
_SENTENCE = re.compile(r"^(?P<title>.+?[.?!])(?=\s|$)(?P<rest>.*)$")


def _split_quoted(text: str) -> _Parts | None:
    """``Family, G. "Title." *Container* 5(1), 2020.``"""
    match = _QUOTED.match(text)
    if not match:
        return None
    no_authors = not _clean(match["authors"]).strip(" .,:;*_")
    if no_authors and re.match(r"^[\s*_.,]*(?:[—–]|-\s)", match["rest"]):
        return None  # a quotation followed by its attribution
    return _Parts("quoted", match["authors"], match["title"], match["rest"])


def _split_link(text: str) -> _Parts | None:
    """``[Title](url) — Site, 2026`` or ``[Site — "Title"](url)``."""
    match = _LINK.match(text)
    if not match or not _is_web_url(match["url"]):
        return None
    label, container = match["label"].strip(), ""
    quoted = re.search(r'"([^"]+)"', label)
    if quoted:
        container = (label[: quoted.start()] + label[quoted.end() :]).strip(" —–-:,|")
        label = quoted[1]
    rest = text[match.end() :]
    if _clean(label).casefold().strip(" .") in _GENERIC_LABELS or _LINK.search(rest) or '"' in rest:
        return None  # a generic label, a list of links or a link followed by a quotation
    rest = re.sub(r"^\s*(?:[—–:,|]|-\s)+", " ", rest)
    return _Parts("link", "", label, rest, container=container, url=match["url"])


def _split_italic(text: str) -> _Parts | None:
    """``Family - _Book title_, Publisher 2015``."""
    match = _ITALIC.match(text)
    return _Parts("book", match["authors"], match["title"], match["rest"]) if match else None


def _split_apa(text: str) -> _Parts | None:
    """``Family, G. (2020). Title. *Container*, 5(1), 1–10.``"""
    match = _APA.match(text)
    if not match:
        return None
    after = match["after"]
    italic = _LEADING_EMPHASIS.match(after)
    if italic:
        rest = after[italic.end() :]
        return _Parts("book", match["authors"], italic["title"], rest, year=match["year"])
    sentence = _SENTENCE.match(after)
    if not sentence:
        return None
    return _Parts("quoted", match["authors"], sentence["title"], sentence["rest"], match["year"])


_SPLITTERS = (_split_link, _split_quoted, _split_apa, _split_italic)


# --------------------------------------------------------------------------- parsing API


def _build(parts: _Parts) -> Reference | None:
    ref = Reference(year=parts.year, container=_clean(parts.container))
    _remember_url(ref, parts.url)
    if not _set_authors(ref, parts.authors):
        return None
    ref.title = _strip_title(_clean(_take_links(ref, parts.title)))
    rest, spans = _mask_emphasis(_take_links(ref, parts.rest))
    if parts.shape == "quoted" and not (ref.authors or ref.editors or ref.url or ref.doi or spans):
        return None  # an unattributed quotation, not a reference
    rest = _take_chapter(ref, rest, spans)
    rest = _take_pages(ref, _take_year(ref, rest))
    rest = _take_container(ref, _take_place(ref, rest), spans, plain=parts.shape != "book")
    extras = None if rest is None else _leftovers(ref, rest, spans)
    if extras is None:
        return None
    ref.kind = _decide_kind(ref, parts.shape)
    _assign_extras(ref, extras)
    ref.language = _guess_language(ref.title)
    return ref


def _acceptable(ref: Reference, strict: bool) -> bool:
    if not _title_ok(ref.title) or (strict and not (ref.authors and ref.year)):
        return False
    return bool(ref.year or ref.url or ref.doi or ref.container or ref.publisher)


def _parse(text: str, strict: bool) -> Reference | None:
    prepared = _prepare(text or "")
    if not prepared or _IN_TEXT_CITATION.search(prepared) or _CREDIT.match(prepared):
        return None
    for split in _SPLITTERS:
        parts = split(prepared)
        ref = _build(parts) if parts else None
        if ref is not None and _acceptable(ref, strict):
            ref.source_text = " ".join(text.split())
            return ref
    return None


def parse_reference(text: str) -> Reference | None:
    """Parse one reference written in Markdown; None when ``text`` is not a reference."""
    return _parse(text, strict=False)
