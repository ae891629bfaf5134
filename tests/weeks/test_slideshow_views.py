from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.browser.conftest import SlideFactory, make_deck
from tests.factories import WeekFactory

pytestmark = pytest.mark.django_db

SECRET_NOTE = "note-only-for-the-instructor-7f3a9c"


class Sections(HTMLParser):
    """The attributes of each slide <section>, with the text of its .slide-number, in order."""

    def __init__(self, html):
        super().__init__()
        self.sections = []
        self._in_number = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "slide" in attrs.get("class", "").split():
            self.sections.append({**attrs, "number_text": None})
        self._in_number = "slide-number" in (attrs.get("class") or "").split()

    def handle_data(self, data):
        if self._in_number and self.sections:
            self.sections[-1]["number_text"] = data.strip()
            self._in_number = False


def slideshow_url(week, view=""):
    url = reverse("weeks:slideshow", args=[week.course.slug, week.number])
    return f"{url}?view={view}" if view else url


def presenter_url(week):
    return reverse("weeks:presenter", args=[week.course.slug, week.number])


def sections_of(response):
    assert response.status_code == 200
    return Sections(response.content.decode()).sections


def test_each_navigable_slide_is_a_section_with_its_id_classes_and_name(client, week):
    make_deck(
        week,
        3,
        {
            1: {"css_classes": "inverse center middle", "name": "title"},
            3: {"css_classes": "remark-slide-incremental"},
        },
    )
    sections = sections_of(client.get(slideshow_url(week)))
    assert [s["id"] for s in sections] == ["slide-1", "slide-2", "slide-3"]
    assert sections[0]["class"] == "slide remark-slide-content inverse center middle"
    assert sections[1]["class"] == "slide remark-slide-content"
    assert sections[2]["class"] == "slide remark-slide-content remark-slide-incremental"
    assert sections[0]["data-name"] == "title"
    assert "data-name" not in sections[1]
    assert [s["aria-roledescription"] for s in sections] == ["slide"] * 3
    assert [s["aria-label"] for s in sections] == [f"Slide {k} of 3" for k in (1, 2, 3)]
    assert all("role" not in s for s in sections)  # a labelled <section>: a region


MISSING = "/talks/EPFL-GoingEast/img/maker.jpg"


@pytest.mark.parametrize("as_staff", [False, True])
def test_a_missing_background_image_shows_a_placeholder_and_staff_see_which(
    client, staff, week, as_staff
):
    SlideFactory(week=week, css_classes="inverse", missing_image=MISSING, background_css="")
    if as_staff:
        client.force_login(staff)
    content = client.get(slideshow_url(week)).content.decode()
    (section,) = sections_of(client.get(slideshow_url(week)))
    assert section["class"] == "slide remark-slide-content inverse is-missing-image"
    assert "style" not in section
    assert ("Missing image: <code>" + MISSING in content) == as_staff
    assert ("Image not available" in content) != as_staff


def test_slides_show_their_number_and_uncounted_ones_the_number_before(client, week):
    make_deck(week, 4, {3: {"counted": False}})
    sections = sections_of(client.get(slideshow_url(week)))
    assert [s["number_text"] for s in sections] == ["1 / 3", "2 / 3", "2 / 3", "3 / 3"]
    assert [s["data-number"] for s in sections] == ["1", "2", "2", "3"]


def test_slide_html_is_output_as_rendered(client, week):
    SlideFactory(week=week, html='<p>Growth was <span class="red"><strong>65%</strong></span></p>')
    content = client.get(slideshow_url(week)).content.decode()
    assert '<span class="red"><strong>65%</strong></span>' in content


def test_slide_background_is_its_inline_style(client, week):
    SlideFactory(week=week, background_css='background-image: url("/media/slides/maker.jpg")')
    SlideFactory(week=week, background_css="")
    sections = sections_of(client.get(slideshow_url(week)))
    assert sections[0]["style"] == 'background-image: url("/media/slides/maker.jpg")'
    assert "style" not in sections[1]


@pytest.mark.parametrize("as_staff", [False, True])
def test_notes_never_appear_in_the_slideshow(client, staff, week, as_staff):
    SlideFactory(week=week, notes=SECRET_NOTE, notes_html=f"<p>{SECRET_NOTE}</p>")
    if as_staff:
        client.force_login(staff)
    for view in ("", "reading"):
        content = client.get(slideshow_url(week, view)).content.decode()
        assert "Slide 1" in content
        assert SECRET_NOTE not in content
        assert 'class="notes"' not in content


