"""What a restore checks and renders again instead of taking it from the archive as it is.

Rendered HTML is what pages show unescaped, so an archive's copy of it is never stored: the
rows are inserted without these fields, then each goes through its model's own rendering
(``save()``, which renders and sanitises the Markdown; a week's slides through
``render_week_slides``), once every row they depend on (terms, slide images) is in place.
The other values of each row pass their fields' checks first, as in a form.
"""

from django.apps import apps
from django.core.exceptions import ValidationError

from backup.archive import BackupError
from core.text import normalise_newlines
from courses.models import Course
from search.indexing import index_course
from weeks.decks import RENDERED_FIELDS, render_week_slides
from weeks.models import Week

SLIDE = "weeks.slide"

# {"app.model": fields derived from the row's source}, rebuilt through the model's save();
# backup.discover.backup_problems() reports an HTML field missing here. Character.strokes is not
# listed: save() copies it from the hanzi-writer package, keeping the archive's data only for
# characters the package lacks, and pages show it through json_script, never as HTML.
DERIVED = {
    "glossary.term": {"pinyin_toneless"},
    "courses.course": {"description_html"},
    "weeks.week": {"summary_html"},
    "weeks.programitem": {"description_html"},
    "glossary.character": {"notes_html", "dictionary_links"},
    "assignments.assignment": {"instructions_html"},
    "assignments.submission": {"feedback_html"},
    "readings.reading": {"authors_text", "citations_html"},
    "announcements.announcement": {"body_html"},
    SLIDE: set(RENDERED_FIELDS),
}


def without_derived(label, fields):
    """`fields` of a serialized row without the ones its model renders itself, text with LF
    line endings as every other entry stores it."""
    derived = DERIVED.get(label, set())
    return {
        name: normalise_newlines(value) if isinstance(value, str) else value
        for name, value in fields.items()
        if name not in derived
    }


def check_source(obj, key):
    """Check a row's own values as a form would (validators, choices, blank), before it is
    stored: the archive may have been edited. Keys and derived fields are set by the restore."""
    label = obj._meta.label_lower
    exclude = [
        f.name
        for f in obj._meta.concrete_fields
        if f.is_relation or f.name in DERIVED.get(label, ())
    ]
    try:
        obj.clean_fields(exclude=exclude)
    except ValidationError as error:
        problems = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise BackupError(f"The archive's {label} {key} is not valid here ({problems}).") from error


def is_html_field(model_field):
    return model_field.name == "html" or model_field.name.endswith("_html")


def rebuild(restored):
    """Render the derived fields of the restored rows, given as {label: [primary keys]}."""
    for label in DERIVED:
        if label == SLIDE or not restored.get(label):
            continue
        model = apps.get_model(label)
        for obj in model._base_manager.filter(pk__in=restored[label]).order_by("pk"):
            obj.save()
    for week in Week._base_manager.filter(pk__in=restored.get("weeks.week", [])):
        render_week_slides(week)
    for course in Course._base_manager.filter(pk__in=restored.get("courses.course", [])):
        index_course(course)
