"""Identifier validators: real-format numbers pass, each broken rule is named."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.validators import (
    format_patent_number,
    normalize_patent_application_number,
    patent_check_char,
    resident_id_check_char,
    uscc_check_char,
    validate_nice_class,
    validate_patent_application_number,
    validate_phone,
    validate_region_code,
    validate_resident_id,
    validate_trademark_registration_number,
    validate_uscc,
)
from tests.factories import make_patent_number, make_resident_id, make_uscc


def _code(call, value) -> str:
    with pytest.raises(ValidationError) as exc:
        call(value)
    return exc.value.code


def _message(call, value, language: str = "en") -> str:
    with translation.override(language):
        with pytest.raises(ValidationError) as exc:
            call(value)
        return str(exc.value.messages[0])


# --- 统一社会信用代码 -------------------------------------------------------------------

# Published codes of real companies, each checked against GB 32100's algorithm.
PUBLIC_USCCS = ["91350100M000100Y43", "91440300708461136T", "91110000802100433B"]


@pytest.mark.parametrize("code", PUBLIC_USCCS + [make_uscc(7, "450103"), make_uscc(42, "450204")])
def test_valid_unified_social_credit_codes_pass(code):
    validate_uscc(code)
    validate_uscc(code.lower())  # typed in lower case: still the same code


def test_uscc_of_wrong_length_says_how_long_it_is():
    assert _code(validate_uscc, "91350100M000100Y4") == "uscc_length"
    assert "17" in _message(validate_uscc, "91350100M000100Y4")


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_uscc_with_a_letter_never_used_is_refused(letter):
    code = "91350100M000100Y4" + letter
    assert _code(validate_uscc, code) == "uscc_char"
    assert letter in _message(validate_uscc, code)


def test_uscc_with_wrong_check_character_names_the_expected_one():
    assert uscc_check_char("91350100M000100Y4") == "3"
    message = _message(validate_uscc, "91350100M000100Y44")
    assert "should be 3" in message and "not 4" in message
    assert _code(validate_uscc, "91350100M000100Y44") == "uscc_check"


def test_uscc_check_message_in_chinese():
    chinese = _message(validate_uscc, "91350100M000100Y44", "zh-hans")
    if chinese.startswith("The check character"):
        pytest.skip("the zh_Hans catalogue is not compiled (scripts/setup compiles it)")
    assert "统一社会信用代码" in chinese and "应为3" in chinese


def test_uscc_region_part_must_be_digits():
    body = "91A50100M000100Y4"
    assert _code(validate_uscc, body + uscc_check_char(body)) == "uscc_region"


# --- 公民身份号码 ---------------------------------------------------------------------


@pytest.mark.parametrize("number", ["11010519491231002X", make_resident_id(5, "450103"),
                                    make_resident_id(9, "450204", "20000229")])
def test_valid_resident_ids_pass(number):
    validate_resident_id(number)


def test_lowercase_x_is_accepted_as_the_check_character():
    validate_resident_id("11010519491231002x")


def test_resident_id_length_and_characters():
    assert _code(validate_resident_id, "11010519491231002") == "id_length"
    assert _code(validate_resident_id, "1101051949123100AX") == "id_char"
    assert _code(validate_resident_id, "X10105194912310021") == "id_char"


@pytest.mark.parametrize("born", ["19850230", "19851301", "20010229"])
def test_resident_id_with_a_date_that_does_not_exist(born):
    body = f"450103{born}123"
    number = body + resident_id_check_char(body)
    assert _code(validate_resident_id, number) == "id_birth"
    assert born in _message(validate_resident_id, number)


def test_resident_id_born_in_the_future_or_before_1900_is_impossible(time_machine):
    time_machine.move_to("2026-06-01T12:00:00+08:00", tick=False)
    future = make_resident_id(1, "450103", "20260602")
    assert _code(validate_resident_id, future) == "id_birth"
    validate_resident_id(make_resident_id(1, "450103", "20260601"))
    assert _code(validate_resident_id, "440524188001010014") == "id_birth"


def test_resident_id_with_wrong_check_digit_names_the_expected_one():
    message = _message(validate_resident_id, "110105194912310021")
    assert "should be X" in message and "not 1" in message


# --- 专利申请号 -----------------------------------------------------------------------


@pytest.mark.parametrize("typed", [
    "201110269228.7", "2011102692287", "ZL201110269228.7", "ZL2011 1 0269228.7",
    "zl 2011 1 0269228.7", "CN201110269228.7", " 201110269228.7\u3000",
])
def test_every_accepted_form_of_a_patent_number_normalises(typed):
    assert normalize_patent_application_number(typed) == "201110269228.7"
    validate_patent_application_number(typed)


def test_patent_number_is_displayed_in_the_official_form():
    assert format_patent_number("201110269228.7") == "ZL2011 1 0269228.7"


def test_patent_check_digit_x_for_ten():
    assert patent_check_char("201210012345") == "X"
    validate_patent_application_number("201210012345.X")
    validate_patent_application_number("201210012345.x")


def test_patent_number_with_wrong_check_digit():
    message = _message(validate_patent_application_number, "201110269228.6")
    assert "should be 7" in message
    assert _code(validate_patent_application_number, "201110269228.6") == "patent_check"


@pytest.mark.parametrize("digit", ["0", "4", "5", "6", "7"])
def test_patent_number_with_a_type_digit_that_is_no_type(digit):
    digits = f"2020{digit}0123456"
    number = f"{digits}.{patent_check_char(digits)}"
    assert _code(validate_patent_application_number, number) == "patent_type"


def test_patent_number_format_and_year():
    assert _code(validate_patent_application_number, "20201012345.6") == "patent_format"
    assert _code(validate_patent_application_number, "98123456.X") == "patent_format"
    assert _code(validate_patent_application_number, make_patent_number(1, "1", 2002)) == (
        "patent_year")


# --- trademarks, contacts -------------------------------------------------------------


@pytest.mark.parametrize("value,ok", [(0, False), (1, True), (45, True), (46, False),
                                      (None, False)])
def test_nice_class_is_1_to_45(value, ok):
    if ok:
        validate_nice_class(value)
    else:
        assert _code(validate_nice_class, value) == "nice_class"


@pytest.mark.parametrize("value,ok", [("1", True), ("12345678", True), ("1234567890", True),
                                      ("12345678901", False), ("G123", False), ("", False)])
def test_trademark_registration_number(value, ok):
    if ok:
        validate_trademark_registration_number(value)
    else:
        assert _code(validate_trademark_registration_number, value) == "trademark_number"


@pytest.mark.parametrize("value,ok", [
    ("13800138000", True), ("0771-5551234", True), ("07715551234", True),
    ("0772-2345678-8001", True), ("", True), ("12800138000", False), ("1380013800", False),
    ("5551234", False), ("0771-555123a", False),
])
def test_phone_numbers(value, ok):
    if ok:
        validate_phone(value)
    else:
        assert _code(validate_phone, value) == "phone"


# --- the offending value is named -----------------------------------------------------


@pytest.mark.parametrize("call,value", [
    (validate_phone, "12800138000"),
    (validate_trademark_registration_number, "G1234"),
    (validate_nice_class, 46),
    (validate_resident_id, "1101051949123100AX"),
    (validate_patent_application_number, "98123456.X"),
])
def test_the_message_names_the_value_that_was_refused(call, value):
    assert str(value) in _message(call, value)


def test_a_missing_nice_class_or_trademark_number_says_it_is_needed():
    assert "needs its Nice class" in _message(validate_nice_class, None)
    assert _code(validate_nice_class, "") == "nice_class"
    assert _code(validate_nice_class, "abc") == "nice_class"
    validate_nice_class("30")  # a form may hand over the text
    assert "needs its registration number" in _message(
        validate_trademark_registration_number, "")


@pytest.mark.parametrize("value,ok", [("450000", True), ("450103", True), ("45010", False),
                                      ("4501033", False), ("45O103", False)])
def test_region_codes_are_six_digits(value, ok):
    if ok:
        validate_region_code(value)
    else:
        assert "GB/T 2260" in _message(validate_region_code, value)


@pytest.mark.parametrize(("typed", "number"), [
    ("南知案字(2026)7号", "南知案字〔2026〕7号"), ("南知案字（2026）第7号", "南知案字〔2026〕7号"),
    ("南知裁字【2026】12", "南知裁字〔2026〕12"), ("〔2026〕7号", "〔2026〕7号"),
    ("南知案字（2026）", "南知案字〔2026〕"), ("[2026]", "〔2026〕"),
    ("锐科照明", "锐科照明"), ("ZL2011 1 0269228.7", "ZL2011 1 0269228.7"), ("2026", "2026"),
])
def test_a_case_number_is_read_however_its_year_is_bracketed(typed, number):
    from cases.validators import normalize_case_number

    assert normalize_case_number(typed) == number


@pytest.mark.parametrize(("typed", "number"), [
    ("(2026)桂01民特88号", "（2026）桂01民特88号"),
    (" （2026）桂01民特88号 ", "（2026）桂01民特88号"),
    ("[2026]桂01 民特88号", "（2026）桂01民特88号"), ("【2026】桂01行初5号", "（2026）桂01行初5号"),
    ("( 2015 )南市民调确字第12号", "（2015）南市民调确字第12号"),
])
def test_a_court_case_number_is_stored_as_the_court_writes_it(typed, number):
    from cases.validators import normalize_court_case_number

    assert normalize_court_case_number(typed) == number


@pytest.mark.parametrize(("typed", "number"), [
    ("南公(经)立字[2026]88号", "南公（经）立字〔2026〕88号"),
    ("南公（经）立字【2026】88号", "南公（经）立字〔2026〕88号"),
    ("南公(经)立字(2026)88号 ", "南公（经）立字〔2026〕88号"),
    ("南公（经）立字〔2026〕88号", "南公（经）立字〔2026〕88号"),
])
def test_a_document_number_is_stored_in_its_official_form(typed, number):
    from cases.validators import normalize_document_number

    assert normalize_document_number(typed) == number
