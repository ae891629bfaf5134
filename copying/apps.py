from django.apps import AppConfig


class CopyingConfig(AppConfig):
    name = "copying"
    verbose_name = "Copying a course to a new term"

    def ready(self):
        from copying.admin import copy_to_new_term
        from courses.admin import CourseAdmin

        CourseAdmin.extra_actions.register("copy_to_new_term", copy_to_new_term)
