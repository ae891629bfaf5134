import pytest
from django.db import IntegrityError

from courses.models import Course
from tests.factories import CourseFactory, UserFactory, WeekFactory
from weeks.models import Week

pytestmark = pytest.mark.django_db


def test_title_line_reads_like_the_first_slide_of_the_deck():
    course = CourseFactory()
    assert course.title_line == "Chinese Cities - Sciences Po - OGLM 3050 - 59127 - S2 2025/26"


def test_title_line_skips_empty_parts():
    course = CourseFactory(section="", term="")
    assert course.title_line == "Chinese Cities - Sciences Po - OGLM 3050"


def test_course_description_is_rendered_and_sanitised_on_save():
    course = CourseFactory(description="**Cities** <script>alert(1)</script>")
    assert "<strong>Cities</strong>" in course.description_html
    assert "<script" not in course.description_html


def test_course_slug_is_unique():
    CourseFactory(slug="same")
    with pytest.raises(IntegrityError):
        Course.objects.create(title="Other", slug="same")


def test_week_number_is_unique_within_a_course(course):
    WeekFactory(course=course, number=3)
    with pytest.raises(IntegrityError):
        WeekFactory(course=course, number=3)


def test_two_courses_may_each_have_a_week_with_the_same_number():
    WeekFactory(course=CourseFactory(), number=1)
    WeekFactory(course=CourseFactory(), number=1)
    assert Week.objects.filter(number=1).count() == 2


def test_week_number_zero_is_refused_by_the_database(course):
    with pytest.raises(IntegrityError):
        WeekFactory(course=course, number=0)


def test_published_excludes_drafts(course):
    published = WeekFactory(course=course)
    WeekFactory(course=course, is_published=False)
    assert list(Week.objects.published()) == [published]


def test_drafts_are_visible_to_staff_only(course):
    draft = WeekFactory(course=course, is_published=False)
    assert draft not in Week.objects.visible_to(UserFactory())
    assert draft in Week.objects.visible_to(UserFactory(is_staff=True))


def test_week_url_uses_course_slug_and_number(week):
    assert week.get_absolute_url() == "/chinese-cities/weeks/7/"


def test_a_course_slug_may_not_shadow_the_sites_own_addresses():
    from django.core.exceptions import ValidationError

    course = CourseFactory.build(slug="admin")
    with pytest.raises(ValidationError, match="reserved"):
        course.full_clean()
