"""Any object with the :class:`Reference` attributes as a Reference, and the de-duplication key."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import fields
from functools import partial
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from readings.citations.base import KINDS, Author, Reference, _words
from readings.citations.doi import doi_match_key
from readings.citations.names import _parse_names

_FIELDS = tuple(f.name for f in fields(Reference))


def _coerce_author(value: object) -> list[Author]:
    if isinstance(value, Author):
        return [value]
    if isinstance(value, str):
        return _parse_names(value)
    get = value.get if isinstance(value, dict) else partial(getattr, value)
    author = Author(
        *(str(get(key, "") or "").strip() for key in ("family", "given", "organisation"))
    )
    return [author] if author != Author() else []


def _coerce_people(value: object) -> list[Author]:
    if callable(getattr(value, "all", None)):
        value = value.all()
    if not value:
        return []
    if isinstance(value, (str, Author, dict)):
        value = [value]
    return [author for item in value for author in _coerce_author(item)]


def _coerce(obj: object) -> Reference:
    """A normalised copy of a Reference, a dict or any object with the same attributes."""
    get = obj.get if isinstance(obj, dict) else partial(getattr, obj)
    values: dict[str, object] = {}
    for name in _FIELDS:
        value = get(name, None)
        if name in ("authors", "editors"):
            values[name] = _coerce_people(value)
        elif name == "et_al":
            values[name] = bool(value)
        elif name == "extra":  # a Reading model keeps it as csl_extra
            value = value if isinstance(value, dict) else get("csl_extra", None)
            values[name] = dict(value) if isinstance(value, dict) else {}
        else:
            values[name] = "" if value is None else " ".join(str(value).split())
    values["kind"] = str(values["kind"]).casefold()
    if values["kind"] not in KINDS:
        values["kind"] = "article"
    return Reference(**values)


# --------------------------------------------------------------------------- match key

_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid)$")


def _normalise_url(url: str) -> str:
    parts = urlsplit(url.strip())
    host = parts.netloc.casefold().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    path = unquote(parts.path).rstrip("/")
    return f"{host}{path}" + (f"?{query}" if query else "")


def _fold(text: str) -> str:
    """Casefolded text without accents or punctuation, for comparisons."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_words(bare))


def match_key(ref: object) -> tuple:
    """De-duplication key: DOI, else normalised URL, else folded title and year."""
    ref = _coerce(ref)
    doi = doi_match_key(ref.doi) or doi_match_key(ref.url)
    if doi:
        return ("doi", doi)
    if ref.url:
        return ("url", _normalise_url(ref.url))
    return ("title", _fold(ref.title), ref.year.strip())
