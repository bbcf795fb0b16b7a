"""`minzheng setup`: migrate, seed roles and reference data, and (with --demo) the 天津市 demo."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.services import seed_roles
from minzheng.approvals.holidays import seed_holidays
from minzheng.assistance.flows import seed_flows
from minzheng.assistance.services import seed_programs
from minzheng.divisions.services import load_reference


class Command(BaseCommand):
    help = "Prepare the database: migrations, roles, reference divisions; --demo adds demo data and users."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Load the 天津市 demo data and demo users.")

    def handle(self, *args, demo, **options):
        call_command("migrate", interactive=False, verbosity=0)
        with transaction.atomic():
            seed_roles()
            load_reference()
            seed_holidays()
            seed_programs()
            seed_flows()
        self.stdout.write(_("Database ready: roles and reference divisions loaded."))
        if demo:
            self._demo()

    @staticmethod
    def _staff(users: dict) -> tuple[dict, object]:
        worker = users["heping_worker"]
        staff = {"worker": worker, "officer": users["heping_officer"], "officer2": users["heping_officer2"],
                 "approver": users["heping_approver"], "city_admin": users["city_admin"]}
        return staff, worker.role_assignments.get().division

    def _demo_assistance(self, users: dict) -> None:
        from minzheng.assistance.demo_cases import create_demo_assistance

        staff, community = self._staff(users)
        count = create_demo_assistance(staff, community=community)
        self.stdout.write(_("Demo assistance cases: %(count)d.") % {"count": count})

    def _demo_payments_and_plan(self, users: dict) -> None:
        """After every domain's cases (assistance, the elderly-care subsidies): the rolls, the verification, and
        the work plan measured from all the registries."""
        from minzheng.payments.demo import create_demo_rolls
        from minzheng.plans.demo import create_demo_plan
        from minzheng.verification.demo import create_demo_verification

        staff, community = self._staff(users)
        rolls = create_demo_rolls(actor=users["heping_approver"])
        reports = create_demo_verification(staff, community=community)
        plan = create_demo_plan(users)
        self.stdout.write(_("Demo payment rolls: %(rolls)d; verification reports: %(reports)d.")
                          % {"rolls": len(rolls), "reports": reports})
        if plan is not None:
            self.stdout.write(_("Demo work plan: %(plan)s.") % {"plan": plan})

    def _demo_eldercare(self, users: dict) -> None:
        from minzheng.eldercare.demo import create_demo_eldercare

        made = create_demo_eldercare(users)
        if made is not None:
            self.stdout.write(_("Demo elderly care: %(institutions)d institutions, %(assessments)d assessments, "
                                "%(orders)d home-care orders.") % {key: len(value) for key, value in made.items()
                                                                   if key != "centres"})

    def _demo_marriage(self, users: dict) -> None:
        from minzheng.marriage.demo import create_demo_marriage

        made = create_demo_marriage(users)
        if made is not None:
            self.stdout.write(_("Demo marriage registry: %(offices)d offices, %(appointments)d appointments (popular "
                                "date %(popular_date)s), %(marriages)d marriages.") % made)

    def _demo(self):
        from minzheng.assistance.demo import create_demo_standards
        from minzheng.core.demo import DEMO_PASSWORD, create_demo_users
        from minzheng.divisions.demo import create_demo_divisions
        from minzheng.registry.demo import SETUP_PERSONS, create_demo_persons
        from minzheng.registry.demo.cases import create_demo_cases

        with transaction.atomic():
            create_demo_divisions()
            create_demo_standards()
            users = create_demo_users()
        # Outside the block above: the residents are written in chunks, each its own transaction.
        residents = create_demo_persons(SETUP_PERSONS)
        create_demo_cases(actor=users[0][1])  # the superuser: life events and duplicates in every state
        by_name = dict((demo.username, user) for demo, user in users)
        self._demo_assistance(by_name)
        self._demo_eldercare(by_name)
        self._demo_marriage(by_name)
        self._demo_payments_and_plan(by_name)
        self.stdout.write(_("Demo residents: %(persons)d added in %(households)d households.")
                          % {"persons": residents.persons, "households": residents.households})
        self.stdout.write(_("Demo logins (password: %(password)s):") % {"password": DEMO_PASSWORD})
        for demo, user in users:
            role = demo.role or "superuser"
            self.stdout.write(f"  {user.username:<18} {demo.full_name}  [{role}]")
