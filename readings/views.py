from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from core.pagecache import public_page
from courses.models import Course
from readings.citations import STYLE_NAMES, style_named, to_bibtex, to_csl_json, to_ris
from readings.models import WeekReading
from weeks.views import get_week

EXPORTS = {
    "bib": (to_bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (to_ris, "application/x-research-info-systems; charset=utf-8"),
    "json": (to_csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8"),
}


@public_page(query={"role": WeekReading.Role.values, "style": list(STYLE_NAMES)}, logged_in=True)
def course_readings(request, course_slug):
    course = get_object_or_404(Course, slug=course_slug)
    links = WeekReading.objects.for_course_page(course, request.user)
    role = request.GET.get("role", "")
    if role in WeekReading.Role.values:
        links = links.filter(role=role)
    else:
        role = ""
    style = style_named(request.GET.get("style", ""))
    links = list(links)
    for link in links:
        link.citation = link.reading.citation_variants(style)
    context = {"links": links, "roles": WeekReading.Role.choices, "role": role, "style": style}
    return render(request, "readings/reading_list.html", {"course": course, **context})


@public_page(logged_in=True)
def course_readings_export(request, course_slug, extension):
    course = get_object_or_404(Course, slug=course_slug)
    links = WeekReading.objects.for_course_page(course, request.user)
    return export(unique_readings(links), extension, f"{course.slug}-readings")


@public_page(logged_in=True)
def week_readings_export(request, course_slug, number, extension):
    week = get_week(request, course_slug, number)
    links = week.week_readings.listed()
    name = f"{week.course.slug}-week-{week.number:02d}-readings"
    return export(unique_readings(links), extension, name)


def unique_readings(links):
    """The readings of `links` in order, each once (a reading may belong to several weeks)."""
    return list({link.reading_id: link.reading for link in links}.values())


def export(readings, extension, name):
    render_export, content_type = EXPORTS[extension]
    response = HttpResponse(render_export(readings), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response
