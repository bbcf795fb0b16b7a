"""Demo verification data for the community of the demo cases: sample rules, source files loaded through the
loading service (one source replaced by a newer file), consents, reports in every outcome and a batch review
whose findings opened review tasks. Idempotent: nothing is added once a rule set exists.

The source rows are invented for the demo households and shaped so that each outcome appears: of the four
households in payment, one matches what the investigation recorded, one has deposits above the limit, one
earns more than recorded, and one member has a business registration.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from minzheng.assistance.benefits import add_months
from minzheng.assistance.choices import CaseStatus
from minzheng.assistance.models import AssistanceCase, Program
from minzheng.divisions.models import Division
from minzheng.registry.choices import PersonStatus
from minzheng.registry.models import Household
from minzheng.verification.annual import run_batch_review
from minzheng.verification.choices import SourceKind
from minzheng.verification.consents import record_consent, revoke_consent
from minzheng.verification.models import BatchReview, Consent, EligibilityRuleSet
from minzheng.verification.services import load_snapshot
from minzheng.verification.verify import ADULT_AGE, verify_household

__all__ = ["create_demo_verification"]

HEADER = ("身份证号", "姓名", "金额", "月份", "类别", "面积")


@dataclass
class _Sources:
    """The rows of each source file, built household by household."""

    rows: dict[str, list[tuple]] = field(default_factory=lambda: {kind.value: [] for kind in SourceKind})
    months: list[datetime.date] = field(default_factory=list)

    def monthly(self, kind: str, person, amount: str, category: str) -> None:
        for month in self.months:
            self.rows[kind].append((person.id_number, person.name, amount, f"{month:%Y-%m}", category, ""))

    def once(self, kind: str, person, amount: str, category: str = "", area: str = "") -> None:
        self.rows[kind].append((person.id_number, person.name, amount, "", category, area))

    def file(self, kind: str) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(self.rows[kind])
        return out.getvalue().encode("utf-8-sig")


def _living(household: Household) -> list:
    return [m.person for m in household.memberships.filter(end_date__isnull=True, person__status=PersonStatus.ALIVE)
            .select_related("person").order_by("pk")]


def _rules(program: Program, city) -> None:
    EligibilityRuleSet.objects.create(
        program=program, division=city, effective_from=datetime.date(2014, 1, 1), is_sample=True,
        source_document="示例规则（非天津市正式文件）", income_sources=["wages", "pension"], income_months=12,
        review_margin=Decimal("0.05"), max_properties=1, max_area_per_person=Decimal("35"),
        allowed_vehicle_types="摩托车、残疾人代步车", deposit_multiple=Decimal("2"), income_tolerance=Decimal("50"))


def _profiles(sources: _Sources, active: list[AssistanceCase], others: list[Household]) -> None:
    """Rows for the households in payment (one finding each) and ordinary data for the others: the first of
    them has no income on record anywhere, the others' heads earn wages or draw a pension in turn."""
    for index, case in enumerate(active):
        members = _living(case.household)
        head = members[0]
        recorded = case.household_income + (Decimal("600") if index == 2 else 0)  # 2: earns more than recorded
        if recorded:
            sources.monthly(SourceKind.WAGES, head, f"{recorded:.2f}", "天津某物业服务有限公司")
        sources.once(SourceKind.REAL_ESTATE, head, "650000", "住宅", "48.50")
        sources.once(SourceKind.DEPOSIT, head, "90000" if index == 1 else "3000", "中国工商银行")  # 1: too much
        if index == 0:
            sources.once(SourceKind.BUSINESS, members[-1], "50000", "个体工商户")  # 0: a business to look at
    for index, household in enumerate(others[1:]):
        head = _living(household)[0]
        if index % 2:
            sources.monthly(SourceKind.PENSION, head, "2860.00", "城镇职工基本养老金")
        else:
            sources.monthly(SourceKind.WAGES, head, "4200.00", "天津某商贸有限公司")
        sources.once(SourceKind.REAL_ESTATE, head, "1200000", "住宅", "86.00")
    if len(others) > 1:
        sources.once(SourceKind.VEHICLE, _living(others[1])[0], "150000", "小型轿车")


def _load(sources: _Sources, actor, today: datetime.date) -> None:
    """Every source as of the end of last month, after an older wage file that it replaces (kept, superseded)."""
    as_of = today.replace(day=1) - datetime.timedelta(days=1)
    last = f"{sources.months[-1]:%Y-%m}"
    older = _Sources(rows={SourceKind.WAGES.value: [row for row in sources.rows[SourceKind.WAGES] if row[3] != last]})
    load_snapshot(SourceKind.WAGES, older.file(SourceKind.WAGES), as_of=add_months(as_of, -1), actor=actor,
                  label="人社局工资数据（上月）", file_name="wages-previous.csv")
    for kind in (kind for kind in SourceKind if sources.rows[kind]):
        load_snapshot(kind, sources.file(kind), as_of=as_of, actor=actor, label=f"{kind.label}（演示）",
                      file_name=f"{kind.value}.csv")


def _consents(households: list[Household], worker, today: datetime.date) -> None:
    adult_born_by = today.replace(year=today.year - ADULT_AGE)
    for household in households:
        for person in _living(household):
            if person.birth_date <= adult_born_by:
                record_consent(Consent(household=household, person=person, signed_on=today - datetime.timedelta(
                    days=20), document=ContentFile(b"%PDF-1.4 demo consent", name="授权书.pdf")), actor=worker)


def create_demo_verification(users: dict, *, community) -> int:
    """Rules, sources, consents, reports and one batch review for ``community``; ``users`` maps worker, officer,
    approver and city_admin to the demo accounts. Returns the number of reports (0 when already there).

    The reasons are written in the site's language (Chinese), as a page or a job in it would write them.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _create(users, community)


def _create(users: dict, community) -> int:
    program = Program.objects.get(code="dibao_urban")
    if EligibilityRuleSet.objects.exists():
        return 0
    today = timezone.localdate()
    active = list(AssistanceCase.objects.filter(division=community, status=CaseStatus.ACTIVE, program=program)
                  .select_related("household").order_by("pk")[:4])
    cased = AssistanceCase.objects.filter(division=community).values("household_id")
    others = [household for household in Household.objects.filter(division=community).exclude(pk__in=cased)
              .order_by("number")[:40] if _living(household)]
    _rules(program, Division.objects.get(path=community.path.split("/")[0] + "/"))
    sources = _Sources(months=[add_months(today.replace(day=1), -n) for n in range(12, 0, -1)])
    _profiles(sources, active, others)
    _load(sources, users["city_admin"], today)
    verified = [case.household for case in active] + others[:2]
    _consents(verified + others[2:3], users["worker"], today)
    for case in active:
        verify_household(case.household, program=program, case=case, actor=users["officer"])
    for household in others[:2]:
        verify_household(household, program=program, actor=users["officer"], purpose="临时救助申请前核对")
    revoke_consent(others[2].verification_consents.first(), actor=users["officer"], on=today)
    run_batch_review(BatchReview.objects.create(as_of=today, started_by=users["city_admin"]))
    return len(active) + 2
