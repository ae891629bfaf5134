"""The week's personal parts of cached pages (core.pagecache.personal): rendered for one reader."""

from django.template.loader import render_to_string

from core.pagecache import timeless
from weeks.extensions import week_page_panels
from weeks.models import Week


def week_panels(request, week):
    """The panels other apps add to the end of the week page (week_page_panels)."""
    return [hook(request, week) for hook in week_page_panels]


def week_panels_part(request, week_pk):
    week = Week.objects.select_related("course").filter(pk=week_pk).first()
    return "" if week is None else "".join(week_panels(request, week))


@timeless
def live_identity_part(request, arg=""):
    """What the slideshow's live classroom needs of a logged-in reader: her CSRF token."""
    return render_to_string("includes/live_identity.html", request=request)
