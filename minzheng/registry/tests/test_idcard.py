import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from minzheng.divisions.choices import Kind, Level
from minzheng.divisions.models import Division
from minzheng.framework.exceptions import DomainError
from minzheng.registry.idcard import (
    IdCardError,
    check_character,
    generate_id_number,
    national_division_names,
    normalize_id_number,
    parse,
    upgrade_15,
)

TODAY = datetime.date(2026, 6, 30)
STANDARD_EXAMPLE = "11010519491231002X"  # GB 11643-1999's own example
KEYS = {"input", "valid", "normalized", "birth_date", "sex", "division_code", "division_name", "error"}
# Codes of several eras: current Tianjin districts, retired ones (塘沽区 2009, 宁河县 2015, 蓟县 2016), other provinces.
CODES = ["120101", "120103", "120116", "120107", "120108", "120221", "120225", "110105", "110103", "440305",
         "650102"]

codes = st.sampled_from(CODES)
birth_dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY)
sexes = st.sampled_from(["1", "2"])
sequences = st.integers(min_value=0, max_value=499)


# Valid numbers


def test_the_standard_example_is_valid():
    info = parse(STANDARD_EXAMPLE, today=TODAY)

    assert info.valid
    assert (info.normalized, info.birth_date, info.sex, info.division_code) == (
        STANDARD_EXAMPLE, datetime.date(1949, 12, 31), "2", "110105")
    assert (info.error, info.error_code) == (None, None)


def test_lower_case_x_is_accepted_and_stored_upper_case():
    assert parse(STANDARD_EXAMPLE.lower(), today=TODAY).normalized == STANDARD_EXAMPLE


def test_surrounding_blanks_are_ignored_but_the_input_is_kept():
    info = parse(f" {STANDARD_EXAMPLE}\n", today=TODAY)

    assert (info.valid, info.input, info.normalized) == (True, f" {STANDARD_EXAMPLE}\n", STANDARD_EXAMPLE)


def test_a_15_digit_number_is_upgraded():
    info = parse("412727710712706", today=TODAY)

    assert (info.valid, info.normalized, info.birth_date, info.sex) == (
        True, "41272719710712706X", datetime.date(1971, 7, 12), "2")


@pytest.mark.parametrize(("code", "name"), [("120107", "塘沽区"), ("120221", "宁河县"), ("120225", "蓟县"),
                                            ("120119", "蓟州区")])
def test_retired_and_current_tianjin_codes_are_valid(code, name):
    info = parse(generate_id_number(code, datetime.date(1985, 3, 9), "1", 7), today=TODAY)

    assert (info.valid, info.division_code, info.division_name) == (True, code, name)


def test_the_national_list_covers_1980_to_2021():
    names = national_division_names()

    assert len(names) > 7000
    assert names["110103"] == "崇文区"  # Beijing, retired 2010
    assert names["469027"] == "乐东黎族自治县"
    assert "659010" in names  # 胡杨河市, listed from 2019


def test_local_names_are_accepted_and_preferred():
    number = generate_id_number("129901", datetime.date(1990, 1, 1), "2", 3)

    assert parse(number, today=TODAY).error_code == IdCardError.ADDRESS
    info = parse(number, today=TODAY, local_names={"129901": "示范区"})
    assert (info.valid, info.division_name) == (True, "示范区")


# Invalid numbers


@pytest.mark.parametrize(("raw", "error"), [
    pytest.param("", IdCardError.LENGTH, id="empty"),
    pytest.param("11010519491231002", IdCardError.LENGTH, id="17 characters"),
    pytest.param("11010519491231002XX", IdCardError.LENGTH, id="19 characters"),
    pytest.param("4127277107127", IdCardError.LENGTH, id="13 digits"),
    pytest.param("1101051949123100AX", IdCardError.CHARACTERS, id="letter in the body"),
    pytest.param("11010519491231002Y", IdCardError.CHARACTERS, id="bad last character"),
    pytest.param("４１２７２７７１０７１２７０６", IdCardError.CHARACTERS, id="full-width digits"),
    pytest.param("110105194912310021", IdCardError.CHECK, id="wrong check character"),
    pytest.param("412727711312706", IdCardError.BIRTH_DATE, id="15 digits, month 13"),
], )
def test_invalid_numbers(raw, error):
    info = parse(raw, today=TODAY)

    assert (info.valid, info.error_code, info.normalized, info.birth_date, info.sex) == (False, error, None, None,
                                                                                           None)
    assert info.error == error.message


@pytest.mark.parametrize("born", ["19990230", "18991231", "20260701", "20270101"],
                         ids=["30 February", "before 1900", "tomorrow", "next year"])
def test_invalid_birth_dates(born):
    body = f"120101{born}123"

    assert parse(body + check_character(body), today=TODAY).error_code == IdCardError.BIRTH_DATE


@pytest.mark.parametrize("code", ["999999", "120199", "000000", "129901"])
def test_unknown_address_codes(code):
    body = f"{code}19900101123"

    assert parse(body + check_character(body), today=TODAY).error_code == IdCardError.ADDRESS


def test_normalize_raises_a_domain_error_on_the_id_number_field():
    assert normalize_id_number(" 412727710712706 ", today=TODAY) == "41272719710712706X"
    with pytest.raises(DomainError) as raised:
        normalize_id_number("110105194912310021", today=TODAY)

    assert (raised.value.code, raised.value.field) == ("registry.id_invalid", "id_number")
    assert raised.value.message == IdCardError.CHECK.message


