import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from minzheng.accounts.models import RoleAssignment
from minzheng.accounts.services import role_group
from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.audit.services import record_event
from minzheng.divisions.choices import ChangeKind, Kind, Level
from minzheng.divisions.events import DivisionEvent
from minzheng.divisions.models import Division, DivisionChange
from minzheng.divisions.services import (
    REFERENCE_FILE,
    ancestor_as_of,
    apply_change,
    load_reference,
    move_subtree,
    resolve_code,
    rollup_counts,
)
from minzheng.framework.exceptions import DomainError
from minzheng.jobs.models import Job

DISTRICTS_2014 = {"120101", "120102", "120103", "120104", "120105", "120106", "120110", "120111", "120112",
                  "120113", "120114", "120115", "120116"}
COUNTIES_2014 = {"120221", "120223", "120225"}
DISTRICTS_2017 = {"120101", "120102", "120103", "120104", "120105", "120106", "120110", "120111", "120112",
                  "120113", "120114", "120115", "120116", "120117", "120118", "120119"}
MID_2008, MID_2010 = datetime.date(2008, 6, 30), datetime.date(2010, 6, 30)
MID_2014, MID_2016, MID_2017 = datetime.date(2014, 6, 30), datetime.date(2016, 6, 30), datetime.date(2017, 6, 30)


def county_level_codes(date: datetime.date) -> set[str]:
    return set(Division.objects.filter(level=Level.DISTRICT).valid_on(date).values_list("code", flat=True))


# load_reference


def test_load_reference_creates_the_units_and_changes_of_the_data_file(db):
    report = load_reference()

    assert (report.created, report.changes_created, report.changes_updated, report.changes_applied) == (23, 4, 0, 4)
    assert Division.objects.count() == 23
    assert set(Division.objects.filter(level=Level.CITY).values_list("code", "name")) == {("120000", "天津市")}
    assert set(DivisionChange.objects.values_list("date", "kind", "document", "date_confirmed")) == {
        (datetime.date(2009, 12, 31), ChangeKind.MERGE, "", False),
        (datetime.date(2015, 12, 31), ChangeKind.UPGRADE, "国函〔2015〕119号", False),
        (datetime.date(2016, 12, 31), ChangeKind.UPGRADE, "国函〔2016〕98号", False),
    }
    assert DivisionChange.objects.count() == 4


def test_load_reference_uses_no_grouping_codes(db):
    load_reference()

    assert not Division.objects.filter(code__in=["120100", "120200"]).exists()


def test_load_reference_twice_changes_nothing(db):
    load_reference()
    before = list(Division.objects.values_list("pk", "path", "valid_from", "valid_to", "updated_at"))
    events, changes = AuditEvent.objects.count(), ObjectChange.objects.count()

    report = load_reference()

    assert not report.changed
    assert list(Division.objects.values_list("pk", "path", "valid_from", "valid_to", "updated_at")) == before
    assert (AuditEvent.objects.count(), ObjectChange.objects.count()) == (events, changes)
    assert DivisionChange.objects.count() == 4


def test_load_reference_records_one_event(db):
    load_reference()

    loaded = AuditEvent.objects.get(code=DivisionEvent.REFERENCE_LOADED)
    assert loaded.payload == {"file": "tianjin.json", "created": 23, "changes_created": 4, "changes_updated": 0,
                              "changes_applied": 4}
    assert AuditEvent.objects.filter(code=DivisionEvent.CHANGE_APPLIED).count() == 4


def test_load_reference_keeps_existing_units(tree):
    load_reference()

    assert Division.objects.get(code="120101").pk == tree.heping.pk
    assert Division.objects.filter(level=Level.DISTRICT).count() == 22


def test_the_2014_tree_has_13_districts_and_3_counties(db):
    load_reference()

    units = Division.objects.filter(level=Level.DISTRICT).valid_on(MID_2014)
    assert county_level_codes(MID_2014) == DISTRICTS_2014 | COUNTIES_2014
    assert set(units.filter(kind=Kind.COUNTY).values_list("code", flat=True)) == COUNTIES_2014


def test_the_2017_tree_has_16_districts(db):
    load_reference()

    assert county_level_codes(MID_2017) == DISTRICTS_2017
    assert set(Division.objects.filter(level=Level.DISTRICT).current().values_list("code", flat=True)) == DISTRICTS_2017


