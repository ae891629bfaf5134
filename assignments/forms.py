from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat

from assignments.handins import check_upload
from assignments.models import MAX_SOURCES, SOURCE_MAX_LENGTH, Group
from assignments.validators import (
    ARGUMENT_MAX_LENGTH,
    validate_one_sentence,
    validate_visible_text,
)

validate_web_address = URLValidator(schemes=["http", "https"])


class SubmissionForm(forms.Form):
    """The group's work. Only these fields are read from the POST: nothing else can be set."""

    base_number = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    topic = forms.CharField(
        label="Topic or case study", max_length=200, validators=[validate_visible_text]
    )
    sources = forms.CharField(
        required=False,
        max_length=MAX_SOURCES * (SOURCE_MAX_LENGTH + 2),
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text="One per line: a reference, or a web address starting with https://.",
    )
    argument = forms.CharField(
        label="Argument, in one sentence",
        max_length=ARGUMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        validators=[validate_one_sentence],
        error_messages={
            "required": "Write your argument as one sentence.",
            "max_length": "Keep your argument to %(limit_value)d characters "
            "(it has %(show_value)d).",
        },
        help_text=f"At most {ARGUMENT_MAX_LENGTH} characters.",
    )

    @classmethod
    def for_submission(cls, submission):
        return cls(
            initial={
                "base_number": submission.revision_number,
                "topic": submission.topic,
                "sources": "\n".join(submission.sources),
                "argument": submission.argument,
            }
        )

    def rebased(self, number):
        """The same posted text, now based on revision `number` (after a conflict)."""
        data = self.data.copy()
        data["base_number"] = number
        return type(self)(data)

    def clean_sources(self):
        sources = [line.strip() for line in self.cleaned_data["sources"].splitlines()]
        sources = [source for source in sources if source]
        if len(sources) > MAX_SOURCES:
            raise forms.ValidationError(f"List at most {MAX_SOURCES} sources.")
        errors = []
        for number, source in enumerate(sources, start=1):
            if len(source) > SOURCE_MAX_LENGTH:
                errors.append(f"Source {number} is longer than {SOURCE_MAX_LENGTH} characters.")
            elif "://" in source or source.lower().startswith("www."):
                try:
                    validate_web_address(source)
                except forms.ValidationError:
                    errors.append(
                        f"Source {number} is not a valid web address; write it in full, "
                        "starting with https://."
                    )
        if errors:
            raise forms.ValidationError(errors)
        return sources


class FileSubmissionForm(forms.Form):
    """A file hand-in: a title and the PDF. The upload is checked here (size, PDF structure);
    a refused one is reported next to its field while the typed title stays."""

    base_number = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    topic = forms.CharField(label="Title", max_length=200, validators=[validate_visible_text])
    upload = forms.FileField(
        label="PDF",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        validators=[check_upload],
    )

    def __init__(self, *args, has_file=False, **kwargs):
        super().__init__(*args, **kwargs)
        limit = filesizeformat(settings.HAND_IN_MAX_BYTES)
        self.fields["upload"].help_text = (
            f"A PDF of at most {limit}; leave empty to keep the one already saved."
            if has_file
            else f"A PDF of at most {limit}."
        )

    @classmethod
    def for_submission(cls, submission):
        initial = {"base_number": submission.revision_number, "topic": submission.topic}
        return cls(initial=initial, has_file=bool(submission.file))

    def rebased(self, number):
        data = self.data.copy()
        data["base_number"] = number
        return type(self)(data, has_file=True)


def submission_form_class(assignment):
    return FileSubmissionForm if assignment.takes_file else SubmissionForm


class SubmitForm(forms.Form):
    base_number = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class GroupForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ("name",)
        labels = {"name": "Group name"}
        widgets = {"name": forms.TextInput(attrs={"dir": "auto"})}


class JoinForm(forms.Form):
    code = forms.CharField(label="Join code", max_length=20)

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()
