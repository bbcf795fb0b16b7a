"""`minzheng marriage daily`: the registry's daily work (lapse divorce applications, close missed appointments,
open the bookable days' slots); run it from cron once a day, shortly after midnight."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from minzheng.marriage.jobs import run_daily


class Command(BaseCommand):
    help = "Marriage registry: `daily` lapses divorce applications, closes missed appointments, opens slots."

    def add_arguments(self, parser):
        parser.add_argument("task", choices=["daily"])

    def handle(self, *args, task, **options):
        result = run_daily()
        self.stdout.write(_("Lapsed: %(lapsed)d; missed appointments: %(missed)d; slots open: %(slots)d.") % result)
