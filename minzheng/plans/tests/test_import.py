"""Importing a work-plan notice: the command's dry run (JSON), the import, who may import."""

import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from minzheng.audit.models import AuditEvent
from minzheng.plans.choices import Binding
from minzheng.plans.events import PlanEvent
from minzheng.plans.models import Chapter, Item, Plan, Target, Task
from minzheng.plans.parsing import parse_plan
from minzheng.plans.services import import_plan, suggest_indicator

FIXTURE = Path(__file__).parent.parent / "data" / "tianjin-2014-minzheng-gongzuo-yaodian.txt"

pytestmark = pytest.mark.django_db


def dry_run(path=FIXTURE) -> dict:
    out = io.StringIO()
    call_command("plan", "import", str(path), "--dry-run", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_the_dry_run_prints_the_structure_and_writes_nothing():
    data = dry_run()
    assert data["year"] == 2014 and len(data["chapters"]) == 6
    items = [item for chapter in data["chapters"] for item in chapter["items"]]
    assert [item["number"] for item in items] == list(range(1, 18))
    targets = {(t["value"], t["unit"], t["subject"]) for item in items for t in item["targets"]}
    assert {(120, "个", "美丽社区"), (6000, "张", "养老机构床位"), (80, "个", "老年日间照料服务中心"),
            (5, "个", "区级老年配餐中心"), (20, "项", "民心工程养老项目")} <= targets
    assert not Plan.objects.exists()


def test_the_import_writes_plan_chapters_items_tasks_targets(city_admin):
    text = FIXTURE.read_text(encoding="utf-8")
    plan = import_plan(parse_plan(text), text=text, actor=city_admin, file_name=FIXTURE.name)
    assert (plan.year, plan.chapters.count(), plan.items.count()) == (2014, 6, 17)
    assert Task.objects.filter(item__plan=plan).count() > 17
    beds = Target.objects.get(item__plan=plan, subject="养老机构床位")
    assert beds.value == 6000 and beds.task is not None and "6000张" in beds.task.text
    assert Item.objects.filter(plan=plan).exclude(due_on="2014-12-31").count() == 0
    assert not Item.objects.filter(text__contains="天津人才服务中心").exists()
    assert AuditEvent.objects.filter(code=PlanEvent.IMPORTED, object_id=str(plan.pk)).exists()


def test_the_command_imports_as_the_system(capsys):
    call_command("plan", "import", str(FIXTURE))
    assert Plan.objects.count() == 1 and Chapter.objects.count() == 6


def test_a_document_without_items_is_refused(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("关于印发某某的通知\n\n各区民政局:\n请认真贯彻落实。\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("plan", "import", str(empty))
    assert not Plan.objects.exists()


def test_only_the_city_imports(hx_approver, hp_admin):
    text = FIXTURE.read_text(encoding="utf-8")
    for user in (hx_approver, hp_admin):  # a district role; the administrator role granted in 和平区 only
        with pytest.raises(PermissionDenied):
            import_plan(parse_plan(text), text=text, actor=user)
    assert not Plan.objects.exists() and not AuditEvent.objects.filter(code=PlanEvent.IMPORTED).exists()


def test_targets_naming_a_registered_indicator_get_it_suggested(city_admin):
    assert suggest_indicator("城乡低保对象") == "assistance.recipients"
    assert suggest_indicator("美丽社区") == ""
    text = "2015年民政工作要点\n一、社会救助\n(一)加强低保\n全年保障城乡低保对象不少于10万人。\n"
    plan = import_plan(parse_plan(text), text=text, actor=city_admin)
    target = Target.objects.get(item__plan=plan)
    assert (target.binding, target.indicator) == (Binding.SUGGESTED, "assistance.recipients")