def test_the_2008_tree_has_tanggu_hangu_dagang_and_no_binhai(db):
    load_reference()

    retired_in_2009 = {"120107", "120108", "120109"}
    assert county_level_codes(MID_2008) == (DISTRICTS_2014 - {"120116"}) | retired_in_2009 | COUNTIES_2014


def test_retired_units_sit_under_their_successor(db):
    load_reference()

    paths = dict(Division.objects.filter(valid_to__isnull=False).values_list("code", "path"))
    assert paths == {"120107": "120000/120116/120107/", "120108": "120000/120116/120108/",
                     "120109": "120000/120116/120109/", "120221": "120000/120117/120221/",
                     "120223": "120000/120118/120223/", "120225": "120000/120119/120225/"}


def test_changes_set_the_end_and_start_dates(db):
    load_reference()

    dates = dict(Division.objects.filter(code__in=["120107", "120116", "120221", "120117", "120225", "120119"])
                 .values_list("code", "valid_from"))
    ends = dict(Division.objects.filter(code__in=["120107", "120221", "120225"]).values_list("code", "valid_to"))
    assert dates == {"120107": None, "120116": datetime.date(2009, 12, 31), "120221": None,
                     "120117": datetime.date(2015, 12, 31), "120225": None, "120119": datetime.date(2016, 12, 31)}
    assert ends == {"120107": datetime.date(2009, 12, 31), "120221": datetime.date(2015, 12, 31),
                    "120225": datetime.date(2016, 12, 31)}


def _corrected_reference(tmp_path, date: str, confirmed: bool):
    data = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    data["changes"][1].update(date=date, date_confirmed=confirmed)
    path = tmp_path / "tianjin.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_corrected_date_in_the_file_updates_an_unconfirmed_change(db, tmp_path):
    load_reference()

    report = load_reference(path=_corrected_reference(tmp_path, "2015-08-20", True))

    change = DivisionChange.objects.get(targets__code="120117")
    assert (report.changes_updated, report.changes_applied) == (1, 1)
    assert (change.date, change.date_confirmed) == (datetime.date(2015, 8, 20), True)
    assert Division.objects.get(code="120221").valid_to == datetime.date(2015, 8, 20)
    assert Division.objects.get(code="120117").valid_from == datetime.date(2015, 8, 20)
    assert Division.objects.get(code="120118").valid_from == datetime.date(2015, 12, 31)


def test_the_file_does_not_override_a_date_confirmed_in_the_database(db, tmp_path):
    load_reference()
    DivisionChange.objects.filter(targets__code="120117").update(date=datetime.date(2015, 7, 1), date_confirmed=True)

    report = load_reference(path=_corrected_reference(tmp_path, "2015-08-20", False))

    assert (report.changes_updated, report.changes_applied) == (0, 1)
    assert DivisionChange.objects.get(targets__code="120117").date == datetime.date(2015, 7, 1)
    assert Division.objects.get(code="120221").valid_to == datetime.date(2015, 7, 1)


# resolve_code


def test_retired_codes_stay_resolvable(db):
    load_reference()

    assert [resolve_code(code).name for code in ("120107", "120221", "120225")] == ["塘沽区", "宁河县", "蓟县"]


def test_resolve_code_on_a_date(db):
    load_reference()

    assert resolve_code("120221", MID_2014).name == "宁河县"
    assert resolve_code("120117", MID_2016).name == "宁河区"
    with pytest.raises(DomainError) as excinfo:
        resolve_code("120221", MID_2016)
    assert excinfo.value.code == "divisions.code_unknown"


def test_resolve_code_prefers_the_current_unit(db):
    load_reference()
    city = Division.objects.get(code="120000")
    reused = Division.objects.create(code="120107", name="新塘沽区", level=Level.DISTRICT, kind=Kind.DISTRICT,
                                     parent=city, valid_from=datetime.date(2030, 1, 1))

    assert resolve_code("120107") == reused
    assert resolve_code("120107", MID_2008).name == "塘沽区"


def test_unknown_code_is_a_domain_error(db):
    with pytest.raises(DomainError) as excinfo:
        resolve_code("999999")

    assert excinfo.value.code == "divisions.code_unknown"


# ancestor_as_of


def test_a_unit_under_ninghe_county_rolls_up_by_date(reference, make_street):
    town = make_street(reference("120221"), "100", "芦台镇")

    assert ancestor_as_of(town, Level.DISTRICT, MID_2014).name == "宁河县"
    assert ancestor_as_of(town, Level.DISTRICT, MID_2016).name == "宁河区"
    assert ancestor_as_of(town, Level.CITY, MID_2016).name == "天津市"
    assert ancestor_as_of(town, Level.STREET, MID_2016) == town


