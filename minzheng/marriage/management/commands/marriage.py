"""`minzheng marriage daily`: the registry's daily work (lapse divorce applications, close missed appointments,
open the bookable days' slots) by hand; the queue's scheduler runs it every night (``jobs.tasks``)."""

from django.core.management.base import BaseCommand

from minzheng.marriage.jobs import run_daily, summary


class Command(BaseCommand):
    help = "Marriage registry: `daily` lapses divorce applications, closes missed appointments, opens slots."

    def add_arguments(self, parser):
        parser.add_argument("task", choices=["daily"])

    def handle(self, *args, task, **options):
        result = run_daily()
        self.stdout.write(summary(result))
