"""The course changelist's "Copy to a new term" action: a form, a preview of the new calendar
(old date → new date, week by week), then the copy once the instructor confirms it."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from copying.forms import CopyForm
from copying.plan import CopyError, plan_copy
from copying.services import copy_course

DRAFTS = "its weeks are drafts until you publish them."


@admin.action(description="Copy to a new term", permissions=["add"])
def copy_to_new_term(modeladmin, request, queryset):
    if queryset.count() != 1:
        modeladmin.message_user(request, "Choose one course to copy.", messages.WARNING)
        return None
    source = queryset.get()
    step = request.POST.get("copy_step")
    form = CopyForm(request.POST) if step else CopyForm(initial={"slug": f"{source.slug}-copy"})
    plan = make_plan(form, source) if step else None
    if plan and step == "confirm" and request.POST.get("previewed") == preview_key(plan):
        try:
            course = copy_course(plan)
        except CopyError as error:
            form.add_error(None, str(error))
        else:
            modeladmin.message_user(
                request, f"The copy {course.slug} ({course.term}) is ready: {DRAFTS}"
            )
            return redirect(reverse("admin:courses_course_change", args=[course.pk]))
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Copy {source} to a new term",
        "opts": modeladmin.model._meta,
        "source": source,
        "form": form,
        "plan": plan if form.is_valid() else None,
        "deadlines": plan.deadline_moves() if plan and form.is_valid() else [],
        "previewed": preview_key(plan) if plan else "",
        "action": request.POST.get("action"),
    }
    return TemplateResponse(request, "admin/copying/copy_course.html", context)


def make_plan(form, source):
    """The CopyPlan for a valid form, or None with the refusal added to the form."""
    if not form.is_valid():
        return None
    try:
        return plan_copy(source, **form.cleaned_data)
    except CopyError as error:
        form.add_error(None, str(error))
        return None


def preview_key(plan):
    """What the preview showed: a confirmation copies only the course last previewed."""
    skips = ",".join(day.isoformat() for day in plan.skips)
    return f"{plan.slug}|{plan.term}|{plan.first_session.isoformat()}|{skips}"
