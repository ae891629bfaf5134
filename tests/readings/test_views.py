"""The public readings pages and the BibTeX / RIS exports."""

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo import DECK_PATH
from readings.models import Reading, WeekReading
from tests.factories import ReadingFactory, WeekFactory, WeekReadingFactory
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db

BIB_TYPE = "application/x-bibtex; charset=utf-8"
RIS_TYPE = "application/x-research-info-systems; charset=utf-8"

ALIZADEH = {
    "kind": "article",
    "authors": [{"family": "Alizadeh", "given": "Tooran"}],
    "title": "An Investigation of IBM's Smarter Cities Challenge",
    "container": "Cities",
    "volume": "47",
    "issue": "",
    "year": "2015",
    "doi": "10.1016/j.cities.2015.05.004",
}
DAUM = {
    "kind": "podcast",
    "authors": [{"family": "Daum", "given": "Jeremy"}],
    "title": "Social Credit Overview Podcast",
    "container": "China Law Translate",
    "volume": "",
    "issue": "",
    "year": "2018",
    "url": "https://www.chinalawtranslate.com/en/social-credit-overview-podcast/",
}
# Accents, Chinese and every character BibTeX treats specially.
TRICKY = {
    "kind": "book",
    "authors": [
        {"family": "Müller-Lefèvre", "given": "Zoë"},
        {"family": "王", "given": "晶"},
        {"organisation": "Smith & Wesson Institute"},
    ],
    "title": "城市大脑: 100% of R&D_funds {in} Zürich",
    "container": "",
    "volume": "",
    "issue": "",
    "publisher": "Éditions du Seuil",
    "place": "Paris",
    "year": "2021",
    "url": "https://example.org/a_b?c=1&d=%20",
}


@pytest.fixture
def listed(week):
    """Week 7 with a required article, a recommended podcast and a cited book."""
    return [
        WeekReadingFactory(
            week=week, role=role, reading=ReadingFactory(course=week.course, **fields)
        )
        for role, fields in (
            (WeekReading.Role.REQUIRED, ALIZADEH),
            (WeekReading.Role.RECOMMENDED, DAUM),
            (WeekReading.Role.CITED, TRICKY),
        )
    ]


def readings_url(course):
    return reverse("readings:list", args=[course.slug])


def parse_bibtex(text):
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    return library


def bib_fields(entry):
    return {field.key: field.value for field in entry.fields}


# --------------------------------------------------------------------------- the readings page


def test_readings_page_shows_confirmed_readings_as_chicago_citations_with_links(
    client, week, listed
):
    ReadingFactory(course=week.course, title="A draft nobody checked", status="draft")
    WeekReadingFactory(week=week, reading__title="Another draft", reading__status="draft")
    response = client.get(readings_url(week.course))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Week 7: Planning For Innovation" in content
    assert (
        "Alizadeh, Tooran. 2015. “An Investigation of IBM’s Smarter Cities Challenge.” "
        '<i>Cities</i> 47. <a href="https://doi.org/10.1016/j.cities.2015.05.004">'
    ) in content
    assert (
        "Daum, Jeremy. 2018. “Social Credit Overview Podcast.” <i>China Law Translate</i>. "
        'Podcast. <a href="https://www.chinalawtranslate.com/en/social-credit-overview-podcast/">'
    ) in content
    assert "Müller-Lefèvre, Zoë, 王晶, and Smith &amp; Wesson Institute. 2021." in content
    assert "城市大脑: 100% of R&amp;D_funds {in} Zürich" in content
    assert "draft" not in content.casefold()


def test_readings_page_groups_each_week_by_role(client, week, listed):
    content = client.get(readings_url(week.course)).content.decode()
    assert (
        content.index("<h3>Required</h3>")
        < content.index("Alizadeh")
        < content.index("<h3>Recommended</h3>")
        < content.index("Daum")
        < content.index("<h3>Cited in the slides</h3>")
        < content.index("Müller-Lefèvre")
    )


def test_readings_page_groups_readings_by_week_in_week_order(client, week, listed):
    week_3 = WeekFactory(course=week.course, number=3, title="Urban Villages")
    WeekReadingFactory(week=week_3, reading__title="Villages in the City")
    content = client.get(readings_url(week.course)).content.decode()
    assert (
        content.index("Week 3: Urban Villages")
        < content.index("Villages in the City")
        < content.index("Week 7: Planning For Innovation")
    )


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("required", "Alizadeh", ["Daum", "Müller-Lefèvre"]),
        ("recommended", "Daum", ["Alizadeh", "Müller-Lefèvre"]),
        ("cited", "Müller-Lefèvre", ["Alizadeh", "Daum"]),
    ],
)
def test_readings_page_filters_by_role(client, week, listed, role, shown, hidden):
    content = client.get(readings_url(week.course), {"role": role}).content.decode()
    assert shown in content
    assert not any(name in content for name in hidden)
    assert f'<option value="{role}" selected>' in content
    assert f'<a href="?role={role}" aria-current="page">' in content


