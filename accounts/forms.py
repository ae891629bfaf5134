from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm, UsernameField

from accounts import services
from accounts.backends import AMBIGUOUS_EMAIL, login_candidates
from accounts.models import Enrolment, MailPreferences
from accounts.normalise import normalise_username
from courses.models import Course

MAX_ROSTER_BYTES = 1_000_000


class NormalisedUsernameField(UsernameField):
    """A username field that cleans with normalise_username, as the login throttle counts."""

    def to_python(self, value):
        return normalise_username(value)


class UsernameOrEmailMixin:
    """Takes a username or an e-mail address; refuses, saying why, an address several accounts
    share. That is said only to whoever typed the password of one of them, so the answer
    tells strangers nothing about which addresses have accounts."""

    def clean(self):
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if username and password:
            users = login_candidates(username)
            if len(users) > 1 and any(user.check_password(password) for user in users):
                raise forms.ValidationError(AMBIGUOUS_EMAIL, code="ambiguous_email")
        return super().clean()


class LoginForm(UsernameOrEmailMixin, AuthenticationForm):
    username = NormalisedUsernameField(
        label="Username or e-mail address", widget=forms.TextInput(attrs={"autofocus": True})
    )


class AdminLoginForm(UsernameOrEmailMixin, AdminAuthenticationForm):
    username = NormalisedUsernameField(
        label="Username or e-mail address", widget=forms.TextInput(attrs={"autofocus": True})
    )


class RosterImportForm(forms.Form):
    course = forms.ModelChoiceField(queryset=Course.objects.all())
    roster = forms.FileField(
        label="Roster (CSV)",
        help_text="One student per row: name, e-mail. A first row “name,email” is skipped.",
    )

    def clean_roster(self):
        roster = self.cleaned_data["roster"]
        if roster.size > MAX_ROSTER_BYTES:
            raise forms.ValidationError("The file is larger than 1 MB; split it.")
        return roster.read().decode("utf-8-sig", errors="replace")


class EnrolmentKeyMixin:
    """Checks the key field; `enrolment_key` is the active key it names, or None."""

    enrolment_key = None

    def clean_key(self):
        self.enrolment_key = services.find_active_key(self.cleaned_data["key"])
        if self.enrolment_key is None:
            raise forms.ValidationError(services.INVALID_KEY)
        return self.cleaned_data["key"]


class EnrolmentKeyForm(EnrolmentKeyMixin, forms.Form):
    key = forms.CharField(label="Enrolment key", max_length=40)


class SignUpForm(EnrolmentKeyMixin, UserCreationForm):
    """A new student's account, created together with their enrolment.

    Whether a username or e-mail address is taken is checked only once the key is valid, so a
    wrong key gets the same answer whatever names were typed.
    """

    key = forms.CharField(label="Enrolment key", max_length=40)

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "first_name", "email")
        field_classes = {"username": NormalisedUsernameField}
        labels = {"first_name": "Your name"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["first_name"].required = True

    def clean_username(self):
        return self.cleaned_data.get("username")  # taken names: see clean()

    def clean(self):
        cleaned_data = super().clean()
        if self.enrolment_key is not None:
            self._refuse_taken_names()
        return cleaned_data

    def validate_unique(self):
        if self.enrolment_key is not None:
            super().validate_unique()

    def _refuse_taken_names(self):
        users = self._meta.model.objects
        username, email = self.cleaned_data.get("username"), self.cleaned_data.get("email")
        if username and users.filter(username__iexact=username).exists():
            message = self.instance.unique_error_message(self._meta.model, ["username"])
            self.add_error("username", message)
        if email and users.filter(email__iexact=email).exists():
            self.add_error(
                "email", "An account already uses this e-mail address: log in, then enter the key."
            )


class MailPreferencesForm(forms.ModelForm):
    """The kinds of mail the member's role gets, each a checkbox."""

    class Meta:
        model = MailPreferences
        fields = ("announcements", "feedback", "group_changes", "reminders", "submissions")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        role = self.instance.enrolment.role
        wanted = (
            MailPreferences.TEACHING_KINDS
            if role in Enrolment.TEACHING_ROLES
            else MailPreferences.STUDENT_KINDS
        )
        for name in set(self.fields) - set(wanted):
            del self.fields[name]
