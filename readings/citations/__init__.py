"""Citations found in remark slide footnotes, parsed, formatted by CSL and exported.

Instructors cite readings in free-form Markdown, mostly in ``.footnote[ … ]`` blocks and
sometimes in blockquotes. This package turns that text into :class:`Reference` objects, and
those into CSL-JSON items that citeproc-py formats with the official CSL styles:

* :func:`extract_references` finds the references in the Markdown of one slide;
* :func:`extract_reading_list` finds those listed on a reading slide (a list under a heading
  such as Readings, Bibliography, Sources or To read);
* :func:`parse_reference` parses one reference string, or returns ``None`` when the text is
  not a reference (prose, in-text citations such as ``(Zhen & Chan, 2014)``, photo credits);
* :func:`extract_mentions` finds the author-year mentions (``Zhen & Chan, 2014``) of a slide;
* :func:`to_csl_item` and :func:`from_csl_item` convert to and from CSL-JSON;
* :func:`format_reference` and :func:`format_reference_html` render one of :data:`STYLES`
  (Chicago author-date, the default; Chicago notes and bibliography; APA 7; MLA 9);
* :func:`to_bibtex`, :func:`to_ris` and :func:`to_csl_json` export for reference managers,
  :func:`read_references` imports their files (BibTeX, RIS, CSL-JSON);
* :func:`match_key` gives a key for de-duplication, :func:`normalise_doi` the bare DOI.

The parser is deliberately conservative: a reference needs at least a title and one of a
year, a URL, a DOI, a container or a publisher, and text that reads like prose is rejected.
The formatters accept any object with the :class:`Reference` attribute names (a Django model,
a dict), with authors and editors given as :class:`Author` objects, dicts with the keys
``family``, ``given`` and ``organisation``, or name strings. No Django.
"""

from readings.citations.base import KINDS, Author, Reference
from readings.citations.bibtex import to_bibtex
from readings.citations.csl import from_csl_item, to_csl_item, to_csl_json
from readings.citations.doi import doi_match_key, normalise_doi
from readings.citations.extraction import extract_reading_list, extract_references
from readings.citations.formatting import (
    DEFAULT_STYLE,
    STYLE_NAMES,
    STYLES,
    format_all,
    format_reference,
    format_reference_html,
    style_named,
)
from readings.citations.importing import ReferenceFileError, read_references
from readings.citations.matching import match_key
from readings.citations.mentions import extract_mentions
from readings.citations.parser import parse_reference
from readings.citations.ris import to_ris

__all__ = [
    "DEFAULT_STYLE",
    "KINDS",
    "STYLES",
    "STYLE_NAMES",
    "Author",
    "Reference",
    "ReferenceFileError",
    "doi_match_key",
    "extract_mentions",
    "extract_reading_list",
    "extract_references",
    "format_all",
    "format_reference",
    "format_reference_html",
    "from_csl_item",
    "match_key",
    "normalise_doi",
    "parse_reference",
    "read_references",
    "style_named",
    "to_bibtex",
    "to_csl_item",
    "to_csl_json",
    "to_ris",
]
