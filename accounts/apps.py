from django.apps import AppConfig


def enrolment_role(user, course):
    """The viewer's enrolment in the course as a `courses.extensions.Role`; site staff who are
    not enrolled count as teachers."""
    from accounts.models import Enrolment
    from courses.extensions import Role

    name = Enrolment.objects.role_of(user, course)
    if name is None and not user.is_staff:
        return None
    return Role(
        name=name or "staff",
        is_student=name == Enrolment.Role.STUDENT,
        is_teacher=user.is_staff or name in Enrolment.TEACHING_ROLES,
        is_enrolled=name is not None,
    )


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from django.contrib.auth import get_user_model

        from accounts import throttle  # noqa: F401  (connects the login signal receivers)
        from accounts.dashboard import account_lines
        from accounts.models import Enrolment
        from core.dashboard import dashboard_lines
        from core.pagecache import invalidate_readers_on_change

        # A reader's parts show her role in each course and her classmates' names; a user's
        # change (deactivated, a new password, made staff) also changes whose her sessions are.
        invalidate_readers_on_change(Enrolment)
        invalidate_readers_on_change(get_user_model(), unseen_fields=["last_login"], sessions=True)

        dashboard_lines.register("accounts", account_lines)
        from courses.extensions import course_role

        course_role.register("enrolment", enrolment_role)