def test_a_unit_under_tanggu_rolls_up_by_date(reference, make_street):
    street = make_street(reference("120107"), "001", "新港街道")

    assert ancestor_as_of(street, Level.DISTRICT, MID_2008).name == "塘沽区"
    assert ancestor_as_of(street, Level.DISTRICT, MID_2010).name == "滨海新区"


def test_the_change_date_itself_belongs_to_the_new_unit(reference):
    ninghe = reference("120221")

    assert ancestor_as_of(ninghe, Level.DISTRICT, datetime.date(2015, 12, 30)).name == "宁河县"
    assert ancestor_as_of(ninghe, Level.DISTRICT, datetime.date(2015, 12, 31)).name == "宁河区"


def test_no_ancestor_before_the_unit_existed(reference):
    assert ancestor_as_of(reference("120116"), Level.DISTRICT, MID_2008) is None


# rollup_counts


@pytest.fixture
def assignments(reference, make_street, make_user):
    """Role assignments in 塘沽区 (2, one in a street), 滨海新区 (1), 宁河县 (1), 宁河区 (1), 和平区 (1)."""
    user = make_user(None)
    role = role_group("community_worker")
    tanggu_street = make_street(reference("120107"), "001", "新港街道")
    divisions = [reference("120107"), tanggu_street, reference("120116"), reference("120221"), reference("120117"),
                 reference("120101")]
    for division in divisions:
        RoleAssignment.objects.create(user=user, role=role, division=division)
    return RoleAssignment.objects.filter(user=user)


def named(counts: dict) -> dict[str, int]:
    return {division.name: count for division, count in counts.items()}


def test_rollup_before_the_2009_merger(assignments):
    counts = rollup_counts(assignments, date=MID_2008)

    assert named(counts) == {"塘沽区": 2, "宁河县": 1, "和平区": 1}


def test_rollup_after_the_2009_merger(assignments):
    assert named(rollup_counts(assignments, date=MID_2014)) == {"滨海新区": 3, "宁河县": 1, "和平区": 1}


def test_rollup_after_the_2015_upgrade(assignments):
    assert named(rollup_counts(assignments, date=MID_2016)) == {"滨海新区": 3, "宁河区": 2, "和平区": 1}


def test_rollup_to_the_city(assignments):
    assert named(rollup_counts(assignments, date=MID_2016, level=Level.CITY)) == {"天津市": 6}


def test_rollup_runs_one_grouped_query_on_the_rows(assignments, django_assert_num_queries):
    with django_assert_num_queries(3):
        rollup_counts(assignments, date=MID_2016)


def test_rollup_of_divisions_counts_streets_per_district(reference, make_street):
    make_street(reference("120221"), "100", "芦台镇")
    make_street(reference("120221"), "101", "宁河镇")
    make_street(reference("120117"), "102", "苗庄镇")
    make_street(reference("120101"), "001", "劝业场街道")
    streets = Division.objects.filter(level=Level.STREET)

    assert named(rollup_counts(streets, date=MID_2014)) == {"宁河县": 2, "和平区": 1}
    assert named(rollup_counts(streets, date=MID_2016)) == {"宁河区": 3, "和平区": 1}


def test_rollup_leaves_out_rows_without_a_division(reference):
    Job.objects.create(name="a", division=reference("120225"))
    Job.objects.create(name="b", division=reference("120119"))
    Job.objects.create(name="c", division=None)

    assert named(rollup_counts(Job.objects.all(), date=datetime.date(2016, 6, 30))) == {"蓟县": 1}
    assert named(rollup_counts(Job.objects.all(), date=datetime.date(2017, 6, 30))) == {"蓟州区": 2}


def test_rollup_of_rows_stamped_with_a_division_path(reference):
    record_event("test.event", actor=None, subject=reference("120108"))
    record_event("test.event", actor=None, subject=reference("120116"))

    counts = rollup_counts(AuditEvent.objects.filter(code="test.event"), date=MID_2010)

    assert named(counts) == {"滨海新区": 2}


def test_rollup_of_an_unscoped_model_is_refused(reference):
    with pytest.raises(ValueError):
        rollup_counts(DivisionChange.objects.all(), date=MID_2016)


# move_subtree and apply_change


