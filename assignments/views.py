"""The assignment page and the students' writes to it.

A write that succeeds redirects to the page with a message. A refused write never throws away
what was typed: it answers with the page itself, the posted form still filled in (and, after a
newer version, based on it, so saving again is a deliberate choice) and the reason shown:

- 400: invalid input, with each error next to its field;
- 409: the group's state refuses it: a newer version was saved, the work was handed in, the
  deadline passed under the refuse policy, or a group rule (name taken, formation closed);
- 403: the user is not (or no longer) a student of the course (`student_write`).
"""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from accounts.models import Enrolment
from assignments import diffs, services
from assignments.forms import GroupForm, JoinForm, SubmitForm, submission_form_class
from assignments.handins import file_response
from assignments.models import Assignment, Group, Submission
from assignments.validators import format_points
from core.pagecache import public_page

DETAIL_TEMPLATE = "assignments/assignment_detail.html"
WORKSPACE_TEMPLATE = "assignments/includes/workspace.html"  # its personal part

NOT_A_STUDENT = (
    "Only students enrolled in this course work on its assignments, and you are not (or no "
    "longer) one of them: nothing was saved."
)
NOTHING_SAVED = "Nothing was saved; what you typed is kept below."


def get_assignment(request, course_slug, slug):
    return get_object_or_404(
        Assignment.objects.visible_to(request.user)
        .select_related("course", "week")
        .prefetch_related("criteria"),
        course__slug=course_slug,
        slug=slug,
    )


def is_student(user, assignment):
    """The one enrolment check of every write: a student of the assignment's course, now."""
    return Enrolment.objects.role_of(user, assignment.course) == Enrolment.Role.STUDENT


def get_student_assignment(request, course_slug, slug):
    """The assignment, for a student enrolled in its course; anyone else gets 403."""
    assignment = get_assignment(request, course_slug, slug)
    if not is_student(request.user, assignment):
        raise PermissionDenied(NOT_A_STUDENT)
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


def student_write(form_class=None, *, in_group=False):
    """POST only, logged in, and for students enrolled in the course: every write view's check.

    The view gets the user's group (`in_group`; another id is a 404) or the assignment. Anyone
    not enrolled as a student gets 403: the assignment page, saying why, with what they typed
    in `form_class` (if any) kept on it to copy.
    """

    def decorate(view):
        @functools.wraps(view)
        def check(request, course_slug, slug, pk=None):
            if in_group:
                target = get_member_group(request, course_slug, slug, pk)
                assignment = target.assignment
            else:
                target = assignment = get_assignment(request, course_slug, slug)
            if not is_student(request.user, assignment):
                kept_class = form_class
                if form_class is submission_form_class:  # the assignment's kind decides
                    kept_class = submission_form_class(assignment)
                kept = kept_class(request.POST) if kept_class else None
                return refuse(request, assignment, 403, NOT_A_STUDENT, kept=kept)
            return view(request, target)

        return require_POST(login_required(check))

    return decorate


def is_teacher(user, role):
    """Staff, and the course's instructors and teaching assistants, see every group's work."""
    return user.is_staff or role in Enrolment.TEACHING_ROLES


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
        "form": (
            submission_form_class(assignment).for_submission(submission) if submission else None
        ),
        "released_grade": released_grade(assignment, submission),
    }
    return context | overrides


def released_grade(assignment, submission):
    """The group's grade as text ("14.5"), once the assignment's grades are released; else ""."""
    if submission is None or submission.grade is None or not assignment.grades_released:
        return ""
    return format_points(submission.grade)


def refuse(request, assignment, status, refusal=None, **overrides):
    """The assignment page again, saying why a write was refused (`refusal`), with the
    posted forms in `overrides` so nothing typed is lost."""
    context = detail_context(request, assignment, refusal=refusal, **overrides)
    return render(request, DETAIL_TEMPLATE, context, status=status)


def newer_work(group, base_number):
    """The latest revision and what changed in it since revision `base_number`, if someone
    saved since; else nothing."""
    submission = Submission.objects.get(group=group)
    if submission.revision_number <= base_number:
        return {}
    revisions = submission.revisions.select_related("author").filter(
        number__in=(base_number, submission.revision_number)
    )
    revisions = {revision.number: revision for revision in revisions}
    latest, base = revisions[submission.revision_number], revisions.get(base_number)
    return {"conflict": latest, "changes": diffs.changes(base and base.content, latest.content)}


def refuse_work(request, group, base_number, error, form=None):
    """409: the work changed state meanwhile (a newer version, handed in, the deadline).

    The page says why and what changed since `base_number`; the typed `form`, if any, is kept
    and rebased on the current version, so saving again is a deliberate choice.
    """
    overrides = newer_work(group, base_number)
    if form is not None:
        overrides["form"] = form.rebased(Submission.objects.get(group=group).revision_number)
    refusal = None  # a conflict speaks for itself: the page shows the newer version
    if isinstance(error, ValidationError):
        refusal = " ".join(error.messages + ([NOTHING_SAVED] if form is not None else []))
    return refuse(request, group.assignment, 409, refusal, **overrides)


