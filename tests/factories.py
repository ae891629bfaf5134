import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import hash_token
from assignments.services import start_group
from courses.models import Course
from glossary.models import Character, CharacterLink, Term
from readings.models import Reading, WeekReading
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


class CharacterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Character

    course = factory.SubFactory(CourseFactory)
    hanzi = "创"
    meaning = "to create; to start, initiate"


class CharacterLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharacterLink

    character = factory.SubFactory(CharacterFactory)
    label = factory.Sequence(lambda n: f"Link {n}")
    url = factory.Sequence(lambda n: f"https://example.org/{n}")


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    course = factory.SubFactory(CourseFactory)
    hanzi = factory.Iterator(["智慧城市", "城市大脑", "业绩", "创客", "新单位", "双创"])
    gloss = factory.Sequence(lambda n: f"gloss {n}")
    status = Term.Status.CONFIRMED


class ReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reading

    course = factory.SubFactory(CourseFactory)
    kind = Reading.Kind.ARTICLE
    authors = factory.Sequence(lambda n: [{"family": f"Author{n}", "given": "A."}])
    title = factory.Sequence(lambda n: f"Reading number {n}")
    container = "Urban Studies"
    volume = "59"
    issue = "5"
    year = "2022"
    status = Reading.Status.CONFIRMED


class WeekReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeekReading

    week = factory.SubFactory(WeekFactory)
    reading = factory.SubFactory(ReadingFactory, course=factory.SelfAttribute("..week.course"))
    role = WeekReading.Role.REQUIRED
    order = factory.Sequence(lambda n: n)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.Enrolment"
        django_get_or_create = ("user", "course")

    user = factory.SubFactory(UserFactory)
    course = factory.SubFactory(CourseFactory)
    role = "student"


class PresentationSlotsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "presentations.PresentationSlots"

    week = factory.SubFactory(WeekFactory)
    count = 3
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))


class SignUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "presentations.SignUp"

    week = factory.SubFactory(WeekFactory)
    course = factory.SelfAttribute("week.course")
    student = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Presentation topic {n}")
    slot = 1


class EnrolmentKeyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.EnrolmentKey"

    course = factory.SubFactory(CourseFactory)
    key = factory.Sequence(lambda n: f"enrolment-key-{n}")


class InvitationFactory(factory.django.DjangoModelFactory):
    """Pass `token=` to know the link; only its hash is stored."""

    class Meta:
        model = "accounts.Invitation"
        exclude = ("token",)

    token = factory.Sequence(lambda n: f"invitation-token-{n}")
    user = factory.SubFactory(UserFactory)
    course = factory.SubFactory(CourseFactory)
    token_hash = factory.LazyAttribute(lambda invitation: hash_token(invitation.token))
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class AssignmentFactory(factory.django.DjangoModelFactory):
    """Open since yesterday; groups form for a week; due in two weeks."""

    class Meta:
        model = "assignments.Assignment"

    course = factory.SubFactory(CourseFactory)
    week = None
    slug = factory.Sequence(lambda n: f"assignment-{n}")
    title = factory.Sequence(lambda n: f"Assignment {n}")
    instructions = "Choose a **topic**, list your sources, state your argument."
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    group_formation_deadline = factory.LazyAttribute(
        lambda a: a.opens_at + datetime.timedelta(days=8)
    )
    due_at = factory.LazyAttribute(lambda a: a.opens_at + datetime.timedelta(days=15))
    group_min_size = 2
    group_max_size = 3
    min_sources = 2


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assignments.Group"

    assignment = factory.SubFactory(AssignmentFactory)
    name = factory.Sequence(lambda n: f"Group {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return start_group(**kwargs)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assignments.Membership"

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(UserFactory)


class SubmissionFactory(factory.django.DjangoModelFactory):
    """Every group has its submission already; this returns (and updates) it."""

    class Meta:
        model = "assignments.Submission"
        django_get_or_create = ("group",)

    group = factory.SubFactory(GroupFactory)


class RevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assignments.Revision"

    submission = factory.SubFactory(SubmissionFactory)
    number = factory.Sequence(lambda n: n + 1)
    author = factory.SubFactory(UserFactory)
    created_at = factory.LazyFunction(timezone.now)
    topic = "Shenzhen's maker spaces"
    sources = factory.LazyFunction(lambda: ["Lindtner, Prototype Nation (2020)"])
    argument = "Maker spaces turned factories into a planning asset."


class RubricCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assignments.RubricCriterion"

    assignment = factory.SubFactory(AssignmentFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Criterion {n}")
    points = 5


def pdf_bytes(text="Field report"):
    """A small, well-formed one-page PDF: header, objects, a cross-reference table whose
    offsets are right, a trailer naming the catalogue, startxref and %%EOF."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    return body + b"startxref\n%d\n%%%%EOF\n" % xref


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "live.Contribution"

    week = factory.SubFactory(WeekFactory)
    slide = 3
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Answer number {n}")
