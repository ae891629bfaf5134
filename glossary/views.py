from django.shortcuts import get_object_or_404, render

from core.pagecache import public_page
from courses.models import Course
from glossary.models import Character, Term


@public_page(logged_in=True)
def character_list(request, course_slug):
    course = get_object_or_404(Course, slug=course_slug)
    characters = Character.objects.for_semester_page(course, request.user)
    return render(
        request, "glossary/character_list.html", {"course": course, "characters": characters}
    )


@public_page(logged_in=True)
def term_list(request, course_slug):
    course = get_object_or_404(Course, slug=course_slug)
    terms = Term.objects.for_glossary_page(course, request.user)
    return render(request, "glossary/term_list.html", {"course": course, "terms": terms})