def test_presenter_redirects_anonymous_visitors_to_the_login(client, week):
    response = client.get(presenter_url(week))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_presenter_redirects_students(client, student, week):
    client.force_login(student)
    response = client.get(presenter_url(week))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_presenter_shows_staff_each_slide_with_its_notes(staff_client, week):
    make_deck(week, 2, {2: {"notes_html": f"<p>{SECRET_NOTE}</p>"}})
    response = staff_client.get(presenter_url(week))
    sections = sections_of(response)
    assert [s["id"] for s in sections] == ["slide-1", "slide-2"]
    content = response.content.decode()
    notes = content.index('<aside class="notes"', content.index('id="slide-2"'))
    assert content.index(SECRET_NOTE) > notes
    assert content.index(SECRET_NOTE) < content.index("</section>", notes)
    assert 'data-role="presenter"' in content


def test_only_staff_get_the_presenter_link(client, staff, student, week):
    make_deck(week, 1)
    url = slideshow_url(week)
    assert "data-presenter-url" not in client.get(url).content.decode()
    client.force_login(student)
    assert "data-presenter-url" not in client.get(url).content.decode()
    client.force_login(staff)
    assert f'data-presenter-url="{presenter_url(week)}"' in client.get(url).content.decode()


def test_draft_week_slideshow_is_404_for_students_and_shown_to_staff(
    client, student, staff, course
):
    draft = WeekFactory(course=course, number=9, is_published=False)
    make_deck(draft, 1)
    assert client.get(slideshow_url(draft)).status_code == 404
    client.force_login(student)
    assert client.get(slideshow_url(draft)).status_code == 404
    client.force_login(staff)
    assert client.get(slideshow_url(draft)).status_code == 200


def test_reading_view_lists_every_slide_in_a_reading_layout(client, week):
    make_deck(week, 3)
    content = client.get(slideshow_url(week, "reading")).content.decode()
    assert 'data-mode="reading"' in content
    assert "deck--reading" in content
    assert len(Sections(content).sections) == 3
    assert f'href="{slideshow_url(week)}"' in content


def test_slideshow_links_the_week_the_course_and_the_reading_view(client, week):
    make_deck(week, 1)
    content = client.get(slideshow_url(week)).content.decode()
    assert f'href="{week.get_absolute_url()}"' in content
    assert f'href="{week.course.get_absolute_url()}"' in content
    assert 'href="?view=reading"' in content
    assert f'data-channel="slides:{week.course.slug}:{week.number}"' in content


def test_wide_decks_get_the_16_9_ratio(client, course):
    square = WeekFactory(course=course, number=1)
    wide = WeekFactory(course=course, number=2, slide_ratio="16:9")
    assert "ratio-16-9" not in client.get(slideshow_url(square)).content.decode()
    assert "ratio-16-9" in client.get(slideshow_url(wide)).content.decode()


def test_course_stylesheet_is_linked_after_the_default_theme(client):
    plain = WeekFactory()
    styled = WeekFactory(course__slides_css=".inverse { background: #272822; }")
    plain_css = reverse("courses:slides-css", args=[plain.course.slug])
    assert plain_css not in client.get(slideshow_url(plain)).content.decode()
    content = client.get(slideshow_url(styled)).content.decode()
    css_url = reverse("courses:slides-css", args=[styled.course.slug])
    assert content.index("css/slides.css") < content.index(css_url)


def test_a_week_without_slides_says_so(client, week):
    content = client.get(slideshow_url(week)).content.decode()
    assert "This week has no slides yet." in content


def test_hidden_slides_are_left_out(client, week):
    make_deck(week, 2)
    SlideFactory(week=week, position=5, visible=False, index=None, number=None, html="<p>layout")
    assert len(sections_of(client.get(slideshow_url(week)))) == 2


def test_slideshow_of_500_slides_runs_as_many_queries_as_one_of_5(
    client, course, django_assert_num_queries
):
    small = WeekFactory(course=course, number=1)
    large = WeekFactory(course=course, number=2)
    make_deck(small, 5)
    make_deck(large, 500)
    with CaptureQueriesContext(connection) as queries:
        assert len(sections_of(client.get(slideshow_url(small)))) == 5
    assert len(queries) > 0  # rendered, not served from the page cache
    with django_assert_num_queries(len(queries)):
        assert len(sections_of(client.get(slideshow_url(large)))) == 500
