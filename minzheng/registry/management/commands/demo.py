"""``minzheng demo --persons N [--seed S]``: synthetic residents and households in the demo communities."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from minzheng.divisions.demo import create_demo_divisions
from minzheng.framework import context
from minzheng.framework.exceptions import DomainError
from minzheng.registry.demo import create_demo_persons


class Command(BaseCommand):
    help = ("Generate N synthetic residents with their households in the demo communities; "
            "the same seed gives the same people, and a second run adds nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, required=True, help="How many persons the seed should have.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")

    def handle(self, *args, persons: int, seed: int, **options):
        if persons < 0:
            raise CommandError(_("--persons cannot be negative."))
        started, self.verbosity = time.monotonic(), options.get("verbosity", 1)
        with context.activity():
            create_demo_divisions()
            try:
                report = create_demo_persons(persons, seed=seed, progress=self._progress)
            except DomainError as exc:
                raise CommandError(exc.message, returncode=1)
        self.stdout.write(_("Demo persons: %(persons)d created in %(households)d households "
                            "(%(skipped)d households existed already) in %(seconds).1f s.") % {
            "persons": report.persons, "households": report.households, "skipped": report.skipped_households,
            "seconds": time.monotonic() - started})

    def _progress(self, done: int) -> None:
        if self.verbosity > 1:
            self.stdout.write(f"  {done}")
