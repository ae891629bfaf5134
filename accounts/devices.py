"""Known devices: a browser that has logged in to an account keeps a signed cookie naming it.

Its later attempts at that account are throttled on their own count, so the delays that
somebody else's failures open on the account (a classmate typing wrong passwords for her on
purpose, from anywhere) never keep her out on the laptop or phone she already uses. A stolen
cookie is no help to a guesser: attempts with it are throttled like any others, on the device's
count. This is OWASP's "device cookie" defence against lockout attacks.
"""

import secrets

from django.conf import settings
from django.core import signing

COOKIE_NAME = "known_device"
MAX_AGE = 365 * 24 * 3600
_SALT = "accounts.devices"


def device_of(request, user_pk):
    """The device id of the request's cookie if it was issued for `user_pk`, else None."""
    value = request.COOKIES.get(COOKIE_NAME)
    if not value or user_pk is None:
        return None
    try:
        data = signing.loads(value, salt=_SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("user") != user_pk:
        return None
    return str(data.get("device", "")) or None


def remember_device(response, user):
    """Give the browser of a successful login a new cookie for `user`'s account."""
    token = signing.dumps({"user": user.pk, "device": secrets.token_urlsafe(16)}, salt=_SALT)
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
