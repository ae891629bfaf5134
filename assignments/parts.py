"""The assignment page's personal part (core.pagecache.personal): the reader's group and work."""

from django.template.loader import render_to_string

from assignments import services
from assignments.models import Assignment
from assignments.views import WORKSPACE_TEMPLATE, detail_context


def workspace_part(request, assignment_pk):
    """Her group, its work and the answers to it, as the assignment page shows them to her.

    Opening it is what marks the answers as seen, as opening the page does."""
    assignment = (
        Assignment.objects.visible_to(request.user)
        .select_related("course", "week")
        .filter(pk=assignment_pk)
        .first()
    )
    if assignment is None:
        return ""
    context = detail_context(request, assignment)
    services.mark_feedback_seen(context["group"], request.user)
    return render_to_string(WORKSPACE_TEMPLATE, context, request=request)
