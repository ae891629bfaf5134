"""RIS export: every author as the source lists them, "et al." included."""

from __future__ import annotations

import re

from readings.citations.base import Author, Reference
from readings.citations.matching import _coerce

_RIS_TYPES = {
    "article": "JOUR",
    "chapter": "CHAP",
    "book": "BOOK",
    "report": "RPRT",
    "webpage": "ELEC",
    "podcast": "MULTI",  # online multimedia: an episode on a site, which T2 names
    "video": "VIDEO",
    "policy": "GOVDOC",
}
_RIS_GENRES = {"podcast": "Podcast", "video": "Video", "policy": "Policy document"}
_RIS_EOL = "\r\n"


def _ris_name(author: Author) -> str:
    if author.organisation:
        return author.organisation
    return ", ".join(part for part in (author.family, author.given) if part)


def _ris_tags(ref: Reference) -> list[tuple[str, str]]:
    start, _, end = re.sub(r"\s*[-–—]+\s*", "-", ref.pages).partition("-")
    return [
        ("TY", _RIS_TYPES[ref.kind]),
        *(("AU", _ris_name(author)) for author in ref.authors),
        ("AU", "et al." if ref.et_al and ref.authors else ""),
        *(("A2", _ris_name(editor)) for editor in ref.editors),
        ("TI", ref.title),
        ("T2", ref.container),
        ("JO", ref.container if ref.kind == "article" else ""),
        ("VL", ref.volume),
        ("IS", ref.issue),
        ("SP", start),
        ("EP", end),
        ("PY", ref.year),
        ("PB", ref.publisher),
        ("CY", ref.place),
        ("UR", ref.url),
        ("DO", ref.doi),
        ("LA", ref.language),
        ("M3", _RIS_GENRES.get(ref.kind, "")),
    ]


def _ris_record(ref: Reference) -> str:
    lines = [
        f"{tag}  - {' '.join(value.split())}" for tag, value in _ris_tags(ref) if value.strip()
    ]
    return _RIS_EOL.join([*lines, "ER  - "]) + _RIS_EOL


def to_ris(refs: list) -> str:
    """RIS records for ``refs`` (CRLF line endings, one blank line between records)."""
    return _RIS_EOL.join(_ris_record(_coerce(ref)) for ref in refs)
