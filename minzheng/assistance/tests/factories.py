"""Test data of the assistance app: programs, standards, rule sets and the close-relatives register."""

import datetime
from decimal import Decimal

from minzheng.assistance.choices import CaseworkerRole, Kinship, ProgramKind, UrbanRural
from minzheng.assistance.models import (
    CalculationRuleSet,
    CaseworkerRecord,
    ConflictFiling,
    DeclaredRelative,
    Program,
    Standard,
)
from minzheng.registry.idcard import generate_id_number

__all__ = ["DIBAO_RULES", "caseworker", "filing", "id_number", "program", "relative", "rule_set", "standard"]

DIBAO_RULES = {"rounding": "yuan", "floor": "20",
               "supplements": [{"category": "minor", "share_of_standard": "0.1"}]}


def id_number(sequence: int, district: str = "120101", born: datetime.date = datetime.date(1970, 1, 1),
              sex: str = "1") -> str:
    """A valid identity number; ``sequence`` keeps numbers of one test apart."""
    return generate_id_number(district, born, sex, sequence)


def program(code: str = "dibao_urban", name: str = "城市居民最低生活保障", kind: str = ProgramKind.DIBAO) -> Program:
    return Program.objects.create(code=code, name=name, kind=kind)


def standard(program, division, start: str, amount: str, *, area_type=UrbanRural.URBAN, until: str | None = None,
             **extra) -> Standard:
    return Standard.objects.create(
        program=program, division=division, area_type=area_type, effective_from=datetime.date.fromisoformat(start),
        effective_until=datetime.date.fromisoformat(until) if until else None, amount=Decimal(amount), **extra)


def rule_set(program, division, start: str, rules: dict | None = None, **extra) -> CalculationRuleSet:
    return CalculationRuleSet.objects.create(program=program, division=division,
                                             effective_from=datetime.date.fromisoformat(start),
                                             rules=DIBAO_RULES if rules is None else rules, **extra)


def caseworker(name: str, division, sequence: int, *, user=None, start: str = "2010-01-01", until: str | None = None,
               role=CaseworkerRole.CASE_OFFICER) -> CaseworkerRecord:
    return CaseworkerRecord.objects.create(
        name=name, id_number=id_number(sequence, division.code[:6]), role=role, division=division, user=user,
        active_from=datetime.date.fromisoformat(start),
        active_until=datetime.date.fromisoformat(until) if until else None)


def relative(of: CaseworkerRecord, name: str, number: str, relation=Kinship.SIBLING) -> DeclaredRelative:
    return DeclaredRelative.objects.create(caseworker=of, name=name, id_number=number, relation=relation)


def filing(declared: DeclaredRelative, division, by, *, reference: str, day: int = 1) -> ConflictFiling:
    return ConflictFiling.objects.create(caseworker=declared.caseworker, relative=declared, division=division,
                                         case_reference=reference, filed_by=by, filed_on=datetime.date(2014, 6, day))
