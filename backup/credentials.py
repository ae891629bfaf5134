"""What an archive holds of people's credentials and rights, and what a restore grants them.

Password hashes and invitation token hashes are credentials: an archive holds them only when
asked to (``export_course --with-credentials``). Enrolment keys and group join codes travel:
they are shared with a whole class, and belong to the course like its title.

A restore grants no rights on the site: users it creates are never staff or superusers and
join no permission group, whatever the archive says, and existing users are kept as they
are. An invitation keeps its token only with the credentials and for a user the restore
creates; any other gets a token nobody knows, so an archive cannot hand out a way to set the
password of an account of this site.
"""

import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.serializers.python import Deserializer as PythonDeserializer

from accounts.models import Invitation, hash_token
from backup.archive import row_fields
from backup.rebuild import check_source

RIGHTS = ("is_staff", "is_superuser", "groups", "user_permissions")


def credential_fields(model):
    """Names of the fields of `model` that hold a credential (checked by backup_problems)."""
    if model is get_user_model():
        return {"password"}
    if model is Invitation:
        return {"token_hash"}
    return set()


def exported_fields(model, with_credentials):
    """The `fields` argument of Django's serializer: every field but the credentials."""
    left_out = set() if with_credentials else credential_fields(model)
    if not left_out:
        return None
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    return [name for f in fields for name in {f.name, f.attname} if f.name not in left_out]


@dataclass
class UserReport:
    created: list = field(default_factory=list)
    reused: list = field(default_factory=list)
    without_password: list = field(default_factory=list)  # of `created`
    claimed_rights: dict = field(default_factory=dict)  # username → rights the archive claims
    renewed_invitations: int = 0


def claimed_rights(fields):
    """Take the rights out of a serialized user's `fields`, described for the operator."""
    claims = [name.removeprefix("is_") for name in RIGHTS[:2] if fields.pop(name, False)]
    groups = fields.pop("groups", None) or []
    permissions = fields.pop("user_permissions", None) or []
    if groups:
        claims.append("groups " + ", ".join(str(key[0]) for key in groups if key))
    if permissions:
        claims.append(f"{len(permissions)} permission(s)")
    return claims


def restore_users(rows, report):
    """Create the archive's users missing here, without rights; keep the existing ones."""
    user_model = get_user_model()
    label = user_model._meta.label_lower
    for row in rows:
        fields = row_fields(user_model, row)
        claims = claimed_rights(fields)
        (deserialized,) = PythonDeserializer([{"model": label, "fields": fields}])
        user = deserialized.object
        (username,) = user.natural_key()
        if claims:
            report.claimed_rights[username] = claims
        try:
            user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            user.is_staff = user.is_superuser = False
            if not fields.get("password"):
                user.set_unusable_password()
            if not user.has_usable_password():
                report.without_password.append(username)
            check_source(user, username)
            user.save(force_insert=True)
            report.created.append(username)
        else:
            report.reused.append(username)


def guard_credentials(model, fields, report):
    """Give an invitation a token nobody knows unless it may keep the archive's."""
    if model is not Invitation:
        return
    user = fields.get("user")
    own = isinstance(user, list) and len(user) == 1 and user[0] in report.created
    if own and fields.get("token_hash"):
        return
    fields["token_hash"] = hash_token(secrets.token_urlsafe(32))
    report.renewed_invitations += 1
