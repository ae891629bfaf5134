"""The readings admin's import from Zotero: upload, preview, confirm."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from readings.forms import ImportForm
from readings.importing import apply_import, plan_digest, plan_import


class ImportFromZoteroMixin:
    """Adds ``import/`` to a Reading admin: a file's readings previewed before they are saved."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="readings_reading_import"), *super().get_urls()]

    def import_view(self, request):
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            return redirect("admin:readings_reading_changelist")
        form = ImportForm(request.POST or None, request.FILES or None)
        rows = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            rows = plan_import(data["course"], data["references"])
            digest = plan_digest(rows)
            if "confirm" in request.POST:
                done = self.confirm_import(request, rows, data, digest)
                if done:
                    return redirect("admin:readings_reading_changelist")
            form = ImportForm(initial={**data, "file": None, "digest": digest})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import readings from Zotero",
            "form": form,
            "rows": rows,
        }
        return TemplateResponse(request, "admin/readings/reading/import.html", context)

    def confirm_import(self, request, rows, data, digest):
        """Apply the plan if it is the one the preview showed; say why not otherwise."""
        if data["digest"] != digest:
            self.message_user(request, CHANGED_SINCE_PREVIEW, messages.WARNING)
            return False
        try:
            counts = apply_import(rows, status=data["status"], week=data["week"], role=data["role"])
        except ValidationError as error:
            problems = "; ".join(error.messages)
            self.message_user(request, f"Nothing was imported: {problems}", messages.ERROR)
            return False
        self.message_user(request, imported_message(counts), messages.SUCCESS)
        return True


CHANGED_SINCE_PREVIEW = (
    "The readings changed since this preview was made: check the preview again, then confirm."
)


def imported_message(counts):
    created, updated = counts["create"], counts["update"]
    return f"{created} reading{'s' * (created != 1)} created, {updated} updated."
