"""The demo work plan: the bureau's 2014 work-plan notice imported, its items assigned to the units, progress in
every state (its indicator suggestions waiting for confirmation), and a plan of this year whose targets are bound
to indicators and measured live. Idempotent: nothing once a plan exists."""

import datetime
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from minzheng.divisions.choices import Level
from minzheng.divisions.models import Division
from minzheng.plans import services
from minzheng.plans.choices import ItemStatus, TaskStatus, UnitKind
from minzheng.plans.models import Plan, Target, Unit
from minzheng.plans.parsing import parse_plan, read_plan_file

__all__ = ["PLAN_FILE", "create_demo_plan"]

PLAN_FILE = Path(__file__).parent / "data" / "tianjin-2014-minzheng-gongzuo-yaodian.txt"
#: A small district plan of the current year (``{year}`` filled in), whose 低保 targets are measured live.
CURRENT_FILE = Path(__file__).parent / "data" / "demo-current-year.txt"

#: The city bureau's divisions (处室) that lead the chapters of the 2014 plan (demo names).
BUREAU_DIVISIONS = (("jczq", "基层政权和社区建设处"), ("shfl", "社会福利和慈善事业促进处"),
                    ("shzz", "社会组织管理局"), ("sxsw", "社会事务处"), ("shjz", "社会救助处"), ("jzc", "救灾处"))


def _units(city, users: dict) -> tuple[list[Unit], dict[str, Unit]]:
    bureau = [Unit.objects.create(code=code, name=name, kind=UnitKind.BUREAU_DIVISION, division=city)
              for code, name in BUREAU_DIVISIONS]
    bureau[1].members.add(users["city_admin"])
    districts = {}
    for district in Division.objects.filter(level=Level.DISTRICT, parent=city).order_by("code"):
        districts[district.code[:6]] = Unit.objects.create(
            code=f"mzj-{district.code[:6]}", name=f"{district.name}民政局", kind=UnitKind.DISTRICT_BUREAU,
            division=district)
    districts["120101"].members.add(users["heping_approver"])
    if "hexi_approver" in users and "120103" in districts:
        districts["120103"].members.add(users["hexi_approver"])
    return bureau, districts


def _assign(plan: Plan, bureau: list[Unit], districts: dict[str, Unit], actor) -> None:
    """Each chapter's items to its bureau division (lead) and two district bureaus."""
    helpers = [districts.get("120101"), districts.get("120103")]
    for item in plan.items.select_related("chapter"):
        lead = bureau[min(item.chapter.number, len(bureau)) - 1]
        services.assign_item(item, units=[lead, *[unit for unit in helpers if unit]], lead=lead,
                             due_on=datetime.date(plan.year, 12, 31), actor=actor)


def _progress(plan: Plan, users: dict, today: datetime.date) -> None:
    """Reports that put targets in every light, task states, an item done and one overdue."""
    reporter = users["heping_approver"]
    values = {"美丽社区": "120", "养老机构床位": "5200", "老年日间照料服务中心": "30", "区级老年配餐中心": "1"}
    on = min(today, datetime.date(plan.year, 12, 20))
    for subject, value in values.items():  # reached; slightly behind; behind; behind (the rest: no data)
        target = Target.objects.filter(item__plan=plan, subject=subject).first()
        if target is not None:
            services.report_progress(target, value=Decimal(value), reported_on=on, actor=reporter, note="演示进度",
                                     evidence=ContentFile(b"%PDF-1.4", name="佐证.pdf"))
    first = plan.items.order_by("number").first()
    for task in first.tasks.order_by("number")[:2]:
        services.set_task_status(task, status=TaskStatus.DONE, actor=reporter)
    services.set_item_status(first, status=ItemStatus.DONE, actor=reporter, on=datetime.date(plan.year, 11, 30))
    second = plan.items.get(number=2)
    services.set_task_status(second.tasks.order_by("number").first(), status=TaskStatus.IN_PROGRESS, actor=reporter)
    services.assign_item(second, units=list(second.units.all()), lead=second.lead,
                         due_on=datetime.date(plan.year, 9, 30), actor=users["city_admin"])  # overdue


def _current_year_plan(districts: dict[str, Unit], users: dict, today: datetime.date) -> Plan:
    """This year's 和平区 plan: its 低保 targets bound live to 和平区's assistance indicators, one reported."""
    actor, heping = users["city_admin"], districts["120101"]
    text = read_plan_file(CURRENT_FILE).replace("{year}", str(today.year))
    plan = services.import_plan(parse_plan(text), text=text, actor=actor, file_name=CURRENT_FILE.name)
    for item in plan.items.all():
        services.assign_item(item, units=[heping], lead=heping, due_on=datetime.date(today.year, 12, 31), actor=actor)
    for target in Target.objects.filter(item__plan=plan, binding="suggested"):
        services.confirm_binding(target, indicator=target.indicator, division=heping.division, actor=actor)
    grants = Target.objects.filter(item__plan=plan, subject__contains="临时救助").first()
    if grants is not None:
        services.report_progress(grants, value=Decimal("2"), reported_on=today, actor=users["heping_approver"])
    return plan


def create_demo_plan(users: dict) -> Plan | None:
    """Import the 2014 plan as ``users["city_admin"]`` and make the demo state, and a small plan of this year
    measured live; None when a plan exists."""
    if Plan.objects.exists():
        return None
    actor = users["city_admin"]
    city = Division.objects.filter(depth=0).order_by("pk").first()
    text = read_plan_file(PLAN_FILE)
    plan = services.import_plan(parse_plan(text), text=text, actor=actor, file_name=PLAN_FILE.name)
    bureau, districts = _units(city, users)
    _assign(plan, bureau, districts, actor)  # suggested indicators wait for confirmation: 2014 is reported
    _progress(plan, users, timezone.localdate())
    _current_year_plan(districts, users, timezone.localdate())
    return plan
