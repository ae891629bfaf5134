"""Keep search.Entry in step with the course: what each week, slide, reading, term and character
can be found by. Rebuilt per week or per course on save (search.receivers) and by the
`rebuild_search_index` command; never at query time."""

from html.parser import HTMLParser

from django.db import transaction
from django.urls import reverse

from glossary.models import Character, Term
from readings.models import Reading
from search.models import Entry
from search.terms import index_terms
from weeks.models import Week

SKIPPED_TAGS = {"rt", "rp", "script", "style", "aside"}  # pinyin over characters, notes
INLINE_TAGS = {
    "a",
    "rp",
    "rt",
    "abbr",
    "b",
    "code",
    "em",
    "i",
    "mark",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "u",
}


class _Text(HTMLParser):
    """Text as read: inline tags (ruby around 城市 and 大脑) join, other tags separate."""

    def __init__(self):
        super().__init__()
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in SKIPPED_TAGS
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        self.skipping -= tag in SKIPPED_TAGS and self.skipping > 0
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html):
    """What a reader sees of `html`, as one line of text (ruby pinyin left out)."""
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def entry(course, key, kind, title, text, url, public, week=None, order=0):
    return Entry(
        course=course,
        week=week,
        key=key,
        kind=kind,
        title=title[:300],
        text=text,
        url=url[:500],
        terms=" ".join(index_terms(f"{title} {text}")),
        public=public,
        order=order,
    )


def week_entries(week):
    program = " ".join(
        f"{item.get_kind_display()} {item.title} {item.presenters}"
        for item in week.program_items.all()
    )
    yield entry(
        week.course,
        f"week:{week.pk}",
        Entry.Kind.WEEK,
        f"Week {week.number}: {week.title}",
        f"{program} {visible_text(week.summary_html)}".strip(),
        week.get_absolute_url(),
        week.is_published,
        week,
        order=week.number * 10_000,
    )
    slideshow = reverse("weeks:slideshow", args=[week.course.slug, week.number])
    for slide in (
        week.slides.visible().filter(index__isnull=False).only("id", "index", "heading", "html")
    ):
        yield entry(
            week.course,
            f"slide:{slide.pk}",
            Entry.Kind.SLIDE,
            f"Week {week.number}, slide {slide.index}"
            + (f": {slide.heading}" if slide.heading else ""),
            visible_text(slide.html),
            f"{slideshow}#{slide.index}",
            week.is_published,
            week,
            order=week.number * 10_000 + slide.index,
        )


@transaction.atomic
def index_week(week):
    week = Week.objects.select_related("course").prefetch_related("program_items").get(pk=week.pk)
    Entry.objects.filter(week=week, kind__in=[Entry.Kind.WEEK, Entry.Kind.SLIDE]).delete()
    Entry.objects.bulk_create(week_entries(week), batch_size=500)


def reading_entries(course):
    readings = Reading.objects.filter(course=course).prefetch_related("week_links__week")
    listing = reverse("readings:list", args=[course.slug])
    for reading in readings:
        weeks = sorted((link.week for link in reading.week_links.all()), key=lambda w: w.number)
        shown = [week for week in weeks if week.is_published]
        anchor = f"#readings-week-{weeks[0].number}" if weeks else ""
        yield entry(
            course,
            f"reading:{reading.pk}",
            Entry.Kind.READING,
            reading.title,
            f"{reading.authors_text} {reading.year} {reading.container} {reading.publisher}",
            listing + anchor,
            reading.status == Reading.Status.CONFIRMED and bool(shown),
            order=1_000_000 + reading.pk,
        )


def glossary_entries(course):
    glossary = reverse("glossary:terms", args=[course.slug])
    for term in Term.objects.filter(course=course):
        yield entry(
            course,
            f"term:{term.pk}",
            Entry.Kind.TERM,
            f"{term.hanzi} {term.pinyin}",
            f"{term.gloss} {term.notes}",
            f"{glossary}#{term.anchor}",
            term.status == Term.Status.CONFIRMED,
            order=2_000_000 + term.pk,
        )
    for character in Character.objects.filter(course=course).select_related("week", "course"):
        yield entry(
            course,
            f"character:{character.pk}",
            Entry.Kind.CHARACTER,
            f"{character.hanzi} {character.pinyin}",
            f"{character.meaning} {visible_text(character.notes_html)}",
            character.get_absolute_url(),
            character.week is None or character.week.is_published,
            order=3_000_000 + character.pk,
        )


@transaction.atomic
def index_course_lists(course):
    """The course's readings, terms and characters (the entries not tied to a week's deck)."""
    kinds = [Entry.Kind.READING, Entry.Kind.TERM, Entry.Kind.CHARACTER]
    Entry.objects.filter(course=course, kind__in=kinds).delete()
    Entry.objects.bulk_create([*reading_entries(course), *glossary_entries(course)], batch_size=500)


def index_course(course):
    for week in course.weeks.all():
        index_week(week)
    index_course_lists(course)
