"""An archive cannot reach rows of this database by naming their primary keys."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from tests.backup.trust.archives import (
    assert_nothing_restored,
    export,
    flush,
    restore,
    rewrite,
    set_fields,
)
from tests.factories import StaffFactory, WeekFactory

pytestmark = pytest.mark.django_db


def test_a_row_naming_the_key_of_another_courses_row_is_refused(trusted_course, tmp_path):
    export(tmp_path / "backup.zip")
    flush()
    other = WeekFactory(title="Someone else's week")
    rewrite(tmp_path / "backup.zip", set_fields("weeks.week", id=other.pk, title="Overwritten"))

    with pytest.raises(CommandError, match="weeks.week .* its primary key among its fields"):
        restore(tmp_path / "backup.zip")

    other.refresh_from_db()
    assert other.title == "Someone else's week" and other.course.slug != "trusted-cities"
    assert_nothing_restored()


def test_a_user_naming_the_key_of_an_existing_account_is_refused(trusted_course, tmp_path):
    export(tmp_path / "backup.zip", "--with-credentials")
    flush()
    root = StaffFactory(username="root")
    rewrite(tmp_path / "backup.zip", set_fields("auth.user", id=root.pk))

    with pytest.raises(CommandError, match="auth.user .* its primary key among its fields"):
        restore(tmp_path / "backup.zip")

    root.refresh_from_db()
    assert root.username == "root" and root.is_superuser
    assert get_user_model().objects.count() == 1
    assert_nothing_restored()
