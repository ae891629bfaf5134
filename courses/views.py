from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.pagecache import public_page
from courses.calendar import build_calendar
from courses.extensions import events_for
from courses.models import CalendarFeed, Course
from courses.panel import next_session, render_student_panel


@public_page(logged_in=True)
def course_list(request):
    courses = list(Course.objects.all())
    if len(courses) == 1:
        return redirect(courses[0])
    return render(request, "courses/course_list.html", {"courses": courses})


@public_page(logged_in=True)
def course_detail(request, course_slug):
    """The public course home; a logged-in member also gets her panel, a personal part."""
    course = get_object_or_404(Course.objects.for_course_page(request.user), slug=course_slug)
    weeks = list(course.weeks.visible_to(request.user))
    next_week = next_session(weeks)
    context = {"course": course, "weeks": weeks, "next_week": next_week}
    context["student_panel"] = render_student_panel(request, course, next_week)
    response = render(request, "courses/course_detail.html", context)
    if request.user.is_authenticated:  # personal: no shared cache on the way may keep it
        response["Cache-Control"] = "private, no-cache"
    return response


@public_page(logged_in=True)
def course_calendar(request, course_slug):
    course = get_object_or_404(Course, slug=course_slug)
    ics = build_calendar(course, events_for(course), request.build_absolute_uri)
    return calendar_response(ics, course.slug)


def private_calendar(request, course_slug, feed_id, token):
    """A student's own feed: the course's events and her group's; 404 for a wrong address."""
    feed = CalendarFeed.objects.select_related("course", "user").filter(
        pk=feed_id, course__slug=course_slug
    )
    feed = feed.first()
    if feed is None or not feed.user.is_active or not feed.has_token(token):
        raise Http404("No such calendar.")
    course, user = feed.course, feed.user
    name = f"{course.title} — {user.get_full_name() or user.get_username()}"
    ics = build_calendar(course, events_for(course, user), request.build_absolute_uri, name)
    response = calendar_response(ics, f"{course.slug}-private")
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response


def calendar_response(ics, filename):
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


@public_page
def calendar_page(request, course_slug):
    course = get_object_or_404(Course, slug=course_slug)
    feed = CalendarFeed.objects.of(request.user, course)
    return render(request, "courses/calendar.html", {"course": course, "calendar_feed": feed})


@login_required
@require_POST
def calendar_feed_change(request, course_slug):
    """Make, renew or revoke the user's private calendar address."""
    course = get_object_or_404(Course, slug=course_slug)
    action = request.POST.get("action")
    if action not in CalendarFeed.ACTIONS:
        return HttpResponseBadRequest("Unknown action.")
    messages.success(request, CalendarFeed.objects.change(request.user, course, action))
    return redirect("courses:calendar-page", course.slug)


@public_page(logged_in=True)
def course_slides_css(request, course_slug):
    course = get_object_or_404(Course.objects.only("slides_css"), slug=course_slug)
    return HttpResponse(course.slides_css, content_type="text/css; charset=utf-8")
