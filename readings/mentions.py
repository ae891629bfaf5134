"""The author-year mentions of a week's slides, and the readings that answer them."""

from django.db import transaction

from readings.citations.mentions import Mention as Cited
from readings.citations.mentions import cites, extract_mentions
from readings.models import Mention, Reading


def answering(mention, readings):
    """The first of `readings` that `mention` cites, or None."""
    return next((reading for reading in readings if cites(mention, reading)), None)


@transaction.atomic
def collect_slide_mentions(*, week, slides, **kwargs):
    """Record the author-year mentions of `slides`, each with the reading it cites, if any.

    Connected to `weeks.signals.deck_imported`, hence the extra keyword arguments.
    """
    readings = list(Reading.objects.filter(course_id=week.course_id))
    Mention.objects.filter(slide__in=slides).delete()
    Mention.objects.bulk_create(
        Mention(week=week, slide=slide, names=found.names, year=found.year, reading=reading)
        for slide in slides
        for found in extract_mentions(slide.content)
        for reading in [answering(found, readings)]
    )


def resolve_mentions(sender, instance, **kwargs):
    """After a reading is saved: link the course's mentions it answers, unlink those it no
    longer answers. Connected to `post_save` of Reading."""
    mentions = Mention.objects.filter(week__course_id=instance.course_id)
    for mention in mentions.filter(reading=None, year=instance.year[:4]):
        if cites(Cited(mention.names, mention.year), instance):
            Mention.objects.filter(pk=mention.pk).update(reading=instance)
    for mention in mentions.filter(reading=instance):
        if not cites(Cited(mention.names, mention.year), instance):
            Mention.objects.filter(pk=mention.pk).update(reading=None)
