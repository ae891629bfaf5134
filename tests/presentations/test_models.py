import pytest
from django.db import IntegrityError, transaction

from presentations.models import SignUp, normalise_title
from tests.factories import PresentationSlotsFactory, SignUpFactory, UserFactory, WeekFactory

pytestmark = pytest.mark.django_db


def test_a_title_is_one_line_of_nfkc_text():
    assert normalise_title("  ＡＩ and\r\nurban   policy\t") == "AI and urban policy"
    assert normalise_title("创客\u3000空间") == "创客 空间"


def test_a_saved_sign_up_keeps_its_normalised_title_and_its_weeks_course(week):
    signup = SignUp.objects.create(week=week, student=UserFactory(), title=" Ｃｉｔｙ  Brain ")
    signup.refresh_from_db()
    assert signup.title == "City Brain"
    assert signup.course_id == week.course_id


def test_the_database_refuses_a_second_sign_up_of_one_student_in_one_course(course):
    student = UserFactory()
    SignUpFactory(week=WeekFactory(course=course), student=student)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignUpFactory(week=WeekFactory(course=course), student=student)


def test_the_database_refuses_two_presenters_in_one_slot(week):
    SignUpFactory(week=week, slot=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignUpFactory(week=week, slot=2)


def test_many_students_may_wait_in_the_same_week(week):
    SignUpFactory.create_batch(3, week=week, slot=None)
    assert SignUp.objects.waiting().count() == 3


def test_the_database_refuses_a_slot_count_of_zero(week):
    with pytest.raises(IntegrityError), transaction.atomic():
        PresentationSlotsFactory(week=week, count=0)


def test_slots_cannot_be_reduced_below_a_taken_slot(week):
    slots = PresentationSlotsFactory(week=week, count=3)
    SignUpFactory(week=week, slot=3)
    slots.count = 2
    with pytest.raises(Exception, match="Slot 3 is taken"):
        slots.full_clean()
