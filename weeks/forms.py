import posixpath

from django import forms
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Max
from django.forms.models import BaseInlineFormSet
from markdownx.views import ImageUploadView

from weeks.images import sanitise_image
from weeks.models import Slide, SlideImage
from weeks.remark import MAX_DECK_CHARS

MAX_DECK_BYTES = 4 * MAX_DECK_CHARS  # UTF-8 takes at most four bytes a character


class SlideImageForm(forms.ModelForm):
    class Meta:
        model = SlideImage
        fields = ("course", "file_name", "image")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file_name"].required = False
        self.fields["file_name"].help_text += " Left empty, the uploaded file's name is used."

    def clean_image(self):
        image = self.cleaned_data["image"]
        if isinstance(image, UploadedFile):
            self.original_name = posixpath.basename(image.name)
            return sanitise_image(image)
        return image

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file_name") and getattr(self, "original_name", ""):
            cleaned["file_name"] = self.original_name
            self.instance.file_name = self.original_name
        return cleaned


class SlideInlineFormSet(BaseInlineFormSet):
    """The week's slides, saved so that reordering never trips the unique position.

    Two slides may swap positions (or one take the position of a slide deleted in the same
    save): the database checks uniqueness row by row, so the slides that move or go are first
    parked past every position in use, then saved where the instructor put them. Two slides
    given the same position are refused by the formset's own duplicate check, with the text
    kept.
    """

    def save_existing_objects(self, commit=True):
        if commit:
            self._park_moving_slides()
        return super().save_existing_objects(commit)

    def _park_moving_slides(self):
        moving = [
            form.instance.pk
            for form in self.initial_forms
            if form.instance.pk
            and ("position" in form.changed_data or self._should_delete_form(form))
        ]
        if not moving:
            return
        in_use = Slide.objects.filter(week=self.instance).aggregate(top=Max("position"))["top"]
        typed = [
            form.cleaned_data.get("position") or 0 for form in self.forms if form.has_changed()
        ]
        start = max([in_use or 0, *typed]) + 1
        for offset, pk in enumerate(moving):
            Slide.objects.filter(pk=pk).update(position=start + offset)


class DeckImportForm(forms.Form):
    deck = forms.FileField(
        required=False, help_text="A remark.js markdown file (.md).", label="Deck file"
    )
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="…or paste the deck",
        max_length=MAX_DECK_CHARS,
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("deck")
        if upload:
            if upload.size > MAX_DECK_BYTES:
                raise forms.ValidationError("The deck file is too large.")
            try:
                cleaned["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError("The deck must be a UTF-8 text file.") from None
        if not cleaned.get("text", "").strip():
            raise forms.ValidationError("Choose a deck file or paste its markdown.")
        return cleaned


class MarkdownImageForm(forms.Form):
    """django-markdownx's upload form, through the same validation as every other upload."""

    image = forms.FileField()

    def clean_image(self):
        return sanitise_image(self.cleaned_data["image"])

    def save(self, commit=True):
        image = self.cleaned_data["image"]
        stored = default_storage.save(f"markdownx/{image.name}", image)
        return default_storage.url(stored)


class MarkdownImageUploadView(ImageUploadView):
    form_class = MarkdownImageForm
    http_method_names = ["post"]  # markdownx's view has no page to show for GET
