"""``minzheng verification load KIND FILE --as-of DATE``: load a source file as the current snapshot."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from minzheng.framework.exceptions import DomainError
from minzheng.verification.choices import SourceKind
from minzheng.verification.services import load_snapshot

#: Bad rows printed; the rest are counted.
PRINTED_ERRORS = 50


class Command(BaseCommand):
    help = "Verification source data: load a CSV or xlsx file of one source kind as its current snapshot."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        load = subcommands.add_parser("load", help="Load a file; the good rows replace the kind's current snapshot.")
        load.add_argument("kind", choices=SourceKind.values)
        load.add_argument("file")
        load.add_argument("--as-of", required=True, type=datetime.date.fromisoformat, help="YYYY-MM-DD")
        load.add_argument("--label", default="")

    def handle(self, *args, subcommand: str, kind: str, file: str, as_of: datetime.date, label: str, **options):
        try:
            report = load_snapshot(kind, file, as_of=as_of, actor=None, label=label)
        except (DomainError, OSError) as exc:
            raise CommandError(str(getattr(exc, "message", exc))) from exc
        for error in report.errors[:PRINTED_ERRORS]:
            self.stderr.write(_("Line %(line)d, %(column)s: %(reason)s") % {
                "line": error.line, "column": error.column, "reason": error.reason})
        if report.snapshot_id is None:
            raise CommandError(_("No row was good: nothing was loaded and the current snapshot is unchanged."))
        self.stdout.write(_("Snapshot %(id)d: loaded %(loaded)d of %(rows)d rows; %(rejected)d rows rejected.") % {
            "id": report.snapshot_id, "loaded": report.loaded, "rows": report.rows, "rejected": report.rejected})
