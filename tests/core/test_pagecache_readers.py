"""Logged-in readers get the page everyone shares, from the cache, with their own parts punched in
(core/pagecache/personal.py): their own parts only, nothing staff see, and no query once warm."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assignments import services
from tests.factories import (
    ContributionFactory,
    EnrolmentFactory,
    GroupFactory,
    MembershipFactory,
    StaffFactory,
    UserFactory,
    WeekFactory,
)
from weeks.models import Slide
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db

CONTENT = {"topic": "Shenzhen", "sources": ["A", "B"], "argument": "Cities win."}


@pytest.fixture
def week(course):
    week = WeekFactory(course=course, number=7, title="Planning for Innovation")
    save_deck(week, "# Makers\n\n创客 in Shenzhen\n---\n# Discussion\n\nWho plans?\n---\n# End")
    return week


@pytest.fixture
def li(course, assignment):
    return student_in_group(course, assignment, "li", "Li Wei", "Shenzhen makers")


@pytest.fixture
def camille(course, assignment):
    return student_in_group(course, assignment, "camille", "Camille Martin", "Greater Bay")


def student_in_group(course, assignment, username, name, group_name):
    assignment.group_min_size = 1  # she may hand in (and leave) alone
    assignment.save()
    first, last = name.split()
    user = UserFactory(username=username, first_name=first, last_name=last)
    EnrolmentFactory(course=course, user=user)
    group = GroupFactory(assignment=assignment, name=group_name)
    MembershipFactory(group=group, user=user)
    services.save_revision(group=group, author=user, base_number=0, **CONTENT)
    return user


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_two_students_see_their_own_parts_of_one_cached_week_page_never_each_others(
    week, li, camille, django_assert_num_queries
):
    ContributionFactory(week=week, author=li, text="Planning made the makers")
    li_client, camille_client = client_of(li), client_of(camille)
    url = week.get_absolute_url()
    for_li, for_camille = page(li_client, url), page(camille_client, url)
    assert "Li Wei" in for_li and "Camille Martin" not in for_li
    assert "Camille Martin" in for_camille and "Li Wei" not in for_camille
    assert "Planning made the makers" in for_li and "Planning made the makers" in for_camille
    with django_assert_num_queries(0):  # both from the cache now, parts included
        assert page(li_client, url) == for_li
        assert "Camille Martin" in page(camille_client, url)
    anonymous = page(Client(), url)  # the page they share holds neither
    assert "Li Wei" not in anonymous and "Camille Martin" not in anonymous
    assert "Planning made the makers" not in anonymous and "Log in" in anonymous


def test_each_student_finds_her_own_group_on_the_cached_home_and_assignment_page(
    course, assignment, li, camille
):
    li_client, camille_client = client_of(li), client_of(camille)
    for url in (course.get_absolute_url(), assignment.get_absolute_url()):
        for _ in range(2):  # rendered, then assembled from the cache
            for_li, for_camille = page(li_client, url), page(camille_client, url)
            assert "Shenzhen makers" in for_li and "Greater Bay" not in for_li
            assert "Greater Bay" in for_camille and "Shenzhen makers" not in for_camille


def test_a_draft_previewed_by_staff_never_reaches_a_student_through_the_cache(course, week, li):
    draft = WeekFactory(course=course, number=9, title="Unpublished thoughts", is_published=False)
    staff = client_of(StaffFactory())
    for url in (draft.get_absolute_url(), draft.get_absolute_url() + "slides/"):
        assert "Unpublished thoughts" in page(staff, url)
        assert client_of(li).get(url).status_code == 404
        assert Client().get(url).status_code == 404
    url = week.get_absolute_url()
    assert "Presenter view" in page(staff, url) and "Admin" in page(staff, url)
    for_li = page(client_of(li), url)
    assert "Presenter view" not in for_li and ">Admin<" not in for_li
    assert "data-presenter-url" not in page(client_of(li), url + "slides/")
    assert "data-presenter-url" in page(staff, url + "slides/")


def normalised(html):
    """The page without what differs between two renders of it for one reader."""
    html = re.sub(r'nonce="[^"]*"', 'nonce=""', html)
    html = re.sub(r'(name="csrfmiddlewaretoken" value|data-csrf)="[^"]*"', r'\1=""', html)
    return html


@pytest.mark.parametrize(
    "url_of",
    [
        lambda c, w, a: c.get_absolute_url(),
        lambda c, w, a: w.get_absolute_url(),
        lambda c, w, a: w.get_absolute_url() + "slides/",
        lambda c, w, a: f"/{c.slug}/readings/",
        lambda c, w, a: f"/{c.slug}/glossary/",
        lambda c, w, a: a.get_absolute_url(),
    ],
    ids=["home", "week", "slideshow", "readings", "glossary", "assignment"],
)
def test_a_page_assembled_from_the_cache_is_the_page_rendered_for_her(
    settings, url_of, course, week, assignment, li
):
    ContributionFactory(week=week, author=li, text="An answer on the board")
    url, client = url_of(course, week, assignment), client_of(li)
    page(client, url)
    assembled = page(client, url)
    settings.PAGE_CACHE_SECONDS = 0
    assert normalised(assembled) == normalised(page(client, url))


def test_her_own_writes_show_at_once_on_her_cached_pages(
    course, assignment, li, django_capture_on_commit_callbacks
):
    client, home, url = client_of(li), course.get_absolute_url(), assignment.get_absolute_url()
    assert "Shenzhen makers" in page(client, home) and "Shenzhen makers" in page(client, url)
    group = li.group_memberships.get().group
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}groups/{group.pk}/leave/")
    assert response.status_code == 302
    client.cookies.pop("messages", None)  # read on the next page; here, straight to the cache
    assert "Shenzhen makers" not in page(client, url)
    assert "Shenzhen makers" not in page(client, home)


def test_an_answer_shows_on_her_home_until_she_opens_it(
    course, assignment, li, django_capture_on_commit_callbacks
):
    client, home = client_of(li), course.get_absolute_url()
    assert "New feedback" not in page(client, home)
    with django_capture_on_commit_callbacks(execute=True):
        group = li.group_memberships.get().group
        submission = services.submit_for_review(group=group, base_number=1)
        current = services.lock_for_feedback(submission, 0)
        current.status, current.feedback = "needs-revision", "Narrow it down to one district."
        services.record_feedback(current, by=UserFactory(), base_number=0, changed=True)
    assert "New feedback" in page(client, home)
    with django_capture_on_commit_callbacks(execute=True):
        assert "Narrow it down to one district." in page(client, assignment.get_absolute_url())
    assert "New feedback" not in page(client, home)


def replayed(session_key):
    replay = Client()
    replay.cookies["sessionid"] = session_key
    return replay


def test_after_logging_out_her_old_session_gets_only_the_shared_page(
    course, li, django_capture_on_commit_callbacks
):
    client, home = client_of(li), course.get_absolute_url()
    assert "Li Wei" in page(client, home)
    old_session = client.cookies["sessionid"].value
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/logout/")
    for_replay = page(replayed(old_session), home)
    assert "Li Wei" not in for_replay and "Log in" in for_replay


def test_a_deactivated_students_session_stops_showing_her_parts_at_once(
    course, li, django_capture_on_commit_callbacks
):
    client, home = client_of(li), course.get_absolute_url()
    assert "Li Wei" in page(client, home)
    with django_capture_on_commit_callbacks(execute=True):
        li.is_active = False
        li.save()
    assert "Li Wei" not in page(client, home)


def test_a_board_post_shows_on_her_page_without_her_session_being_read_again(
    week, li, camille, django_capture_on_commit_callbacks
):
    client, url = client_of(li), week.get_absolute_url()
    page(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        ContributionFactory(week=week, author=camille, text="Who pays for the parks?")
    with CaptureQueriesContext(connection) as queries:
        assert "Who pays for the parks?" in page(client, url)  # her parts, rendered again
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert queries.captured_queries and "django_session" not in read


def test_a_student_made_staff_is_served_as_staff_at_once(
    week, li, django_capture_on_commit_callbacks
):
    client, url = client_of(li), week.get_absolute_url()
    assert "Presenter view" not in page(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        li.is_staff = True
        li.save()
    assert "Presenter view" in page(client, url)


def test_staff_pages_are_rendered_whole_each_time_and_never_shared(week, staff):
    client, url = client_of(staff), week.get_absolute_url()
    page(client, url)
    with CaptureQueriesContext(connection) as again:
        assert "Presenter view" in page(client, url)
    assert len(again) > 0  # rendered anew, not from the cache
    with CaptureQueriesContext(connection) as anonymous:
        assert "Presenter view" not in page(Client(), url)
    assert len(anonymous) > 0  # staff pages stored nothing anyone else is served


def test_an_assembled_page_is_private_to_her_browser(week, li):
    client, url = client_of(li), week.get_absolute_url()
    page(client, url)
    response = client.get(url)
    assert response["Cache-Control"] == "private, no-cache"
    assert "Cookie" in response["Vary"]
    assert "ETag" not in response and "Last-Modified" not in response
    assert int(response["Content-Length"]) == len(response.content)


def test_a_mark_without_the_sites_token_is_left_as_it_is(week, li):
    """The marks carry a token of the site's secret: no content can ask for a reader's part."""
    forged = "<!--personal-0123456789abcdef:account:-->Kept<!--/personal-0123456789abcdef-->"
    Slide.objects.filter(week=week, number=3).update(html=forged)
    client = client_of(li)
    page(client, week.get_absolute_url() + "slides/")
    content = page(client, week.get_absolute_url() + "slides/")
    assert forged in content and content.count("Li Wei") == 0  # the slideshow has no header
    assert 'id="live-identity"' in content


def test_with_redis_her_parts_rendered_by_one_process_serve_the_others(
    redis_pages, week, li, django_assert_num_queries
):
    from core.pagecache import local_entries, personal

    client, url = client_of(li), week.get_absolute_url()
    first = page(client, url)
    local_entries.clear()
    personal.fragments.clear()  # as in another worker process, which remembers her session
    with django_assert_num_queries(0):  # the version, the page and her parts: from Redis
        assert page(client, url) == first
    assert "Li Wei" in first


def test_while_redis_is_away_a_student_still_gets_her_page_rendered_whole(settings, week, li):
    from bench.load.redis_fault import PrivateRedis

    server = PrivateRedis()
    if server.binary is None:
        pytest.skip("needs redis-server")
    server.start()
    url, caches = f"redis://127.0.0.1:{server.port}/0", settings.CACHES
    options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    settings.REDIS_URL = url
    settings.CACHES = {"default": {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": url}}
    settings.CACHES["default"]["OPTIONS"] = options
    server.stop()
    try:
        content = page(client_of(li), week.get_absolute_url())
    finally:  # the cache and the versions as the other tests have them
        settings.REDIS_URL, settings.CACHES = "", caches
    assert "Li Wei" in content and "Planning for Innovation" in content
