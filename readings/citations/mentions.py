"""Author-year mentions in slides (``(Zhen & Chan, 2014)``), and whether a reference is the one
a mention cites.

A mention is a parenthesised author-date citation, as the Chicago and APA styles write them in
text: one or two family names (``&`` or ``and``), or a name and ``et al.``, then a year; several
may share the parentheses, separated by semicolons (``(Rossiter, 2010; Keane 2016)``). A
reference answers a mention when its first author's (or institution's) name and its year agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from readings.citations.base import _YEAR
from readings.citations.matching import _coerce

_NAME = r"[A-Z][\w'’-]*(?:[\s-][A-Z][\w'’-]*)?"
_ONE = re.compile(
    rf"(?P<names>{_NAME}(?:\s+et\s+al\.?|,?\s+(?:&|and)\s+{_NAME})?),?\s+"
    rf"(?P<year>{_YEAR})[a-z]?(?=\s*(?:[,:;)]|$))"
)
_PARENTHESES = re.compile(r"\(([^()]*\d{4}[^()]*)\)")


@dataclass(frozen=True)
class Mention:
    """``names`` as written (``Zhen & Chan``) and the ``year`` of one in-text citation."""

    names: str
    year: str

    @property
    def text(self) -> str:
        return f"{self.names}, {self.year}"

    @property
    def first_name(self) -> str:
        """The first family name, folded for comparisons (``o'connor``)."""
        first = re.split(r"\s+(?:&|and|et\s+al\.?)(?:\s|$)", self.names)[0]
        return _fold(first)


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def extract_mentions(markdown: str) -> list[Mention]:
    """The author-year mentions of a slide's Markdown, in order, each once."""
    found: dict[Mention, None] = {}
    for group in _PARENTHESES.finditer(markdown or ""):
        for part in re.split(r";", group[1]):
            match = _ONE.search(part.strip().removeprefix("see ").removeprefix("cf. "))
            if match:
                found[Mention(" ".join(match["names"].split()), match["year"])] = None
    return list(found)


def cites(mention: Mention, ref: object) -> bool:
    """True when ``ref``'s first author (or institution) and year are the mention's."""
    ref = _coerce(ref)
    people = ref.authors or ref.editors
    if not people or ref.year.strip()[:4] != mention.year:
        return False
    first = people[0]
    name = first.family or first.organisation or first.given
    return _fold(name) == mention.first_name
