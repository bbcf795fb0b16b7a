"""The indicator registry and evaluation, with indicators registered by the tests themselves."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from minzheng.framework.exceptions import DomainError
from minzheng.framework.registry import registry
from minzheng.indicators.periods import add_months, months_between, resolve_period
from minzheng.indicators.registry import all_indicators, get_indicator, register_indicator, visible_indicators
from minzheng.indicators.services import evaluate


@pytest.fixture(autouse=True)
def own_registry(monkeypatch):
    monkeypatch.setitem(registry, "indicators", dict(registry["indicators"]))


def seen(**kwargs):
    """An indicator returning what it was called with."""
    return kwargs


def constant(**kwargs):
    return Decimal("1.50")


def test_a_registered_indicator_is_found_by_code():
    indicator = register_indicator("test.seen", name="Seen", unit="times", description="d", compute=seen)
    assert get_indicator("test.seen") is indicator
    assert indicator in all_indicators()
    assert [i.code for i in all_indicators()] == sorted(i.code for i in all_indicators())


def test_register_works_as_a_decorator():
    decorated = register_indicator("test.constant", name="C", unit="yuan", description="d")(constant)
    assert decorated is constant
    assert get_indicator("test.constant").compute is constant


def test_registering_the_same_function_twice_is_harmless_another_is_refused():
    register_indicator("test.seen", name="Seen", unit="times", description="d", compute=seen)
    register_indicator("test.seen", name="Seen", unit="times", description="d", compute=seen)
    with pytest.raises(ImproperlyConfigured):
        register_indicator("test.seen", name="Other", unit="times", description="d", compute=constant)


@pytest.mark.parametrize("code", ["seen", "Test.seen", "test.", "test.seen.more", "test seen"])
def test_a_code_is_app_dot_name(code):
    with pytest.raises(ImproperlyConfigured):
        register_indicator(code, name="x", unit="x", description="x", compute=seen)


def test_unknown_code_is_a_key_error():
    with pytest.raises(KeyError):
        get_indicator("test.none")


def test_the_assistance_indicators_are_discovered():
    codes = {indicator.code for indicator in all_indicators()}
    assert {"assistance.recipients", "assistance.households", "assistance.amount_paid"} <= codes


def test_indicators_need_their_permission(make_user, tree):
    register_indicator("test.open", name="Open", unit="x", description="x", compute=constant)
    worker = make_user("community_worker", tree.hp_community)
    nobody = make_user(None)
    assert "test.open" in {i.code for i in visible_indicators(nobody)}
    assert "assistance.recipients" not in {i.code for i in visible_indicators(nobody)}
    assert "assistance.recipients" in {i.code for i in visible_indicators(worker)}


def test_evaluate_passes_scope_and_the_year_to_date_by_default(tree):
    indicator = register_indicator("test.seen", name="Seen", unit="times", description="d", compute=seen)
    result = evaluate(indicator, division=tree.heping)
    today = timezone.localdate()
    assert result.value == {"user": None, "division": tree.heping, "period_start": today.replace(month=1, day=1),
                            "period_end": today}
    assert (result.period_start, result.period_end) == (today.replace(month=1, day=1), today)


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(DomainError) as error:
        resolve_period(datetime.date(2014, 5, 1), datetime.date(2014, 4, 30))
    assert error.value.code == "indicators.period_invalid"


def test_months():
    assert add_months(datetime.date(2014, 11, 1), 3) == datetime.date(2015, 2, 1)
    assert add_months(datetime.date(2014, 1, 1), -1) == datetime.date(2013, 12, 1)
    assert months_between(datetime.date(2013, 12, 15), datetime.date(2014, 2, 1)) == [
        datetime.date(2013, 12, 1), datetime.date(2014, 1, 1), datetime.date(2014, 2, 1)]
