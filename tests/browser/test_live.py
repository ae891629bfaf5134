"""The live classroom in chromium: a presenter and two students' devices, served over ASGI
(uvicorn in a thread, against the test database) as in production."""

import threading
import time
from types import SimpleNamespace
from urllib.parse import parse_qs

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.db import connection
from django.test import Client
from playwright.sync_api import expect

from bench.server import free_port
from config.asgi import get_site_application
from live.models import LiveSession
from tests.browser.conftest import LAPTOP, PHONE, RECORD_CSP_VIOLATIONS, make_deck, screenshot
from tests.browser.slides import HALVES, open_slides, presenter_url, slideshow_url, wait_until
from tests.factories import EnrolmentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def asgi_server(transactional_db, settings):
    """The whole site under uvicorn, static files included (as live_server serves them)."""
    import uvicorn

    settings.LIVE_POLL_SECONDS = 0.05
    port = free_port()
    app = ASGIStaticFilesHandler(get_site_application())
    config = uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield SimpleNamespace(url=f"http://127.0.0.1:{port}")
    server.should_exit = True
    thread.join(10)
    end_server_connections()


def end_server_connections():
    """End the database sessions the server's threads left open (the live streams' pool keeps
    its connections, as it should in production), so the test database can be dropped."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture
def live_deck(week):
    make_deck(week, 20, {4: {"heading": "Discussion Prompt", "html": HALVES}})
    return week


@pytest.fixture
def devices(browser, asgi_server):
    """New browser contexts (laptop or phone), each logged in as `user` if given; their errors."""
    contexts, errors = [], []

    def open_device(user=None, viewport=LAPTOP):
        context = browser.new_context(viewport=viewport, has_touch=viewport is PHONE)
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        context.on("weberror", lambda error: errors.append(str(error.error)))
        context.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": asgi_server.url}]
            )
        contexts.append(context)
        return context.new_page()

    yield open_device, errors
    for context in contexts:
        for page in context.pages:
            errors.extend(page.evaluate("window.__cspViolations || []"))
        context.close()


def reach(page, hash_, within):
    wait_until(page, "(h) => location.hash === h", arg=hash_, timeout=within * 1000)


def test_two_students_follow_the_presenter_and_the_board_fills_live(
    asgi_server, devices, live_deck, staff
):
    open_device, errors = devices
    student = UserFactory(username="mei", first_name="Mei")
    EnrolmentFactory(user=student, course=live_deck.course)
    presenter = open_slides(open_device(staff), presenter_url(asgi_server, live_deck))
    laptop = open_slides(open_device(), slideshow_url(asgi_server, live_deck, "?follow=1"))
    phone = open_slides(
        open_device(student, PHONE), slideshow_url(asgi_server, live_deck, "?follow=1")
    )
    for follower in (laptop, phone):
        expect(follower.locator(".live-bar__badge")).to_be_visible()
        expect(follower.locator(".live-bar__follow")).to_have_text("Following")

    presenter.keyboard.type("12")
    presenter.keyboard.press("Enter")
    moved = time.monotonic()
    for follower in (laptop, phone):
        reach(follower, "#12", within=1)
    assert time.monotonic() - moved < 1.5  # both, one after the other

    presenter.keyboard.type("4")
    presenter.keyboard.press("Enter")
    reach(phone, "#4", within=1)
    box = phone.locator(".live-board__text")
    expect(box).to_be_visible()
    box.fill("Consent before sensors: who decides?")
    phone.locator(".live-board__form button[type=submit]").tap()
    expect(presenter.locator(".live-board")).to_contain_text("Consent before sensors", timeout=2000)
    expect(laptop.locator(".live-board")).to_be_hidden()  # anonymous readers see no board
    expect(box).to_have_value("")
    screenshot(phone, "live-phone-board")
    screenshot(presenter, "live-laptop-presenter-board")

    presenter.keyboard.press("d")
    expect(phone.locator(".live-board")).to_have_class("live-board is-full", timeout=2000)
    assert errors == []


def test_a_student_who_navigates_herself_stops_following_and_one_tap_rejoins(
    asgi_server, devices, live_deck, staff
):
    open_device, errors = devices
    presenter = open_slides(open_device(staff), presenter_url(asgi_server, live_deck, "#3"))
    phone = open_slides(
        open_device(viewport=PHONE), slideshow_url(asgi_server, live_deck, "?follow=1")
    )
    reach(phone, "#3", within=2)
    phone.keyboard.press("ArrowRight")
    follow = phone.locator(".live-bar__follow")
    expect(follow).to_have_text("Follow")
    expect(follow).to_have_attribute("aria-pressed", "false")

    presenter.keyboard.press("ArrowRight")
    presenter.keyboard.press("ArrowRight")
    presenter.wait_for_timeout(600)
    assert phone.evaluate("location.hash") == "#4"  # she stays where she went

    follow.tap()
    # The tap goes to the last position the phone heard; the presenter's second move, sent once
    # the first is stored, may still be on its way on a loaded machine: this waits for both.
    reach(phone, "#5", within=3)
    expect(follow).to_have_text("Following")
    assert errors == []


def test_the_presenters_quick_moves_go_one_at_a_time_and_the_last_one_is_stored(
    asgi_server, devices, live_deck, staff
):
    """Two posts in flight together may be stored in either order (they did, under CI's load:
    the class stayed a slide behind), so the presenter sends one move, then only the latest."""
    open_device, errors = devices
    presenter = open_device(staff)
    held = []  # every post waits here until the test lets it through
    presenter.route("**/live/position", lambda route: held.append(route))
    open_slides(presenter, presenter_url(asgi_server, live_deck, "#3"))
    wait_for(presenter, lambda: held, "opening the presenter view sent no move")
    for _ in range(3):
        presenter.keyboard.press("ArrowRight")
    presenter.wait_for_timeout(500)
    assert [moved_to(route) for route in held] == ["3"]  # the moves wait for its answer

    held.pop().continue_()
    wait_for(presenter, lambda: held, "no move was sent")
    assert [moved_to(route) for route in held] == ["6"]  # 4 and 5 are skipped: she is on 6
    held.pop().continue_()
    presenter.unroute("**/live/position")
    wait_for(
        presenter,
        lambda: LiveSession.objects.get(week=live_deck).slide == 6,
        "the last move was not stored",
    )
    presenter.wait_for_timeout(300)
    assert held == []
    assert LiveSession.objects.get(week=live_deck).slide == 6
    assert errors == []


def moved_to(route):
    return parse_qs(route.request.post_data)["slide"][0]


def wait_for(page, condition, failure, timeout=3):
    """Wait until `condition()` holds, letting `page` handle its events (routes) meanwhile."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, failure
        page.wait_for_timeout(50)


def test_a_refused_post_keeps_the_text_and_says_why(asgi_server, devices, live_deck, staff):
    open_device, errors = devices
    stranger = UserFactory(username="visitor")  # logged in, not enrolled in the course
    presenter = open_slides(open_device(staff), presenter_url(asgi_server, live_deck, "#4"))
    page = open_slides(open_device(stranger, PHONE), slideshow_url(asgi_server, live_deck, "#4"))
    expect(presenter.locator("#presenter-counter")).to_have_text("Slide 4 of 20")
    box = page.locator(".live-board__text")
    expect(box).to_be_visible()
    box.fill("Let me in")
    page.locator(".live-board__form button[type=submit]").tap()
    expect(page.locator(".live-board__error")).to_contain_text("enrolled")
    expect(box).to_have_value("Let me in")
    assert [e for e in errors if "403" not in e] == []
