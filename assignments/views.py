from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.models import Enrolment
from assignments import diffs, services
from assignments.forms import GroupForm, JoinForm, SubmissionForm, SubmitForm
from assignments.models import Assignment, Group, Submission

DETAIL_TEMPLATE = "assignments/assignment_detail.html"


def get_assignment(request, course_slug, slug):
    return get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related("course", "week"),
        course__slug=course_slug,
        slug=slug,
    )


def get_student_assignment(request, course_slug, slug):
    """The assignment, for a student enrolled in its course; anyone else gets 403."""
    assignment = get_assignment(request, course_slug, slug)
    if Enrolment.objects.role_of(request.user, assignment.course) != Enrolment.Role.STUDENT:
        raise PermissionDenied("Only the course's students work on its assignments.")
    return assignment


def get_member_group(request, course_slug, slug, pk):
    """The user's own group of this assignment; any other id is a 404."""
    return get_object_or_404(
        Group.objects.with_member(request.user).select_related(
            "assignment__course", "assignment__week"
        ),
        pk=pk,
        assignment__course__slug=course_slug,
        assignment__slug=slug,
    )


def is_teacher(user, role):
    """Staff, and the course's instructors and teaching assistants, see every group's work."""
    return user.is_staff or role in Enrolment.TEACHING_ROLES


def report_errors(request, error):
    for message in error.messages:
        messages.error(request, message)


def detail_context(request, assignment, **overrides):
    """Everything the assignment page shows; `overrides` replace the default (unbound) forms."""
    role = Enrolment.objects.role_of(request.user, assignment.course)
    group = (
        Group.objects.with_member(request.user)
        .filter(assignment=assignment)
        .select_related("submission")
        .prefetch_related("memberships__user")
        .first()
    )
    submission = group.submission if group else None
    now = timezone.now()
    context = {
        "assignment": assignment,
        "course": assignment.course,
        "is_student": role == Enrolment.Role.STUDENT,
        "is_teacher": is_teacher(request.user, role),
        "group": group,
        "submission": submission,
        "formation_open": assignment.formation_is_open(now),
        "accepts_work": assignment.accepts_work(now),
        "is_late": assignment.is_late(now),
        "group_form": GroupForm(),
        "join_form": JoinForm(),
        "form": SubmissionForm.for_submission(submission) if submission else None,
    }
    return context | overrides


def assignment_detail(request, course_slug, slug):
    assignment = get_assignment(request, course_slug, slug)
    return render(request, DETAIL_TEMPLATE, detail_context(request, assignment))


@require_POST
@login_required
def create_group(request, course_slug, slug):
    assignment = get_student_assignment(request, course_slug, slug)
    form = GroupForm(request.POST)
    if not form.is_valid():
        context = detail_context(request, assignment, group_form=form)
        return render(request, DETAIL_TEMPLATE, context, status=400)
    try:
        group = services.create_group(
            assignment=assignment, user=request.user, name=form.cleaned_data["name"]
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request, f"Group created. Classmates join it with the code {group.join_code}."
        )
    return redirect(assignment)


@require_POST
@login_required
def join_group(request, course_slug, slug):
    assignment = get_student_assignment(request, course_slug, slug)
    form = JoinForm(request.POST)
    if not form.is_valid():
        context = detail_context(request, assignment, join_form=form)
        return render(request, DETAIL_TEMPLATE, context, status=400)
    try:
        group = services.join_group(
            assignment=assignment, user=request.user, code=form.cleaned_data["code"]
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, f"You joined “{group.name}”.")
    return redirect(assignment)


@login_required
def join_link(request, course_slug, slug, code):
    """The join link's page: it asks for a click, since joining changes data."""
    assignment = get_student_assignment(request, course_slug, slug)
    group = get_object_or_404(assignment.groups, join_code=code.upper())
    context = {"assignment": assignment, "course": assignment.course, "group": group}
    return render(request, "assignments/join_confirm.html", context)


@require_POST
@login_required
def leave_group(request, course_slug, slug, pk):
    group = get_member_group(request, course_slug, slug, pk)
    try:
        services.leave_group(group=group, user=request.user)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, f"You left “{group.name}”.")
    return redirect(group.assignment)


@require_POST
@login_required
def save_submission(request, course_slug, slug, pk):
    group = get_member_group(request, course_slug, slug, pk)
    form = SubmissionForm(request.POST)
    if not form.is_valid():
        context = detail_context(request, group.assignment, form=form)
        return render(request, DETAIL_TEMPLATE, context, status=400)
    try:
        revision = services.save_revision(group=group, author=request.user, **form.cleaned_data)
    except services.EditConflict as conflict:
        form = form.rebased(conflict.latest.number)
        context = detail_context(request, group.assignment, form=form, conflict=conflict.latest)
        return render(request, DETAIL_TEMPLATE, context, status=409)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request, f"Saved as version {revision.number}." if revision else "No changes to save."
        )
    return redirect(group.assignment)


@require_POST
@login_required
def submit_submission(request, course_slug, slug, pk):
    group = get_member_group(request, course_slug, slug, pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("The form is missing its version number; reload the page.")
    try:
        services.submit_for_review(group=group, base_number=form.cleaned_data["base_number"])
    except services.EditConflict as conflict:
        messages.error(
            request,
            f"Version {conflict.latest.number} was saved meanwhile; check it, then submit again.",
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, "Submitted for review. The instructor will answer here.")
    return redirect(group.assignment)


@login_required
def history(request, course_slug, slug, pk):
    """Every revision of a group's work with what changed; for its members and teachers only."""
    assignment = get_assignment(request, course_slug, slug)
    role = Enrolment.objects.role_of(request.user, assignment.course)
    groups = assignment.groups.select_related("submission")
    if not is_teacher(request.user, role):
        groups = groups.with_member(request.user)
    group = get_object_or_404(groups, pk=pk)
    revisions = group.submission.revisions.select_related("author")
    context = {
        "assignment": assignment,
        "course": assignment.course,
        "group": group,
        "entries": diffs.history(revisions),
    }
    return render(request, "assignments/history.html", context)


@login_required
def topics(request, course_slug, slug):
    """Every group's submitted topic and argument, without names, if the instructor allows."""
    assignment = get_assignment(request, course_slug, slug)
    role = Enrolment.objects.role_of(request.user, assignment.course)
    may_see = assignment.topics_visible and role == Enrolment.Role.STUDENT
    if not (may_see or is_teacher(request.user, role)):
        raise Http404
    submitted = (
        Submission.objects.filter(group__assignment=assignment, submitted_revision__isnull=False)
        .select_related("submitted_revision")
        .order_by("submitted_at")
    )
    context = {"assignment": assignment, "course": assignment.course, "submitted": submitted}
    return render(request, "assignments/topics.html", context)