def test_an_unknown_role_shows_every_reading(client, week, listed):
    content = client.get(readings_url(week.course), {"role": "<script>"}).content.decode()
    assert all(name in content for name in ("Alizadeh", "Daum", "Müller-Lefèvre"))
    assert "<script>" not in content


def test_readings_page_has_a_plain_get_form_and_links_for_the_roles(client, week, listed):
    content = client.get(readings_url(week.course)).content.decode()
    assert f'method="get" action="{readings_url(week.course)}"' in content
    for role in ("required", "recommended", "cited"):
        assert f'href="?role={role}"' in content
    assert reverse("readings:bib", args=[week.course.slug]) in content
    assert reverse("readings:ris", args=[week.course.slug]) in content


def test_readings_page_of_an_unknown_course_is_404(client, db):
    assert client.get("/no-such-course/readings/").status_code == 404


def test_readings_page_runs_the_same_queries_for_1_and_100_readings(
    client, week, django_assert_num_queries
):
    WeekReadingFactory(week=week)
    url = readings_url(week.course)
    with django_assert_num_queries(2):
        client.get(url)
    cache.clear()  # the test transaction never commits, so the page cache is never bumped
    week_8 = WeekFactory(course=week.course, number=8)
    WeekReadingFactory.create_batch(49, week=week)
    WeekReadingFactory.create_batch(50, week=week_8, role=WeekReading.Role.RECOMMENDED)
    with django_assert_num_queries(2):
        response = client.get(url)
    content = response.content.decode()
    assert content[content.index("<h1>Readings</h1>") :].count("<li>") == 100


def test_readings_page_is_a_public_page_served_from_the_cache(client, week, listed):
    url = readings_url(week.course)
    client.get(url)
    assert client.get(url).has_header("ETag")


# --------------------------------------------------------------------------- the week page


def test_week_page_lists_its_confirmed_readings_grouped_by_role(client, week, listed):
    WeekReadingFactory(week=week, reading__title="Unchecked draft", reading__status="draft")
    content = client.get(week.get_absolute_url()).content.decode()
    section = content[content.index('id="readings-title"') :]
    assert (
        section.index("<h3>Required</h3>")
        < section.index("Alizadeh")
        < section.index("<h3>Recommended</h3>")
        < section.index("Daum")
        < section.index("<h3>Cited in the slides</h3>")
        < section.index("Müller-Lefèvre")
    )
    assert "Unchecked draft" not in content
    assert reverse("readings:week-bib", args=[week.course.slug, week.number]) in section


def test_week_page_runs_the_same_queries_for_1_and_100_readings(client, week):
    WeekReadingFactory(week=week)
    url = week.get_absolute_url()
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    cache.clear()
    WeekReadingFactory.create_batch(99, week=week)
    with CaptureQueriesContext(connection) as hundred:
        response = client.get(url)
    assert len(hundred) == len(one)
    content = response.content.decode()
    assert content[content.index('id="readings-title"') :].count("<li>") == 100


# --------------------------------------------------------------------------- unpublished weeks


