"""Login and enrolment throttling, counted in the "throttle" cache (Redis, or the database).

Per account, across all addresses: the login attempts since the account's last successful login
are counted. The first LOGIN_FAILURES_PER_USERNAME are free; from then on each attempt opens a
delay (2, 4, 8 ... seconds, at most LOGIN_DELAY_CAP) that the next attempt must wait out. An attempt
made during the delay is answered 429 without checking its password, and is neither counted nor
lengthens the delay: whoever types the right password once the current delay is over logs in, so
a classmate cannot hold an account locked, while guessing slows to one password per few minutes.
The count is forgotten LOGIN_FAILURE_WINDOW seconds after the last attempt, and cleared by a
successful login or password reset.

A browser that has logged in to the account before (a known device, accounts.devices) counts its
attempts on its own instead, so the delays that others' failures open never reach it.

The account is the user that the typed username or e-mail address names, found as the login
finds it (accounts.backends: spelled as accounts.normalise spells it, so both ways in share one
count; an address several accounts share counts on each of them); a name that is nobody's is
counted on itself, case-folded, so the answers never tell which accounts exist.

Per client address only failures count: LOGIN_FAILURES_PER_ADDRESS of them within
LOGIN_FAILURE_WINDOW block the address for a window, which a class behind one NAT never reaches.
The enrolment form counts its wrong keys per address the same way (ENROL_FAILURES_PER_ADDRESS).

Every server process shares the counts: in Redis when REDIS_URL is set, otherwise in the
database (core.counters), so several worker processes count together.
"""

import contextlib
import hashlib
import logging
import math
import time
from functools import wraps

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import caches
from django.dispatch import receiver
from django.shortcuts import render

from accounts.backends import login_candidates
from accounts.devices import device_of, remember_device
from accounts.forms import LoginForm
from accounts.normalise import normalise_username
from accounts.pages import course_for

security_log = logging.getLogger("accounts.security")


def client_address(request):
    """The client's address: behind our reverse proxy, the one the proxy appended last."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_PROXY and forwarded:
        return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def counts():
    """Where the counts live: the "throttle" cache, or the default cache where there is none."""
    return caches["throttle"] if "throttle" in settings.CACHES else caches["default"]


def _increment(key, timeout):
    """Add one to the count at `key`, which starts at 0 and expires `timeout` seconds after."""
    counts().add(key, 0, timeout=timeout)
    try:
        return counts().incr(key)
    except ValueError:  # the count expired between add() and incr()
        counts().set(key, 1, timeout=timeout)
        return 1


def _seconds_until(moment):
    """Whole seconds, at least 1, from now until `moment`; 0 when it is None or past."""
    if moment is None or moment <= time.time():
        return 0
    return max(1, math.ceil(moment - time.time()))


def wait_text(seconds):
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    return f"{math.ceil(seconds / 60)} minutes"


# Per account

PARTS = ("attempts", "delay")  # what is counted under each account key


def account_keys(typed_login, request=None):
    """The cache keys a login with this username or e-mail address counts against: the account's
    (or that of the request's known device for it), or each account's when several share the
    address, so that no spelling of a login gets more guesses than the account itself."""
    users = login_candidates(typed_login)
    if not users:
        name = normalise_username(typed_login).casefold()
        return [f"login:name:{hashlib.sha256(name.encode()).hexdigest()}"]
    keys = []
    for user in users:
        device = device_of(request, user.pk) if request is not None else None
        keys.append(f"login:device:{device}" if device else f"login:account:{user.pk}")
    return keys


def _delay_after(attempt):
    """Seconds that the attempt after the `attempt`-th one must wait."""
    free = settings.LOGIN_FAILURES_PER_USERNAME
    if attempt < free:
        return 0
    return min(2 ** (attempt - free + 1), settings.LOGIN_DELAY_CAP)


def claim_attempt(key):
    """Count a login attempt on the account: 0 when it may go on, else the seconds to wait.

    `add` is atomic (Redis, the database counters and locmem alike), so of simultaneous attempts
    past the free ones only one gets through each delay.
    """
    attempts = f"{key}:attempts"
    attempt = _increment(attempts, settings.LOGIN_FAILURE_WINDOW)
    counts().touch(attempts, settings.LOGIN_FAILURE_WINDOW)
    delay = _delay_after(attempt)
    if delay == 0 or counts().add(f"{key}:delay", time.time() + delay, timeout=delay):
        return 0
    with contextlib.suppress(ValueError):  # the count expired meanwhile
        counts().decr(attempts)  # a refused attempt does not count
    return _seconds_until(counts().get(f"{key}:delay")) or 1


def forget_account(user):
    """Clear the account's count and delay: after a successful login or password reset."""
    key = f"login:account:{user.pk}"
    counts().delete_many([f"{key}:{part}" for part in PARTS])


# Per address


def address_wait(request, scope):
    """Seconds until this request's address may try `scope` ("login", "enrol") again; 0 if now."""
    return _seconds_until(counts().get(f"{scope}-failures:{client_address(request)}:until"))


def record_address_failure(request, scope, limit):
    window = settings.LOGIN_FAILURE_WINDOW
    key = f"{scope}-failures:{client_address(request)}"
    if _increment(key, window) >= limit:
        counts().add(f"{key}:until", time.time() + window, timeout=window)


@receiver(user_login_failed)
def count_failed_login(sender, credentials, request=None, **kwargs):
    if request is not None:
        username = str(credentials.get("username", ""))
        security_log.warning("login failed for %r from %s", username[:150], client_address(request))
        record_address_failure(request, "login", settings.LOGIN_FAILURES_PER_ADDRESS)


@receiver(user_logged_in)
def forget_failures_of_user(sender, request, user, **kwargs):
    if request is not None:
        security_log.info("login of %r from %s", user.get_username(), client_address(request))
    forget_account(user)


def throttle_login(view):
    """Answer 429 to login POSTs from a blocked address or for an account within its delay."""

    @wraps(view)
    def throttled_view(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        typed = request.POST.get("username", "")
        keys = account_keys(typed, request)
        wait = address_wait(request, "login") or max(claim_attempt(key) for key in keys)
        if not wait:
            response = view(request, *args, **kwargs)
            if response.status_code == 302 and request.user.is_authenticated:
                counts().delete_many([f"{key}:{part}" for key in keys for part in PARTS])
                remember_device(response, request.user)
            return response
        security_log.warning("login throttled from %s", client_address(request))
        context = {
            "form": LoginForm(initial={"username": typed}),
            "next": request.POST.get("next"),
            "course": course_for(request),
        }
        return throttled_response(request, "accounts/login_throttled.html", context, wait)

    return throttled_view


def throttled_response(request, template_name, context, wait):
    """The 429 page: `context` plus how long to wait, with a Retry-After header."""
    context = {**context, "wait": wait_text(wait)}
    response = render(request, template_name, context, status=429)
    response["Retry-After"] = str(wait)
    return response
