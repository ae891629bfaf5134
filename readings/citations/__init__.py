"""Citations found in remark slide footnotes, parsed and exported.

Instructors cite readings in free-form Markdown, mostly in ``.footnote[ … ]`` blocks and
sometimes in blockquotes. This package turns that text into :class:`Reference` objects and
renders them again:

* :func:`extract_references` finds the references in the Markdown of one slide;
* :func:`extract_reading_list` finds those listed on a reading slide (a list under a heading
  such as Readings, Bibliography, Sources or To read);
* :func:`parse_reference` parses one reference string, or returns ``None`` when the text is
  not a reference (prose, in-text citations such as ``(Zhen & Chan, 2014)``, photo credits);
* :func:`format_chicago` and :func:`format_chicago_html` render Chicago author-date;
* :func:`to_bibtex` and :func:`to_ris` export for reference managers;
* :func:`match_key` gives a key for de-duplication;
* :func:`normalise_doi` gives the bare DOI of a DOI, ``doi:`` DOI or doi.org link.

The parser is deliberately conservative: a reference needs at least a title and one of a
year, a URL, a DOI, a container or a publisher, and text that reads like prose is rejected.

The formatters accept any object with the :class:`Reference` attribute names (a Django model,
a dict), with authors and editors given as :class:`Author` objects, dicts with the keys
``family``, ``given`` and ``organisation``, or name strings. Standard library only.

Modules: ``base`` (types, shared patterns), ``names``, ``parser`` and ``fields`` (one
reference), ``extraction`` (a slide), ``doi``, ``matching`` (coercion, de-duplication key),
and the formats ``chicago``, ``bibtex`` and ``ris``.
"""

from readings.citations.base import KINDS, Author, Reference
from readings.citations.bibtex import to_bibtex
from readings.citations.chicago import format_chicago, format_chicago_html
from readings.citations.doi import doi_match_key, normalise_doi
from readings.citations.extraction import extract_reading_list, extract_references
from readings.citations.matching import match_key
from readings.citations.parser import parse_reference
from readings.citations.ris import to_ris

__all__ = [
    "KINDS",
    "Author",
    "Reference",
    "doi_match_key",
    "extract_reading_list",
    "extract_references",
    "format_chicago",
    "format_chicago_html",
    "match_key",
    "normalise_doi",
    "parse_reference",
    "to_bibtex",
    "to_ris",
]
