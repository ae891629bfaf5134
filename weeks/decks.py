"""Bring a week's remark deck in and out of the database, and keep its rendered HTML current."""

import posixpath
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from core.pagecache import bump_version
from core.text import headings, plain_text
from weeks import remark
from weeks.extensions import slide_markup_for
from weeks.models import DeckRevision, Slide, SlideImage
from weeks.remark.diff import compare_slides, summarise
from weeks.remark.outline import even_outline

MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]+)")
HTML_IMAGE = re.compile(r"""<img\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


RENDERED_FIELDS = [
    "visible",
    "index",
    "number",
    "css_classes",
    "background_css",
    "missing_image",
    "html",
    "notes_html",
    "heading",
]


@dataclass
class DeckChange:
    """What saving a deck would do to a week's slides, for the instructor to confirm."""

    deck: remark.Deck
    current: list = field(default_factory=list)  # the week's SourceSlides now
    changes: list = field(default_factory=list)  # remark.diff.SlideChange, in deck order
    based_on: int = 0  # the revision the comparison was made against (0: none yet)

    @property
    def is_replacement(self):
        return bool(self.current)

    @property
    def summary(self):
        return summarise(self.changes)

    def count(self, kind):
        return sum(change.kind == kind for change in self.changes)

    @property
    def shown_changes(self):
        return [change for change in self.changes if change.kind != "same"]


def slide_to_source(slide):
    return remark.SourceSlide(
        content=slide.content,
        notes=slide.notes,
        name=slide.name,
        classes=[c for c in re.split(r"[,\s]+", slide.classes) if c],
        background_image=slide.background_image,
        counted=slide.counted,
        layout=slide.layout,
        template=slide.template,
        excluded=slide.excluded,
        is_step=slide.is_step,
        extra=[tuple(pair) for pair in slide.extra_properties],
    )


def source_to_slide(week, position, source):
    return Slide(
        week=week,
        position=position,
        is_step=source.is_step,
        name=source.name,
        classes=", ".join(source.classes),
        background_image=source.background_image,
        counted=source.counted,
        layout=source.layout,
        template=source.template,
        excluded=source.excluded,
        extra_properties=[list(pair) for pair in source.extra],
        content=source.content,
        notes=source.notes,
    )


def image_resolver(course, uploaded=None):
    """Map deck image paths (img/maker.jpg, /talks/x/img/maker.jpg) to uploaded images by name."""
    if uploaded is None:
        uploaded = uploaded_images(course)

    def resolve(url):
        if "://" in url:
            return url
        return uploaded.get(image_name(url), url)

    return resolve


def uploaded_images(course):
    return {image.file_name: image.image.url for image in course.slide_images.all()}


def image_name(path):
    """The file name a deck path answers to: img/maker.jpg?v=2 is maker.jpg."""
    return posixpath.basename(path.split("?", 1)[0])


def without_background_image(css):
    """Background declarations without the image, for a slide whose image is missing."""
    declarations = [d for d in css.split("; ") if d and not d.startswith("background-image:")]
    return "; ".join(declarations)


def image_paths(markdown):
    """Image paths a slide's markdown refers to: ![alt](path), ![:scale 50%](path), <img src>."""
    return MARKDOWN_IMAGE.findall(markdown) + HTML_IMAGE.findall(markdown)


def missing_images(week):
    """Deck image paths of `week` that no uploaded image of its course answers to."""
    return missing_image_paths(week.course, [slide_to_source(slide) for slide in week.slides.all()])


def missing_image_paths(course, sources):
    """Image paths of the SourceSlides `sources` that no uploaded image of `course` answers to."""
    names = set(SlideImage.objects.filter(course=course).values_list("file_name", flat=True))
    paths = []
    for source in sources:
        for path in [source.background_image, *image_paths(source.content)]:
            if path and "://" not in path and posixpath.basename(path) not in names:
                paths.append(path)
    return list(dict.fromkeys(paths))


def heading_of(markdown):
    """The slide's first heading as plain text, for titles and links."""
    first = next(headings(markdown), None)
    return plain_text(first.text)[:300] if first else ""


def render_slides(week, slides, sources=None):
    """Set the rendered fields of the Slide objects `slides` (the whole deck, in order) from
    their `sources` (SourceSlides; read from the slides when not given). Raises DeckError."""
    if sources is None:
        sources = [slide_to_source(slide) for slide in slides]
    uploaded = uploaded_images(week.course)
    rendered = remark.render_deck(sources, resolve_image=image_resolver(week.course, uploaded))
    markup = slide_markup_for(week.course_id)
    for slide, result in zip(slides, rendered, strict=True):
        slide.visible = result.visible
        slide.index = result.index
        slide.number = result.number
        slide.css_classes = " ".join(result.classes)
        path = result.background_image
        missing = bool(path) and "://" not in path and image_name(path) not in uploaded
        slide.missing_image = path[:500] if missing else ""
        slide.background_css = (
            without_background_image(result.background_css) if missing else result.background_css
        )
        slide.html = markup(result.html)
        slide.notes_html = result.notes_html
        slide.heading = heading_of(slide.content)
    shown = [slide for slide in slides if slide.visible]
    for slide, html in zip(shown, even_outline([slide.html for slide in shown]), strict=True):
        slide.html = html
    return slides


@transaction.atomic
def render_week_slides(week):
    """Render every slide of `week` from its stored source and store the HTML."""
    slides = render_slides(week, list(week.slides.order_by("position", "id")))
    Slide.objects.bulk_update(slides, RENDERED_FIELDS, batch_size=500)
    bump_version()  # bulk_update sends no signals
    return slides


def rerender_weeks_using(image):
    """Render again the decks of the image's course that name it, now that it resolves."""
    weeks = image.course.weeks.filter(
        Q(slides__background_image__endswith=image.file_name)
        | Q(slides__content__contains=image.file_name)
    ).distinct()
    for week in weeks:
        render_week_slides(week)


def current_sources(week):
    return [slide_to_source(slide) for slide in week.slides.order_by("position", "id")]


def slide_texts(sources):
    """Each SourceSlide written out on its own, as the deck diff compares them (the newlines
    before a separator belong to it, not to the slide)."""
    return [remark.export_deck([source]).rstrip("\n") for source in sources]


def compare_deck(week, deck, based_on=0):
    """How the parsed `deck` differs from the week's slides, slide by slide."""
    current = current_sources(week)
    changes = compare_slides(slide_texts(current), slide_texts(deck.slides))
    return DeckChange(deck=deck, current=current, changes=changes, based_on=based_on)


def build_slides(week, deck):
    """The Slide objects of a parsed `deck`, rendered, not saved. Raises remark.DeckError."""
    slides = [
        source_to_slide(week, position, source) for position, source in enumerate(deck.slides)
    ]
    return render_slides(week, slides, deck.slides)


def replace_slides(week, deck, slides):
    """Make `slides` (from build_slides) the week's, in place of its slides: one INSERT per
    batch. weeks.revisions.save_deck calls it inside the transaction that records the
    revision, and sends `deck_imported` once that transaction is over."""
    week.slides.all().delete()
    Slide.objects.bulk_create(slides, batch_size=500)
    if deck.metadata != week.deck_metadata:
        week.deck_metadata = deck.metadata
        week.save(update_fields=["deck_metadata"])
    bump_version()  # bulk_create sends no signals
    return slides


def export_week_deck(week):
    """The deck as last saved, byte for byte; written out from the slides for a week saved
    before decks had revisions."""
    revision = DeckRevision.objects.filter(week=week).order_by("-number").first()
    if revision:
        return revision.source
    return remark.export_deck(current_sources(week), week.deck_metadata)
