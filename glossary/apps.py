from django.apps import AppConfig


def with_character(weeks):
    """The week page opens with the character of the week and its dictionary links."""
    return weeks.select_related("character").prefetch_related("character__links")


def confirmed_term_markup(course_id):
    """Chinese runs of a slide get ``lang``, the course's confirmed terms their pinyin."""
    from glossary.models import Term

    return Term.objects.markup_for(course_id)


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = "Characters and glossary"

    def ready(self):
        from django.db.models.signals import pre_save

        from core.dashboard import dashboard_lines
        from core.pagecache import invalidate_on_change
        from glossary import receivers
        from glossary.dashboard import glossary_lines
        from glossary.models import Character, CharacterLink, Term
        from weeks.extensions import slide_markup, week_page_queryset
        from weeks.models import ProgramItem, Week
        from weeks.signals import deck_imported

        invalidate_on_change(Character, CharacterLink, Term)
        deck_imported.connect(receivers.collect_from_deck, dispatch_uid="glossary-deck")
        pre_save.connect(receivers.mark_week_summary, sender=Week, dispatch_uid="glossary-week")
        pre_save.connect(
            receivers.mark_program_item, sender=ProgramItem, dispatch_uid="glossary-program"
        )
        slide_markup.register("glossary", confirmed_term_markup)
        week_page_queryset.register("glossary", with_character)
        dashboard_lines.register("glossary", glossary_lines)
