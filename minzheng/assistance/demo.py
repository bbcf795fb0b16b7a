"""Demo standards and calculation rules for 天津市, every one marked as a sample value.

Tianjin's real 低保 and 特困 standards are not confirmed (REFERENCE.md §4), so each demo row has
``is_sample=True`` and the remark "示例数值，非天津市实际标准". The values are in
``data/demo_standards.json``: city-wide defaults, and one district override (滨海新区) to show
the mechanism.
"""

import datetime
import json
from pathlib import Path

from minzheng.assistance.models import CalculationRuleSet, Program, Standard
from minzheng.assistance.services import seed_programs
from minzheng.divisions.choices import Level
from minzheng.divisions.models import Division
from minzheng.divisions.services import load_reference

__all__ = ["DEMO_FILE", "create_demo_standards"]

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo_standards.json"


def create_demo_standards() -> int:
    """Create the sample standards and rule sets that do not exist yet; returns how many were created.

    Seeds the programs and the reference divisions first (both idempotent). Running it again creates nothing.
    """
    load_reference()
    seed_programs()
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    programs = {p.code: p for p in Program.objects.all()}
    divisions = {d.code: d for d in Division.objects.current().filter(level__in=(Level.CITY, Level.DISTRICT))}
    common = {"is_sample": True, "remarks": data["remarks"]}
    standards = [
        Standard(program=programs[code], area_type=area_type, division=divisions[division],
                 effective_from=datetime.date.fromisoformat(start), amount=amount, **common)
        for code, area_type, division, start, amount in data["standards"]
    ]
    rule_sets = [
        CalculationRuleSet(program=programs[code], division=divisions[division],
                           effective_from=datetime.date.fromisoformat(start), rules=rules, **common)
        for code, division, start, rules in data["rule_sets"]
    ]
    for rule_set in rule_sets:
        rule_set.full_clean(validate_unique=False, validate_constraints=False)  # demo rules validate too
    existing = set(Standard.objects.values_list("program_id", "area_type", "division_id", "effective_from"))
    new_standards = [s for s in standards
                     if (s.program_id, s.area_type, s.division_id, s.effective_from) not in existing]
    existing = set(CalculationRuleSet.objects.values_list("program_id", "division_id", "effective_from"))
    new_rule_sets = [r for r in rule_sets if (r.program_id, r.division_id, r.effective_from) not in existing]
    Standard.objects.bulk_create(new_standards)
    CalculationRuleSet.objects.bulk_create(new_rule_sets)
    return len(new_standards) + len(new_rule_sets)
