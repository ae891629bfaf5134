"""The week page's part of the live classroom: the discussion boards, after class."""

from django.template.loader import render_to_string

from live.models import Contribution
from live.services import may_post


def board_panel(request, week):
    """The week's boards for staff and the course's enrolled students; nothing for others."""
    if not may_post(request.user, week):  # anonymous visitors: no query, and the cached page
        return ""
    contributions = list(Contribution.objects.for_board().shown().filter(week=week))
    if not contributions and not request.user.is_staff:
        return ""
    boards = {}
    for contribution in contributions:
        boards.setdefault(contribution.slide, []).append(contribution)
    return render_to_string(
        "live/week_boards.html",
        {"week": week, "course": week.course, "boards": boards.items(), "user": request.user},
    )
