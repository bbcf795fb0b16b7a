"""Assessment records: scored by the stored rule table on the standard's boundaries, the reassessment date, the
two assessors, superseding, validity on a date, a change of condition, cancelling, the refusals, and the switch
to a successor table by date."""

import copy
import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from minzheng.audit.models import AuditEvent
from minzheng.eldercare.assessment.tables import MZT_039_2013
from minzheng.eldercare.choices import AssessmentStatus
from minzheng.eldercare.events import EldercareEvent
from minzheng.eldercare.models import Assessment, AssessmentRuleTable
from minzheng.eldercare.services import assessments as services
from minzheng.eldercare.tests.assessment_helpers import best_answers, with_perception, with_total
from minzheng.eldercare.tests.factories import DAY, assessed, elder
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.framework.testing.utils import last_change_seq, new_changes, row_state


@pytest.fixture
def person(tree):
    return elder(tree.hp_community)


def _record(person, actor, answers, findings=(), on=datetime.date(2014, 9, 1)):
    return services.record_assessment(person=person, assessed_on=on, reason="initial", answers=answers,
                                      findings=findings, actor=actor)


# The levels on the standard's boundaries, recorded and stored


@pytest.mark.parametrize(("case", "answers", "findings", "level", "level_name"), [
    ("adl_100_case", best_answers(), (), 0, "能力完好"),
    ("adl_95_case", with_total(best_answers(), "adl", 95), (), 1, "轻度失能"),
    ("adl_65_case", with_total(best_answers(), "adl", 65), (), 1, "轻度失能"),
    ("adl_60_case", with_total(best_answers(), "adl", 60), (), 2, "中度失能"),
    ("adl_45_case", with_total(best_answers(), "adl", 45), (), 2, "中度失能"),
    ("adl_40_case", with_total(best_answers(), "adl", 40), (), 3, "重度失能"),
    ("social_7_case", with_total(best_answers(), "social", 7), (), 0, "能力完好"),
    ("social_8_case", with_total(best_answers(), "social", 8), (), 1, "轻度失能"),
    ("mental_1_case", with_total(best_answers(), "mental", 1), (), 1, "轻度失能"),
    ("hearing_2_case", with_perception(best_answers(), (0, 0, 2, 0)), (), 1, "轻度失能"),
    ("coma_case", best_answers(), ("coma",), 3, "重度失能"),
    ("dementia_raises_case", with_total(best_answers(), "adl", 95), ("dementia",), 2, "中度失能"),
], ids=lambda value: value if isinstance(value, str) and value.endswith("_case") else "")
def test_the_level_is_scored_and_stored(person, assessors, case, answers, findings, level, level_name):
    assessment = _record(person, assessors[0], answers, findings)

    stored = Assessment.objects.get(pk=assessment.pk)
    assert (stored.level, stored.level_name, stored.status) == (level, level_name, AssessmentStatus.RECORDED)
    assert stored.answers == answers and stored.findings == sorted(findings)
    assert [d["code"] for d in stored.results["dimensions"]] == ["adl", "mental", "perception", "social"]
    assert stored.rule_table.code == "MZ/T 039-2013" and stored.division == person.hukou_division
    assert stored.assessor == assessors[0] and stored.second_assessor is None


def test_the_dimension_grades_and_the_preliminary_level_are_kept(person, assessors):
    answers = with_total(with_total(best_answers(), "adl", 60), "social", 8)

    stored = _record(person, assessors[0], answers, ("dementia",))

    grades = {d["code"]: (d["score"], d["grade"], d["grade_name"]) for d in stored.results["dimensions"]}
    assert grades == {"adl": (60, 2, "中度受损"), "mental": (0, 0, "完好"), "perception": (0, 0, "完好"),
                      "social": (8, 2, "中度受损")}
    assert (stored.results["preliminary_level"], stored.level) == (2, 3)
    assert stored.results["adjustments"][0]["code"] == "dementia"


@pytest.mark.parametrize(("on", "due"), [
    (DAY(2014, 9, 1), DAY(2015, 3, 1)),
    (DAY(2014, 8, 31), DAY(2015, 2, 28)),
    (DAY(2015, 8, 31), DAY(2016, 2, 29)),
])
def test_the_regular_reassessment_is_due_six_months_later(person, assessors, on, due):
    assert _record(person, assessors[0], best_answers(), on=on).due_on == due


def test_answers_that_cannot_be_scored_write_nothing(person, assessors):
    answers = {**best_answers(), "feeding": 7}
    answers.pop("bathing")
    since = last_change_seq()

    with pytest.raises(DomainError) as refused:
        _record(person, assessors[0], answers)

    assert refused.value.code == "eldercare.assessment_answers"
    assert set(refused.value.errors) == {"feeding", "bathing"}
    assert not Assessment.objects.exists() and new_changes(since) == []


