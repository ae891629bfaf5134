"""What a deck may cost, and how the importer reports what it refused or read differently."""

from dataclasses import dataclass

# Sized so that the largest deck they allow previews, saves and imports in under 2 s of CPU
# (bench/deck_import.py): 400 slides like Week 7's take 160,000 characters.
MAX_SLIDE_CHARS = 50_000
MAX_DECK_CHARS = 300_000
MAX_SLIDES = 1_000
MAX_EFFECTIVE_CHARS = 200_000  # one slide after its layout, template and earlier steps are added
MAX_RENDERED_CHARS = 400_000  # all slides of a deck, counted that way
MAX_SLIDE_HTML_CHARS = 1_000_000  # the stored HTML of one slide and its notes
MAX_HTML_CHARS = 6_000_000  # the stored HTML of a deck
MAX_CLASS_DEPTH = 12  # deeper .x[ .y[ … ] ] nesting is shown as text
MAX_CLASSES_PER_SLIDE = 500  # content classes rendered per slide; the rest are shown as text
MAX_WARNINGS = 200


@dataclass
class DeckWarning:
    """Something the importer read differently from what the author probably meant."""

    slide: int  # 1-based index of the source slide
    line: int  # 1-based line number in the source file
    message: str  # human readable, starts with "Slide S, line L: "


class DeckError(ValueError):
    """A deck that cannot be imported at all: too long, too many slides, a slide too long."""

    def __init__(self, message: str, *, slide: int, line: int):
        super().__init__(f"Slide {slide}, line {line}: {message}")
        self.slide = slide
        self.line = line
