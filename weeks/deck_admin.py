"""The deck editor's admin pages: edit with a live slide preview, history, restore, images.

WeekAdmin routes its /deck/ URLs here; each view gets the admin and the week it may change.
"""

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.views.decorators.clickjacking import xframe_options_sameorigin

from core.text import normalise_newlines
from weeks.decks import (
    compare_deck,
    export_week_deck,
    missing_image_paths,
    render_slides,
    rerender_weeks_using,
    slide_texts,
    source_to_slide,
)
from weeks.forms import DeckImportForm, DeckSourceForm, SlideImageForm
from weeks.program import propose_program
from weeks.remark import DeckError, parse_deck
from weeks.remark.diff import compare_slides
from weeks.revisions import (
    StaleDeck,
    latest_revision,
    restore_revision,
    revision_number,
    save_deck,
)


def editor(model_admin, request, week):
    """The whole deck in one text box; a save is a new revision, refused if it is stale."""
    form = DeckSourceForm(request.POST or None, initial=initial_editor_data(week))
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_deck(
                week,
                form.cleaned_data["source"],
                author=request.user,
                based_on=form.cleaned_data["based_on"],
                apply_program=form.cleaned_data["apply_program"],
            )
        except StaleDeck as stale:
            return conflict(model_admin, request, week, stale.current)
        model_admin.message_user(request, saved_message(saved), messages.SUCCESS)
        return redirect(f"{request.path}?line={request.POST.get('line', '1')}")
    status = 400 if form.is_bound else 200
    return render_editor(model_admin, request, week, form, status=status)


def conflict(model_admin, request, week, current):
    """Both versions side by side: the typed source stays in the form, based on `current`."""
    data = request.POST.copy()
    if current is None:  # based on a revision the deck never had: start from none
        data["based_on"] = 0
        return render_editor(model_admin, request, week, DeckSourceForm(data), status=409)
    data["based_on"] = current.number
    form = DeckSourceForm(data)
    form.is_valid()
    mine = getattr(form, "deck", None)
    changes = (
        compare_slides(slide_texts(parse_deck(current.source).slides), slide_texts(mine.slides))
        if mine
        else []
    )
    context = {"conflict": current, "conflict_changes": [c for c in changes if c.kind != "same"]}
    return render_editor(model_admin, request, week, form, status=409, **context)


def render_editor(model_admin, request, week, form, *, status=200, **extra):
    source = form["source"].value() or ""
    line = start_line(request, source)
    preview = preview_data(week, source, line, request)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Deck of {week}",
        "opts": model_admin.model._meta,
        "original": week,
        "form": form,
        "revision": latest_revision(week),
        "start_line": line,
        "preview_json": preview,
        **preview,
        **extra,
    }
    return TemplateResponse(request, "admin/weeks/week/deck_editor.html", context, status=status)


def initial_editor_data(week):
    source = export_week_deck(week)
    try:
        proposal = propose_program(week, parse_deck(source))
    except DeckError:
        proposal = None
    revision = latest_revision(week)
    return {
        "source": source,
        "based_on": revision.number if revision else 0,
        "apply_program": bool(proposal and proposal.apply_by_default),
    }


def saved_message(saved):
    message = f"Saved {saved.revision}: {saved.revision.summary}."
    if saved.program_replaced:
        message += " The week's program now follows the deck's program slide."
    return message


def start_line(request, source):
    """The line to open the editor at: ?line=L, or the first line of source slide ?slide=S."""
    if (line := request.GET.get("line", "")).isdigit():
        return int(line)
    if (slide := request.GET.get("slide", "")).isdigit():
        try:
            slides = parse_deck(source).slides
        except DeckError:
            return 1
        return slides[min(int(slide), len(slides)) - 1].line if slides and int(slide) else 1
    return 1


def post_only(view):
    view.methods = ("POST",)
    return view


@post_only
def preview(model_admin, request, week):
    """JSON for the editor: the slide under the cursor as students see it, warnings, images."""
    source = normalise_newlines(request.POST.get("source", ""))
    line = request.POST.get("line", "")
    return JsonResponse(preview_data(week, source, int(line) if line.isdigit() else 1, request))


def preview_data(week, source, line=1, request=None):
    """What the preview shows for `source` with the cursor on `line`; an error for a bad deck."""
    try:
        deck = parse_deck(source)
    except DeckError as error:
        return {"ok": False, "error": str(error), "line": error.line}
    slides = render_slides(week, [source_to_slide(week, n, s) for n, s in enumerate(deck.slides)])
    current = max((n for n, s in enumerate(deck.slides) if s.line <= line), default=0)
    proposal = propose_program(week, deck)
    return {
        "ok": True,
        "slide_number": current + 1,
        "slide_count": len(slides),
        "lines": [source.line for source in deck.slides],
        "slide_html": slide_markup(slides, current, request) if slides else "",
        "notes_html": slides[current].notes_html if slides else "",
        "shown_to_students": bool(slides) and slides[current].visible,
        "warnings": [vars(warning) for warning in deck.warnings],
        "missing_images": missing_image_paths(week.course, deck.slides),
        "program": [vars(item) for item in proposal.items] if proposal.differs else [],
        "program_replaces_edited": proposal.replaces_edited_program,
    }


