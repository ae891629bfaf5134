"""Who receives a course's non-essential e-mail: its members who have not turned that kind off."""

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import Enrolment, MailPreferences

MAIL_KINDS = {field.name for field in MailPreferences._meta.get_fields() if field.concrete} - {
    "id",
    "enrolment",
}


def addressees(course, kind, *, roles=None, users=None):
    """The users enrolled in `course` (with one of `roles`, among `users`) who want `kind` of
    mail and have an address, in a stable order."""
    if kind not in MAIL_KINDS:
        raise ValueError(f"unknown kind of mail: {kind}")
    enrolments = Enrolment.objects.filter(course=course).exclude(
        **{f"mail_preferences__{kind}": False}
    )
    if roles is not None:
        enrolments = enrolments.filter(role__in=roles)
    if users is not None:
        enrolments = enrolments.filter(user__in=users)
    enrolments = enrolments.exclude(user__email="").filter(user__is_active=True)
    return [enrolment.user for enrolment in enrolments.select_related("user").order_by("user_id")]


def teaching_addressees(course, kind):
    """The course's instructors and teaching assistants who want `kind` of mail."""
    return addressees(course, kind, roles=Enrolment.TEACHING_ROLES)


def preferences_for(enrolment):
    """The member's preferences, unsaved defaults when she never changed them."""
    try:
        return enrolment.mail_preferences
    except MailPreferences.DoesNotExist:
        return MailPreferences(enrolment=enrolment)


def absolute_url(path):
    """`path` on the site's public address (settings.SITE_URL), for links in e-mail."""
    return settings.SITE_URL.rstrip("/") + path


def course_mail(*, course, recipient, kind, key, subject, template, context):
    """The outbox message (keyword arguments of `outbox.enqueue`) of one notification: plain
    text and HTML rendered from `template`.txt and .html, in the course's name, with a link to
    the mail preferences. `recipient` is a user, or the course's contact address; `key` makes
    the message idempotent per recipient."""
    preferences = absolute_url(reverse("accounts:email-preferences", args=[course.slug]))
    headers = {"List-Unsubscribe": f"<{preferences}>"}
    if isinstance(recipient, str):  # no account: nothing to choose
        address, name, who = recipient, course.instructor_name, recipient.casefold()
        preferences, headers = None, {}
    else:
        address, who = recipient.email, recipient.pk
        name = recipient.first_name or recipient.get_full_name() or recipient.get_username()
    context = {**context, "course": course, "name": name, "preferences_url": preferences}
    if course.instructor_email:
        headers["Reply-To"] = course.instructor_email
    return {
        "to": [address],
        "from_email": formataddr((course.title, parseaddr(settings.DEFAULT_FROM_EMAIL)[1])),
        "subject": " ".join(f"[{course.title}] {subject}".split()),  # one header line
        "body": render_to_string(f"{template}.txt", context),
        "html_body": render_to_string(f"{template}.html", context),
        "headers": headers,
        "idempotency_key": f"{kind}:{key}:to:{who}"[:200],
    }


def instructor_address(course):
    """The course's contact address, unless an account enrolled in the course has it (its
    preferences then decide): an instructor with no account still hears about the work."""
    address = course.instructor_email
    if not address or course.enrolments.filter(user__email__iexact=address).exists():
        return None
    return address
