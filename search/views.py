from django.shortcuts import get_object_or_404, render

from courses.models import Course
from search.services import search


def course_search(request, course_slug):
    course = get_object_or_404(Course, slug=course_slug)
    query = request.GET.get("q", "").strip()[:200]
    results = search(course, query, request.user) if query else []
    return render(
        request, "search/results.html", {"course": course, "query": query, "results": results}
    )
