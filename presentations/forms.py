from django import forms

from presentations.models import TITLE_MAX_LENGTH, normalise_title


class SignUpForm(forms.Form):
    """A week among those still open, and the title; nothing else is read from the POST."""

    week = forms.ModelChoiceField(
        queryset=None, empty_label="Choose a week", to_field_name="number"
    )
    title = forms.CharField(
        label="Title of your presentation",
        max_length=TITLE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
        help_text="E.g. “AI and urban policy in China”.",
    )

    def __init__(self, *args, weeks, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["week"].queryset = weeks
        self.fields["week"].label_from_instance = lambda week: week_label(week, now)

    def clean_title(self):
        title = normalise_title(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError("Give your presentation a title.")
        return title


def week_label(week, now):
    """E.g. "Week 7 · 03 Mar · Planning for innovation (1 of 3 free)"; `week` is annotated
    with `taken` (its presenters)."""
    slots = week.presentation_slots
    if not slots.is_open(now):
        state = "sign-up closed"
    elif week.taken >= slots.count:
        state = "full: waiting list"
    else:
        state = f"{slots.count - week.taken} of {slots.count} free"
    return f"Week {week.number} · {week.date:%d %b} · {week.title} ({state})"
