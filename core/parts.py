"""The site's own personal part of pages (core.pagecache.personal): the header's account links."""

from django.template.loader import render_to_string

from core.pagecache import timeless


@timeless
def account_part(request, course_slug):
    """Presentations, Admin, Log in or out: what the header offers the reader."""
    context = {"course_slug": course_slug}
    return render_to_string("includes/account_nav.html", context, request=request)
