"""The slides a deck is made of: as parsed from the source, and as rendered."""

from dataclasses import dataclass, field

from weeks.remark.limits import DeckWarning


@dataclass
class SourceSlide:
    """One part of the deck between separators; each ``--`` step is its own SourceSlide.

    ``content`` is the Markdown body without property lines and notes. The newline that ends the
    property lines (or follows a ``--`` line) is not part of it; rendering puts it back when it
    joins a step or a layout to the content before it.
    """

    content: str = ""
    notes: str = ""
    name: str = ""
    classes: list[str] = field(default_factory=list)
    background_image: str = ""  # the URL only, parsed out of url(...)
    counted: bool = True
    layout: bool | None = None
    template: str = ""
    excluded: bool = False
    is_step: bool = False
    extra: list[tuple[str, str]] = field(default_factory=list)  # other properties, in order
    line: int = field(default=1, compare=False)  # where the slide starts in the source


@dataclass
class Deck:
    slides: list[SourceSlide]
    metadata: dict[str, str]
    warnings: list[DeckWarning]


@dataclass
class RenderedSlide:
    visible: bool  # False for layout slides and excluded slides
    index: int | None  # 1-based position among visible slides (steps included)
    number: int | None  # the number remark displays
    name: str
    classes: list[str]
    background_css: str  # CSS declarations built here from validated values only
    html: str
    notes_html: str
    background_image: str = ""  # the image path the deck gives, after templates and layouts
