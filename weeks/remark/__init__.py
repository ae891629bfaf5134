"""remark.js decks: parse deck text into slides, render them to safe HTML, export them back.

The rules the parser and renderer follow are in docs/remark.md; comments cite their ids.
``parse_deck`` (parser) splits a deck into :class:`SourceSlide` objects with the tokeniser
(lexer); ``render_deck`` (renderer) applies templates, layouts and steps (templates),
variables, content classes and macros, and sanitises the HTML; ``export_deck`` (exporter)
writes slides back so that ``parse_deck(export_deck(s))`` gives ``s``. The caps on what a deck
may cost are in limits.

Where this package is more careful than remark it does not differ silently, it adds a
:class:`DeckWarning` for the instructor:

* Jekyll front matter at the top is metadata, not an empty slide followed by a property slide
  (R-FRONT-MATTER);
* a content class spans a ``---`` line outside fences only when it is a multi-line one
  (``.x[`` alone on its line, ``]`` starting a line), never up to a stray ``]`` (remark's
  "squeezed slides", R-BRACKETS);
* an unknown macro stays as text instead of stopping the whole deck (R-MACRO);
* a layout or template is joined to the slide's own content with a newline (R-INHERIT), so a
  layout that does not end with a blank line cannot glue its last line to the slide's first.

Nothing here imports Django; the site stores :class:`SourceSlide` fields and the rendered HTML.
"""

from core.markdown import MAX_LINK_DEPTH
from weeks.remark.exporter import export_deck
from weeks.remark.limits import (
    MAX_CLASS_DEPTH,
    MAX_CLASSES_PER_SLIDE,
    MAX_DECK_CHARS,
    MAX_EFFECTIVE_CHARS,
    MAX_HTML_CHARS,
    MAX_RENDERED_CHARS,
    MAX_SLIDE_CHARS,
    MAX_SLIDE_HTML_CHARS,
    MAX_SLIDES,
    MAX_WARNINGS,
    DeckError,
    DeckWarning,
)
from weeks.remark.parser import parse_deck
from weeks.remark.properties import KNOWN_PROPERTIES
from weeks.remark.renderer import render_deck, render_markdown
from weeks.remark.slides import Deck, RenderedSlide, SourceSlide

__all__ = [
    "KNOWN_PROPERTIES",
    "MAX_CLASS_DEPTH",
    "MAX_CLASSES_PER_SLIDE",
    "MAX_DECK_CHARS",
    "MAX_EFFECTIVE_CHARS",
    "MAX_HTML_CHARS",
    "MAX_LINK_DEPTH",
    "MAX_RENDERED_CHARS",
    "MAX_SLIDE_CHARS",
    "MAX_SLIDE_HTML_CHARS",
    "MAX_SLIDES",
    "MAX_WARNINGS",
    "Deck",
    "DeckError",
    "DeckWarning",
    "RenderedSlide",
    "SourceSlide",
    "export_deck",
    "parse_deck",
    "render_deck",
    "render_markdown",
]
