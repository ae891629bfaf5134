"""BibTeX export with stable citation keys and the capitals of proper nouns protected."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from urllib.parse import quote

from readings.citations.base import _STOPWORDS, Author, Reference
from readings.citations.matching import _coerce
from readings.citations.propernouns import protected_words

_BIBTEX_TYPES = {
    "article": "article",
    "chapter": "incollection",
    "book": "book",
    "report": "techreport",
    "webpage": "online",
    "podcast": "misc",
    "video": "misc",
    "policy": "techreport",
}
# The ``type`` field: what a @misc or @techreport is, which BibTeX styles print and Zotero reads.
_BIBTEX_GENRES = {"podcast": "Podcast", "video": "Video", "policy": "Policy document"}
_BIBTEX_CONTAINER = {
    "article": "journal",
    "chapter": "booktitle",
    "book": "series",
    "report": "series",
    "webpage": "organization",
}
_BIBTEX_SPECIALS = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


def _bibtex_escape(value: str) -> str:
    return value.translate(_BIBTEX_SPECIALS)


def _bibtex_title(value: str, names: set[str]) -> str:
    """Escaped title with proper nouns and acronyms braced (``{China}'s {AI} Dream``), so
    that BibTeX styles and Zotero keep their capitals."""
    pieces, position = [], 0
    for start, end in protected_words(value, names):
        pieces += [_bibtex_escape(value[position:start]), "{" + _bibtex_escape(value[start:end])]
        pieces.append("}")
        position = end
    return "".join([*pieces, _bibtex_escape(value[position:])])


def _name_words(ref: Reference) -> set[str]:
    people = [*ref.authors, *ref.editors]
    return {word for p in people for word in f"{p.family} {p.given}".split() if len(word) > 1}


def _bibtex_verbatim(value: str) -> str:
    """URL or DOI: left verbatim except for characters that would unbalance the field."""
    return re.sub(r"[{}\\\s]", lambda m: quote(m[0]), value)


def _bibtex_name(author: Author) -> str:
    if author.organisation:
        return "{" + _bibtex_escape(author.organisation) + "}"
    family = _bibtex_escape(author.family)
    if " and " in family or (" " in family and not author.given):
        family = "{" + family + "}"
    return f"{family}, {_bibtex_escape(author.given)}" if author.given else family


def _bibtex_names(people: list[Author], et_al: bool = False) -> str:
    names = [_bibtex_name(person) for person in people]
    return " and ".join(names + (["others"] if et_al and names else []))


def _ascii_word(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", decomposed.encode("ascii", "ignore").decode().casefold())


def _key_words(text: str) -> list[str]:
    """ASCII words of ``text`` without stop words (all words if only stop words)."""
    words = [word for word in map(_ascii_word, text.split()) if word]
    return [word for word in words if word not in _STOPWORDS] or words


def _short_name(text: str) -> str:
    """``World Bank`` → ``worldbank``; ``Future of Humanity Institute`` → ``fhi``."""
    words = _key_words(text)
    return "".join(words) if len(words) <= 2 else "".join(word[0] for word in words)


def _bibtex_base_key(ref: Reference) -> str:
    """Family name (or institution, or site) + year + first significant title word."""
    first = (ref.authors or ref.editors or [Author()])[0]
    name = _ascii_word(first.family or first.given) or _short_name(
        first.organisation or ref.container or ref.publisher
    )
    title = _key_words(ref.title)
    if not name:
        name, title = "".join(title[:1]), title[1:]
    return name + _ascii_word(ref.year) + "".join(title[:1]) or "ref"


def _letters(number: int) -> str:
    """0 → a, 25 → z, 26 → aa …"""
    letters = ""
    number += 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def _unique_keys(bases: list[str]) -> list[str]:
    counts = Counter(bases)
    taken = {base for base, count in counts.items() if count == 1}
    used: Counter[str] = Counter()
    keys = []
    for base in bases:
        key = base
        while counts[base] > 1 and (key == base or key in taken):
            key = base + _letters(used[base])
            used[base] += 1
        taken.add(key)
        keys.append(key)
    return keys


def _bibtex_fields(ref: Reference) -> list[tuple[str, str]]:
    container_field = _BIBTEX_CONTAINER.get(ref.kind, "howpublished")
    publisher_field = "institution" if ref.kind in ("report", "policy") else "publisher"
    escaped = [
        (container_field, ref.container),
        ("volume", ref.volume),
        ("number", ref.issue),
        ("pages", ref.pages.replace("–", "--")),
        ("year", ref.year),
        (publisher_field, ref.publisher),
        ("address", ref.place),
        ("language", ref.language),
    ]
    return [
        ("author", _bibtex_names(ref.authors, ref.et_al)),
        ("editor", _bibtex_names(ref.editors, ref.et_al and not ref.authors)),
        ("title", _bibtex_title(ref.title, _name_words(ref))),
        ("type", _BIBTEX_GENRES.get(ref.kind, "")),
        *((name, _bibtex_escape(value)) for name, value in escaped),
        ("doi", _bibtex_verbatim(ref.doi)),
        ("url", _bibtex_verbatim(ref.url)),
    ]


def _bibtex_entry(ref: Reference, key: str) -> str:
    lines = [f"  {name} = {{{value}}}," for name, value in _bibtex_fields(ref) if value]
    return "\n".join([f"@{_BIBTEX_TYPES[ref.kind]}{{{key},", *lines, "}"])


def citation_keys(references: list[Reference]) -> list[str]:
    """Stable, unique keys such as ``alizadeh2015investigation``, one per reference."""
    return _unique_keys([_bibtex_base_key(ref) for ref in references])


def to_bibtex(refs: list) -> str:
    """BibTeX (UTF-8) for ``refs``, with stable keys such as ``alizadeh2015investigation``."""
    references = [_coerce(ref) for ref in refs]
    keys = citation_keys(references)
    entries = (_bibtex_entry(ref, key) for ref, key in zip(references, keys, strict=True))
    return "\n".join(entry + "\n" for entry in entries)