@pytest.mark.parametrize(("case", "change", "code"), [
    ("under_60_case", {"birth_date": DAY(1960, 1, 1)}, "eldercare.not_elderly"),
    ("deceased_case", {"status": "deceased", "death_date": DAY(2014, 8, 1)}, "eldercare.person_deceased"),
])
def test_only_living_elderly_people_are_assessed(tree, assessors, case, change, code):
    person = elder(tree.hp_community, **change)

    with pytest.raises(DomainError) as refused:
        _record(person, assessors[0], best_answers())

    assert refused.value.code == code and not Assessment.objects.exists()


def test_no_table_is_in_force_before_the_standard(person, assessors):
    with pytest.raises(DomainError) as refused:
        _record(person, assessors[0], best_answers(), on=DAY(2013, 9, 30))

    assert refused.value.code == "eldercare.no_rule_table"


def test_one_assessment_at_a_time_awaits_confirmation(person, assessors):
    _record(person, assessors[0], best_answers())

    with pytest.raises(DomainError) as refused:
        _record(person, assessors[1], best_answers(), on=DAY(2014, 9, 2))

    assert refused.value.code == "eldercare.assessment_pending" and Assessment.objects.count() == 1


def test_another_district_cannot_assess(person, hx_officer, reference):
    since = last_change_seq()

    with pytest.raises(PermissionsViolation):
        _record(person, hx_officer, best_answers())

    assert not Assessment.objects.exists() and new_changes(since) == []


# Two assessors


def test_the_first_assessor_cannot_confirm(person, assessors):
    assessment = _record(person, assessors[0], best_answers())
    state, since = row_state(assessment), last_change_seq()

    with pytest.raises(DomainError) as refused:
        services.confirm_assessment(assessment, actor=assessors[0])

    assert refused.value.code == "eldercare.same_assessor"
    assert row_state(assessment) == state and new_changes(since) == []
    assert not AuditEvent.objects.filter(code=EldercareEvent.ASSESSMENT_CONFIRMED).exists()


def test_a_second_assessor_confirms_and_it_counts_from_its_date(person, assessors):
    assessment = _record(person, assessors[0], best_answers())
    assert Assessment.objects.current_for(person, DAY(2014, 9, 1)) is None

    services.confirm_assessment(assessment, actor=assessors[1])

    assessment.refresh_from_db()
    assert (assessment.status, assessment.second_assessor) == (AssessmentStatus.CONFIRMED, assessors[1])
    assert services.assessment_in_force(person, DAY(2014, 9, 1)) == assessment
    assert services.assessment_in_force(person, DAY(2014, 8, 31)) is None
    assert services.assessment_in_force(person, DAY(2015, 2, 28)) == assessment
    assert services.assessment_in_force(person, DAY(2015, 3, 1)) is None  # the reassessment was due
    event = AuditEvent.objects.get(code=EldercareEvent.ASSESSMENT_CONFIRMED)
    assert event.payload == {"level": 0, "superseded": []}


def test_a_later_assessment_supersedes_the_earlier_from_its_date(person, assessors):
    first = assessed(person, assessors[0], (0, 0, 0, 0), on=DAY(2014, 3, 1))
    services.confirm_assessment(first, actor=assessors[1])
    second = assessed(person, assessors[1], (2, 0, 0, 0), on=DAY(2014, 8, 20), reason="regular")

    services.confirm_assessment(second, actor=assessors[0])

    first.refresh_from_db()
    assert (first.status, first.ended_on, first.superseded_by) == (AssessmentStatus.SUPERSEDED, DAY(2014, 8, 20),
                                                                    second)
    assert services.assessment_in_force(person, DAY(2014, 8, 19)).level == 0
    assert services.assessment_in_force(person, DAY(2014, 8, 20)).level == 2


def test_an_older_assessment_cannot_be_confirmed_after_a_newer_one(person, assessors):
    older = assessed(person, assessors[0], on=DAY(2014, 3, 1))
    newer = Assessment.objects.create(
        person=person, division=person.hukou_division, rule_table=older.rule_table, assessed_on=DAY(2014, 6, 1),
        reason="regular", level=1, level_name="轻度失能", due_on=DAY(2014, 12, 1), status=AssessmentStatus.CONFIRMED)

    with pytest.raises(DomainError) as refused:
        services.confirm_assessment(older, actor=assessors[1])

    assert refused.value.code == "eldercare.newer_assessment_exists"
    assert Assessment.objects.get(pk=newer.pk).status == AssessmentStatus.CONFIRMED


def test_a_change_of_condition_calls_for_a_reassessment(person, assessors):
    assessment = assessed(person, assessors[0])
    services.confirm_assessment(assessment, actor=assessors[1])
    assert not Assessment.objects.due_for_reassessment(DAY(2014, 12, 1)).exists()

    services.report_condition_change(assessment, on=DAY(2014, 11, 2), note="跌倒后卧床", actor=assessors[0])

    assert list(Assessment.objects.due_for_reassessment(DAY(2014, 12, 1))) == [assessment]
    assert services.assessment_in_force(person, DAY(2014, 12, 1)) == assessment  # in force until reassessed
    assert list(Assessment.objects.due_for_reassessment(DAY(2015, 3, 1))) == [assessment]


