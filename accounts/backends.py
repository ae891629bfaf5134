"""Log in with a username or an e-mail address.

Roster students' usernames are their e-mail addresses and self-enrolled students choose a
username, so the login form takes either. What was typed is spelled as accounts.normalise spells
it; a username matches exactly, an e-mail address whatever its case. An exact username wins; an
address that several accounts share names none of them, and the login form says so rather than
guess which one was meant.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from accounts.normalise import normalise_username

AMBIGUOUS_EMAIL = (
    "Several accounts use this e-mail address, so it cannot say which one to open: "
    "log in with your username instead."
)


def login_candidates(typed):
    """The accounts `typed` names: the one with this username, or those with this e-mail."""
    name = normalise_username(typed)
    if not name:
        return []
    User = get_user_model()
    lookup = Q(**{User.USERNAME_FIELD: name})
    if "@" in name:
        lookup |= Q(email__iexact=name)
    users = list(User._default_manager.filter(lookup).order_by("pk"))
    exact = [user for user in users if user.get_username() == name]
    return exact or users


class UsernameOrEmailBackend(ModelBackend):
    """Django's ModelBackend, finding the account by username or e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        users = login_candidates(username)
        if len(users) != 1:
            # Hash anyway, so that a name nobody (or several) uses takes as long to refuse.
            get_user_model()().set_password(password)
            return None
        user = users[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