def test_move_subtree_rewrites_every_descendant_path(reference, make_street):
    street = make_street(reference("120101"), "001", "劝业场街道", community=True)
    target = reference("120103")

    move_subtree(street, target)

    moved = dict(Division.objects.filter(code__startswith="120101001").values_list("code", "path"))
    depths = dict(Division.objects.filter(code__startswith="120101001").values_list("code", "depth"))
    assert moved == {"120101001000": "120000/120103/120101001000/",
                     "120101001001": "120000/120103/120101001000/120101001001/"}
    assert depths == {"120101001000": 2, "120101001001": 3}
    assert Division.objects.get(code="120101001000").parent == target
    assert Division.objects.get(code="120101001001").parent == street
    assert street.path == "120000/120103/120101001000/"


def test_move_subtree_changes_depth_when_moving_up(reference, make_street):
    street = make_street(reference("120107"), "001", "新港街道", community=True)

    move_subtree(street, reference("120000"))

    assert dict(Division.objects.filter(code__startswith="120107001").values_list("path", "depth")) == {
        "120000/120107001000/": 1, "120000/120107001000/120107001001/": 2}


def test_move_subtree_is_one_update(reference, make_street):
    street = make_street(reference("120101"), "001", "劝业场街道", community=True)
    target = reference("120103")

    with CaptureQueriesContext(connection) as queries:
        move_subtree(street, target)

    updates = [query["sql"] for query in queries.captured_queries if query["sql"].startswith("UPDATE")]
    assert len(updates) == 1


def test_move_subtree_refuses_to_move_under_itself(reference, make_street):
    street = make_street(reference("120101"), "001", "劝业场街道", community=True)
    paths = list(Division.objects.values_list("path", flat=True))

    with pytest.raises(DomainError):
        move_subtree(reference("120101"), Division.objects.get(code="120101001001"))

    assert list(Division.objects.values_list("path", flat=True)) == paths
    assert street.path == "120000/120101/120101001000/"


@pytest.fixture
def upgrade(tree, make_street):
    """测试县 (120299) with a town and a village, to become 测试区 (120120) on 2020-01-01."""
    county = Division.objects.create(code="120299", name="测试县", level=Level.DISTRICT, kind=Kind.COUNTY,
                                     parent=tree.city)
    make_street(county, "100", "测试镇", community=True)
    district = Division.objects.create(code="120120", name="测试区", level=Level.DISTRICT, kind=Kind.DISTRICT,
                                       parent=tree.city)
    change = DivisionChange.objects.create(date=datetime.date(2020, 1, 1), kind=ChangeKind.UPGRADE,
                                           description="撤销测试县，设立测试区")
    change.sources.set([county])
    change.targets.set([district])
    return change


def test_apply_change_dates_the_units_and_moves_the_source_subtree(upgrade, city_admin):
    apply_change(upgrade, actor=city_admin)

    units = Division.objects.filter(code__in=["120120", "120299", "120299100000", "120299100001"])
    assert list(units.order_by("code").values_list("code", "path", "valid_from", "valid_to")) == [
        ("120120", "120000/120120/", datetime.date(2020, 1, 1), None),
        ("120299", "120000/120120/120299/", None, datetime.date(2020, 1, 1)),
        ("120299100000", "120000/120120/120299/120299100000/", None, None),
        ("120299100001", "120000/120120/120299/120299100000/120299100001/", None, None),
    ]
    assert Division.objects.get(code="120299").parent.code == "120120"


def test_apply_change_without_a_single_target_moves_nothing(upgrade, tree, city_admin):
    upgrade.targets.add(tree.hexi)

    apply_change(upgrade, actor=city_admin)

    assert Division.objects.get(code="120299").path == "120000/120299/"
    assert Division.objects.get(code="120299").valid_to == datetime.date(2020, 1, 1)
    assert Division.objects.get(code="120103").valid_from == datetime.date(2020, 1, 1)


def test_apply_change_records_an_event_once(db, city_admin):
    load_reference()
    change = DivisionChange.objects.get(targets__code="120119")
    Division.objects.filter(code="120225").update(valid_to=None)

    apply_change(change, actor=city_admin)
    apply_change(change, actor=city_admin)

    events = AuditEvent.objects.filter(code=DivisionEvent.CHANGE_APPLIED, actor=city_admin)
    assert [event.payload for event in events] == [{"date": "2016-12-31", "kind": "upgrade",
                                                    "document": "国函〔2016〕98号", "sources": ["120225"],
                                                    "targets": ["120119"]}]
