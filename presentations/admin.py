"""The instructor opens a week's presentation slots, and moves or removes presenters.

Every change goes through presentations.services, so the waiting list moves up and the student
is told by e-mail whichever page made the change. Students sign up themselves: staff do not add
sign-ups here.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from presentations import services
from presentations.models import PresentationSlots, SignUp
from weeks.admin import WeekAdmin
from weeks.models import Week


class FillingFormSet(forms.BaseInlineFormSet):
    def save(self, commit=True):
        saved = super().save(commit)
        for slots in saved:
            services.fill_free_slots(slots)
        return saved

    def delete_existing(self, obj, commit=True):
        if commit:
            services.close(slots=obj)


class PresentationSlotsInline(admin.StackedInline):
    """On the week's page: how many present in its session, and until when they sign up."""

    model = PresentationSlots
    formset = FillingFormSet
    extra = 0
    max_num = 1


class SignUpInline(admin.TabularInline):
    """On the week's page, who presents; moved or removed on each sign-up's own page."""

    model = SignUp
    fk_name = "week"
    fields = ("slot", "student", "title", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ("slot", "created_at")
    verbose_name_plural = "presenters and waiting list (change one to move or remove it)"

    def has_add_permission(self, request, obj=None):
        return False


WeekAdmin.extra_inlines.register("presentation-slots", PresentationSlotsInline)
WeekAdmin.extra_inlines.register("presentation-signups", SignUpInline)


@admin.register(PresentationSlots)
class PresentationSlotsAdmin(admin.ModelAdmin):
    list_display = ("week", "count", "deadline")
    list_filter = ("week__course",)
    list_select_related = ("week__course",)
    autocomplete_fields = ("week",)

    def save_model(self, request, obj, form, change):
        """Saved, then the waiting list moves up into any slot just opened."""
        super().save_model(request, obj, form, change)
        services.fill_free_slots(obj)

    def delete_model(self, request, obj):
        services.close(slots=obj)

    def delete_queryset(self, request, queryset):
        for slots in queryset:
            services.close(slots=slots)


class SignUpAdminForm(forms.ModelForm):
    """Only the week (a move) and the title are changed here."""

    class Meta:
        model = SignUp
        fields = ("week", "title")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["week"].queryset = Week.objects.filter(
            course=self.instance.course_id, presentation_slots__isnull=False
        ).select_related("course")
        self.fields["week"].help_text = (
            "Move the presenter to another week (a free slot there, else its waiting list); "
            "she is told by e-mail."
        )


@admin.register(SignUp)
class SignUpAdmin(admin.ModelAdmin):
    form = SignUpAdminForm
    list_display = ("student", "title", "week", "slot", "created_at")
    list_filter = ("course", "week")
    list_select_related = ("student", "week__course")
    search_fields = ("title", "student__username", "student__first_name", "student__last_name")
    readonly_fields = ("student", "slot", "created_at")

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        week = form.cleaned_data["week"]
        obj.week_id = form.initial["week"]
        obj.save(update_fields=["title"])
        try:
            services.move(signup=obj, week=week)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), level="error")

    def delete_model(self, request, obj):
        services.remove(signup=obj)

    def delete_queryset(self, request, queryset):
        for signup in queryset:
            services.remove(signup=signup)
