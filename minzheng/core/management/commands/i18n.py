"""`minzheng i18n compile`: build .mo files from the .po catalogues without the gettext tools."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the translation catalogues (locale/*/LC_MESSAGES/*.po) to .mo files."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["compile", "check"])

    def handle(self, *args, action, **options):
        catalogues = [po for root in settings.LOCALE_PATHS for po in Path(root).glob("*/LC_MESSAGES/*.po")]
        if not catalogues:
            raise CommandError("no .po catalogues found")
        problems = 0
        for path in catalogues:
            catalogue = polib.pofile(str(path))
            missing = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
            if action == "compile":
                catalogue.save_as_mofile(str(path.with_suffix(".mo")))
                self.stdout.write(f"{path}: {len(catalogue.translated_entries())} translated, {len(missing)} missing")
            elif missing:
                problems += len(missing)
                for msgid in missing:
                    self.stdout.write(f"{path}: untranslated: {msgid!r}")
        if problems:
            raise CommandError(f"{problems} untranslated strings")