def test_error_messages_are_chinese():
    with translation.override("zh-hans"):
        messages = {error: str(error.message) for error in IdCardError}

    assert messages[IdCardError.LENGTH] == "位数不对"
    assert messages[IdCardError.CHECK] == "校验码错误"
    assert messages[IdCardError.BIRTH_DATE] == "出生日期无效"
    assert messages[IdCardError.ADDRESS] == "地址码不存在"


# Generating


def test_generate_encodes_sex_in_the_sequence_code():
    male = generate_id_number("120101", datetime.date(2000, 2, 29), "1", 0)
    female = generate_id_number("120101001001", datetime.date(2000, 2, 29), "2", 499)

    assert male[:17] == "12010120000229001"
    assert female[:17] == "12010120000229998"


@pytest.mark.parametrize(("code", "sex", "sequence"), [("1201", "1", 0), ("12010a", "1", 0), ("120101", "3", 0),
                                                       ("120101", "1", 500), ("120101", "2", -1)])
def test_generate_refuses_bad_arguments(code, sex, sequence):
    with pytest.raises(ValueError):
        generate_id_number(code, datetime.date(2000, 1, 1), sex, sequence)


# Properties


@given(codes, birth_dates, sexes, sequences)
def test_generated_numbers_parse_back(code, born, sex, sequence):
    info = parse(generate_id_number(code, born, sex, sequence), today=TODAY)

    assert info.valid
    assert (info.birth_date, info.sex, info.division_code) == (born, sex, code)


@given(codes, birth_dates, sexes, sequences, st.integers(min_value=0, max_value=16), st.integers(1, 9))
def test_any_single_digit_change_breaks_the_check(code, born, sex, sequence, position, delta):
    number = generate_id_number(code, born, sex, sequence)
    digit = str((int(number[position]) + delta) % 10)
    changed = number[:position] + digit + number[position + 1:]

    assert parse(changed, today=TODAY).error_code in (IdCardError.CHECK, IdCardError.CHARACTERS)


@given(codes, birth_dates, sexes, sequences, st.integers(min_value=0, max_value=15))
def test_swapping_two_adjacent_digits_breaks_the_check(code, born, sex, sequence, position):
    number = generate_id_number(code, born, sex, sequence)
    if number[position] == number[position + 1]:
        return
    swapped = number[:position] + number[position + 1] + number[position] + number[position + 2:]

    assert not parse(swapped, today=TODAY).valid


@given(codes, st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(1999, 12, 31)), sexes,
       sequences)
def test_the_15_digit_form_upgrades_to_the_18_digit_number(code, born, sex, sequence):
    number = generate_id_number(code, born, sex, sequence)
    legacy = number[:6] + number[8:17]

    assert upgrade_15(legacy) == number
    assert parse(legacy, today=TODAY).normalized == number


@given(st.text(max_size=25))
def test_parse_never_raises(raw):
    info = parse(raw, today=TODAY)

    assert info.valid == (info.error is None)
    if info.valid:
        assert len(info.normalized) == 18


# The command

def run_check(*numbers: str) -> tuple[list[dict], int]:
    out = io.StringIO()
    code = 0
    try:
        call_command("idcard", "check", *numbers, stdout=out, stderr=io.StringIO())
    except CommandError as exc:
        code = exc.returncode
    return [json.loads(line) for line in out.getvalue().splitlines()], code


def test_check_prints_one_object_per_number_and_exits_0_when_all_are_valid(db):
    lines, code = run_check(STANDARD_EXAMPLE, "412727710712706")

    assert code == 0
    assert [set(line) for line in lines] == [KEYS, KEYS]
    assert lines[0] == {"input": STANDARD_EXAMPLE, "valid": True, "normalized": STANDARD_EXAMPLE,
                        "birth_date": "1949-12-31", "sex": "2", "division_code": "110105", "division_name": "朝阳区",
                        "error": None}
    assert (lines[1]["normalized"], lines[1]["birth_date"]) == ("41272719710712706X", "1971-07-12")


def test_check_exits_1_and_names_each_fault(db):
    body = "12010118991231123"
    bad_date = body + check_character(body)
    body = "99999919900101123"
    unknown = body + check_character(body)
    numbers = [STANDARD_EXAMPLE, "110105194912310021", bad_date, unknown, "12345", "412727710712706"]

    with translation.override("en"):
        lines, code = run_check(*numbers)

    assert code == 1
    assert [(line["input"], line["valid"], line["error"]) for line in lines] == [
        (STANDARD_EXAMPLE, True, None),
        ("110105194912310021", False, "Wrong check character"),
        (bad_date, False, "Invalid birth date"),
        (unknown, False, "Unknown address code"),
        ("12345", False, "Wrong length"),
        ("412727710712706", True, None),
    ]
    assert lines[1] == {"input": "110105194912310021", "valid": False, "normalized": None, "birth_date": None,
                        "sex": None, "division_code": None, "division_name": None, "error": "Wrong check character"}


def test_check_names_divisions_from_our_table_first(tree):
    Division.objects.create(code="129901", name="示范新区", level=Level.DISTRICT, kind=Kind.DISTRICT, parent=tree.city)
    Division.objects.filter(code="120103").update(name="河西区（本库）")
    ours = generate_id_number("129901", datetime.date(1990, 1, 1), "1", 1)
    hexi = generate_id_number("120103", datetime.date(1990, 1, 1), "1", 1)

    lines, code = run_check(ours, hexi)

    assert code == 0
    assert [(line["division_code"], line["division_name"]) for line in lines] == [
        ("129901", "示范新区"), ("120103", "河西区（本库）")]


def test_check_prints_non_ascii_input_as_is(db):
    lines, code = run_check("身份证")

    assert code == 1
    assert lines[0]["input"] == "身份证"
