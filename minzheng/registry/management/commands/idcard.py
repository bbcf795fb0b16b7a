"""``minzheng idcard check ID...``: validate resident identity numbers, one JSON object per line."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from minzheng.registry import idcard


class Command(BaseCommand):
    help = ("Check resident identity numbers (GB 11643): one JSON object per number with the keys input, valid, "
            "normalized, birth_date, sex (1 male, 2 female), division_code, division_name and error. "
            "Exits 1 when any number is invalid.")

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        check = subcommands.add_parser("check", help="Validate the numbers given.")
        check.add_argument("numbers", nargs="+", metavar="ID")

    def handle(self, *args, subcommand: str, numbers: list[str], **options):
        try:
            local = idcard.local_division_names(number.strip()[:6] for number in numbers)
        except DatabaseError:
            local = {}  # no database set up yet: the national list alone still checks the numbers
        invalid = 0
        for number in numbers:
            info = idcard.parse(number, local_names=local)
            result = info.as_dict()
            if info.valid and info.division_code in local:
                result["division_name"] = local[info.division_code]
            invalid += not info.valid
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        if invalid:
            raise CommandError(_("%(invalid)d of %(total)d numbers are invalid.") % {
                "invalid": invalid, "total": len(numbers)}, returncode=1)
