"""References read from the files reference managers export: BibTeX, RIS and CSL-JSON.

Zotero exports all three. BibTeX is read by pybtex (names split as BibTeX splits them, LaTeX
decoded by latexcodec), RIS by rispy, CSL-JSON by :func:`from_csl_item`. "and others" in
BibTeX and "et al." among RIS authors become ``et_al``. A file that is none of them, or has no
reference, raises :class:`ReferenceFileError` with the reason.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
import rispy
from pybtex.database import Person, PybtexError
from pybtex.database import parse_string as parse_bibtex

from readings.citations.base import Author, Reference
from readings.citations.csl import from_csl_item
from readings.citations.doi import normalise_doi

FORMATS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL JSON"}


class ReferenceFileError(ValueError):
    """The file cannot be read as references; the message says why."""


_BIB_KINDS = {
    "article": "article",
    "incollection": "chapter",
    "inbook": "chapter",
    "inproceedings": "chapter",
    "book": "book",
    "techreport": "report",
    "report": "report",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
}
_BIB_CONTAINERS = ("journal", "journaltitle", "booktitle", "howpublished", "organization")
_GENRE_KINDS = {"podcast": "podcast", "video": "video", "policy document": "policy"}
_RIS_KINDS = {
    "JOUR": "article",
    "JFULL": "article",
    "MGZN": "article",
    "NEWS": "article",
    "CHAP": "chapter",
    "CONF": "chapter",
    "CPAPER": "chapter",
    "BOOK": "book",
    "EDBOOK": "book",
    "RPRT": "report",
    "GOVDOC": "policy",
    "ELEC": "webpage",
    "WEB": "webpage",
    "BLOG": "webpage",
    "MULTI": "webpage",
    "SOUND": "podcast",
    "VIDEO": "video",
    "MPCT": "video",
}
_ET_AL = ("et al.", "et al", "others")
_COMMAND = re.compile(r"\\(?:emph|textit|textbf|textsc|textup|mkbibquote|url)\s*(?=\{)")


# Commands latexcodec leaves, as private-use characters until the braces are gone.
_SYMBOLS = {"textbackslash": "\ue000", "textasciicircum": "\ue001", "textasciitilde": "\ue002"}
_SYMBOL = re.compile(r"\\(" + "|".join(_SYMBOLS) + r")(?:\{\}|\s+|(?![a-zA-Z]))")
_UNSYMBOL = str.maketrans({"\ue000": "\\", "\ue001": "^", "\ue002": "~"})


def _plain(latex: str) -> str:
    """Text of a BibTeX value: accents and escapes decoded, case-protecting braces removed."""
    text = _SYMBOL.sub(lambda match: _SYMBOLS[match[1]], _COMMAND.sub("", latex))
    text = re.sub(r"(?<!\\)[{}]", "", codecs.decode(text, "ulatex"))
    text = re.sub(r"\\([{}&%$#_])", r"\1", text).translate(_UNSYMBOL)
    return " ".join(text.split())


def _bib_person(person: Person) -> Author:
    family = " ".join(person.prelast_names + person.last_names)
    given = " ".join(person.first_names + person.middle_names)
    if not given and family.startswith("{") and family.endswith("}"):
        return Author(organisation=_plain(family))
    return Author(family=_plain(family), given=_plain(given))


def _bib_people(persons: list[Person]) -> tuple[list[Author], bool]:
    people = [_bib_person(person) for person in persons]
    others = [a for a in people if a.family.casefold() == "others" and not a.given]
    return [a for a in people if a not in others], bool(others)


def _bib_reference(entry) -> Reference:
    fields = {name.casefold(): value for name, value in entry.fields.items()}
    text = {name: _plain(value) for name, value in fields.items() if name not in ("url", "doi")}
    genre = text.get("type", "").casefold()
    kind = _GENRE_KINDS.get(genre) or _BIB_KINDS.get(entry.type.casefold())
    kind = kind or ("webpage" if fields.get("url") else "report")
    authors, et_al = _bib_people(entry.persons.get("author", []))
    editors, editors_et_al = _bib_people(entry.persons.get("editor", []))
    year = text.get("year") or text.get("date", "")[:4]
    return Reference(
        kind=kind,
        authors=authors,
        editors=editors,
        et_al=et_al or editors_et_al,
        title=text.get("title", ""),
        container=next((text[name] for name in _BIB_CONTAINERS if text.get(name)), ""),
        volume=text.get("volume", ""),
        issue=text.get("number", "") or text.get("issue", ""),
        pages=re.sub(r"\s*-{1,2}\s*", "–", text.get("pages", "")),
        year=year,
        publisher=text.get("publisher", "") or text.get("institution", ""),
        place=text.get("address", "") or text.get("location", ""),
        url=fields.get("url", "").strip(),
        doi=normalise_doi(fields.get("doi", "")),
        language=text.get("language", "") or text.get("langid", ""),
    )


def _read_bibtex(text: str) -> list[Reference]:
    try:
        data = parse_bibtex(text, "bibtex")
    except (PybtexError, ValueError) as error:
        raise ReferenceFileError(f"This is not BibTeX that can be read: {error}") from error
    return [_bib_reference(entry) for entry in data.entries.values()]


def _ris_name(name: str) -> Author:
    """``Family, Given``; a single word (``Shao``) is a family name, more an institution."""
    family, comma, given = (part.strip() for part in name.partition(","))
    if comma or len(family.split()) == 1:
        return Author(family=family, given=given)
    return Author(organisation=family)


def _ris_reference(record: dict) -> Reference:
    names = record.get("authors", []) + record.get("first_authors", [])
    et_al = any(name.strip().casefold() in _ET_AL for name in names)
    people = [_ris_name(name) for name in names if name.strip().casefold() not in _ET_AL]
    kind = _RIS_KINDS.get(record.get("type_of_reference", ""), "article")
    genre = str(record.get("type_of_work", "")).casefold()
    kind = _GENRE_KINDS.get(genre, kind)
    start, end = record.get("start_page", ""), record.get("end_page", "")
    container = record.get("secondary_title") or record.get("journal_name") or ""
    return Reference(
        kind=kind,
        authors=people,
        et_al=et_al,
        editors=[_ris_name(name) for name in record.get("secondary_authors", [])],
        title=record.get("title") or record.get("primary_title") or "",
        container=container,
        volume=record.get("volume", ""),
        issue=record.get("number", ""),
        pages=f"{start}–{end}" if start and end else start,
        year=str(record.get("year") or record.get("publication_year") or "")[:4],
        publisher=record.get("publisher", ""),
        place=record.get("place_published", ""),
        url=(record.get("urls") or [""])[0],
        doi=normalise_doi(record.get("doi", "")),
        language=record.get("language", ""),
    )


def _read_ris(text: str) -> list[Reference]:
    try:
        records = rispy.loads(text)
    except (OSError, ValueError, KeyError) as error:
        raise ReferenceFileError(f"This is not RIS that can be read: {error}") from error
    return [_ris_reference(record) for record in records]


def _read_csl_json(text: str) -> list[Reference]:
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ReferenceFileError(f"This is not JSON: {error}") from error
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ReferenceFileError("CSL JSON is a list of items, each an object.")
    return [from_csl_item(item) for item in items]


_READERS = {"bib": _read_bibtex, "ris": _read_ris, "json": _read_csl_json}


def detect_format(text: str, filename: str = "") -> str:
    """``bib``, ``ris`` or ``json``: by the file's extension, else by its first characters."""
    extension = filename.rpartition(".")[2].casefold()
    if extension in _READERS:
        return extension
    start = text.lstrip("\ufeff \t\r\n")[:10]
    if start.startswith(("[", "{")):
        return "json"
    if start.startswith("@"):
        return "bib"
    if re.match(r"TY {2}- ", start):
        return "ris"
    raise ReferenceFileError("Upload a .bib (BibTeX), .ris (RIS) or .json (CSL JSON) file.")


def read_references(text: str, filename: str = "") -> list[Reference]:
    """The references of an exported file; refused with :class:`ReferenceFileError`."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.lstrip("\ufeff")
    refs = [ref for ref in _READERS[detect_format(text, filename)](text) if ref.title.strip()]
    if not refs:
        raise ReferenceFileError("The file holds no reference with a title.")
    return refs
