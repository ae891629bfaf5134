"""Importing a deck collects the readings its slides cite (weeks.signals.deck_imported)."""

import pytest

from demo import DECK_PATH
from readings.citations import Reference
from readings.models import Reading, WeekReading
from readings.services import collect_slide_readings, reading_from_reference
from tests.factories import ReadingFactory, WeekFactory
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db

WEEK_7_DECK = DECK_PATH.read_text(encoding="utf-8")

# Every source the Week 7 deck cites in a footnote or a blockquote, with the heading of its slide.
WEEK_7_SOURCES = {
    "An Investigation of IBM's Smarter Cities": "Smart City: The Concept",
    "Urban Artificial Intelligence": "Smart City: The Concept",
    "The 'City Brain' and Algorithmic Governance in China": "Alibaba City Brain",
    "Deciphering China's AI Dream": "AI Policy Framework",
    "Constructing a Data-Driven Society": "Urban Monitoring",
    "Social Credit Overview Podcast": "Social Credit (社会信用)",
    "La gouvernance par les nombres": "yeji (业绩)",
    "China Briefing analysis": "15th FYP: 4 axes",
    "Carbon Brief Q&A on climate": "15th FYP: 4 axes",
    "Ambassador Xie Feng remarks": "15th FYP: 4 axes",
    "China intensifies push": "15th FYP: S&T Self-Reliance",
    "China's next five-year bet on AI": "15th FYP: S&T Self-Reliance",
    "Innovation Under Pressure: China's Semiconductor Industry at a Crossroads": (
        "Made in China 2025"
    ),
    "The Makers Are Coming! China's Long Tail": 'Here Comes the "Maker"',
}


def import_week_7(week):
    save_deck(week, WEEK_7_DECK)
    return list(week.slides.all())


def reading(title):
    return Reading.objects.select_related("slide").get(title=title)


def test_importing_week_7_creates_a_draft_reading_for_every_source_on_its_slides(week):
    import_week_7(week)
    readings = Reading.objects.filter(course=week.course).select_related("slide")
    assert sorted(r.title for r in readings) == sorted(WEEK_7_SOURCES)
    for found in readings:
        assert found.status == Reading.Status.DRAFT
        assert found.slide.week == week
        assert WEEK_7_SOURCES[found.title] in found.slide.heading, found.title
        assert found.source_text


def test_week_7_readings_are_linked_to_the_week_as_cited_in_the_slides_in_slide_order(week):
    import_week_7(week)
    links = list(week.week_readings.order_by("order").select_related("reading"))
    assert {link.role for link in links} == {WeekReading.Role.CITED}
    assert [link.reading.title for link in links][:3] == [
        "An Investigation of IBM's Smarter Cities",
        "Urban Artificial Intelligence",
        "The 'City Brain' and Algorithmic Governance in China",
    ]
    assert [link.order for link in links] == list(range(len(WEEK_7_SOURCES)))


def test_week_7_readings_keep_their_structured_fields(week):
    import_week_7(week)
    alizadeh = reading("An Investigation of IBM's Smarter Cities")
    assert (alizadeh.kind, alizadeh.authors, alizadeh.container, alizadeh.volume) == (
        "article",
        [{"family": "Alizadeh", "given": "T."}],
        "Cities",
        "47",
    )
    assert alizadeh.year == "2015"
    cugurullo = reading("Urban Artificial Intelligence")
    assert (cugurullo.container, cugurullo.volume, cugurullo.issue, cugurullo.year) == (
        "Urban Planning",
        "5",
        "1",
        "2020",
    )
    shao = reading("The 'City Brain' and Algorithmic Governance in China")
    assert (shao.authors, shao.container, shao.volume, shao.issue, shao.year) == (
        [{"family": "Shao", "given": ""}],
        "Urban Studies",
        "59",
        "5",
        "2022",
    )
    ding = reading("Deciphering China's AI Dream")
    assert (ding.kind, ding.publisher, ding.place, ding.year) == (
        "report",
        "Future of Humanity Institute",
        "Oxford",
        "2018",
    )
    assert ding.url == "https://www.fhi.ox.ac.uk/wp-content/uploads/Deciphering_Chinas_AI-Dream.pdf"
    liang = reading("Constructing a Data-Driven Society")
    assert (liang.authors, liang.et_al, liang.container, liang.volume, liang.issue) == (
        [{"family": "Liang", "given": "Fan"}],
        True,
        "Policy & Internet",
        "10",
        "4",
    )
    assert liang.authors_text == "Liang, Fan"
    daum = reading("Social Credit Overview Podcast")
    assert (daum.kind, daum.container, daum.year) == ("podcast", "China Law Translate", "2018")
    supiot = reading("La gouvernance par les nombres")
    assert (supiot.kind, supiot.publisher, supiot.year, supiot.language) == (
        "book",
        "Fayard",
        "2015",
        "fr",
    )
    wang = reading("The Makers Are Coming! China's Long Tail")
    assert (wang.kind, wang.container, wang.pages, wang.year) == (
        "chapter",
        "Handbook of Cultural and Creative Industries in China",
        "43–63",
        "2016",
    )
    assert wang.editors == [{"family": "Keane", "given": "Michael"}]
    assert (wang.place, wang.publisher) == ("Cheltenham", "Edward Elgar Publishing")