def slide_markup(slides, current, request):
    """The slide as the slideshow writes it (weeks/templates/includes/slide.html)."""
    context = {
        "slide": slides[current],
        "count": sum(slide.visible for slide in slides),
        "total": max((slide.number or 0 for slide in slides), default=0),
        "with_notes": False,
        "staff": True,  # marks an image not uploaded yet
    }
    return render_to_string("includes/slide.html", context, request)


@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def frame(model_admin, request, week):
    """The preview's document: the slideshow's stylesheets, no admin CSS."""
    return TemplateResponse(
        request, "admin/weeks/week/deck_frame.html", {"week": week, "course": week.course}
    )


@post_only
def upload_image(model_admin, request, week):
    """An image dropped onto the editor, validated like every upload; JSON either way."""
    form = SlideImageForm({"course": week.course_id, "file_name": ""}, request.FILES)
    if not form.is_valid():
        errors = [error for errors in form.errors.values() for error in errors]
        return JsonResponse({"ok": False, "error": " ".join(errors)}, status=400)
    image = form.save()
    rerender_weeks_using(image)
    return JsonResponse({"ok": True, "file_name": image.file_name, "url": image.image.url})


def history(model_admin, request, week):
    revisions = week.deck_revisions.select_related("author")
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"History of the deck of {week}",
        "opts": model_admin.model._meta,
        "original": week,
        "revisions": revisions,
    }
    return TemplateResponse(request, "admin/weeks/week/deck_history.html", context)


def revision_detail(model_admin, request, week, number):
    """One revision, slide by slide against the one before it; POST restores it."""
    revision = week.deck_revisions.select_related("author").get(number=number)
    current = latest_revision(week)
    if request.method == "POST":
        return restore(model_admin, request, week, revision)
    before = week.deck_revisions.filter(number__lt=number).first()
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"{revision} · {revision.summary}",
        "opts": model_admin.model._meta,
        "original": week,
        "revision": revision,
        "current": current,
        "changes": revision_changes(before, revision),
    }
    return TemplateResponse(request, "admin/weeks/week/deck_revision.html", context)


def restore(model_admin, request, week, revision):
    try:
        based_on = int(request.POST.get("based_on", ""))
        saved = restore_revision(revision, author=request.user, based_on=based_on)
    except (ValueError, StaleDeck):
        model_admin.message_user(
            request,
            "The deck was saved since this page was opened; look again before restoring.",
            messages.ERROR,
        )
        return redirect(request.path)
    model_admin.message_user(request, saved_message(saved), messages.SUCCESS)
    return redirect("admin:weeks_week_deck", week.pk)


def revision_changes(before, revision):
    old = slide_texts(parse_deck(before.source).slides) if before else []
    new = slide_texts(parse_deck(revision.source).slides)
    return [change for change in compare_slides(old, new) if change.kind != "same"]


def import_deck(model_admin, request, week):
    """Upload or paste a deck, see slide by slide what it changes, then confirm."""
    form = DeckImportForm(request.POST or None, request.FILES or None)
    change = proposal = None
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            if "confirm" in request.POST:
                return confirm_import(model_admin, request, week, form)
            change, proposal = import_preview(week, text)
        except (DeckError, StaleDeck) as error:
            form.add_error(None, refusal(error))
            if isinstance(error, StaleDeck):
                change, proposal = import_preview(week, text)
    return render_import(model_admin, request, week, form, change, proposal)


def confirm_import(model_admin, request, week, form):
    data = form.cleaned_data
    saved = save_deck(
        week,
        data["text"],
        author=request.user,
        based_on=data["based_on"] or 0,
        apply_program=data["apply_program"],
    )
    model_admin.message_user(request, saved_message(saved), messages.SUCCESS)
    return redirect("admin:weeks_week_change", week.pk)


def import_preview(week, text):
    deck = parse_deck(text)
    return compare_deck(week, deck, based_on=revision_number(week)), propose_program(week, deck)


def refusal(error):
    if isinstance(error, StaleDeck):
        current = error.current
        return (
            f"The deck was saved as {current} by {current.author or 'a command'} since the "
            "preview: nothing was replaced. Below is what the import does now; confirm again."
        )
    return str(error)


def render_import(model_admin, request, week, form, change, proposal):
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Import a deck into {week}",
        "opts": model_admin.model._meta,
        "original": week,
        "form": form,
        "change": change,
        "proposal": proposal,
        "deck_text": form.cleaned_data.get("text", "") if change else "",
    }
    return TemplateResponse(request, "admin/weeks/week/import_deck.html", context)
