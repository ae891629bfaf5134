from django.db import migrations, models


def format_citations(apps, schema_editor):
    from readings.citations import format_all

    Reading = apps.get_model("readings", "Reading")
    for reading in Reading.objects.all().iterator():
        reading.citations_html = format_all(reading)
        reading.save(update_fields=["citations_html"])


class Migration(migrations.Migration):
    dependencies = [("readings", "0002_choice_fields_checked")]

    operations = [
        migrations.AddField(
            model_name="reading",
            name="citations_html",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.RunPython(format_citations, migrations.RunPython.noop),
    ]
