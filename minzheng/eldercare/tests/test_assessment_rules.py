"""The rule-table format: the MZ/T 039-2013 data, the round trip, and every validation error. No database."""

import copy
import itertools

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from minzheng.eldercare.assessment.rules import MZT_039_2013, RuleTable, RuleTableError
from minzheng.eldercare.tests.assessment_helpers import MZT


def test_mzt_table_holds_the_reference_facts():
    dimensions = {dimension.name: dimension for dimension in MZT.dimensions}

    assert list(dimensions) == ["日常生活活动", "精神状态", "感知觉与沟通", "社会参与"]
    assert [len(dimension.items) for dimension in MZT.dimensions] == [10, 3, 4, 5]
    assert {item.name: max(item.scores) for item in dimensions["日常生活活动"].items} == {
        "进食": 10, "洗澡": 5, "修饰": 5, "穿衣": 10, "大便控制": 10, "小便控制": 10, "如厕": 10,
        "床椅转移": 15, "平地行走": 15, "上下楼梯": 10}
    assert [sum(max(item.scores) for item in dimension.items) for dimension in MZT.dimensions] == [100, 6, 14, 20]
    assert MZT.levels == ("能力完好", "轻度失能", "中度失能", "重度失能")
    assert MZT.reassessment_months == 6
    assert {a.code: (a.raise_by, a.set_level) for a in MZT.adjustments} == {
        "coma": (0, 3), "dementia": (1, None), "mental_illness": (1, None), "risk_events": (1, None)}


def test_round_trip():
    assert RuleTable.from_dict(MZT.to_dict()) == MZT
    assert RuleTable.from_dict(copy.deepcopy(MZT_039_2013)) == MZT


def dimension(data: dict, code: str) -> dict:
    return next(d for d in data["dimensions"] if d["code"] == code)


def problems(change) -> list[str]:
    data = copy.deepcopy(MZT_039_2013)
    change(data)
    with translation.override("en"), pytest.raises(RuleTableError) as caught:
        RuleTable.from_dict(data)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == "; ".join(caught.value.errors)
    return caught.value.errors


def set_band(code: str, index: int, **values):
    return lambda data: dimension(data, code)["bands"][index].update(values)


def set_rule(index: int, **values):
    return lambda data: data["level_rules"][index].update(values)


CASES = [
    ("not an object", lambda data: data.clear() or data.update(x=1), "table: unknown keys: x."),
    ("missing key", lambda data: data.pop("levels"), "table: missing keys: levels."),
    ("unknown key", lambda data: data.update(colour="red"), "table: unknown keys: colour."),
    ("months text", lambda data: data.update(reassessment_months="6"), "reassessment_months: must be a whole number."),
    ("months zero", lambda data: data.update(reassessment_months=0),
     "reassessment_months: a whole number of months from 1 to 60."),
    ("one level", lambda data: data.update(levels=["all"]), "levels: at least two names, none empty."),
    ("combine", lambda data: data.update(combine_raises="min"), "combine_raises: one of: max, sum."),
    ("item key", lambda data: dimension(data, "adl")["items"][0].update(points=1),
     "dimensions[0].items[0]: unknown keys: points."),
    ("score text", lambda data: dimension(data, "adl")["items"][0].update(scores=[0, "5"]),
     "dimensions[0].items[0].scores[1]: must be a whole number."),
    ("score repeated", lambda data: dimension(data, "adl")["items"][0].update(scores=[0, 5, 5]),
     "dimensions.adl.items.feeding.scores: distinct whole numbers of 0 or more."),
    ("score negative", lambda data: dimension(data, "mental")["items"][0].update(scores=[-1, 0]),
     "dimensions.mental.items.cognition.scores: distinct whole numbers of 0 or more."),
    ("item repeated", lambda data: dimension(data, "social")["items"][0].update(code="feeding"),
     "items: repeated codes: feeding."),
    ("direction", lambda data: dimension(data, "adl").update(higher_is_better="yes"),
     "dimensions[0].higher_is_better: must be true or false."),
    ("bands and rules", lambda data: dimension(data, "perception").update(bands=dimension(data, "mental")["bands"]),
     "dimensions.perception: give either “bands” or “rules”."),
    ("band overlap", set_band("adl", 1, max=100), "dimensions.adl.bands: 65–100 overlaps 100–100."),
    ("band gap", set_band("social", 1, max=6), "dimensions.social.bands: no band for the totals 7."),
    ("band grade", set_band("mental", 3, grade=4), "dimensions.mental.bands[3]: a grade from 0 to 3 and min ≤ max."),
    ("band not monotonic", set_band("mental", 3, grade=1),
     "dimensions.mental.bands: the worse total 4 has a better grade than 3."),
    ("adl direction", lambda data: dimension(data, "adl").update(higher_is_better=False),
     "dimensions.adl.bands: the worse total 45 has a better grade than 40."),
    ("rule unknown item", lambda data: dimension(data, "perception")["rules"][0]["where"].update(smell=[0]),
     "dimensions.perception.rules[0]: unknown code “smell”."),
    ("rule value", lambda data: dimension(data, "perception")["rules"][0]["where"].update(vision=[0, 9]),
     "dimensions.perception.rules[0].vision: values must be among 0, 1, 2, 3, 4."),
    ("rule gap", lambda data: dimension(data, "perception")["rules"].pop(3),
     "dimensions.perception.rules: no rule matches 48 combinations, e.g. consciousness=1, vision=0, hearing=0, "
     "communication=0."),
    ("level gap", lambda data: data["level_rules"].pop(),
     "level_rules: no rule matches 8 combinations, e.g. adl=2, mental=0, perception=0, social=0."),
    ("level not monotonic", set_rule(10, level=0),
     "level_rules: adl=0, mental=0, perception=0, social=3 gives a better result than adl=0, mental=0, "
     "perception=0, social=2."),
    ("level out of range", set_rule(7, level=4), "level_rules[7]: the result must be from 0 to 3."),
    ("level unknown dimension", set_rule(7, where={"hobbies": [3]}), "level_rules[7]: unknown code “hobbies”."),
    ("count bounds", set_rule(6, count=[{"of": {"mental": [1]}, "min": 2}]),
     "level_rules[6].count: need 0 ≤ min ≤ max ≤ the number of codes."),
    ("count shape", set_rule(6, count=[{"mental": [1]}]), "level_rules[6].count[0]: missing keys: of."),
    ("both effects", lambda data: data["adjustments"][0].update(raise_by=1),
     "adjustments.coma: give either “raise_by” (1 to 3) or “set_level” (0 to 3)."),
    ("no effect", lambda data: data["adjustments"][1].pop("raise_by"),
     "adjustments.dementia: give either “raise_by” (1 to 3) or “set_level” (0 to 3)."),
    ("set too high", lambda data: data["adjustments"][0].update(set_level=4),
     "adjustments.coma: give either “raise_by” (1 to 3) or “set_level” (0 to 3)."),
    ("adjustment repeated", lambda data: data["adjustments"][2].update(code="dementia"),
     "adjustments: repeated codes: dementia."),
]


