import unicodedata
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from markdownx.models import MarkdownxField

from core.markdown import render_markdown
from glossary.chinese import (
    GlossTerm,
    dictionary_links,
    han_script,
    has_han,
    is_han,
    mark_chinese,
    pinyin_sort_key,
    to_pinyin,
    to_traditional,
    word_ruby,
)
from glossary.strokes import stroke_data
from weeks.models import Slide, Week


def validate_characters(value):
    if not value or not all(is_han(ch) for ch in value):
        raise ValidationError("Write Chinese characters only, e.g. 创.")


def validate_has_han(value):
    if not has_han(value):
        raise ValidationError("A term is written with at least one Chinese character.")


def toneless(pinyin):
    """``zhìhuì chéngshì`` → ``zhihui chengshi``: what people type when they search."""
    decomposed = unicodedata.normalize("NFD", pinyin.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class CharacterQuerySet(models.QuerySet):
    def for_semester_page(self, course, user):
        """The course's characters of the weeks `user` may see, in week order."""
        return (
            self.filter(course=course, week__in=course.weeks.visible_to(user))
            .select_related("week")
            .prefetch_related("links")
            .order_by("week__number")
        )


class Character(models.Model):
    """The character of the week: one to four hanzi with their sound, sense and strokes."""

    course = models.ForeignKey(
        "courses.Course", on_delete=models.CASCADE, related_name="characters"
    )
    week = models.OneToOneField(
        "weeks.Week",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="character",
        help_text="The week this is the character of. Importing a deck links it.",
    )
    hanzi = models.CharField(
        "character",
        max_length=4,
        validators=[validate_characters],
        help_text="One to four Chinese characters, e.g. 创.",
    )
    pinyin = models.CharField(
        max_length=100,
        blank=True,
        help_text="With tone marks. Left empty, it is filled in from the character.",
    )
    meaning = models.CharField(max_length=300, blank=True)
    notes = MarkdownxField(
        blank=True, max_length=10_000, help_text="Etymology, components, usage (markdown)."
    )
    notes_html = models.TextField(blank=True, editable=False)
    strokes = models.JSONField(
        "stroke data",
        default=dict,
        blank=True,
        editable=False,
        help_text="hanzi-writer's stroke data for each character, copied when saved.",
    )
    dictionary_links = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="[label, URL] of the generated dictionary links, made when saved.",
    )

    objects = CharacterQuerySet.as_manager()

    class Meta:
        ordering = ["course", "hanzi"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(hanzi=""), name="character_hanzi_not_empty"),
        ]

    def __str__(self):
        return f"{self.hanzi} {self.pinyin}".strip()

    def save(self, *args, **kwargs):
        self.hanzi = self.hanzi.strip()
        self.pinyin = self.pinyin.strip() or to_pinyin(self.hanzi)
        # The character's pinyin is printed beside its notes: no ruby over it there.
        markup = Term.objects.markup_for(self.course_id, printed=[self.hanzi])
        self.notes_html = markup(render_markdown(self.notes))
        self.strokes = stroke_data(self.hanzi, known=self.strokes)
        self.dictionary_links = [list(link) for link in dictionary_links(self.hanzi)]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.week_id:
            return self.week.get_absolute_url() + f"#{self.anchor}"
        return reverse("glossary:characters", args=[self.course.slug])

    def clean(self):
        if self.week_id and self.course_id and self.week.course_id != self.course_id:
            raise ValidationError({"week": "Choose a week of this character's course."})

    @property
    def anchor(self):
        return f"character-{self.pk}"

    @property
    def lang(self):
        return han_script(self.hanzi)

    @property
    def strokes_element_id(self):
        return f"strokes-{self.pk}"

    @property
    def has_strokes(self):
        """True if every character has stroke data, so the whole word can be animated."""
        return all(ch in self.strokes for ch in self.hanzi)


class CharacterLink(models.Model):
    """A link the instructor adds to a character, beside the generated dictionary links."""

    character = models.ForeignKey(Character, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=100)
    url = models.URLField("URL", max_length=500, validators=[URLValidator(["http", "https"])])
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["character", "position", "id"]

    def __str__(self):
        return self.label


def term_anchor(hanzi):
    """The term's id on the glossary page: its hanzi, unique in a course and the same after a
    backup is restored (the slides' stored links point to it)."""
    return f"term-{hanzi}"


