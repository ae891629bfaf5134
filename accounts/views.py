from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy

from accounts import services, throttle
from accounts.forms import EnrolmentKeyForm, LoginForm, MailPreferencesForm, SignUpForm
from accounts.mailing import preferences_for
from accounts.models import Enrolment, Invitation
from accounts.pages import CourseLookMixin, course_for
from accounts.passwords import OutboxPasswordResetForm


class LoginView(CourseLookMixin, auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        name = user.get_full_name()
        who = f"{name} ({user.get_username()})" if name else user.get_username()
        messages.success(self.request, f"You are logged in as {who}.")
        return response


class PasswordResetView(CourseLookMixin, auth_views.PasswordResetView):
    form_class = OutboxPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")


class PasswordResetDoneView(CourseLookMixin, auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetCompleteView(CourseLookMixin, auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordResetConfirmView(CourseLookMixin, auth_views.PasswordResetConfirmView):
    """A new password set by e-mail also lifts the account's login delay."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        throttle.forget_account(form.user)
        return response


class LogoutView(CourseLookMixin, auth_views.LogoutView):
    """GET asks for confirmation; only the POST logs out."""

    http_method_names = ["get", "post", "options"]
    template_name = "accounts/logout.html"
    next_page = reverse_lazy("courses:list")

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, {"course": course_for(request)})


def invitation(request, token):
    invitation = Invitation.objects.for_token(token).select_related("user", "course").first()
    if invitation is None or not invitation.is_usable:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"invitation": invitation},
            status=404 if invitation is None else 410,
        )
    form = SetPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(token=token, form=form)
        except services.InvitationUnusable:
            return redirect(request.path)
        login(request, user)
        messages.success(request, "Your password is set; welcome!")
        return redirect(invitation.course)
    context = {"form": form, "invitation": invitation, "course": invitation.course}
    return render(request, "accounts/invitation.html", context)


def enrol(request):
    """Enrol with the key the instructor shared; a new student creates an account at once.

    Wrong keys count against the client address; a blocked address gets its typed values back.
    """
    form_class = EnrolmentKeyForm if request.user.is_authenticated else SignUpForm
    if request.method == "POST" and (wait := throttle.address_wait(request, "enrol")):
        typed = {name: request.POST.get(name, "") for name in form_class.base_fields}
        form = form_class(initial={k: v for k, v in typed.items() if "password" not in k})
        context = {"form": form}
        return throttle.throttled_response(request, "accounts/enrol.html", context, wait)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = request.user if request.user.is_authenticated else form.save()
                course = services.enrol_with_key(user=user, key=form.cleaned_data["key"])
        except ValidationError as error:
            form.add_error("key", error)
        else:
            if not request.user.is_authenticated:
                login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            messages.success(request, f"You are enrolled in {course.title}.")
            return redirect(course)
    if "key" in form.errors:
        limit = settings.ENROL_FAILURES_PER_ADDRESS
        throttle.record_address_failure(request, "enrol", limit)
    return render(request, "accounts/enrol.html", {"form": form, "course": course_for(request)})


@login_required
def email_preferences(request, course_slug):
    """The member's choice of the course's non-essential e-mails."""
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("course", "mail_preferences"),
        user=request.user,
        course__slug=course_slug,
    )
    form = MailPreferencesForm(request.POST or None, instance=preferences_for(enrolment))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your e-mail choices are saved.")
        return redirect("accounts:email-preferences", course_slug)
    context = {"form": form, "course": enrolment.course}
    return render(
        request, "accounts/email_preferences.html", context, status=400 if form.errors else 200
    )
