"""Chicago author-date reference-list entries, as plain text or HTML."""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from typing import NamedTuple
from urllib.parse import quote

from readings.citations.base import Author, Reference, _has_cjk, _is_web_url, _period
from readings.citations.matching import _coerce

_ITALIC_TITLE_KINDS = ("book", "report", "policy")


class _Style(NamedTuple):
    """Rendering primitives: ``text`` renders raw text, the others wrap rendered text."""

    text: Callable[[str], str]
    italic: Callable[[str], str]
    link: Callable[[str, str], str]


def _html_link(value: str, url: str) -> str:
    return f'<a href="{html.escape(url)}">{value}</a>' if _is_web_url(url) else value


_PLAIN = _Style(text=str, italic=str, link=lambda value, url: value)
_HTML = _Style(
    text=partial(html.escape, quote=False),
    italic=lambda value: f"<em>{value}</em>" if value else "",
    link=_html_link,
)


def _display_name(author: Author, inverted: bool) -> str:
    if author.organisation:
        return author.organisation
    if _has_cjk(author.family + author.given):
        return author.family + author.given
    if author.family and author.given:
        return f"{author.family}, {author.given}" if inverted else f"{author.given} {author.family}"
    return author.family or author.given


def _join_names(names: list[str], comma_before_and: bool) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2 and not comma_before_and:
        return f"{names[0]} and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _chicago_authors(ref: Reference) -> str:
    """Authors, or the editors of an edited book (``Roy, Ananya, and Aihwa Ong, eds.``)."""
    editors_first = not ref.authors and ref.kind != "chapter"
    people = ref.editors if editors_first else ref.authors
    names = [_display_name(a, inverted=i == 0) for i, a in enumerate(people)]
    names = [name for name in names if name]
    if names and ref.et_al:
        joined = ", ".join(names) + ", et al."
    else:
        inverted_first = bool(people and people[0].family and people[0].given)
        joined = _join_names(names, comma_before_and=inverted_first)
    if names and editors_first:
        joined += ", eds." if len(names) > 1 else ", ed."
    return joined


def _chicago_title(ref: Reference, style: _Style) -> str:
    end = "" if ref.title.endswith((".", "?", "!")) else "."
    linked = style.link(style.text(ref.title), ref.url)
    if ref.kind in _ITALIC_TITLE_KINDS:
        return style.italic(linked) + end
    return f'"{linked}{end}"'


def _chicago_locator(ref: Reference) -> str:
    """``5 (1): 12–20`` for journals."""
    locator = ref.volume + (f" ({ref.issue})" if ref.issue else "")
    if ref.pages:
        return f"{locator.strip()}: {ref.pages}" if locator.strip() else ref.pages
    return locator.strip()


def _chicago_container(ref: Reference, style: _Style) -> str:
    container = style.italic(style.text(ref.container))
    if ref.kind == "chapter":
        editors = [_display_name(e, inverted=False) for e in ref.editors]
        text = f"In {container}" if container else ""
        if editors:
            text += style.text(", edited by " + _join_names(editors, len(editors) > 2))
        return text + (style.text(f", {ref.pages}") if ref.pages else "")
    locator = _chicago_locator(ref) if ref.kind == "article" else ""
    if container and locator:
        separator = ", " if locator == ref.pages else " "
        return container + style.text(separator + locator)
    return container or style.text(locator)


def _chicago_link(ref: Reference, style: _Style) -> str:
    if ref.doi:
        url = "https://doi.org/" + quote(ref.doi, safe="/:;()._-[]")
        return _period(style.link(style.text(url), url))
    if ref.url and not (style is _HTML and _is_web_url(ref.url)):
        return _period(style.text(ref.url))
    return ""


def _chicago(ref: Reference, style: _Style) -> str:
    authors = _chicago_authors(ref)
    year = _period(style.text(ref.year or "n.d."))
    title = _chicago_title(ref, style)
    head = [_period(style.text(authors)), year, title] if authors else [title, year]
    imprint = ": ".join(part for part in (ref.place, ref.publisher) if part)
    parts = [
        *head,
        _period(_chicago_container(ref, style)),
        _period(style.text(imprint)),
        _chicago_link(ref, style),
    ]
    return " ".join(part for part in parts if part)


def format_chicago(ref: object) -> str:
    """Chicago author-date reference-list entry as plain text."""
    return _chicago(_coerce(ref), _PLAIN)


def format_chicago_html(ref: object) -> str:
    """Chicago author-date entry as safe HTML (``<em>`` containers, linked title and DOI)."""
    return _chicago(_coerce(ref), _HTML)
