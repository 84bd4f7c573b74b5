from django.conf import settings
from django.core.management.base import BaseCommand

from weltoffen.pages import fonts


class Command(BaseCommand):
    help = "Subset KERN's Fira Sans to the characters the site needs (run by `make setup`)."
    requires_system_checks = []  # the checks would warn that the folder it creates is missing

    def handle(self, *args, **options):
        written = fonts.build(settings.FONT_SOURCE_DIR, settings.BUILT_FONTS_DIR)
        size = sum(path.stat().st_size for path in written)
        if options["verbosity"]:
            self.stdout.write(f"{len(written)} Dateien in {settings.BUILT_FONTS_DIR} ({size // 1024} kB)")
