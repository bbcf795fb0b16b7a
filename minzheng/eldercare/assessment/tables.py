"""Assessment rule tables as data, in the JSON form that ``RuleTable.from_dict`` reads.

``MZT_039_2013`` is entered from REFERENCE.md §7.2, which marks the whole section ⚠️ secondary
(an extract of the standard and code that reproduces it, not the official text). Every ``note``
says where a value comes from, and ``notes`` lists what is still to be checked against the
standard; a bureau corrects a fact by editing the data, never the scoring code.

GB/T 42195-2022 (the 2022 successor) is not entered: REFERENCE.md gives only its adjustment rules,
not its items, scores or level bands. It is to be entered as data from the standard's text.
"""

__all__ = ["MZT_039_2013"]

TEXT = "REFERENCE.md §7.2 (⚠️ secondary)"
NAME_NOT_CONFIRMED = "item name from memory; REFERENCE.md gives only the count (❌ not confirmed)"
SCORES_FROM_TOTAL = "scores inferred from the dimension's total range and item count; check against the standard"
BARTHEL = "maximum from REFERENCE.md §7.2; steps of 5 are the Barthel index's, not in REFERENCE.md"
ADJUSTMENT = ("confirmed for GB/T 42195-2022 [P-leayin]; for MZ/T 039-2013 only implied by the intake form "
              "[C-angular-assess] (⚠️ verify against the standard)")
INTERPRETATION = "interpretation: the standard's text (as extracted) leaves this combination without a level"
MPS = ("mental", "perception", "social")


def _adl_item(code: str, name: str, maximum: int) -> dict:
    return {"code": code, "name": name, "scores": list(range(0, maximum + 1, 5)), "note": BARTHEL}


def _scale_item(code: str, name: str, maximum: int, note: str = SCORES_FROM_TOTAL) -> dict:
    return {"code": code, "name": name, "scores": list(range(maximum + 1)), "note": note}


def _any(values: list[int], keys=MPS, *, most: int | None = None) -> dict:
    """At least one (at most ``most``) of ``keys`` has one of ``values``."""
    count = {"of": {key: values for key in keys}, "min": 1}
    if most is not None:
        count["max"] = most
    return count


ADL = {
    "code": "adl", "name": "日常生活活动", "higher_is_better": True,
    "items": [
        _adl_item("feeding", "进食", 10), _adl_item("bathing", "洗澡", 5), _adl_item("grooming", "修饰", 5),
        _adl_item("dressing", "穿衣", 10), _adl_item("bowel", "大便控制", 10), _adl_item("bladder", "小便控制", 10),
        _adl_item("toileting", "如厕", 10), _adl_item("transfer", "床椅转移", 15), _adl_item("walking", "平地行走", 15),
        _adl_item("stairs", "上下楼梯", 10),
    ],
    "bands": [
        {"grade": 0, "min": 100, "max": 100}, {"grade": 1, "min": 65, "max": 95},
        {"grade": 2, "min": 45, "max": 60}, {"grade": 3, "min": 0, "max": 40},
    ],
}

MENTAL = {
    "code": "mental", "name": "精神状态", "higher_is_better": False,
    "items": [
        _scale_item("cognition", "认知功能", 2, f"{NAME_NOT_CONFIRMED}; {SCORES_FROM_TOTAL}"),
        _scale_item("aggression", "攻击行为", 2, f"{NAME_NOT_CONFIRMED}; {SCORES_FROM_TOTAL}"),
        _scale_item("depression", "抑郁症状", 2, f"{NAME_NOT_CONFIRMED}; {SCORES_FROM_TOTAL}"),
    ],
    "bands": [
        {"grade": 0, "min": 0, "max": 0}, {"grade": 1, "min": 1, "max": 1},
        {"grade": 2, "min": 2, "max": 3}, {"grade": 3, "min": 4, "max": 6},
    ],
}

PERCEPTION_RULES = "reconstructed from [C-angular-assess]; 意识水平 1 assumed to be 嗜睡 (REFERENCE.md open item 3)"
PERCEPTION = {
    "code": "perception", "name": "感知觉与沟通", "higher_is_better": False,
    "note": "0 神志清醒, 1 嗜睡, 2 昏睡, 3 昏迷 for 意识水平; " + PERCEPTION_RULES,
    "items": [
        _scale_item("consciousness", "意识水平", 3, PERCEPTION_RULES),
        _scale_item("vision", "视力", 4, PERCEPTION_RULES),
        _scale_item("hearing", "听力", 4, PERCEPTION_RULES),
        _scale_item("communication", "沟通交流", 3, PERCEPTION_RULES),
    ],
    "rules": [
        {"grade": 0, "where": {"consciousness": [0], "vision": [0, 1], "hearing": [0, 1], "communication": [0]},
         "note": PERCEPTION_RULES},
        {"grade": 1, "where": {"consciousness": [0]},
         "count": [{"of": {"vision": [2], "hearing": [2], "communication": [1]}, "min": 1}], "note": PERCEPTION_RULES},
        {"grade": 2, "where": {"consciousness": [0]},
         "count": [{"of": {"vision": [3], "hearing": [3], "communication": [2]}, "min": 1}], "note": PERCEPTION_RULES},
        {"grade": 2, "where": {"consciousness": [1], "vision": [0, 1, 2, 3], "hearing": [0, 1, 2, 3],
                               "communication": [0, 1, 2]}, "note": PERCEPTION_RULES},
        {"grade": 3, "count": [{"of": {"vision": [4], "hearing": [4], "communication": [3], "consciousness": [2, 3]},
                                "min": 1}], "note": PERCEPTION_RULES},
    ],
}

