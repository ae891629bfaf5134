"""The demo course comes with Week 7's readings, extracted from its deck and confirmed."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo.loader import load_demo_readings
from readings.models import Reading, WeekReading
from weeks.models import Week

pytestmark = pytest.mark.django_db


def test_load_demo_confirms_every_reading_cited_in_the_week_7_deck(client, demo):
    week = Week.objects.get(number=7)
    assert week.readings.count() == 14
    assert set(week.readings.values_list("status", flat=True)) == {Reading.Status.CONFIRMED}
    assert all(reading.slide_id for reading in week.readings.all())
    content = client.get(reverse("readings:list", args=["chinese-cities"])).content.decode()
    for reading in week.readings.all():
        assert str(reading.citation_html) in content


def test_load_demo_twice_creates_no_duplicate_readings():
    call_command("load_demo")
    call_command("load_demo")
    assert (Reading.objects.count(), WeekReading.objects.count()) == (14, 14)


def test_load_demo_keeps_the_instructors_reading_decisions():
    call_command("load_demo")
    Reading.objects.filter(title="China Briefing analysis").update(status=Reading.Status.DRAFT)
    call_command("load_demo")
    assert Reading.objects.get(title="China Briefing analysis").status == Reading.Status.DRAFT


def test_demo_readings_are_collected_from_slides_imported_before_the_readings_app():
    call_command("load_demo")
    week = Week.objects.get(number=7)
    Reading.objects.all().delete()
    load_demo_readings(week)
    assert week.readings.confirmed().count() == 14
