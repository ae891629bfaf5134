"""Login throttling: failed logins are counted in the cache per username and per client address.

A count starts with the first failure and expires LOGIN_FAILURE_WINDOW seconds later (a fixed
window). Once a username or an address has reached its limit, every login POST for it is answered
with 429 until the window ends, whether the password is right or not. A successful login clears
the username's count. Unknown usernames are counted like known ones, so the answers never tell
which accounts exist. The recovery path for a locked-out student is to wait, or to reset the
password by e-mail, which is not throttled by this count.
"""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.shortcuts import render

security_log = logging.getLogger("accounts.security")


def client_address(request):
    """The client's address: behind our reverse proxy, the one the proxy appended last."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_PROXY and forwarded:
        return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _counters(request, username):
    """(cache key, limit) pairs that a login attempt from this request counts against."""
    address = client_address(request)
    counters = [(f"login-failures:address:{address}", settings.LOGIN_FAILURES_PER_ADDRESS)]
    if username:
        digest = hashlib.sha256(username.casefold().encode()).hexdigest()
        counters.append((f"login-failures:user:{digest}", settings.LOGIN_FAILURES_PER_USERNAME))
    return counters


def is_throttled(request, username):
    counters = _counters(request, username)
    counts = cache.get_many([key for key, _ in counters])
    return any(counts.get(key, 0) >= limit for key, limit in counters)


def record_failure(request, username):
    for key, _ in _counters(request, username):
        cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW)
        try:
            cache.incr(key)
        except ValueError:  # the count expired between add() and incr()
            cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW)


@receiver(user_login_failed)
def count_failed_login(sender, credentials, request=None, **kwargs):
    if request is not None:
        username = str(credentials.get("username", ""))
        security_log.warning("login failed for %r from %s", username[:150], client_address(request))
        record_failure(request, username)


@receiver(user_logged_in)
def forget_failures_of_user(sender, request, user, **kwargs):
    if request is not None:
        security_log.info("login of %r from %s", user.get_username(), client_address(request))
        cache.delete_many([key for key, _ in _counters(request, user.get_username())[1:]])


def throttle_login(view):
    """Answer 429 to login POSTs for a username or address that failed too often."""

    @wraps(view)
    def throttled_view(request, *args, **kwargs):
        if request.method == "POST" and is_throttled(request, request.POST.get("username", "")):
            minutes = settings.LOGIN_FAILURE_WINDOW // 60
            security_log.warning("login throttled from %s", client_address(request))
            return render(
                request, "accounts/login_throttled.html", {"minutes": minutes}, status=429
            )
        return view(request, *args, **kwargs)

    return throttled_view