def test_cancelling_the_current_assessment_restores_the_one_it_superseded(person, assessors):
    first = assessed(person, assessors[0], on=DAY(2014, 3, 1))
    services.confirm_assessment(first, actor=assessors[1])
    wrong = assessed(person, assessors[0], (3, 0, 0, 0), on=DAY(2014, 6, 1))
    services.confirm_assessment(wrong, actor=assessors[1])

    services.cancel_assessment(wrong, reason="录入错误", actor=assessors[1])

    first.refresh_from_db()
    assert Assessment.objects.get(pk=wrong.pk).status == AssessmentStatus.CANCELLED
    assert (first.status, first.ended_on, first.superseded_by) == (AssessmentStatus.CONFIRMED, None, None)
    assert services.assessment_in_force(person, DAY(2014, 7, 1)) == first


def test_a_cancelled_assessment_needs_a_reason(person, assessors):
    assessment = assessed(person, assessors[0])
    state = row_state(assessment)

    with pytest.raises(DomainError) as refused:
        services.cancel_assessment(assessment, reason="  ", actor=assessors[1])

    assert refused.value.code == "eldercare.reason_required" and row_state(assessment) == state


# The rule table as dated data


def _successor() -> dict:
    table = copy.deepcopy(MZT_039_2013)
    table.update(code="GB/T 42195-2022", title="老年人能力评估规范（测试用表）", reassessment_months=12)
    return table


def test_a_successor_table_applies_from_its_date(person, assessors):
    AssessmentRuleTable.objects.filter(effective_until__isnull=True).update(effective_until=DAY(2023, 1, 1))
    successor = AssessmentRuleTable.objects.create(code="GB/T 42195-2022", title="测试", table=_successor(),
                                                   effective_from=DAY(2023, 1, 1))

    before = _record(person, assessors[0], best_answers(), on=DAY(2022, 12, 31))
    services.cancel_assessment(before, reason="测试", actor=assessors[0])
    after = _record(person, assessors[0], best_answers(), on=DAY(2023, 3, 1))

    assert before.rule_table.code == "MZ/T 039-2013" and before.due_on == DAY(2023, 6, 30)
    assert after.rule_table == successor and after.due_on == DAY(2024, 3, 1)


def test_a_stored_table_is_validated(reference):
    broken = copy.deepcopy(MZT_039_2013)
    broken["dimensions"][0]["bands"] = broken["dimensions"][0]["bands"][:-1]
    table = AssessmentRuleTable(code="MZ/T 039-2013", title="缺档", table=broken, effective_from=DAY(2030, 1, 1))

    with pytest.raises(ValidationError) as invalid:
        table.full_clean()

    assert "no band for the totals" in " ".join(invalid.value.message_dict["table"])
    renamed = AssessmentRuleTable(code="GB/T 1", title="x", table=MZT_039_2013, effective_from=DAY(2030, 1, 1))
    with pytest.raises(ValidationError) as mismatch:
        renamed.full_clean()
    assert set(mismatch.value.message_dict) == {"code"}


def test_the_seeded_table_is_the_standards_from_its_date(reference):
    table = AssessmentRuleTable.objects.applicable(DAY(2013, 10, 1))

    assert table.rules.code == "MZ/T 039-2013" and table.rules.reassessment_months == 6
    assert AssessmentRuleTable.objects.applicable(datetime.date(2013, 9, 30)) is None


def test_a_city_administrator_adds_a_successor_table_on_its_page(reference, login_as, tree):
    client = login_as("city_admin", tree.city)
    data = {"code": "GB/T 42195-2022", "title": "老年人能力评估规范", "effective_from": "2031-01-01",
            "table": json.dumps(_successor(), ensure_ascii=False), "confirmation": "not_confirmed"}

    broken = client.post(reverse("eldercare:assessmentruletable_add"), {**data, "table": '{"code": "x"}'})
    assert broken.status_code == 200 and "table" in broken.context["form"].errors
    district = login_as("city_admin", tree.heping).post(reverse("eldercare:assessmentruletable_add"), data)
    assert district.status_code in (200, 404) and not AssessmentRuleTable.objects.filter(
        code="GB/T 42195-2022").exists()  # city-wide rules are changed at the city only

    response = client.post(reverse("eldercare:assessmentruletable_add"), data)

    table = AssessmentRuleTable.objects.get(code="GB/T 42195-2022")
    assert response.status_code == 302 and table.rules.reassessment_months == 12
    assert AssessmentRuleTable.objects.applicable(DAY(2031, 1, 1)) == table
    page = client.get(table.get_absolute_url()).content.decode()
    assert "日常生活活动" in page and "进食" in page


def test_a_table_in_use_keeps_its_rules(person, assessors):
    assessment = _record(person, assessors[0], best_answers())
    table = assessment.rule_table
    table.table = {**table.table, "reassessment_months": 12}

    with pytest.raises(ValidationError) as refused:
        table.full_clean()

    assert list(refused.value.message_dict) == ["table"]
    table.table, table.remarks = MZT_039_2013, "备注可改"
    table.full_clean()
