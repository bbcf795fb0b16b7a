"""``minzheng plan import PATH [--dry-run] [--format json]``: read a work-plan notice and import it."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from minzheng.framework.exceptions import DomainError
from minzheng.plans.parsing import parse_plan, read_plan_file
from minzheng.plans.services import import_plan


class Command(BaseCommand):
    help = "Work plans: read a plain-text work-plan notice (UTF-8 or GB18030) and import it, or show it (--dry-run)."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        command = subcommands.add_parser("import", help="Import a plan; --dry-run only shows what was read.")
        command.add_argument("path")
        command.add_argument("--dry-run", action="store_true", help="Read and show; write nothing.")
        command.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args, subcommand: str, path: str, dry_run: bool, format: str, **options):
        try:
            text = read_plan_file(path)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        document = parse_plan(text)
        if format == "json":
            self.stdout.write(json.dumps(document.as_dict(), ensure_ascii=False, indent=2))
        else:
            self._summary(document)
        if dry_run:
            return
        try:
            plan = import_plan(document, text=text, actor=None, file_name=path.rsplit("/", 1)[-1])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write(_("Imported work plan %(id)d: %(title)s.") % {"id": plan.pk, "title": plan.title})

    def _summary(self, document) -> None:
        self.stdout.write(f"{document.title} ({document.year or '—'})")
        for chapter in document.chapters:
            self.stdout.write(f"{chapter.label}、{chapter.title}")
            for item in chapter.items:
                self.stdout.write(f"  {item.number}. ({item.label}) {item.title}")
                for target in item.targets:
                    self.stdout.write(f"      ▸ {target.subject} {target.comparator} {target.value}{target.unit}"
                                      f"  「{target.quote}」")
