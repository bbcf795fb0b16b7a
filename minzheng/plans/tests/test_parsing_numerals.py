"""Chinese numerals and numbers with 万/亿 multipliers."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minzheng.plans.parsing import chinese_to_int, parse_number
from minzheng.plans.parsing.dates import parse_date
from minzheng.plans.parsing.numerals import as_json_number

_DIGITS = "零一二三四五六七八九"


def to_chinese(number: int) -> str:
    """The standard written form: 10 → 十, 105 → 一百零五, 100000001 → 一亿零一."""
    if number == 0:
        return "零"
    text, zero_pending = "", False
    for group, unit in (((number // 10**8) % 10**4, "亿"), ((number // 10**4) % 10**4, "万"), (number % 10**4, "")):
        if group == 0:
            zero_pending = zero_pending or bool(text)
            continue
        if text and (zero_pending or group < 1000):
            text += "零"
        text, zero_pending = text + _group(group) + unit, False
    return text[1:] if text.startswith("一十") else text


def _group(group: int) -> str:
    text, zero_pending = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = group // value % 10
        if digit == 0:
            zero_pending = zero_pending or bool(text)
            continue
        text += ("零" if zero_pending else "") + _DIGITS[digit] + unit
        zero_pending = False
    return text


@given(st.integers(min_value=0, max_value=99_999_999))
def test_round_trip_up_to_99_999_999(number):
    assert chinese_to_int(to_chinese(number)) == number


@given(st.integers(min_value=1000, max_value=2999))
def test_years_written_digit_by_digit(year):
    written = "".join("〇一二三四五六七八九"[int(digit)] for digit in str(year))

    assert chinese_to_int(written) == year


@pytest.mark.parametrize(("_case", "text", "value"), [
    ("ten alone", "十", 10),
    ("teen", "十二", 12),
    ("liang", "两", 2),
    ("liang with unit", "两万", 20000),
    ("zero inside", "一百零五", 105),
    ("colloquial hundred", "一百五", 150),
    ("colloquial wan", "两万五", 25000),
    ("zero before digit after wan", "一万零五", 10005),
    ("yi and wan", "一亿二千万", 120_000_000),
    ("wan yi", "一万亿", 10**12),
    ("ninety", "九十", 90),
])
def test_chinese_numerals(_case, text, value):
    assert chinese_to_int(text) == value


@pytest.mark.parametrize("text", ["", "十二五规划", "abc"])
def test_not_a_numeral(text):
    with pytest.raises(ValueError):
        chinese_to_int(text)


@pytest.mark.parametrize(("_case", "text", "value", "json_value"), [
    ("wan with decimals", "5.6万", Decimal("56000"), 56000),
    ("plain", "6000", Decimal(6000), 6000),
    ("thousands comma", "6,000", Decimal(6000), 6000),
    ("yi", "1.2亿", Decimal("120000000"), 120_000_000),
    ("fraction", "2.5", Decimal("2.5"), 2.5),
    ("chinese", "九十", Decimal(90), 90),
])
def test_parse_number(_case, text, value, json_value):
    parsed = parse_number(text)

    assert parsed == value
    assert as_json_number(parsed) == json_value
    assert type(as_json_number(parsed)) is type(json_value)


@pytest.mark.parametrize(("text", "iso"), [
    ("2014.01.15", "2014-01-15"),
    ("2015-2-10", "2015-02-10"),
    ("2014年1月15日", "2014-01-15"),
    ("二〇一七年一月十日", "2017-01-10"),
    ("二〇一四年十二月三十一日", "2014-12-31"),
])
def test_dates(text, iso):
    assert parse_date(text).isoformat() == iso


@pytest.mark.parametrize("text", ["2014.13.01", "2014年", "", None])
def test_no_date(text):
    assert parse_date(text) is None
