"""Bring a week's remark deck in and out of the database, and keep its rendered HTML current."""

import posixpath
import re
from dataclasses import dataclass, field

from django.db import transaction

from core.pagecache import bump_version
from core.text import headings, plain_text
from weeks import remark
from weeks.extensions import slide_markup_for
from weeks.models import Slide, SlideImage, Week
from weeks.remark.outline import even_outline
from weeks.signals import deck_imported

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
    """What importing a deck would do to a week's slides, for the instructor to confirm."""

    deck: remark.Deck
    current: list = field(default_factory=list)
    added: int = 0
    removed: int = 0
    changed: list = field(default_factory=list)  # 1-based positions whose source differs

    @property
    def is_replacement(self):
        return bool(self.current)


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
    names = set(SlideImage.objects.filter(course=week.course).values_list("file_name", flat=True))
    paths = []
    for slide in week.slides.all():
        for path in [slide.background_image, *image_paths(slide.content)]:
            if path and "://" not in path and posixpath.basename(path) not in names:
                paths.append(path)
    return list(dict.fromkeys(paths))


def heading_of(markdown):
    """The slide's first heading as plain text, for titles and links."""
    first = next(headings(markdown), None)
    return plain_text(first.text)[:300] if first else ""


@transaction.atomic
def render_week_slides(week):
    """Render every slide of `week` from its stored source and store the HTML."""
    slides = list(week.slides.order_by("position", "id"))
    uploaded = uploaded_images(week.course)
    rendered = remark.render_deck(
        [slide_to_source(slide) for slide in slides],
        resolve_image=image_resolver(week.course, uploaded),
    )
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
    Slide.objects.bulk_update(slides, RENDERED_FIELDS, batch_size=500)
    bump_version()  # bulk_update sends no signals
    return slides


def preview_import(week, text):
    """Parse `text` and compare it with the week's current slides. Raises remark.DeckError."""
    deck = remark.parse_deck(text)
    current = [slide_to_source(slide) for slide in week.slides.order_by("position", "id")]
    new = [_comparable(source) for source in deck.slides]
    old = [_comparable(source) for source in current]
    changed = [i + 1 for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
    return DeckChange(
        deck=deck,
        current=current,
        added=max(0, len(new) - len(old)),
        removed=max(0, len(old) - len(new)),
        changed=changed,
    )


def _comparable(source):
    return remark.export_deck([source])


@transaction.atomic
def import_deck(week, deck):
    """Replace the week's slides with those of a parsed `deck` and render them."""
    week.slides.all().delete()
    Slide.objects.bulk_create(
        [source_to_slide(week, position, source) for position, source in enumerate(deck.slides)],
        batch_size=500,
    )
    if deck.metadata != week.deck_metadata:
        week.deck_metadata = deck.metadata
        week.save(update_fields=["deck_metadata"])
    slides = render_week_slides(week)
    deck_imported.send(sender=Week, week=week, slides=slides)
    return slides


def export_week_deck(week):
    slides = week.slides.order_by("position", "id")
    return remark.export_deck([slide_to_source(slide) for slide in slides], week.deck_metadata)
