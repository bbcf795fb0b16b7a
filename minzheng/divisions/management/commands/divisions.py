"""``minzheng divisions import FILE`` and ``minzheng divisions load-reference``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from minzheng.divisions import services
from minzheng.divisions.importing import decode_file, read_rows
from minzheng.framework import context
from minzheng.framework.exceptions import DomainError


class Command(BaseCommand):
    help = "Load the reference divisions, or import a division code list (CSV: code, name, urban-rural class)."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        importing = subcommands.add_parser("import", help="Import a code list; nothing is written if a row is bad.")
        importing.add_argument("file", type=Path)
        subcommands.add_parser("load-reference", help="Create the reference units and changes (idempotent).")

    def handle(self, *args, subcommand: str, **options):
        with context.activity():
            if subcommand == "import":
                self.import_file(options["file"])
            else:
                self.load_reference()

    def load_reference(self) -> None:
        report = services.load_reference()
        self.stdout.write(_("Reference divisions: %(created)d units created, %(changes)d changes created, "
                            "%(updated)d updated, %(applied)d applied.") % {
            "created": report.created, "changes": report.changes_created, "updated": report.changes_updated,
            "applied": report.changes_applied})

    def import_file(self, path: Path) -> None:
        try:
            rows = read_rows(decode_file(path.read_bytes()))
        except OSError as exc:
            raise CommandError(str(exc), returncode=1)
        except DomainError as exc:
            raise CommandError(exc.message, returncode=1)
        report = services.import_divisions(rows, actor=None)
        if not report.ok:
            for error in report.errors:
                self.stderr.write(f"{error.line}\t{error.code}\t{error.reason}")
            raise CommandError(_("%(count)d bad rows; nothing was imported.") % {"count": len(report.errors)},
                               returncode=1)
        self.stdout.write(_("Imported %(rows)d rows: %(created)d created, %(updated)d renamed, "
                            "%(unchanged)d unchanged.") % {
            "rows": report.rows, "created": report.created, "updated": report.updated,
            "unchanged": report.unchanged})
