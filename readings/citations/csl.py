"""References as CSL-JSON items (what Zotero imports and exports natively), and back.

Each kind has the CSL type a style formats it by: a podcast episode is a ``broadcast`` whose
``container-title`` is its site or programme, a policy document a ``report`` of genre
``policy document``. "et al." written in the source has no CSL variable: it is kept in the
item's ``custom`` object (the CSL-JSON schema's place for data without a variable).
"""

from __future__ import annotations

import json
import re

from readings.citations.base import Author, Reference
from readings.citations.bibtex import citation_keys
from readings.citations.doi import normalise_doi
from readings.citations.matching import _coerce

CSL_TYPES = {
    "article": "article-journal",
    "chapter": "chapter",
    "book": "book",
    "report": "report",
    "webpage": "webpage",
    "podcast": "broadcast",
    "video": "motion_picture",
    "policy": "report",
}
POLICY_GENRE = "policy document"
_KINDS_OF_TYPES = {
    "article": "article",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "paper-conference": "chapter",
    "chapter": "chapter",
    "entry-encyclopedia": "chapter",
    "entry-dictionary": "chapter",
    "book": "book",
    "thesis": "book",
    "report": "report",
    "webpage": "webpage",
    "post-weblog": "webpage",
    "post": "webpage",
    "broadcast": "podcast",
    "song": "podcast",
    "motion_picture": "video",
    "legislation": "policy",
    "regulation": "policy",
    "bill": "policy",
}
# Reference field -> CSL variable, for the plain text fields.
_VARIABLES = (
    ("title", "title"),
    ("container", "container-title"),
    ("volume", "volume"),
    ("issue", "issue"),
    ("pages", "page"),
    ("publisher", "publisher"),
    ("place", "publisher-place"),
    ("url", "URL"),
    ("doi", "DOI"),
    ("language", "language"),
)


_MAPPED = {"id", "type", "author", "editor", "issued", "custom"} | {
    variable for _, variable in _VARIABLES
}


def _csl_name(author: Author) -> dict[str, str]:
    if author.organisation:
        return {"literal": author.organisation}
    name = {"family": author.family, "given": author.given}
    return {key: value for key, value in name.items() if value}


def to_csl_item(ref: object, item_id: str = "") -> dict:
    """The CSL-JSON item of ``ref`` (a Reference or anything with its attributes)."""
    ref = _coerce(ref)
    item: dict = {"id": item_id or "item", "type": CSL_TYPES[ref.kind]}
    if ref.authors:
        item["author"] = [_csl_name(author) for author in ref.authors]
    if ref.editors:
        item["editor"] = [_csl_name(editor) for editor in ref.editors]
    for name, variable in _VARIABLES:
        value = getattr(ref, name)
        if value:
            item[variable] = value
    if ref.year.isdigit():
        item["issued"] = {"date-parts": [[int(ref.year)]]}
    elif ref.year:
        item["issued"] = {"literal": ref.year}
    if ref.kind == "policy":
        item["genre"] = POLICY_GENRE
    elif ref.kind == "podcast":
        item["medium"] = "Podcast"
    if ref.et_al:
        item["custom"] = {"et-al": True}
    return _with_extra(item, ref.extra)


def _with_extra(item: dict, extra: dict) -> dict:
    """``item`` with the imported variables it lacks; the original type and full date when
    they say what the fields say."""
    extra = {key: value for key, value in extra.items() if key not in ("id", "custom")}
    if extra.get("type") and _KINDS_OF_TYPES.get(extra["type"]) == kind_of(item):
        item["type"] = extra["type"]
    if "issued" in item and _year(extra.get("issued")) == _year(item["issued"]):
        item["issued"] = extra["issued"]
    return {**extra, **item}


def _year(issued: object) -> str:
    if not isinstance(issued, dict):
        return ""
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        return str(parts[0][0])
    text = str(issued.get("raw") or issued.get("literal") or "")
    match = re.search(r"\b\d{4}\b", text)
    return match[0] if match else text


def _author(name: object) -> Author:
    if isinstance(name, str):
        return Author(organisation=name)
    if not isinstance(name, dict):
        return Author()
    if name.get("literal"):
        return Author(organisation=str(name["literal"]))
    family = " ".join(
        str(name.get(part) or "") for part in ("non-dropping-particle", "family") if name.get(part)
    )
    given = " ".join(
        str(name.get(part) or "") for part in ("given", "dropping-particle") if name.get(part)
    )
    return Author(family=family, given=given)


def _people(value: object) -> list[Author]:
    names = value if isinstance(value, list) else []
    return [author for author in map(_author, names) if author != Author()]


def kind_of(item: dict) -> str:
    """The reading kind for a CSL item's type (a policy report by its genre)."""
    csl_type = str(item.get("type") or "")
    if csl_type == "report" and str(item.get("genre") or "").casefold() == POLICY_GENRE:
        return "policy"
    return _KINDS_OF_TYPES.get(csl_type, "article" if item.get("container-title") else "book")


def from_csl_item(item: dict) -> Reference:
    """A Reference for a CSL-JSON item; variables it has no field for are left out."""
    ref = Reference(kind=kind_of(item))
    for name, variable in _VARIABLES:
        value = item.get(variable)
        if isinstance(value, (str, int)):
            setattr(ref, name, " ".join(str(value).split()))
    if not ref.container and item.get("collection-title") and ref.kind == "webpage":
        ref.container = str(item["collection-title"])
    ref.doi = normalise_doi(ref.doi) or ref.doi
    ref.pages = re.sub(r"(?<=\w)\s*-{1,2}\s*(?=\w)", "–", ref.pages)
    ref.authors = _people(item.get("author"))
    ref.editors = _people(item.get("editor"))
    ref.year = _year(item.get("issued"))
    custom = item.get("custom")
    ref.et_al = bool(isinstance(custom, dict) and custom.get("et-al"))
    ref.extra = {key: value for key, value in item.items() if key not in _MAPPED}
    for key in ("type", "issued"):
        if key in item:
            ref.extra[key] = item[key]
    return ref


def to_csl_json(refs: list) -> str:
    """A CSL-JSON array of ``refs``, their ids the BibTeX keys."""
    references = [_coerce(ref) for ref in refs]
    items = [
        to_csl_item(ref, key)
        for ref, key in zip(references, citation_keys(references), strict=True)
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
