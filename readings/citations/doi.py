"""The one DOI normaliser: a DOI however it is written, as the bare ``10.…/…`` form."""

from __future__ import annotations

import re

from readings.citations.base import _trim_url

_DOI_TEXT = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE
)


def normalise_doi(text: str) -> str:
    """The bare DOI of ``text``, its case kept, or "" when ``text`` is not a DOI.

    ``10.1016/X``, ``doi:10.1016/X``, ``https://doi.org/10.1016/X`` and
    ``http://dx.doi.org/10.1016/X`` (with surrounding whitespace, or followed by sentence
    punctuation) all give ``10.1016/X``. The registrant code after ``10.`` has 4 to 9 digits.
    """
    match = _DOI_TEXT.fullmatch((text or "").strip())
    doi = _trim_url(match[1]) if match else ""
    return doi if _DOI_TEXT.fullmatch(doi) else ""


def doi_match_key(text: str) -> str:
    """The DOI of ``text`` for comparisons (DOIs are case-insensitive), or ""."""
    return normalise_doi(text).casefold()
