"""Test data of the work plan: units, and a small plan written directly."""

import datetime
from decimal import Decimal

from minzheng.plans.choices import Binding, UnitKind
from minzheng.plans.models import Chapter, Item, Plan, Target, Task, Unit


def unit(code: str, name: str, division, kind=UnitKind.DISTRICT_BUREAU, members=()) -> Unit:
    made = Unit.objects.create(code=code, name=name, kind=kind, division=division)
    made.members.set(members)
    return made


def plan(year: int = 2014, title: str = "2014年天津市民政工作要点") -> Plan:
    return Plan.objects.create(title=title, year=year, text="……")


def item(of: Plan, number: int, title: str, *, chapter: Chapter | None = None, due_on=None, units=()) -> Item:
    defaults = {"label": "一", "title": "第一章"}
    chapter = chapter or Chapter.objects.get_or_create(plan=of, number=1, defaults=defaults)[0]
    made = Item.objects.create(plan=of, chapter=chapter, number=number, label=str(number), title=title,
                               due_on=due_on or datetime.date(of.year, 12, 31))
    made.units.set(units)
    Task.objects.create(item=made, number=1, text=f"{title}的任务")
    return made


def target(of: Item, value, subject: str = "美丽社区", unit_name: str = "个", comparator=">=", number: int = 1,
           **extra) -> Target:
    return Target.objects.create(item=of, number=number, value=Decimal(str(value)), unit=unit_name, subject=subject,
                                 comparator=comparator, quote=f"创建{value}{unit_name}{subject}",
                                 binding=extra.pop("binding", Binding.NONE), **extra)
