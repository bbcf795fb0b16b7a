"""``minzheng audit verify``: check both audit hash chains from the first row to the last."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from minzheng.audit.services import CHAINS, DEFAULT_BATCH_SIZE, ChainReport, verify_chain


class Command(BaseCommand):
    help = "Audit trail maintenance. `audit verify` checks the change-record and business-event hash chains."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="{verify}")
        verify = subcommands.add_parser(
            "verify", help="Check both hash chains in order; exit 1 at the first broken row.",
        )
        verify.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                            help="Rows read per query (default %(default)s).")

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "verify":
            self.verify(options["batch_size"])

    def verify(self, batch_size: int) -> None:
        """Print one line per chain and OK, or raise CommandError (exit status 1) naming the first break."""
        reports = [verify_chain(model, batch_size=batch_size) for model in CHAINS]
        for report in reports:
            self.stdout.write(self._line(report))
        broken = [report.broken for report in reports if report.broken is not None]
        if broken:
            raise CommandError(
                "; ".join(
                    _("%(table)s is broken at seq %(seq)s: %(reason)s")
                    % {"table": b.table, "seq": b.seq, "reason": b.reason.label}
                    for b in broken
                ),
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS("OK"))

    def _line(self, report: ChainReport) -> str:
        values = {"table": report.table, "count": report.checked, "seq": report.head_seq,
                  "hash": report.head_hash}
        if report.ok:
            return ngettext("%(table)s: %(count)s row checked, head seq %(seq)s hash %(hash)s",
                            "%(table)s: %(count)s rows checked, head seq %(seq)s hash %(hash)s",
                            report.checked) % values
        return ngettext("%(table)s: %(count)s row verified before the break",
                        "%(table)s: %(count)s rows verified before the break", report.checked) % values
