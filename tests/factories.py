import datetime

import factory
from django.contrib.auth import get_user_model

from courses.models import Course
from weeks.models import ProgramItem, Week


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        django_get_or_create = ("slug",)

    title = "Chinese Cities"
    slug = factory.Sequence(lambda n: f"course-{n}")
    institution = "Sciences Po"
    code = "OGLM 3050"
    section = "59127"
    term = "S2 2025/26"
    instructor_name = "Clément Renaud"
    instructor_email = "hi@clementrenaud.com"


class WeekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Week

    course = factory.SubFactory(CourseFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Week topic {n}")
    date = factory.LazyAttribute(
        lambda week: datetime.date(2026, 1, 13) + datetime.timedelta(weeks=week.number)
    )
    is_published = True


class ProgramItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramItem

    week = factory.SubFactory(WeekFactory)
    position = factory.Sequence(lambda n: n)
    part = "First hour"
    kind = ProgramItem.Kind.DISCUSSION
    title = factory.Sequence(lambda n: f"Item {n}")
