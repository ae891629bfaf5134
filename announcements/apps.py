from django.apps import AppConfig

LATEST_ON_COURSE_HOME = 5
LATEST_IN_PANEL = 3


def published_announcements():
    from announcements.models import Announcement

    return Announcement.objects.published().select_related("week__course")


def with_course_announcements(courses, user):
    """The course home shows its latest published announcements."""
    from django.db.models import Prefetch

    latest = published_announcements()[:LATEST_ON_COURSE_HOME]
    return courses.prefetch_related(
        Prefetch("announcements", latest, to_attr="listed_announcements")
    )


def with_week_announcements(weeks):
    """A week's page shows the published announcements attached to it."""
    from django.db.models import Prefetch

    return weeks.prefetch_related(
        Prefetch("announcements", published_announcements(), to_attr="listed_announcements")
    )


def latest_announcements(viewer, context):
    """The panel lists the latest of those the course page already fetched."""
    listed = getattr(viewer.course, "listed_announcements", [])
    return {"latest_announcements": listed[:LATEST_IN_PANEL]}


class AnnouncementsConfig(AppConfig):
    name = "announcements"

    def ready(self):
        from announcements.models import Announcement
        from core.pagecache import invalidate_on_change
        from courses.extensions import course_page_queryset, home_panel
        from weeks.extensions import week_page_queryset

        invalidate_on_change(Announcement)
        course_page_queryset.register("announcements", with_course_announcements)
        week_page_queryset.register("announcements", with_week_announcements)
        home_panel.register("announcements", latest_announcements)
