"""The presentation sign-up page and the students' writes to it.

Members of the course (and staff) see who presents when; others are sent to log in, or get
403. A refused write answers with the page itself, the title still typed and the reason shown:
400 for invalid input, 409 when the weeks' state refuses it (full rules, deadline, already
signed up), 403 when the user is not a student of the course.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.models import Enrolment
from courses.models import Course
from presentations import services
from presentations.board import board, own_signup, weeks_with_slots
from presentations.forms import SignUpForm

NOT_A_STUDENT = "Only students enrolled in this course sign up to present: nothing was saved."


def course_and_role(request, course_slug):
    """The course and the user's role in it; 403 for anyone neither enrolled nor staff."""
    course = get_object_or_404(Course, slug=course_slug)
    role = Enrolment.objects.role_of(request.user, course)
    if role is None and not request.user.is_staff:
        raise PermissionDenied("Only the members of this course see who presents when.")
    return course, role


def sign_up_form(request, course, now, data=None):
    """Every week with slots is a choice, labelled with its state; the service refuses a
    closed one with its reason (409)."""
    presenting = Count("presentation_signups", filter=Q(presentation_signups__slot__isnull=False))
    weeks = weeks_with_slots(course, request.user).annotate(taken=presenting)
    return SignUpForm(data, weeks=weeks, now=now)


def page(request, course, role, *, status=200, form=None, refusal=None):
    now = timezone.now()
    boards = board(course, request.user, now)
    own = own_signup(boards, request.user)
    context = {
        "course": course,
        "boards": boards,
        "own": own,
        "own_is_open": own is not None and own.week.presentation_slots.is_open(now),
        "any_open": any(week_board.is_open for week_board in boards),
        "is_student": role == Enrolment.Role.STUDENT,
        "form": form or sign_up_form(request, course, now),
        "refusal": refusal,
    }
    return render(request, "presentations/signup_list.html", context, status=status)


@login_required
def signup_list(request, course_slug):
    course, role = course_and_role(request, course_slug)
    return page(request, course, role)


@require_POST
@login_required
def sign_up(request, course_slug):
    course, role = course_and_role(request, course_slug)
    form = sign_up_form(request, course, timezone.now(), request.POST)
    if role != Enrolment.Role.STUDENT:
        return page(request, course, role, status=403, form=form, refusal=NOT_A_STUDENT)
    if not form.is_valid():
        return page(request, course, role, status=400, form=form)
    try:
        signup = services.sign_up(
            week=form.cleaned_data["week"], student=request.user, title=form.cleaned_data["title"]
        )
    except ValidationError as error:
        return page(request, course, role, status=409, form=form, refusal=" ".join(error.messages))
    where = "on the waiting list of" if signup.is_waiting else "presenting in"
    messages.success(request, f"You are {where} week {signup.week.number}.")
    return redirect("presentations:list", course.slug)


@require_POST
@login_required
def withdraw(request, course_slug):
    course, role = course_and_role(request, course_slug)
    try:
        services.withdraw(course=course, student=request.user)
    except ValidationError as error:
        return page(request, course, role, status=409, refusal=" ".join(error.messages))
    messages.success(request, "You withdrew your presentation.")
    return redirect("presentations:list", course.slug)
