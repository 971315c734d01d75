"""The Django app: registers the system check that validates ``settings.EDITCHECK``."""

from django.apps import AppConfig


class EditcheckWagtailConfig(AppConfig):
    name = "editcheck_wagtail"
    verbose_name = "editcheck for Wagtail"

    def ready(self) -> None:
        from editcheck_wagtail import checks  # noqa: F401 - registers the system check
