import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from readings.models import Reading, WeekReading
from tests.factories import CourseFactory, ReadingFactory, WeekFactory, WeekReadingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "ftp://example.org/paper.pdf",
        "//example.org/paper.pdf",
        "vbscript:msgbox",
    ],
)
def test_the_url_field_accepts_only_http_and_https_addresses(course, url):
    reading = ReadingFactory.build(course=course, url=url)
    with pytest.raises(ValidationError) as error:
        reading.full_clean()
    assert "url" in error.value.message_dict


def test_the_database_refuses_a_url_of_another_scheme_saved_without_validation(course):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadingFactory(course=course, url="javascript:alert(1)")


def test_a_web_address_is_accepted(course):
    reading = ReadingFactory.build(course=course, url="https://www.nature.com/articles/x")
    reading.full_clean()


@pytest.mark.parametrize(
    "written",
    [
        "10.1016/j.cities.2015.05.004",
        "https://doi.org/10.1016/j.cities.2015.05.004",
        "http://dx.doi.org/10.1016/j.cities.2015.05.004",
        "doi: 10.1016/j.cities.2015.05.004",
        " 10.1016/j.cities.2015.05.004 ",
    ],
)
def test_a_doi_is_stored_without_its_link_or_prefix(course, written):
    reading = ReadingFactory.build(course=course, doi=written)
    reading.full_clean()
    reading.save()
    reading.refresh_from_db()
    assert reading.doi == "10.1016/j.cities.2015.05.004"


@pytest.mark.parametrize("doi", ["11.1016/x", "10.12/x", "10.1016", "10.1016/a b", "javascript:x"])
def test_a_doi_of_another_shape_is_refused(course, doi):
    with pytest.raises(ValidationError) as error:
        ReadingFactory.build(course=course, doi=doi).full_clean()
    assert "doi" in error.value.message_dict


def test_nul_characters_are_stripped_on_save(course):
    reading = ReadingFactory(
        course=course,
        title="Smart\x00 cities",
        notes="a\x00b",
        authors=[{"family": "Wang\x00", "given": "Jing"}],
    )
    reading.refresh_from_db()
    assert (reading.title, reading.notes, reading.authors_text) == (
        "Smart cities",
        "ab",
        "Wang, Jing",
    )


@pytest.mark.parametrize(
    "authors",
    [
        "Wang, Jing",
        [{"family": "Wang", "middle": "J."}],
        [{"family": "W" * 201}],
        [{"family": 1}],
        [{"family": "Wang"}] * 101,
    ],
)
def test_authors_must_be_a_short_list_of_names(course, authors):
    with pytest.raises(ValidationError) as error:
        ReadingFactory.build(course=course, authors=authors).full_clean()
    assert "authors" in error.value.message_dict


def test_overlong_text_fields_are_refused_by_validation(course):
    with pytest.raises(ValidationError) as error:
        ReadingFactory.build(course=course, title="T" * 501, notes="n" * 2_001).full_clean()
    assert set(error.value.message_dict) == {"title", "notes"}


def test_authors_text_follows_the_authors_on_every_save(course):
    reading = ReadingFactory(
        course=course,
        authors=[{"family": "Liang", "given": "Fan"}, {"organisation": "China Law Translate"}],
    )
    assert reading.authors_text == "Liang, Fan; China Law Translate"
    reading.authors = [{"family": "Daum", "given": "Jeremy"}]
    reading.save(update_fields=["authors"])
    reading.refresh_from_db()
    assert reading.authors_text == "Daum, Jeremy"


def test_duplicates_share_a_doi_url_or_title_and_year_within_the_course(course):
    reading = ReadingFactory(course=course, title="Urban Artificial Intelligence", year="2020")
    same_title = ReadingFactory(course=course, title="Urban artificial intelligence.", year="2020")
    ReadingFactory(course=course, title="Urban Artificial Intelligence", year="2021")
    ReadingFactory(title="Urban Artificial Intelligence", year="2020")  # another course
    assert reading.duplicates() == [same_title]
    with_doi = ReadingFactory(course=course, doi="10.17645/up.v5i1.2711")
    same_doi = ReadingFactory(
        course=course, title="Other", doi="https://doi.org/10.17645/UP.V5I1.2711"
    )
    assert with_doi.duplicates() == [same_doi]


def test_a_reading_is_listed_once_per_week(week):
    link = WeekReadingFactory(week=week)
    with pytest.raises(IntegrityError), transaction.atomic():
        WeekReading.objects.create(week=week, reading=link.reading)


def test_a_week_lists_only_readings_of_its_own_course(week):
    foreign = ReadingFactory(course=CourseFactory())
    with pytest.raises(ValidationError) as error:
        WeekReading(week=week, reading=foreign).full_clean()
    assert "reading" in error.value.message_dict


def test_listed_links_are_confirmed_readings_by_role_then_order(week):
    cited = WeekReadingFactory(week=week, role=WeekReading.Role.CITED, order=0)
    recommended = WeekReadingFactory(week=week, role=WeekReading.Role.RECOMMENDED, order=0)
    required_2 = WeekReadingFactory(week=week, role=WeekReading.Role.REQUIRED, order=2)
    required_1 = WeekReadingFactory(week=week, role=WeekReading.Role.REQUIRED, order=1)
    WeekReadingFactory(week=week, reading__status=Reading.Status.DRAFT)
    assert list(week.week_readings.listed()) == [required_1, required_2, recommended, cited]


def test_the_course_page_lists_only_published_weeks_for_students(course, student):
    published = WeekFactory(course=course, number=1)
    draft = WeekFactory(course=course, number=2, is_published=False)
    shown = WeekReadingFactory(week=published)
    hidden = WeekReadingFactory(week=draft)
    assert list(WeekReading.objects.for_course_page(course, student)) == [shown]
    staff = type("Staff", (), {"is_staff": True})()
    assert list(WeekReading.objects.for_course_page(course, staff)) == [shown, hidden]


def test_citation_html_is_chicago_with_links_and_escaped_text(course):
    reading = ReadingFactory(
        course=course,
        authors=[{"family": "Alizadeh", "given": "T."}],
        title="An Investigation of IBM's <Smarter> Cities",
        container="Cities",
        volume="47",
        issue="",
        year="2015",
        doi="10.1016/j.cities.2015.05.004",
    )
    assert str(reading.citation_html) == (
        "Alizadeh, T. 2015. “An Investigation of IBM’s &lt;Smarter&gt; Cities.” "
        '<i>Cities</i> 47. <a href="https://doi.org/10.1016/j.cities.2015.05.004">'
        "https://doi.org/10.1016/j.cities.2015.05.004</a>."
    )
    assert set(reading.citations_html) == {"chicago", "chicago-notes", "apa", "mla"}
    assert str(reading.citation_in("apa")).startswith("Alizadeh, T. (2015).")


def test_citations_are_formatted_again_when_a_reading_is_saved(course):
    reading = ReadingFactory(course=course, title="First title", year="2015")
    reading.title = "Second title"
    reading.save(update_fields=["title"])
    reading.refresh_from_db()
    assert all("second title" in entry.casefold() for entry in reading.citations_html.values())


def test_citation_variants_show_the_chosen_style_and_hide_the_others(course):
    reading = ReadingFactory(course=course, title="A title", year="2015")
    variants = str(reading.citation_variants("apa"))
    assert '<span class="citation" data-citation-style="apa">' in variants
    assert '<span class="citation" data-citation-style="chicago" hidden>' in variants
    assert variants.count("<span") == 4
