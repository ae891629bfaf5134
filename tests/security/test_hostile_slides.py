"""Hostile decks never inject script or styles into any page that shows slides."""

import pytest
from django.urls import reverse

from tests.security.audit import background_problems, html_problems
from tests.security.vectors import BACKGROUND_VECTORS, CLASS_VECTORS, SCRIPT_VECTORS
from weeks.remark import parse_deck
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db


def hostile_deck():
    slides = [
        f"# Vector {i}\n\n{vector}\n\n???\nnote {vector}" for i, vector in enumerate(SCRIPT_VECTORS)
    ]
    slides += [f"class: {vector}\n\n# Class vector" for vector in CLASS_VECTORS]
    slides += [
        f"background-image: {vector}\n\n# Background vector" for vector in BACKGROUND_VECTORS
    ]
    slides += [
        f"background-color: {vector}\nbackground-size: {vector}\n\n# CSS props"
        for vector in BACKGROUND_VECTORS
    ]
    return "\n---\n".join(slides)


@pytest.fixture
def hostile_week(week):
    save_deck(week, hostile_deck())
    return week


def pages(week):
    args = [week.course.slug, week.number]
    return [
        week.get_absolute_url(),
        reverse("weeks:slideshow", args=args),
        reverse("weeks:slideshow", args=args) + "?view=reading",
        reverse("weeks:presenter", args=args),
    ]


def test_no_page_showing_hostile_slides_can_run_script_or_inject_styles(staff_client, hostile_week):
    for url in pages(hostile_week):
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert html_problems(response.content.decode()) == [], url


def test_stored_slide_html_is_clean(hostile_week):
    for slide in hostile_week.slides.all():
        assert html_problems(slide.html) == []
        assert html_problems(slide.notes_html) == []
        assert background_problems(slide.background_css) == [], slide.background_css


def test_hostile_text_stays_visible_as_text(client, hostile_week):
    response = client.get(reverse("weeks:slideshow", args=[hostile_week.course.slug, 7]))
    content = response.content.decode()
    assert "{{ 7*7 }}" in content  # shown literally, never evaluated
    assert "alert(24)" in content
    assert "\x00" not in content


def test_a_one_megabyte_slide_is_refused_with_a_message(week):
    from weeks.remark import DeckError

    with pytest.raises(DeckError, match="Slide 1"):
        parse_deck("x" * 1_000_000)
