"""Every admin page the instructor uses opens for staff and stays closed to everyone else."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODEL_ADMIN_URLS = [
    (f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", page)
    for model in admin.site._registry
    for page in ("changelist", "add")
]
# Admins written only by the code (the e-mail outbox, invitations, the slides' mentions) or by
# students themselves (their private calendar addresses, their presentation sign-ups) have no add
# page, even for staff.
READ_ONLY_MODELS = {
    "outbox_message",
    "presentations_signup",
    "accounts_invitation",
    "courses_calendarfeed",
    "readings_mention",
}


@pytest.mark.parametrize(("url_name", "page"), MODEL_ADMIN_URLS)
def test_admin_page_answers_200_for_staff(staff_client, url_name, page, week):
    read_only_add = page == "add" and any(f"admin:{m}_add" == url_name for m in READ_ONLY_MODELS)
    assert staff_client.get(reverse(url_name)).status_code == (403 if read_only_add else 200)


@pytest.mark.parametrize(("url_name", "page"), MODEL_ADMIN_URLS)
def test_admin_page_redirects_anonymous_users_to_login(client, url_name, page):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_admin_is_closed_to_students(client, student):
    client.force_login(student)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


def test_week_change_page_has_program_inline_and_view_on_site(staff_client, week):
    content = staff_client.get(reverse("admin:weeks_week_change", args=[week.pk])).content.decode()
    assert "program_items-TOTAL_FORMS" in content
    view_on_site = reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(week).pk, week.pk]
    )
    assert f'<a href="{view_on_site}" class="viewsitelink">View on site</a>' in content
    assert staff_client.get(view_on_site)["Location"].endswith(week.get_absolute_url())
    assert "markdownx" in content


@pytest.mark.parametrize("path", ["/markdownx/markdownify/", "/markdownx/upload/"])
def test_markdownx_endpoints_refuse_anonymous_users(client, path):
    response = client.post(path, {"content": "**x**"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_markdownx_preview_renders_sanitised_html_for_staff(staff_client):
    response = staff_client.post("/markdownx/markdownify/", {"content": "**x** <script>y</script>"})
    assert response.status_code == 200
    assert "<strong>x</strong>" in response.content.decode()
    assert "<script" not in response.content.decode()


def test_student_groups_and_permission_groups_are_not_both_called_groups(staff_client):
    app_list = staff_client.get(reverse("admin:index")).context["app_list"]
    names = [model["name"] for app in app_list for model in app["models"]]
    assert "Student groups" in names
    assert "Permission groups" in names
    assert "Groups" not in names


def test_staff_holding_auth_group_permissions_manage_permission_groups(client):
    manager = UserFactory(username="manager", is_staff=True)
    manager.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="auth", codename__in=["view_group", "change_group"]
        )
    )
    client.force_login(manager)
    app_list = client.get(reverse("admin:index")).context["app_list"]
    assert [m["name"] for app in app_list for m in app["models"]] == ["Permission groups"]
    assert client.get(reverse("admin:accounts_permissiongroup_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_permissiongroup_add")).status_code == 403
