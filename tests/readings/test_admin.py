import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from readings.admin import PeopleField
from readings.models import Reading, WeekReading
from tests.factories import ReadingFactory, WeekReadingFactory
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:readings_reading_changelist"


def form_data(course, **changes):
    data = {
        "course": course.pk,
        "status": "draft",
        "kind": "article",
        "authors": "Cugurullo, Federico",
        "title": "Urban Artificial Intelligence",
        "container": "Urban Planning",
        "editors": "",
        "volume": "5",
        "issue": "1",
        "pages": "",
        "year": "2020",
        "publisher": "",
        "place": "",
        "url": "",
        "doi": "",
        "language": "",
        "notes": "",
        "week_links-TOTAL_FORMS": "0",
        "week_links-INITIAL_FORMS": "0",
        "week_links-MIN_NUM_FORMS": "0",
        "week_links-MAX_NUM_FORMS": "1000",
    }
    return {**data, **changes}


def test_readings_are_searchable_by_author(staff_client, course):
    ReadingFactory(course=course, title="First", authors=[{"family": "Cugurullo", "given": "F."}])
    ReadingFactory(course=course, title="Second", authors=[{"organisation": "MERICS"}])
    response = staff_client.get(reverse(CHANGELIST), {"q": "cugurullo"})
    assert [r.title for r in response.context["cl"].result_list] == ["First"]
    response = staff_client.get(reverse(CHANGELIST), {"q": "merics"})
    assert [r.title for r in response.context["cl"].result_list] == ["Second"]


def test_readings_are_searchable_by_title(staff_client, course):
    ReadingFactory(course=course, title="Constructing a Data-Driven Society")
    ReadingFactory(course=course, title="Urban Artificial Intelligence")
    response = staff_client.get(reverse(CHANGELIST), {"q": "data-driven"})
    assert [r.title for r in response.context["cl"].result_list] == [
        "Constructing a Data-Driven Society"
    ]


def test_readings_are_filtered_by_kind_status_and_course(staff_client, course):
    ReadingFactory(course=course, kind="book", status="draft", title="Draft book")
    ReadingFactory(course=course, kind="book", status="confirmed", title="Book")
    ReadingFactory(course=course, kind="article", status="draft", title="Article")
    response = staff_client.get(
        reverse(CHANGELIST),
        {"kind__exact": "book", "status__exact": "draft", "course__id__exact": course.pk},
    )
    assert [r.title for r in response.context["cl"].result_list] == ["Draft book"]


def test_the_confirm_action_confirms_the_selected_drafts(staff_client, course):
    drafts = ReadingFactory.create_batch(2, course=course, status="draft")
    untouched = ReadingFactory(course=course, status="draft")
    response = staff_client.post(
        reverse(CHANGELIST),
        {"action": "confirm", "_selected_action": [r.pk for r in drafts]},
        follow=True,
    )
    assert set(Reading.objects.confirmed()) == set(drafts)
    untouched.refresh_from_db()
    assert untouched.status == Reading.Status.DRAFT
    assert "2 readings confirmed." in [str(m) for m in get_messages(response.wsgi_request)]


def test_authors_are_edited_one_per_line_and_stored_as_a_list(staff_client, course):
    staff_client.post(
        reverse("admin:readings_reading_add"),
        form_data(
            course,
            authors="Liang, Fan\n  Das, Devin \nShao,\nChina Law Translate\n\n",
            editors="Keane, Michael",
        ),
    )
    reading = Reading.objects.get()
    assert reading.authors == [
        {"family": "Liang", "given": "Fan"},
        {"family": "Das", "given": "Devin"},
        {"family": "Shao", "given": ""},
        {"organisation": "China Law Translate"},
    ]
    assert reading.editors == [{"family": "Keane", "given": "Michael"}]
    assert reading.authors_text == "Liang, Fan; Das, Devin; Shao; China Law Translate"


def test_the_change_form_shows_the_authors_as_lines(staff_client, course):
    reading = ReadingFactory(
        course=course,
        authors=[
            {"family": "Shao", "given": ""},
            {"organisation": "MERICS"},
            {"family": "Wang", "given": "Jing"},
        ],
    )
    response = staff_client.get(reverse("admin:readings_reading_change", args=[reading.pk]))
    assert "Shao,\nMERICS\nWang, Jing</textarea>" in response.content.decode()


def test_people_field_round_trips_its_lines():
    field = PeopleField()
    lines = "Wang, Jing\nShao,\nFuture of Humanity Institute"
    assert field.prepare_value(field.clean(lines)) == lines


