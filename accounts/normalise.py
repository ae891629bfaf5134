"""The one spelling of a username: what the login, the sign-up and the login throttle all use."""

import unicodedata


def normalise_username(value):
    """NFKC-normalised, with no whitespace around it (spaces, tabs, NBSP, U+3000 ...).

    "ｌｉ．ｗｅｉ", " li.wei" and "li.wei\u3000" are all "li.wei". Applying it twice changes
    nothing.
    """
    return unicodedata.normalize("NFKC", "" if value is None else str(value)).strip()
