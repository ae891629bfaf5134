from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = "Characters and glossary"

    def ready(self):
        from django.db.models.signals import pre_save

        from core.pagecache import invalidate_on_change
        from glossary import receivers
        from glossary.models import Character, CharacterLink, Term
        from weeks.models import ProgramItem, Week
        from weeks.signals import deck_imported

        invalidate_on_change(Character, CharacterLink, Term)
        deck_imported.connect(receivers.collect_from_deck, dispatch_uid="glossary-deck")
        pre_save.connect(receivers.mark_week_summary, sender=Week, dispatch_uid="glossary-week")
        pre_save.connect(
            receivers.mark_program_item, sender=ProgramItem, dispatch_uid="glossary-program"
        )