@pytest.mark.parametrize(
    ("authors", "message"),
    [
        ("Wang\x00, Jing", "NUL"),
        ("\n".join(f"Name{n}, A." for n in range(101)), "at most 100"),
        ("W" * 401, "longer than"),
    ],
)
def test_bad_author_lines_get_a_readable_error(staff_client, course, authors, message):
    response = staff_client.post(
        reverse("admin:readings_reading_add"), form_data(course, authors=authors)
    )
    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors["authors"])
    assert not Reading.objects.exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>"])
def test_the_admin_refuses_a_url_that_is_not_a_web_address(staff_client, course, url):
    response = staff_client.post(reverse("admin:readings_reading_add"), form_data(course, url=url))
    assert "url" in response.context["adminform"].form.errors
    assert not Reading.objects.exists()


def test_the_admin_refuses_nul_bytes_in_text_fields(staff_client, course):
    response = staff_client.post(
        reverse("admin:readings_reading_add"), form_data(course, title="Urban\x00 AI")
    )
    assert "title" in response.context["adminform"].form.errors


def test_the_admin_stores_a_doi_link_as_a_bare_doi(staff_client, course):
    staff_client.post(
        reverse("admin:readings_reading_add"),
        form_data(course, doi="https://doi.org/10.17645/up.v5i1.2711"),
    )
    assert Reading.objects.get().doi == "10.17645/up.v5i1.2711"


def test_saving_a_duplicate_warns_with_a_link_to_the_other_reading(staff_client, course):
    original = ReadingFactory(course=course, title="Urban Artificial Intelligence", year="2020")
    response = staff_client.post(
        reverse("admin:readings_reading_add"),
        form_data(course, title="Urban artificial intelligence."),
        follow=True,
    )
    assert Reading.objects.count() == 2
    messages = [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(messages) == 1
    assert "looks like a duplicate" in str(messages[0])
    assert reverse("admin:readings_reading_change", args=[original.pk]) in str(messages[0])


def test_saving_a_reading_that_is_no_duplicate_gives_no_warning(staff_client, course):
    ReadingFactory(course=course, title="Urban Artificial Intelligence", year="2019")
    response = staff_client.post(
        reverse("admin:readings_reading_add"), form_data(course), follow=True
    )
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def test_the_change_form_lists_the_duplicates_of_a_reading(staff_client, course):
    reading = ReadingFactory(
        course=course, url="https://www.nature.com/articles/d41586-026-00814-3"
    )
    duplicate = ReadingFactory(
        course=course, title="Elsewhere", url="http://nature.com/articles/d41586-026-00814-3/"
    )
    response = staff_client.get(reverse("admin:readings_reading_change", args=[reading.pk]))
    content = response.content.decode()
    assert "This reading looks like a duplicate of:" in content
    assert reverse("admin:readings_reading_change", args=[duplicate.pk]) in content


def test_the_change_form_links_the_slide_a_reading_came_from(staff_client, week):
    save_deck(week, '# Cities\n\n.footnote[Shao. "City Brain." *Urban Studies* 59(5), 2022.]')
    reading = Reading.objects.get()
    response = staff_client.get(reverse("admin:readings_reading_change", args=[reading.pk]))
    assert reading.slide.get_absolute_url() in response.content.decode()


def test_the_week_admin_has_a_readings_inline(staff_client, week):
    link = WeekReadingFactory(week=week)
    response = staff_client.get(reverse("admin:weeks_week_change", args=[week.pk]))
    content = response.content.decode()
    assert "week_readings-TOTAL_FORMS" in content
    assert link.reading.title in content


def test_the_week_inline_refuses_a_reading_of_another_course(staff_client, week):
    foreign = ReadingFactory()
    response = staff_client.get(reverse("admin:weeks_week_change", args=[week.pk]))
    form = response.context["adminform"].form
    data = {
        name: value
        for name, value in {**form.initial, "course": week.course_id}.items()
        if value is not None and name not in ("deck_metadata",)
    }
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({f"{management.prefix}-{k}": v for k, v in management.initial.items()})
    data.update(
        {
            "week_readings-TOTAL_FORMS": "1",
            "week_readings-0-reading": foreign.pk,
            "week_readings-0-role": "required",
            "week_readings-0-order": "0",
        }
    )
    response = staff_client.post(reverse("admin:weeks_week_change", args=[week.pk]), data)
    assert "Choose a reading of this week&#x27;s course." in response.content.decode()
    assert not WeekReading.objects.exists()