def test_reimporting_the_deck_creates_no_duplicate_readings_or_links(week):
    import_week_7(week)
    import_week_7(week)
    assert Reading.objects.count() == len(WEEK_7_SOURCES)
    assert WeekReading.objects.count() == len(WEEK_7_SOURCES)


def test_reimporting_links_the_readings_to_the_new_slides(week):
    import_week_7(week)
    first_slide = reading("Urban Artificial Intelligence").slide_id
    save_deck(week, WEEK_7_DECK + "\n---\n# One more slide\n")
    again = reading("Urban Artificial Intelligence")
    assert again.slide_id != first_slide
    assert again.slide.heading == "Smart City: The Concept"


def test_reimporting_never_overwrites_a_reading_the_instructor_edited_or_confirmed(week):
    import_week_7(week)
    shao = reading("The 'City Brain' and Algorithmic Governance in China")
    shao.authors = [{"family": "Shao", "given": "Zhengfeng"}]
    shao.title = "The “City Brain” and algorithmic governance in China"
    shao.doi = "10.1177/00420980211040906"
    shao.status = Reading.Status.CONFIRMED
    shao.save()
    link = week.week_readings.get(reading=shao)
    link.role = WeekReading.Role.REQUIRED
    link.save()

    import_week_7(week)

    shao.refresh_from_db()
    assert shao.authors == [{"family": "Shao", "given": "Zhengfeng"}]
    assert shao.title == "The “City Brain” and algorithmic governance in China"
    assert shao.status == Reading.Status.CONFIRMED
    assert week.week_readings.get(reading=shao).role == WeekReading.Role.REQUIRED
    assert Reading.objects.count() == len(WEEK_7_SOURCES)


def test_a_reading_the_course_already_has_is_linked_not_created_again(week):
    existing = ReadingFactory(
        course=week.course,
        title="La Gouvernance par les Nombres",
        year="2015",
        authors=[{"family": "Supiot", "given": "Alain"}],
        kind="book",
    )
    import_week_7(week)
    assert Reading.objects.filter(year="2015", kind="book").get() == existing
    assert week.week_readings.filter(reading=existing).exists()


def test_another_weeks_deck_citing_the_same_source_links_the_same_reading(week):
    import_week_7(week)
    week_8 = WeekFactory(course=week.course, number=8)
    save_deck(
        week_8,
        "# Back to the makers\n\n.footnote[Supiot - _La gouvernance par les nombres_, "
        "Fayard 2015]\n",
    )
    supiot = reading("La gouvernance par les nombres")
    assert set(supiot.weeks.all()) == {week, week_8}
    assert Reading.objects.count() == len(WEEK_7_SOURCES)


def test_another_courses_readings_are_never_reused(week):
    other = ReadingFactory(title="La gouvernance par les nombres", year="2015")
    import_week_7(week)
    ours = Reading.objects.get(course=week.course, title="La gouvernance par les nombres")
    assert ours != other
    assert not week.week_readings.filter(reading=other).exists()


def test_a_reading_slide_lists_one_reading_per_item(week):
    save_deck(
        week,
        "# Intro\n\n---\n\n# Readings\n\n"
        "- Harvey, D. (2005). *A Brief History of Neoliberalism*. Oxford University Press.\n"
        '- Wu, Fulong. "Planning Centrality." _Urban Studies_ 55, no. 7 (2018): 1383–99.\n'
        "- Bring your notes to class.\n",
    )
    readings = {r.title: r for r in Reading.objects.select_related("slide")}
    assert set(readings) == {"A Brief History of Neoliberalism", "Planning Centrality"}
    assert readings["Planning Centrality"].slide.heading == "Readings"
    assert readings["Planning Centrality"].issue == "7"


def test_a_list_under_another_heading_is_not_a_reading_list(week):
    save_deck(
        week,
        "# Reading the city\n\n"
        "- Harvey, D. (2005). *A Brief History of Neoliberalism*. Oxford University Press.\n",
    )
    assert not Reading.objects.exists()


def test_an_overlong_reference_is_cut_to_the_field_sizes_and_unsafe_links_dropped(course):
    ref = Reference(
        title="T" * 900,
        authors=[],
        container="C" * 400,
        year="2020",
        url="javascript:alert(1)",
        doi="not a doi",
        source_text="x\x00y",
    )
    draft = reading_from_reference(ref, course=course, slide=None)
    draft.full_clean()
    draft.save()
    assert (len(draft.title), len(draft.container)) == (500, 300)
    assert (draft.url, draft.doi, draft.source_text) == ("", "", "xy")


def test_collecting_again_from_the_same_slides_changes_nothing(week):
    slides = import_week_7(week)
    before = list(WeekReading.objects.values_list("reading_id", "order", "role"))
    collect_slide_readings(week=week, slides=slides)
    assert list(WeekReading.objects.values_list("reading_id", "order", "role")) == before
