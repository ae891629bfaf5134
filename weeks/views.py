from django.shortcuts import get_object_or_404, render

from weeks.models import Week


def week_detail(request, course_slug, number):
    week = get_object_or_404(
        Week.objects.visible_to(request.user)
        .select_related("course")
        .prefetch_related("program_items"),
        course__slug=course_slug,
        number=number,
    )
    return render(request, "weeks/week_detail.html", {"week": week, "course": week.course})