def glossary_url(course_slug, hanzi):
    return reverse("glossary:terms", args=[course_slug]) + "#" + quote(term_anchor(hanzi))


class TermQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Term.Status.CONFIRMED)

    def html_markup(self, printed=()):
        """A function html → html giving every Chinese word `lang`, pinyin ruby and its
        Traditional form, these terms their own pinyin and a link to their glossary entry.

        The terms are read in one query, at the first fragment that has Chinese in it;
        `printed` words get no ruby (the page prints their pinyin).
        """
        terms = None

        def markup(fragment):
            nonlocal terms
            if not has_han(fragment):
                return fragment
            if terms is None:
                rows = self.values_list("hanzi", "pinyin", "course__slug")
                terms = {
                    hanzi: GlossTerm(pinyin, glossary_url(slug, hanzi))
                    for hanzi, pinyin, slug in rows
                }
            return word_ruby(
                mark_chinese(fragment), terms, printed=printed, traditional=to_traditional
            )

        return markup

    def markup_for(self, course, printed=()):
        """:meth:`html_markup` with the confirmed terms of `course` (a course or its id)."""
        return self.filter(course=course).confirmed().html_markup(printed)

    def for_glossary_page(self, course, user):
        """Confirmed terms of `course` with the weeks and slides `user` may see, by pinyin.

        A term found only in weeks `user` may not see yet is left out with them.
        """
        weeks = Week.objects.visible_to(user).filter(course=course)
        terms = (
            self.filter(course=course)
            .confirmed()
            .annotate(week_count=models.Count("weeks"))
            .prefetch_related(
                models.Prefetch("weeks", queryset=weeks.order_by("number")),
                models.Prefetch(
                    "slides",
                    queryset=Slide.objects.filter(week__in=weeks, visible=True, index__isnull=False)
                    .only("id", "week_id", "index", "heading")
                    .order_by("index"),
                ),
            )
        )
        shown = [term for term in terms if term.weeks.all() or not term.week_count]
        return sorted(shown, key=lambda term: term.sort_key)


class Term(models.Model):
    """A Chinese term of the course glossary, collected from the decks and confirmed by hand."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CONFIRMED = "confirmed", "Confirmed"

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="terms")
    hanzi = models.CharField(
        "Chinese", max_length=50, validators=[validate_has_han], help_text="E.g. 智慧城市."
    )
    pinyin = models.CharField(
        max_length=200,
        blank=True,
        help_text="With tone marks, one word per space. Left empty, it is generated.",
    )
    pinyin_toneless = models.CharField(max_length=200, blank=True, editable=False)
    gloss = models.CharField("English", max_length=300, blank=True)
    notes = models.TextField(blank=True, max_length=2_000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    edited = models.BooleanField(
        "edited by hand",
        default=False,
        editable=False,
        help_text="Set when the instructor changes the term: imports then leave it alone.",
    )
    weeks = models.ManyToManyField("weeks.Week", blank=True, related_name="glossary_terms")
    slides = models.ManyToManyField("weeks.Slide", blank=True, related_name="glossary_terms")

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["course", "pinyin_toneless", "hanzi"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "confirmed"]),
                name="term_status_valid",
            ),
            models.UniqueConstraint(fields=["course", "hanzi"], name="unique_term_per_course"),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "confirmed"]), name="term_status_known"
            ),
            models.CheckConstraint(condition=~models.Q(hanzi=""), name="term_hanzi_not_empty"),
        ]

    def __str__(self):
        return f"{self.hanzi} {self.pinyin}".strip()

    def save(self, *args, **kwargs):
        self.hanzi = self.hanzi.strip()
        self.pinyin = self.pinyin.strip() or to_pinyin(self.hanzi)
        self.pinyin_toneless = toneless(self.pinyin)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return glossary_url(self.course.slug, self.hanzi)

    @property
    def anchor(self):
        return term_anchor(self.hanzi)

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def lang(self):
        return han_script(self.hanzi)

    @property
    def sort_key(self):
        return pinyin_sort_key(self.hanzi, self.pinyin)

    def appearances(self):
        """``[(week, [slides])]`` from the prefetched weeks and slides, in week order."""
        slides = list(self.slides.all())
        return [(week, [s for s in slides if s.week_id == week.pk]) for week in self.weeks.all()]
