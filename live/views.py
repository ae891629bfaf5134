from django.contrib.admin.views.decorators import staff_member_required
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET, require_POST

from live import exports, services, stream
from live.models import Contribution
from weeks.views import get_week

STREAM_HEADERS = {"Cache-Control": "no-cache, no-store", "X-Accel-Buffering": "no"}


def _week(request, course_slug, number):
    return get_week(request, course_slug, number)


def _slide_number(data, required=True):
    value = data.get("slide", "").strip()
    if not value and not required:
        return None
    if not value.isdigit():
        raise services.Refused("Say which slide, by its number.")
    return int(value)


@require_GET
def events(request, course_slug, number):
    week = _week(request, course_slug, number)
    with_board = services.may_post(request.user, week)
    last_id = stream.parse_last_id(
        request.headers.get("Last-Event-ID", request.GET.get("last_event_id"))
    )
    serial, position, chunks = stream.connect_events(week.pk, last_id, with_board)
    if isinstance(request, ASGIRequest):  # the ASGI server iterates the stream in its loop
        body = stream.follow(week.pk, serial, position, chunks, with_board)
    else:  # a WSGI worker must not be held: send the present state and let the client reconnect
        body = chunks
    return StreamingHttpResponse(body, content_type="text/event-stream", headers=STREAM_HEADERS)


def _refused(error):
    return JsonResponse({"error": error.message}, status=error.status)


@require_POST
def position(request, course_slug, number):
    if not request.user.is_staff:
        return HttpResponseForbidden("Only staff move the live position.")
    week = _week(request, course_slug, number)
    try:
        services.move(
            week=week,
            slide=_slide_number(request.POST),
            board_shown=request.POST.get("board") in {"1", "true", "on"},
        )
    except services.Refused as error:
        return _refused(error)
    return HttpResponse(status=204)


@require_POST
def board_post(request, course_slug, number):
    week = _week(request, course_slug, number)
    try:
        slide = _slide_number(request.POST, required=False)
        text = request.POST.get("text", "")
        made = services.post(week=week, user=request.user, text=text, slide=slide)
    except services.Refused as error:
        return _refused(error)
    return JsonResponse(stream.contribution_data(made, 0), status=201)


@require_POST
def upvote(request, course_slug, number, pk):
    contribution = get_object_or_404(Contribution, pk=pk, week=_week(request, course_slug, number))
    try:
        services.upvote(contribution=contribution, user=request.user)
    except services.Refused as error:
        return _refused(error)
    return HttpResponse(status=204)


@require_POST
def moderate(request, course_slug, number, pk):
    if not request.user.is_staff:
        return HttpResponseForbidden("Only staff moderate the boards.")
    contribution = get_object_or_404(Contribution, pk=pk, week=_week(request, course_slug, number))
    flags = {key: request.POST[key] == "1" for key in ("hidden", "pinned") if key in request.POST}
    services.moderate(contribution=contribution, **flags)
    return HttpResponse(status=204)


@staff_member_required
@require_GET
def export(request, course_slug, number, fmt):
    week = _week(request, course_slug, number)
    content, content_type = exports.render(week, fmt)
    response = HttpResponse(content, content_type=content_type)
    filename = f"week-{week.number:02d}-boards.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
