"""Walk every URL of the site as each kind of visitor and check the answer against the matrix.

The matrix is data: one row per URL name, the expected status for an anonymous visitor, a
student of another group, a member of the group and the instructor (staff). A new URL that is
not in the matrix fails `test_every_url_of_the_site_is_in_the_matrix`, so nobody forgets it.
GET requests only: the state-changing views answer GET with 405 or a confirmation page, and
their POST permissions are covered view by view in tests/assignments/test_views.py.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assignments.services import save_revision
from courses.models import CalendarFeed
from tests.factories import (
    AssignmentFactory,
    EnrolmentFactory,
    GroupFactory,
    MembershipFactory,
    StaffFactory,
    UserFactory,
    WeekFactory,
    pdf_bytes,
)
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "other group", "member", "staff")
LOGIN = 302  # redirected to a login page

# url name: (expected status for each role, in ROLES order)
MATRIX = {
    "courses:list": (302, 302, 302, 302),  # the only course: straight to it
    "courses:detail": (200, 200, 200, 200),
    "courses:calendar": (200, 200, 200, 200),
    "courses:calendar-page": (200, 200, 200, 200),
    "courses:calendar-feed-change": (LOGIN, 405, 405, 405),
    # The member's private feed: its secret address is the key, for calendar apps without a login.
    "courses:private-calendar": (200, 200, 200, 200),
    "private-calendar-wrong-token": (404, 404, 404, 404),
    "courses:slides-css": (200, 200, 200, 200),
    "readings:list": (200, 200, 200, 200),
    "readings:bib": (200, 200, 200, 200),
    "readings:ris": (200, 200, 200, 200),
    "readings:csl-json": (200, 200, 200, 200),
    "glossary:characters": (200, 200, 200, 200),
    "glossary:terms": (200, 200, 200, 200),
    "search:search": (200, 200, 200, 200),
    "weeks:detail": (200, 200, 200, 200),
    "weeks:slideshow": (200, 200, 200, 200),
    "weeks:presenter": (LOGIN, LOGIN, LOGIN, 200),
    "weeks:deck-download": (LOGIN, LOGIN, LOGIN, 200),
    "readings:week-bib": (200, 200, 200, 200),
    "readings:week-ris": (200, 200, 200, 200),
    "readings:week-csl-json": (200, 200, 200, 200),
    "draft-week": (404, 404, 404, 200),
    "draft-slideshow": (404, 404, 404, 200),
    # Who presents when: for the course's members and staff; the writes are POST only.
    "presentations:list": (LOGIN, 200, 200, 200),
    "presentations:sign-up": (405, 405, 405, 405),
    "presentations:withdraw": (405, 405, 405, 405),
    "assignments:detail": (200, 200, 200, 200),
    "assignments:topics": (LOGIN, 200, 200, 200),
    "assignments:history": (LOGIN, 404, 200, 200),
    "assignments:save": (405, 405, 405, 405),
    "assignments:submit": (405, 405, 405, 405),
    "assignments:leave-group": (405, 405, 405, 405),
    "assignments:create-group": (405, 405, 405, 405),
    "assignments:join-group": (405, 405, 405, 405),
    "assignments:join-link": (LOGIN, 200, 200, 403),
    "assignments:withdraw": (405, 405, 405, 405),
    # A group's PDF: no login page for it, since nobody outside the group may learn it exists.
    "assignments:file": (404, 404, 200, 200),
    "assignments:revision-file": (404, 404, 200, 200),
    "accounts:login": (200, 302, 302, 302),  # logged-in visitors go on to the site
    "accounts:logout": (200, 200, 200, 200),
    "accounts:password-reset": (200, 200, 200, 200),
    "accounts:password-reset-done": (200, 200, 200, 200),
    "accounts:password-reset-confirm": (200, 200, 200, 200),
    "accounts:password-reset-complete": (200, 200, 200, 200),
    "accounts:invitation": (404, 404, 404, 404),
    "accounts:enrol": (200, 200, 200, 200),
    "accounts:email-preferences": (LOGIN, 200, 200, 404),  # members of the course only
    "admin:index": (LOGIN, LOGIN, LOGIN, 200),
    "admin:weeks_week_import_deck": (LOGIN, LOGIN, LOGIN, 200),
    "admin:readings_reading_import": (LOGIN, LOGIN, LOGIN, 200),
    "markdownx_upload": (LOGIN, LOGIN, LOGIN, 405),
    "markdownx_markdownify": (LOGIN, LOGIN, LOGIN, 405),
    "media": (404, 404, 404, 404),
    # The live classroom: the stream is as public as the week; its writes are POST only
    # (their permissions: tests/live/test_views.py).
    "live:events": (200, 200, 200, 200),
    "draft-live-events": (404, 404, 404, 200),
    "live:position": (405, 405, 405, 405),
    "live:board": (405, 405, 405, 405),
    "live:upvote": (405, 405, 405, 405),
    "live:moderate": (405, 405, 405, 405),
    "live:export-csv": (LOGIN, LOGIN, LOGIN, 200),
    "live:export-md": (LOGIN, LOGIN, LOGIN, 200),
}


@pytest.fixture
def site(course):
    week = WeekFactory(course=course, number=7)
    save_deck(week, "# Title\n---\n# Second\n???\nsecret notes")
    draft = WeekFactory(course=course, number=8, is_published=False)
    assignment = AssignmentFactory(
        course=course, week=week, slug="final-project", topics_visible=True
    )
    other, member = (
        EnrolmentFactory(course=course, user=UserFactory(username=name)).user
        for name in ("other", "member")
    )
    group = GroupFactory(assignment=assignment, name="Group one")
    MembershipFactory(group=group, user=member)
    MembershipFactory(group=GroupFactory(assignment=assignment, name="Group two"), user=other)
    report = AssignmentFactory(course=course, slug="field-report", kind="file")
    hand_in = GroupFactory(assignment=report, name="Reporters")
    MembershipFactory(group=hand_in, user=member)
    MembershipFactory(group=GroupFactory(assignment=report, name="Others"), user=other)
    pdf = SimpleUploadedFile("report.pdf", pdf_bytes())
    save_revision(group=hand_in, author=member, base_number=0, topic="Report", upload=pdf)
    return {
        "hand_in": hand_in,
        "week": week,
        "feed": CalendarFeed.objects.create(user=member, course=course),
        "draft": draft,
        "assignment": assignment,
        "group": group,
        "users": {"other group": other, "member": member, "staff": StaffFactory()},
    }


def url_for(name, site):
    slug, week, assignment = site["week"].course.slug, site["week"], site["assignment"]
    weekly = {"course_slug": slug, "number": week.number}
    by_assignment = {"course_slug": slug, "slug": assignment.slug}
    with_group = by_assignment | {"pk": site["group"].pk}
    hand_in = {"course_slug": slug, "slug": "field-report", "pk": site["hand_in"].pk}
    special = {
        "courses:list": ("courses:list", {}),
        "draft-week": ("weeks:detail", {"course_slug": slug, "number": site["draft"].number}),
        "draft-slideshow": (
            "weeks:slideshow",
            {"course_slug": slug, "number": site["draft"].number},
        ),
        "assignments:join-link": (
            "assignments:join-link",
            by_assignment | {"code": site["group"].join_code},
        ),
        "accounts:password-reset-confirm": (
            "accounts:password-reset-confirm",
            {"uidb64": "MQ", "token": "set-password"},
        ),
        "accounts:invitation": ("accounts:invitation", {"token": "not-a-real-token"}),
        "courses:private-calendar": (
            "courses:private-calendar",
            {"course_slug": slug, "feed_id": site["feed"].pk, "token": site["feed"].token},
        ),
        "private-calendar-wrong-token": (
            "courses:private-calendar",
            {"course_slug": slug, "feed_id": site["feed"].pk, "token": "0" * 64},
        ),
        "admin:index": ("admin:index", {}),
        "admin:weeks_week_import_deck": ("admin:weeks_week_import_deck", {"week_id": week.pk}),
        "admin:readings_reading_import": ("admin:readings_reading_import", {}),
        "markdownx_upload": ("markdownx_upload", {}),
        "markdownx_markdownify": ("markdownx_markdownify", {}),
        "media": ("media", {"path": "slides/nothing.png"}),
        "assignments:file": ("assignments:file", hand_in),
        "assignments:revision-file": ("assignments:revision-file", hand_in | {"number": 1}),
        "draft-live-events": (
            "live:events",
            {"course_slug": slug, "number": site["draft"].number},
        ),
        "live:upvote": ("live:upvote", weekly | {"pk": 1}),
        "live:moderate": ("live:moderate", weekly | {"pk": 1}),
    }
    if name in special:
        target, kwargs = special[name]
        return reverse(target, kwargs=kwargs)
    app = name.split(":")[0]
    course_wide = {"course_slug": slug}
    course_apps = {"courses", "readings", "glossary", "search", "presentations"}
    kwargs = course_wide if app in course_apps else None
    if app in {"weeks", "live"} or name.startswith("readings:week-"):
        kwargs = weekly
    if app == "accounts":
        kwargs = course_wide if name == "accounts:email-preferences" else {}
    if app == "assignments":
        kwargs = (
            with_group
            if name.split(":")[1] in {"history", "save", "submit", "leave-group", "withdraw"}
            else by_assignment
        )
    return reverse(name, kwargs=kwargs)


def client_for(site, role):
    client = Client()
    if role != "anonymous":
        client.force_login(site["users"][role])
    return client


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_every_url_answers_each_visitor_as_the_matrix_says(site, name):
    url = url_for(name, site)
    answers = {role: client_for(site, role).get(url).status_code for role in ROLES}
    assert answers == dict(zip(ROLES, MATRIX[name], strict=True)), url


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_every_url_answers_each_visitor_the_same_after_staff_opened_it(site, name):
    """Staff first, then the others: the page cache, which logged-in students share too,
    never hands one of them what staff were shown (a draft, the presenter's links)."""
    url = url_for(name, site)
    answers = {role: client_for(site, role).get(url).status_code for role in reversed(ROLES)}
    assert answers == dict(zip(ROLES, MATRIX[name], strict=True)), url


def named_patterns(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace != "admin":
                yield from named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def test_every_url_of_the_site_is_in_the_matrix():
    assert set(named_patterns()) - set(MATRIX) == set()


def test_the_student_pages_never_show_the_notes(site):
    week = (site["week"].course.slug, site["week"].number)
    url, presenter = reverse("weeks:slideshow", args=week), reverse("weeks:presenter", args=week)
    assert "secret notes" in client_for(site, "staff").get(presenter).content.decode()
    for role in ("anonymous", "other group", "member"):
        for view in ("", "?view=reading"):
            assert "secret notes" not in client_for(site, role).get(url + view).content.decode()
