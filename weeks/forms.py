import posixpath

from django import forms
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from markdownx.views import ImageUploadView

from core.forms import MultilineField
from core.text import normalise_newlines
from weeks.images import sanitise_image
from weeks.models import SlideImage
from weeks.remark import MAX_DECK_CHARS, DeckError, parse_deck

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


class DeckSourceForm(forms.Form):
    """The whole deck as the instructor writes it, and the revision it was started from."""

    source = MultilineField(
        required=False,
        strip=False,  # the deck is stored byte for byte as typed (LF line endings)
        max_length=MAX_DECK_CHARS,
        widget=forms.Textarea(
            attrs={"rows": 30, "spellcheck": "false", "class": "deck-source", "wrap": "off"}
        ),
        label="Deck (remark markdown)",
    )
    based_on = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    apply_program = forms.BooleanField(required=False, label="Use the deck's program")

    def clean_source(self):
        source = self.cleaned_data["source"]
        try:
            self.deck = parse_deck(source)
        except DeckError as error:
            raise forms.ValidationError(str(error)) from None
        return source


class DeckImportForm(forms.Form):
    deck = forms.FileField(
        required=False, help_text="A remark.js markdown file (.md).", label="Deck file"
    )
    text = MultilineField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="…or paste the deck",
        max_length=MAX_DECK_CHARS,
    )
    based_on = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    apply_program = forms.BooleanField(required=False, label="Use the deck's program")

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("deck")
        if upload:
            if upload.size > MAX_DECK_BYTES:
                raise forms.ValidationError("The deck file is too large.")
            try:
                cleaned["text"] = normalise_newlines(upload.read().decode("utf-8-sig"))
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