def test_an_unpublished_weeks_readings_are_absent_from_public_pages_and_exports(
    client, course, student
):
    draft = WeekFactory(course=course, number=9, is_published=False)
    WeekReadingFactory(week=draft, reading__title="Secret syllabus item")
    client.force_login(student)
    for url in (
        readings_url(course),
        reverse("readings:bib", args=[course.slug]),
        reverse("readings:ris", args=[course.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "Secret syllabus item" not in response.content.decode()
    for name in ("readings:week-bib", "readings:week-ris"):
        assert client.get(reverse(name, args=[course.slug, 9])).status_code == 404


def test_staff_see_an_unpublished_weeks_readings_marked_as_draft(staff_client, course):
    draft = WeekFactory(course=course, number=9, is_published=False)
    WeekReadingFactory(week=draft, reading__title="Reading for next year")
    content = staff_client.get(readings_url(course)).content.decode()
    assert "Reading for next year" in content
    assert "badge--draft" in content


# --------------------------------------------------------------------------- exports


def test_course_bibtex_export_has_its_content_type_and_file_name(client, week, listed):
    response = client.get(reverse("readings:bib", args=[week.course.slug]))
    assert response["Content-Type"] == BIB_TYPE
    assert response["Content-Disposition"] == ('attachment; filename="chinese-cities-readings.bib"')


def test_course_ris_export_has_its_content_type_and_file_name(client, week, listed):
    response = client.get(reverse("readings:ris", args=[week.course.slug]))
    assert response["Content-Type"] == RIS_TYPE
    assert response["Content-Disposition"] == ('attachment; filename="chinese-cities-readings.ris"')


def test_week_exports_have_their_content_types_and_file_names(client, week, listed):
    for extension, content_type in (("bib", BIB_TYPE), ("ris", RIS_TYPE)):
        response = client.get(
            reverse(f"readings:week-{extension}", args=[week.course.slug, week.number])
        )
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == (
            f'attachment; filename="chinese-cities-week-07-readings.{extension}"'
        )


def test_bibtex_export_parses_back_with_the_same_authors_titles_journals_and_years(
    client, week, listed
):
    response = client.get(reverse("readings:bib", args=[week.course.slug]))
    library = parse_bibtex(response.content.decode("utf-8"))
    entries = {entry.entry_type: bib_fields(entry) for entry in library.entries}
    assert set(entries) == {"article", "misc", "book"}
    assert entries["article"]["author"] == "Alizadeh, Tooran"
    assert entries["article"]["title"] == "An Investigation of IBM's Smarter Cities Challenge"
    assert (entries["article"]["journal"], entries["article"]["volume"]) == ("Cities", "47")
    assert entries["article"]["year"] == "2015"
    assert entries["article"]["doi"] == "10.1016/j.cities.2015.05.004"
    assert entries["misc"]["title"] == "Social Credit Overview Podcast"
    assert entries["misc"]["author"] == "Daum, Jeremy"


def test_bibtex_export_escapes_accents_chinese_and_special_characters(client, week, listed):
    response = client.get(reverse("readings:week-bib", args=[week.course.slug, week.number]))
    text = response.content.decode("utf-8")
    assert r"{R\&D}\_funds \{in\} {Zürich}" in text and r"100\%" in text
    book = bib_fields(
        next(entry for entry in parse_bibtex(text).entries if entry.entry_type == "book")
    )
    assert book["title"] == TRICKY["title"]
    assert book["author"] == "Müller-Lefèvre, Zoë and 王, 晶 and Smith & Wesson Institute"
    assert (book["publisher"], book["address"], book["year"]) == (
        "Éditions du Seuil",
        "Paris",
        "2021",
    )
    raw = bibtexparser.parse_string(text)
    raw_book = next(entry for entry in raw.entries if entry.entry_type == "book")
    assert raw_book.fields_dict["url"].value == TRICKY["url"]


def test_ris_export_parses_back_with_the_same_authors_titles_journals_and_years(
    client, week, listed
):
    response = client.get(reverse("readings:ris", args=[week.course.slug]))
    text = response.content.decode("utf-8")
    records = {record["type_of_reference"]: record for record in rispy.loads(text)}
    article = records["JOUR"]
    assert article["authors"] == ["Alizadeh, Tooran"]
    assert article["title"] == "An Investigation of IBM's Smarter Cities Challenge"
    assert (article["journal_name"], article["volume"], article["year"]) == ("Cities", "47", "2015")
    assert article["doi"] == "10.1016/j.cities.2015.05.004"
    podcast = records["MULTI"]
    assert podcast["secondary_title"] == "China Law Translate"
    assert (podcast["title"], podcast["authors"], podcast["year"]) == (
        "Social Credit Overview Podcast",
        ["Daum, Jeremy"],
        "2018",
    )
    assert podcast["urls"] == [DAUM["url"]]
    book = records["BOOK"]
    assert book["title"] == TRICKY["title"]
    assert book["authors"] == ["Müller-Lefèvre, Zoë", "王, 晶", "Smith & Wesson Institute"]
    assert book["publisher"] == "Éditions du Seuil"


def test_exports_list_a_reading_of_two_weeks_once(client, week, listed):
    week_8 = WeekFactory(course=week.course, number=8)
    WeekReading.objects.create(week=week_8, reading=listed[0].reading)
    text = client.get(reverse("readings:ris", args=[week.course.slug])).content.decode()
    assert len(rispy.loads(text)) == 3


def test_exports_leave_out_drafts(client, week, listed):
    WeekReadingFactory(week=week, reading__title="Unchecked draft", reading__status="draft")
    for name in ("readings:bib", "readings:ris"):
        content = client.get(reverse(name, args=[week.course.slug])).content.decode()
        assert "Unchecked draft" not in content


def test_week_7_readings_once_confirmed_are_on_the_readings_page_and_in_the_exports(client, week):
    save_deck(week, DECK_PATH.read_text(encoding="utf-8"))
    Reading.objects.update(status=Reading.Status.CONFIRMED)
    content = client.get(readings_url(week.course)).content.decode()
    for reading in Reading.objects.all():
        assert str(reading.citation_html) in content
    bib = client.get(reverse("readings:bib", args=[week.course.slug]))
    assert len(parse_bibtex(bib.content.decode()).entries) == Reading.objects.count() == 14
    ris = client.get(reverse("readings:ris", args=[week.course.slug]))
    assert sorted(record["title"] for record in rispy.loads(ris.content.decode())) == sorted(
        Reading.objects.values_list("title", flat=True)
    )