SOCIAL = {
    "code": "social", "name": "社会参与", "higher_is_better": False,
    "items": [
        _scale_item("daily_living", "生活能力", 4), _scale_item("work", "工作能力", 4),
        _scale_item("time_space_orientation", "时间/空间定向", 4), _scale_item("people_orientation", "人物定向", 4),
        _scale_item("social_interaction", "社会交往能力", 4),
    ],
    "bands": [
        {"grade": 0, "min": 0, "max": 2}, {"grade": 1, "min": 3, "max": 7},
        {"grade": 2, "min": 8, "max": 13}, {"grade": 3, "min": 14, "max": 20},
    ],
}

LEVEL_RULES = [
    {"level": 0, "where": {"adl": [0], "mental": [0], "perception": [0], "social": [0, 1]}, "note": TEXT},
    {"level": 1, "where": {"adl": [0]}, "count": [_any([1, 2, 3], ("mental", "perception"))], "note": TEXT},
    {"level": 1, "where": {"adl": [0], "social": [2]}, "note": TEXT},
    {"level": 1, "where": {"adl": [1]}, "count": [_any([0, 1])], "note": TEXT},
    {"level": 2, "where": {"adl": [1], "mental": [2], "perception": [2], "social": [2]}, "note": TEXT},
    {"level": 2, "where": {"adl": [1]}, "count": [_any([3])],
     "note": TEXT + "; where ADL 1 also has another dimension at 0 or 1 the text gives 轻度 too, the higher wins"},
    {"level": 2, "where": {"adl": [2]}, "count": [_any([1, 2], most=2)], "note": TEXT},
    {"level": 3, "where": {"adl": [3]}, "note": TEXT},
    {"level": 3, "where": {"adl": [2], "mental": [2], "perception": [2], "social": [2]}, "note": TEXT},
    {"level": 3, "where": {"adl": [2]}, "count": [_any([3])], "note": TEXT},
    {"level": 1, "where": {"adl": [0], "mental": [0], "perception": [0], "social": [3]},
     "note": INTERPRETATION + " (社会参与 3 read like 2)"},
    {"level": 2, "where": {"adl": [2], "mental": [0, 1, 2], "perception": [0, 1, 2], "social": [0, 1, 2]},
     "note": INTERPRETATION + " (ADL 2 with none, or all three, of the others at 1 or 2 read as 中度)"},
]

MZT_039_2013 = {
    "code": "MZ/T 039-2013",
    "title": "老年人能力评估",
    "source": "MZ/T 039-2013, issued 2013-08-29, in force 2013-10-01; entered from " + TEXT,
    "notes": [
        "The whole table is from secondary sources (REFERENCE.md §7.2 ⚠️); check it against the standard's text.",
        "精神状态 item names and the 0–2 / 0–4 item scales of 精神状态 and 社会参与 are not confirmed.",
        "The 感知觉与沟通 rule table and the adjustments are REFERENCE.md open item 3.",
        "Where the text's level clauses overlap the highest level wins; its two gaps are filled by rules noted "
        "as interpretations.",
        "Adjustment raises do not add up (combine_raises 'max'): REFERENCE.md says the level is raised by one for "
        "dementia, mental illness or risk events.",
    ],
    "grades": ["完好", "轻度受损", "中度受损", "重度受损"],
    "levels": ["能力完好", "轻度失能", "中度失能", "重度失能"],
    "dimensions": [ADL, MENTAL, PERCEPTION, SOCIAL],
    "level_rules": LEVEL_RULES,
    "adjustments": [
        {"code": "coma", "name": "昏迷", "set_level": 3, "note": "rated the most severe level directly; " + ADJUSTMENT},
        {"code": "dementia", "name": "确诊痴呆", "raise_by": 1, "note": ADJUSTMENT},
        {"code": "mental_illness", "name": "确诊精神疾病", "raise_by": 1, "note": ADJUSTMENT},
        {"code": "risk_events", "name": "近30天内发生2次及以上风险事件（跌倒、噎食、自杀、走失）", "raise_by": 1,
         "note": ADJUSTMENT},
    ],
    "combine_raises": "max",
    "reassessment_months": 6,
}
