"""Money is an integer number of fen; text is parsed and formatted at the edges only, never as
float."""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.errors import ValidationError
from db.money import format_fen, format_wan_yuan, parse_wan_yuan, parse_yuan


@pytest.mark.parametrize("typed", [
    "1234.5", "1234.50", "1,234.50", "¥1,234.50", "￥1,234.50", "１２３４．５", "１，２３４．５０",
    " 1234.5 ", "1234.5元", "+1234.5", "¥ 1 234.50",
])
def test_what_people_type_for_1234_yuan_50(typed):
    assert parse_yuan(typed) == 123450


@pytest.mark.parametrize(("typed", "fen"), [
    ("0", 0), ("0.01", 1), (".5", 50), ("7.", 700), ("1,000", 100000), ("1,234,567.89", 123456789),
    ("30000000", 3_000_000_000), ("150,000,000,000", 15_000_000_000_000),
    ("0.1", 10), ("0.10", 10), ("100000", 10_000_000),
])
def test_exact_values(typed, fen):
    assert parse_yuan(typed) == fen


def test_no_float_rounding():
    # 0.1 + 0.2 style errors would show here: 1.15 * 100 = 114.99999999999999 in float
    assert parse_yuan("1.15") == 115
    assert parse_yuan("4.35") == 435
    assert parse_yuan("9007199254740993.01") == 900719925474099301  # beyond float's 2**53


@pytest.mark.parametrize(("typed", "words"), [
    ("abc", "not an amount"),
    ("12a", "not an amount"),
    ("1e5", "not an amount"),
    ("1.2.3", "more than one decimal point"),
    ("-5", "cannot be negative"),
    ("－5", "cannot be negative"),
    ("1.234", "At most 2 decimal places"),
    ("1,23", "group three digits"),
    ("12,34.5", "group three digits"),
    ("1,2345", "group three digits"),
    (",123", "group three digits"),
    ("1,,234", "group three digits"),
    ("", "Enter an amount"),
    ("  ", "Enter an amount"),
    ("¥", "Enter an amount"),
    (".", "Enter an amount"),
    ("١٢٣", "not an amount"),  # Arabic-Indic digits are decimal in Python, not here
    ("nan", "not an amount"),
    ("inf", "not an amount"),
])
def test_refusals_say_what_is_wrong(typed, words):
    with pytest.raises(ValidationError) as refused:
        parse_yuan(typed, field="billed")
    assert words in refused.value.message()
    assert refused.value.field == "billed"


def test_wan_yuan():
    assert parse_wan_yuan("2000") == 2_000_000_000  # 2,000万元 in fen
    assert parse_wan_yuan("1.5") == 1_500_000
    assert parse_wan_yuan("0.000001") == 1
    with pytest.raises(ValidationError):
        parse_wan_yuan("0.0000001")
    assert format_wan_yuan(12_345_000_000) == "12,345"
    assert format_wan_yuan(1_500_000) == "1.5"
    assert format_wan_yuan(1) == "0.000001"


@pytest.mark.parametrize(("fen", "text", "with_symbol"), [
    (0, "0.00", "¥0.00"), (1, "0.01", "¥0.01"), (123450, "1,234.50", "¥1,234.50"),
    (10_000_000, "100,000.00", "¥100,000.00"), (-150, "-1.50", "-¥1.50"),
])
def test_format(fen, text, with_symbol):
    assert format_fen(fen) == text
    assert format_fen(fen, symbol=True) == with_symbol


@given(st.integers(min_value=0, max_value=10**17))
def test_format_then_parse_gives_the_same_fen(fen):
    assert parse_yuan(format_fen(fen)) == fen
    assert parse_yuan(format_fen(fen, symbol=True)) == fen
    assert parse_wan_yuan(format_wan_yuan(fen * 100)) == fen * 100


@given(st.from_regex(re.compile(r"[0-9]{1,15}(\.[0-9]{1,2})?"), fullmatch=True))
def test_plain_decimals_parse_exactly(typed):
    assert parse_yuan(typed) == int(Decimal(typed) * 100)


MONEYISH = "0123456789.,¥￥-+ 元０１２．，－a"


@given(st.one_of(st.text(), st.text(alphabet=MONEYISH, max_size=20)))
def test_parse_never_raises_anything_but_a_validation_error(typed):
    try:
        fen = parse_yuan(typed)
    except ValidationError as refused:
        refused.message()  # and its message formats
    else:
        assert isinstance(fen, int) and fen >= 0
