from django.db import models


class EntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Everything for staff; for everyone else only what the public pages show."""
        return self if user.is_staff else self.filter(public=True)


class Entry(models.Model):
    """One findable thing of a course (a week, a slide, a reading, a term, a character), with
    the text a result shows and the search terms (search.terms) it is found by."""

    class Kind(models.TextChoices):
        WEEK = "week", "Week"
        SLIDE = "slide", "Slide"
        READING = "reading", "Reading"
        TERM = "term", "Glossary"
        CHARACTER = "character", "Character"

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    week = models.ForeignKey(
        "weeks.Week", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=40, help_text="What it indexes, e.g. slide:12.")
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    terms = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    public = models.BooleanField(default=False)
    order = models.PositiveIntegerField(default=0)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "entries"
        ordering = ["course", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "key"], name="unique_search_entry"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["week", "slide", "reading", "term", "character"]),
                name="search_entry_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"