@public_page(logged_in=True)
def assignment_detail(request, course_slug, slug):
    assignment = get_assignment(request, course_slug, slug)
    context = detail_context(request, assignment)
    services.mark_feedback_seen(context["group"], request.user)
    return render(request, DETAIL_TEMPLATE, context)


@student_write(GroupForm)
def create_group(request, assignment):
    form = GroupForm(request.POST)
    if not form.is_valid():
        return refuse(request, assignment, 400, group_form=form)
    try:
        group = services.create_group(
            assignment=assignment, user=request.user, name=form.cleaned_data["name"]
        )
    except ValidationError as error:
        return refuse(request, assignment, 409, " ".join(error.messages), group_form=form)
    messages.success(request, f"Group created. Classmates join it with the code {group.join_code}.")
    return redirect(assignment)


@student_write(JoinForm)
def join_group(request, assignment):
    form = JoinForm(request.POST)
    if not form.is_valid():
        return refuse(request, assignment, 400, join_form=form)
    try:
        group = services.join_group(
            assignment=assignment, user=request.user, code=form.cleaned_data["code"]
        )
    except ValidationError as error:
        return refuse(request, assignment, 409, " ".join(error.messages), join_form=form)
    messages.success(request, f"You joined “{group.name}”.")
    return redirect(assignment)


@login_required
def join_link(request, course_slug, slug, code):
    """The join link's page: it asks for a click, since joining changes data."""
    assignment = get_student_assignment(request, course_slug, slug)
    group = get_object_or_404(assignment.groups, join_code=code.upper())
    context = {"assignment": assignment, "course": assignment.course, "group": group}
    return render(request, "assignments/join_confirm.html", context)


@student_write(in_group=True)
def leave_group(request, group):
    try:
        services.leave_group(group=group, user=request.user)
    except ValidationError as error:
        return refuse(request, group.assignment, 409, " ".join(error.messages))
    messages.success(request, f"You left “{group.name}”.")
    return redirect(group.assignment)


@student_write(submission_form_class, in_group=True)
def save_submission(request, group):
    """Save the group's work as a new version: 302 when saved; else the page with the typed
    text, 400 (invalid, a refused PDF), 409 (newer version, handed in, deadline) or 403."""
    form = submission_form_class(group.assignment)(request.POST, request.FILES)
    if not form.is_valid():
        return refuse(request, group.assignment, 400, form=form)
    try:
        revision = services.save_revision(group=group, author=request.user, **form.cleaned_data)
    except (services.EditConflict, ValidationError) as error:
        return refuse_work(request, group, form.cleaned_data["base_number"], error, form)
    messages.success(
        request, f"Saved as version {revision.number}." if revision else "No changes to save."
    )
    return redirect(group.assignment)


@student_write(SubmitForm, in_group=True)
def submit_submission(request, group):
    """Hand in the version the page showed: 302 when done; 409 with the page showing why (a
    newer version and what changed in it, or what is missing); 403 when not enrolled."""
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("The form is missing its version number; reload the page.")
    base_number = form.cleaned_data["base_number"]
    try:
        services.submit_for_review(group=group, base_number=base_number)
    except (services.EditConflict, ValidationError) as error:
        return refuse_work(request, group, base_number, error)
    messages.success(request, "Submitted for review. The instructor will answer here.")
    return redirect(group.assignment)


@student_write(in_group=True)
def withdraw_submission(request, group):
    """Take the handed-in work back, until the instructor starts reviewing it; else 409."""
    try:
        services.withdraw_submission(group=group)
    except ValidationError as error:
        return refuse(request, group.assignment, 409, " ".join(error.messages))
    messages.success(request, "Your work is back with your group: edit it, then submit again.")
    return redirect(group.assignment)


def get_readable_group(request, course_slug, slug, pk):
    """A group whose work the user may read: theirs, or any for teachers; else 404."""
    assignment = get_assignment(request, course_slug, slug)
    role = Enrolment.objects.role_of(request.user, assignment.course)
    groups = assignment.groups.select_related("submission")
    if not is_teacher(request.user, role):
        groups = groups.with_member(request.user)
    return assignment, get_object_or_404(groups, pk=pk)


@require_safe
def hand_in_file(request, course_slug, slug, pk, number=None):
    """A group's PDF (the current one, or version `number`'s) as a download, to its members
    and teachers only; anyone else, logged in or not, gets 404."""
    _, group = get_readable_group(request, course_slug, slug, pk)
    work = group.submission
    if number is not None:
        work = get_object_or_404(work.revisions, number=number)
    if not work.file:
        raise Http404("No PDF has been saved.")
    return file_response(work.file, work.file_name or f"{group.name}.pdf")


@login_required
def history(request, course_slug, slug, pk):
    """Every revision of a group's work with what changed; for its members and teachers only."""
    assignment, group = get_readable_group(request, course_slug, slug, pk)
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