@pytest.mark.parametrize(("change", "message"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_validation_errors(change, message):
    assert message in problems(change)


def test_not_an_object():
    with pytest.raises(RuleTableError, match="table: must be an object."):
        RuleTable.from_dict([MZT_039_2013])


def test_every_problem_is_listed():
    def change(data):
        data["reassessment_months"] = 61
        data["adjustments"][0]["set_level"] = 9
        dimension(data, "adl")["items"][0]["scores"] = "0, 5, 10"
        dimension(data, "mental")["bands"][0]["min"] = "0"

    assert problems(change) == ["dimensions[0].items[0].scores: must be a list.",
                                "dimensions[1].bands[0].min: must be a whole number."]


def test_meaning_is_checked_once_the_shape_is_right():
    def change(data):
        data["reassessment_months"] = 61
        data["adjustments"][0]["set_level"] = 9
        dimension(data, "adl")["items"][0]["scores"] = [0, 10, 10]

    assert problems(change) == [
        "reassessment_months: a whole number of months from 1 to 60.",
        "dimensions.adl.items.feeding.scores: distinct whole numbers of 0 or more.",
        "adjustments.coma: give either “raise_by” (1 to 3) or “set_level” (0 to 3).",
    ]


# A level table given combination by combination: accepted exactly when a worse grade never lowers the level.

GRADES = list(itertools.product(range(4), repeat=4))


def is_monotonic(levels: dict) -> bool:
    return all(levels[g[:i] + (g[i] + 1,) + g[i + 1:]] >= levels[g] for g in GRADES for i in range(4) if g[i] < 3)


@st.composite
def level_tables(draw):
    """Mostly the sum of grades scaled to 0–3 (monotonic), with a few levels changed at random."""
    levels = {g: min(3, sum(g) // 3) for g in GRADES}
    for g in draw(st.lists(st.sampled_from(GRADES), max_size=3)):
        levels[g] = draw(st.integers(0, 3))
    return levels


@settings(max_examples=40, deadline=None)
@given(level_tables())
def test_validation_accepts_exactly_monotonic_level_tables(levels):
    data = copy.deepcopy(MZT_039_2013)
    names = [d["code"] for d in data["dimensions"]]
    data["level_rules"] = [{"level": level, "where": {n: [v] for n, v in zip(names, g, strict=True)}}
                           for g, level in levels.items()]
    try:
        table = RuleTable.from_dict(data)
    except RuleTableError:
        accepted = False
    else:
        accepted = True
        assert table.level_rules[0].result == levels[(0, 0, 0, 0)]

    assert accepted == is_monotonic(levels)
