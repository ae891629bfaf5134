from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

from courses.models import Course

MAX_ROSTER_BYTES = 1_000_000


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


class EnrolmentKeyForm(forms.Form):
    key = forms.CharField(label="Enrolment key", max_length=40)


class SignUpForm(UserCreationForm):
    """A new student's account, created together with their enrolment."""

    key = forms.CharField(label="Enrolment key", max_length=40)

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "first_name", "email")
        labels = {"first_name": "Your name"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["first_name"].required = True

    def clean_email(self):
        email = self.cleaned_data["email"]
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account already uses this e-mail address: log in, then enter the key."
            )
        return email
