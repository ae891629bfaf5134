"""Signal receivers: what a deck import adds to the glossary, and Chinese markup on prose.

Week summaries and program descriptions are rendered to HTML when they are saved (in the
weeks app); these receivers then mark their Chinese runs with ``lang`` and the course's
confirmed terms with ruby, so pages never do it per request. Terms are read only when the
HTML has Chinese in it.
"""

from glossary import services
from glossary.models import Term


def collect_from_deck(sender, week, slides, **kwargs):
    services.collect_from_deck(week=week, slides=slides)


def mark_week_summary(sender, instance, raw=False, update_fields=None, **kwargs):
    if _writes("summary_html", raw, update_fields):
        markup = Term.objects.markup_for(instance.course_id)
        instance.summary_html = markup(instance.summary_html)


def mark_program_item(sender, instance, raw=False, update_fields=None, **kwargs):
    if _writes("description_html", raw, update_fields):
        markup = Term.objects.filter(course__weeks=instance.week_id).confirmed().html_markup()
        instance.description_html = markup(instance.description_html)


def _writes(field, raw, update_fields):
    """True if this save writes `field` (fixtures are loaded as they are)."""
    return not raw and (update_fields is None or field in update_fields)
