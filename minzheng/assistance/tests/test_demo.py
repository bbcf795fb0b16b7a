"""The demo standards: sample values only, loaded once, usable by the calculation."""

import datetime
from decimal import Decimal

from minzheng.assistance import services
from minzheng.assistance.calculation import Member
from minzheng.assistance.demo import create_demo_standards
from minzheng.assistance.models import CalculationRuleSet, Program, Standard
from minzheng.divisions.models import Division


def test_demo_standards_are_labelled_samples_and_load_once(db):
    created = create_demo_standards()

    assert created == Standard.objects.count() + CalculationRuleSet.objects.count() == 15
    for model in (Standard, CalculationRuleSet):
        assert set(model.objects.values_list("is_sample", "remarks")) == {(True, "示例数值，非天津市实际标准")}
    assert create_demo_standards() == 0


def test_demo_values_resolve_with_the_district_override(db):
    create_demo_standards()
    dibao = Program.objects.get(code="dibao_urban")
    binhai, heping = Division.objects.get(code="120116"), Division.objects.get(code="120101")
    day = datetime.date(2014, 6, 1)

    assert services.standard_for(dibao, urban=True, division=binhai, date=day).amount == Decimal("620.00")
    assert services.standard_for(dibao, urban=True, division=heping, date=day).amount == Decimal("600.00")
    quote = services.quote_dibao(dibao, urban=True, division=heping, date=day, household_income=Decimal("500"),
                                 members=[Member(age=82), Member(age=50)])
    assert quote.calculation.amount == Decimal("820.00")  # (600 − 250) × 2 + 0.2 × 600
