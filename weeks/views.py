from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from core.pagecache import public_page
from weeks.decks import export_week_deck
from weeks.extensions import program_of
from weeks.models import Week
from weeks.parts import week_panels


def get_week(request, course_slug, number, weeks=None):
    """The week at this address, if the user may see it; drafts are for staff only."""
    weeks = Week.objects.select_related("course") if weeks is None else weeks
    return get_object_or_404(
        weeks.visible_to(request.user), course__slug=course_slug, number=number
    )


@public_page(logged_in=True)
def week_detail(request, course_slug, number):
    week = get_week(request, course_slug, number, Week.objects.for_week_page())
    slides = list(week.slides.visible().defer("content", "notes", "notes_html"))
    return render(
        request,
        "weeks/week_detail.html",
        {
            "week": week,
            "course": week.course,
            "first_slide": slides[0] if slides else None,
            "slide_count": len(slides),
            "program": link_program_to_slides(program_of(week), slides),
            "panels": week_panels(request, week),
        },
    )


def link_program_to_slides(items, slides):
    """Pair each program item with the first slide whose heading names it, or None."""
    headings = [(slide, slide.heading.casefold()) for slide in slides if slide.heading]
    linked = []
    for item in items:
        wanted = [item.get_kind_display().casefold(), item.title.casefold()]
        match = next(
            (
                slide
                for slide, heading in headings
                if any(w and (heading == w or heading.startswith(w + ":")) for w in wanted)
            ),
            None,
        )
        linked.append((item, match))
    return linked


@public_page(query={"view": ["reading"]}, logged_in=True)  # slideshow.html reads `view`
def slideshow(request, course_slug, number):
    week = get_week(request, course_slug, number)
    slides = week.slides.visible().defer("content", "notes", "notes_html")
    return render(request, "weeks/slideshow.html", slide_context(week, slides))


@staff_member_required
def presenter(request, course_slug, number):
    week = get_week(request, course_slug, number)
    slides = week.slides.visible().defer("content", "notes")
    return render(request, "weeks/presenter.html", slide_context(week, slides))


def slide_context(week, slides):
    slides = list(slides)
    return {
        "week": week,
        "course": week.course,
        "slides": slides,
        "slide_total": max((slide.number or 0 for slide in slides), default=0),
    }


@staff_member_required
def deck_download(request, course_slug, number):
    week = get_week(request, course_slug, number)
    response = HttpResponse(export_week_deck(week), content_type="text/markdown; charset=utf-8")
    filename = f"week-{week.number:02d}.md"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
