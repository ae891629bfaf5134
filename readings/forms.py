from django import forms
from django.core.exceptions import ValidationError

from courses.models import Course
from readings.citations.importing import ReferenceFileError, read_references
from readings.models import Reading, WeekReading
from weeks.models import Week

MAX_IMPORT_BYTES = 2 * 1024 * 1024


class ImportForm(forms.Form):
    """An export of Zotero (or any reference manager) to preview, then to confirm.

    The preview carries the file's text in ``contents`` so that the confirmation imports what
    was previewed, and ``digest`` the plan shown (readings.importing.plan_digest).
    """

    course = forms.ModelChoiceField(Course.objects.all())
    file = forms.FileField(
        required=False, help_text="A .bib (BibTeX), .ris (RIS) or .json (CSL JSON) export."
    )
    week = forms.ModelChoiceField(
        Week.objects.select_related("course"),
        required=False,
        help_text="Optional: list the readings in this week.",
    )
    role = forms.ChoiceField(choices=WeekReading.Role.choices, initial=WeekReading.Role.RECOMMENDED)
    status = forms.ChoiceField(
        choices=Reading.Status.choices,
        initial=Reading.Status.CONFIRMED,
        help_text="For the readings it creates.",
    )
    contents = forms.CharField(
        widget=forms.Textarea(attrs={"hidden": True}), required=False, strip=False
    )
    filename = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)
    digest = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_IMPORT_BYTES:
            raise ValidationError("The file is larger than 2 MB.", code="too_large")
        return upload

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        text, name = data.get("contents") or "", data.get("filename") or ""
        if upload:
            try:
                text, name = upload.read().decode("utf-8-sig"), upload.name
            except UnicodeDecodeError as error:
                raise ValidationError("The file is not UTF-8 text.", code="encoding") from error
        if not text.strip():
            raise ValidationError("Choose a file to import.", code="empty")
        week, course = data.get("week"), data.get("course")
        if week and course and week.course_id != course.pk:
            self.add_error("week", "Choose a week of this course.")
        try:
            data["references"] = read_references(text, name)
        except ReferenceFileError as error:
            raise ValidationError(str(error), code="unreadable") from error
        data["contents"], data["filename"] = text, name
        return data
