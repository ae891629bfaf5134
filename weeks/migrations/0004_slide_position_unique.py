from django.db import migrations, models
from django.db.models import Count


def renumber_weeks_with_shared_positions(apps, schema_editor):
    """Weeks whose slides share a position get 0, 1, 2 … in their current display order."""
    Slide = apps.get_model("weeks", "Slide")
    shared = (
        Slide.objects.values("week_id", "position")
        .annotate(count=Count("id"))
        .filter(count__gt=1)
        .values_list("week_id", flat=True)
    )
    for week_id in set(shared):
        slides = list(Slide.objects.filter(week_id=week_id).order_by("position", "id"))
        for position, slide in enumerate(slides):
            slide.position = position
        Slide.objects.bulk_update(slides, ["position"])


class Migration(migrations.Migration):
    dependencies = [
        ("weeks", "0003_choice_fields_checked"),
    ]

    operations = [
        migrations.RunPython(renumber_weeks_with_shared_positions, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="slide",
            name="weeks_slide_week_id_5b901f_idx",
        ),
        migrations.AddConstraint(
            model_name="slide",
            constraint=models.UniqueConstraint(
                fields=("week", "position"),
                name="slide_position_unique_in_week",
                violation_error_message="Two slides of this week have the same position.",
            ),
        ),
    ]
