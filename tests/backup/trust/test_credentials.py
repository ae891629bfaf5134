"""Archives hold credentials only when asked to, and a restore grants no rights."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup

from accounts.models import Invitation, hash_token
from tests.backup.trust.archives import (
    PASSWORD,
    SLUG,
    USERNAMES,
    export,
    flush,
    members,
    restore,
    rewrite,
    rows,
    set_fields,
)
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_an_archive_holds_credentials_only_when_asked_for(trusted_course, tmp_path):
    export(tmp_path / "plain.zip")
    export(tmp_path / "full.zip", "--with-credentials")
    hashes = dict(get_user_model().objects.values_list("username", "password"))

    users = rows(tmp_path / "plain.zip", "auth.user")
    assert {user["fields"]["username"] for user in users} == USERNAMES
    assert not any("password" in user["fields"] for user in users)
    assert "token_hash" not in rows(tmp_path / "plain.zip", "accounts.invitation")[0]["fields"]
    everything = b"".join(members(tmp_path / "plain.zip").values())
    assert not any(password.encode() in everything for password in hashes.values())
    assert hash_token("known-token").encode() not in everything
    assert json.loads(members(tmp_path / "plain.zip")["manifest.json"])["credentials"] is False

    full = rows(tmp_path / "full.zip", "auth.user")
    assert all(user["fields"]["password"] == hashes[user["fields"]["username"]] for user in full)
    invitation = rows(tmp_path / "full.zip", "accounts.invitation")[0]["fields"]
    assert invitation["token_hash"] == hash_token("known-token")


def test_users_restored_without_a_hash_have_no_usable_password(trusted_course, tmp_path):
    export(tmp_path / "backup.zip")
    flush()

    output, _ = restore(tmp_path / "backup.zip")

    users = get_user_model().objects.filter(username__in=USERNAMES)
    assert len(users) == 3 and not any(user.has_usable_password() for user in users)
    assert "3 of them have no password" in output
    assert not Invitation.objects.for_token("known-token").exists(), "its token was not exported"
    assert Invitation.objects.filter(course__slug=SLUG, user__username="invited").exists()


def test_users_restored_with_their_hash_keep_their_password(trusted_course, tmp_path):
    export(tmp_path / "backup.zip", "--with-credentials")
    flush()

    output, _ = restore(tmp_path / "backup.zip")

    assert get_user_model().objects.get(username="student").check_password(PASSWORD)
    assert Invitation.objects.for_token("known-token").get().user.username == "invited"
    assert "no password" not in output


def test_a_restore_grants_no_rights_and_keeps_those_of_existing_users(trusted_course, tmp_path):
    export(tmp_path / "backup.zip")
    flush()
    StaffFactory(username="invited")  # exists here, with rights the archive does not give
    rewrite(tmp_path / "backup.zip", set_fields("auth.user", is_staff=True, is_superuser=True))
    output, _ = restore(tmp_path / "backup.zip")

    users = {user.username: user for user in get_user_model().objects.all()}
    for name in ("teacher", "student"):
        assert not users[name].is_staff and not users[name].is_superuser
        assert not users[name].groups.exists() and not users[name].user_permissions.exists()
    assert users["invited"].is_staff and users["invited"].is_superuser
    assert not AuthGroup.objects.filter(name="Teaching").exists()
    assert (
        "The archive gives 'teacher' rights on the site (staff; superuser; groups Teaching; "
        "1 permission(s)); a restore grants none" in output
    )
    assert "'student' rights on the site (staff; superuser)" in output


def test_an_archive_cannot_plant_an_invitation_for_an_existing_account(trusted_course, tmp_path):
    export(tmp_path / "backup.zip", "--with-credentials")
    flush()
    StaffFactory(username="root")
    planted = set_fields("accounts.invitation", user=["root"], token_hash=hash_token("attacker"))
    rewrite(tmp_path / "backup.zip", planted)
    output, _ = restore(tmp_path / "backup.zip")

    invitation = Invitation.objects.get(course__slug=SLUG)
    assert invitation.user.username == "root"
    assert not Invitation.objects.for_token("attacker").exists()
    assert "1 invitation(s) got a new secret token" in output
