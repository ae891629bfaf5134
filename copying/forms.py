import re

from django import forms

from core.forms import MultilineField


class CopyForm(forms.Form):
    slug = forms.SlugField(label="New slug", max_length=80)
    term = forms.CharField(label="New term", max_length=80, help_text="E.g. “S2 2026/27”.")
    first_session = forms.DateField(
        label="First session",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The date of week 1; the other weeks follow it.",
    )
    skips = MultilineField(
        label="No session on",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Dates such as 2027-02-23, one a line: the week that falls on one is pushed "
        "a week later, with all the weeks after it.",
    )

    def clean_term(self):
        return " ".join(self.cleaned_data["term"].split())

    def clean_skips(self):
        field = forms.DateField()
        words = [word for word in re.split(r"[\s,;]+", self.cleaned_data["skips"]) if word]
        try:
            return sorted({field.clean(word) for word in words})
        except forms.ValidationError:
            raise forms.ValidationError("Write each date as 2027-02-23.") from None
