"""Amounts in words (大写) against the PBOC examples, and over random amounts: read back by an
independent parser, they give the amount again, and they keep the rules' form."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.money.words import amount_in_words

PBOC = [
    (1_409_50, "人民币壹仟肆佰零玖元伍角"),
    (6_007_14, "人民币陆仟零柒元壹角肆分"),
    (16_409_02, "人民币壹万陆仟肆佰零玖元零贰分"),
    # the rules allow 零 after 元 or between 万 and 柒: the first of their two forms
    (107_000_53, "人民币壹拾万柒仟元零伍角叁分"),
    (100_000_00, "人民币壹拾万元整"),
    (5, "人民币伍分"),
    (15_000_000_000_00, "人民币壹佰伍拾亿元整"),
    (1_680_32, "人民币壹仟陆佰捌拾元零叁角贰分"),
    (325_04, "人民币叁佰贰拾伍元零肆分"),
    (10_00, "人民币壹拾元整"),  # 壹 before 拾 is always written
    (100_700_00, "人民币壹拾万零柒佰元整"),
    (1_000_000_01, "人民币壹佰万元零壹分"),
    (50, "人民币伍角"),
    (0, "人民币零元整"),
    (-351_85, "人民币负叁佰伍拾壹元捌角伍分"),
    (1_0000_0000_00, "人民币壹亿元整"),
    (1_0001_0000_00, "人民币壹亿零壹万元整"),
    (1_0000_0001_00, "人民币壹亿零壹元整"),
]

DIGITS = {c: n for n, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
SMALL = {"拾": 10, "佰": 100, "仟": 1000}
BIG = {"万": 10**4, "亿": 10**8}


def words_to_fen(words: str) -> int:
    """An independent reading of the words: units multiply the digit before them; 万 and 亿
    multiply everything read since the last larger unit."""
    assert words.startswith("人民币")
    body = words[3:]
    sign = -1 if body.startswith("负") else 1
    body = body.removeprefix("负")
    yuan_part, _, cents_part = body.partition("元")
    if not _:
        yuan_part, cents_part = "", body
    total, section, digit = 0, 0, 0
    for char in yuan_part:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in SMALL:
            section += digit * SMALL[char]
            digit = 0
        elif char in BIG:
            section += digit
            if BIG[char] == 10**8:
                total = (total + section) * 10**8
            else:
                total += section * 10**4
            section, digit = 0, 0
    total += section + digit
    fen = total * 100
    jiao = re.search(r"(.)角", cents_part)
    cents = re.search(r"(.)分", cents_part)
    fen += DIGITS[jiao.group(1)] * 10 if jiao else 0
    fen += DIGITS[cents.group(1)] if cents else 0
    return sign * fen


@pytest.mark.parametrize(("fen", "words"), PBOC)
def test_the_pboc_examples(fen, words):
    assert amount_in_words(fen) == words
    assert words_to_fen(words) == fen


@given(st.integers(min_value=-10**16, max_value=10**16))
def test_random_amounts_read_back_and_keep_the_form(fen):
    words = amount_in_words(fen)
    assert words_to_fen(words) == fen
    assert set(words) <= set("人民币负零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")
    assert "零零" not in words
    assert words.endswith("整") == (fen % 100 == 0)  # 整 only without jiao and fen
    assert ("分" in words) == (abs(fen) % 10 != 0)
    assert ("角" in words) == (abs(fen) // 10 % 10 != 0)
    if fen:  # (¥0.00 alone is 人民币零元整)
        assert not re.search(r"零[元万亿整]", words)  # never a 零 before a unit or at the end
    if abs(fen) >= 100:
        assert "元" in words


def test_money_is_never_a_float():
    for value in (1.5, "100", True):
        with pytest.raises(TypeError):
            amount_in_words(value)
