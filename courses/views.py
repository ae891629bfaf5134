from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from core.pagecache import public_page
from courses.calendar import build_calendar
from courses.extensions import for_course_page
from courses.models import Course


@public_page
def course_list(request):
    courses = list(Course.objects.all())
    if len(courses) == 1:
        return redirect(courses[0])
    return render(request, "courses/course_list.html", {"courses": courses})


@public_page
def course_detail(request, course_slug):
    courses = for_course_page(Course.objects.all(), request.user)
    course = get_object_or_404(courses, slug=course_slug)
    weeks = list(course.weeks.visible_to(request.user))
    today = timezone.localdate()
    next_week = next((w for w in weeks if w.is_published and w.date >= today), None)
    return render(
        request,
        "courses/course_detail.html",
        {"course": course, "weeks": weeks, "next_week": next_week},
    )


@public_page
def course_calendar(request, course_slug):
    course = get_object_or_404(Course, slug=course_slug)
    weeks = course.weeks.published().select_related("course")
    ics = build_calendar(course, weeks, request.build_absolute_uri)
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{course.slug}.ics"'
    return response


@public_page
def course_slides_css(request, course_slug):
    course = get_object_or_404(Course.objects.only("slides_css"), slug=course_slug)
    return HttpResponse(course.slides_css, content_type="text/css; charset=utf-8")
