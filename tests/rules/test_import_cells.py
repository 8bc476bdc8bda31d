"""Reading one cell as offices type it: credit codes that became numbers, dates as serial
numbers or as text, amounts with ¥, commas, full-width digits or 万元, yes/no words and listed
words, each refusal at its field with a message that says what to fix."""

from datetime import date, datetime

import pytest

from db.errors import ValidationError
from db.importing import cells


def refusal(function, *args, key: str = "f") -> str:
    with pytest.raises(ValidationError) as refused:
        function(*args, key)
    assert refused.value.field == key
    return refused.value.message()


# --- credit codes --------------------------------------------------------------------------------

def test_an_eighteen_character_code_with_one_letter_e_is_a_code_not_a_number():
    assert cells.uscc_cell("913101150E70000001", "uscc") == "913101150E70000001"


@pytest.mark.parametrize("value", [914403001234567890, 9.14403001234568e+17, "9.14403E+17",
                                   "9.14403e17", " 9.14403E+17 "])
def test_a_credit_code_saved_as_a_number_is_refused(value):
    text = refusal(cells.uscc_cell, value, key="uscc")
    assert "was saved as a number and has lost digits" in text
    assert "Format the column as text and type the codes again" in text


def test_a_credit_code_that_lost_its_leading_zero():
    text = refusal(cells.uscc_cell, "12345678901234567", key="uscc")
    assert "has 17 digits: its leading zero was probably lost" in text
    assert "type the code again with its 18 characters" in text


def test_a_credit_code_as_text_is_returned_stripped_and_an_empty_one_is_required():
    assert cells.uscc_cell(" 91310115MA1H7XXX0Q\n") == "91310115MA1H7XXX0Q"
    assert cells.uscc_cell("91310115MA1H7XXX0", "uscc") == "91310115MA1H7XXX0"  # services judge
    for empty in (None, "", "  "):
        assert refusal(cells.uscc_cell, empty, key="uscc") == "This field is required."


# --- text ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "text"), [
    (13912345678.0, "13912345678"), (35, "35"), (120.5, "120.5"), (None, ""), ("  李四 ", "李四"),
    (date(2024, 3, 5), "2024-03-05"), (datetime(2024, 3, 5), "2024-03-05"),
    (datetime(2024, 3, 5, 9, 30), "2024-03-05 09:30:00"), (True, "True")])
def test_text_cells(value, text):
    assert cells.text_cell(value, "contact_phone") == text


# --- money --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "fen"), [
    ("¥1,234.50", 123450), ("￥1,234.50", 123450), ("1，234.5", 123450), ("１２３４", 123400),
    ("１，２３４．５６", 123456), ("12.5万元", 12_500_000), ("12.5万", 12_500_000), ("500万元", 500_000_000),
    ("1234元", 123400), (" 1 234.5 ", 123450), ("¥ 12,345.67元", 1_234_567), (1234.5, 123450),
    (0.1, 10), (19.99, 1999), (5000000, 500_000_000), ("0", 0), (None, None), ("", None),
    ("  ", None), (1.2345678e7, 1_234_567_800)])
def test_money_forms(value, fen):
    assert cells.money_cell(value, "billed_fen") == fen


@pytest.mark.parametrize("value", ["3.456", 3.456, "1.2345678万"])
def test_money_with_more_than_two_decimals_is_refused(value):
    text = refusal(cells.money_cell, value, key="billed_fen")
    assert "has more than two decimals as yuan. Round it to the fen (two decimals)." in text


@pytest.mark.parametrize("value", ["abc", "12,34", "1.234,50", "12元5角", "(100)", "¥", "1e5", True])
def test_a_text_that_is_no_amount_is_refused_naming_it(value):
    text = refusal(cells.money_cell, value, key="billed_fen")
    assert text.startswith(f"“{cells.text_cell(value)}” is not an amount.")
    assert "such as 12345.67, ¥12,345.67 or 1.2万元" in text


@pytest.mark.parametrize("value", [-5, -0.5, "-12.5", "－12.5", "-¥12"])
def test_a_negative_amount_is_refused(value):
    text = refusal(cells.money_cell, value, key="billed_fen")
    assert "is below zero. Type the number without a minus sign." in text


# --- integers, areas, quantities -------------------------------------------------------------

@pytest.mark.parametrize(("value", "number"), [
    (35, 35), (35.0, 35), ("35", 35), ("３５", 35), ("1,200", 1200), ("35人", 35), (" 35 人", 35),
    ("35.0", 35), (None, None), ("", None)])
def test_integer_forms(value, number):
    assert cells.integer_cell(value, "employees") == number


@pytest.mark.parametrize("value", [35.5, "35.5", "三十五", "about 35"])
def test_a_fraction_or_words_are_no_whole_number(value):
    text = refusal(cells.integer_cell, value, key="employees")
    assert "is not a whole number. Type a number such as 35." in text


@pytest.mark.parametrize(("value", "hundredths"), [
    (120.5, 12050), ("120.5㎡", 12050), ("120.5 平方米", 12050), ("120.50m²", 12050),
    ("１２０．５", 12050), (120, 12000), (None, None)])
def test_area_forms(value, hundredths):
    assert cells.area_cell(value, "floor_area_dm2") == hundredths


def test_area_and_quantity_refusals():
    assert "has more than two decimals. Round it to two." in refusal(cells.area_cell, "120.555")
    assert "is not a floor area. Type the square metres" in refusal(cells.area_cell, "120.5亩")
    assert "is not a quantity. Type a number" in refusal(cells.quantity_cell, "很多")
    assert cells.quantity_cell("5,230度", "q") == 523000
    assert cells.quantity_cell(5230.25, "q") == 523025
    assert cells.quantity_cell("12.5吨", "q") == 1250


# --- dates --------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    date(2024, 3, 5), datetime(2024, 3, 5, 17, 45), 45356, 45356.75, "45356", "2024-03-05",
    "2024-3-5", "2024/3/5", "2024/03/05", "2024.3.5", "2024年3月5日", "2024年03月05日", "2024年3月5",
    "20240305", "２０２４－０３－０５", "２０２４年３月５日", " 2024-03-05 00:00:00 "])
def test_date_forms(value):
    assert cells.date_cell(value, "founded_on") == date(2024, 3, 5)


def test_excel_serials_from_the_1900_date_system():
    assert cells.date_cell(45356, "d") == date(2024, 3, 5)  # base 1899-12-30 (Excel's leap-day bug)
    assert cells.date_cell(18264, "d") == date(1950, 1, 1)
    assert cells.date_cell(2958465, "d") == date(9999, 12, 31)
    for empty in (None, "", " "):
        assert cells.date_cell(empty, "d") is None


@pytest.mark.parametrize("value", ["2024-02-30", "2023年2月29日", "20241301"])
def test_an_impossible_date_is_refused_naming_it(value):
    text = refusal(cells.date_cell, value, key="founded_on")
    assert text == (f"{value} is not a day of the calendar: that month has no such day. "
                    "Correct the date.")


@pytest.mark.parametrize("value", ["March 5", "5/3/2024", "2024-03", 0, 2958466, -3, "明天", True,
                                   2024, "2024", 18263])
def test_anything_else_is_refused_with_the_accepted_forms(value):
    text = refusal(cells.date_cell, value, key="founded_on")
    assert "is not a date. Type it as 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 or 20240305." \
        in text


# --- yes/no and listed words ------------------------------------------------------------------

@pytest.mark.parametrize("value", ["是", "有", "Y", "yes", "YES", "true", "1", 1, 1.0, "√", "✓",
                                   True])
def test_yes_words(value):
    assert cells.flag_cell(value, "core_tech") is True


@pytest.mark.parametrize("value", ["否", "无", "N", "no", "False", "0", 0, "×", None, "", " ",
                                   False])
def test_no_words(value):
    assert cells.flag_cell(value, "core_tech") is False


def test_another_word_is_neither_yes_nor_no():
    assert refusal(cells.flag_cell, "也许", key="core_tech") == (
        "“也许” is neither yes nor no. Type 是 or 否, or leave the cell empty for no.")


def test_choice_words_are_found_normalised_and_unknown_ones_listed():
    words = {cells.normalised(word): code for code, word in [
        ("ai", "人工智能"), ("ai", "AI"), ("bio", "生物医药"), ("ic", "集成电路"), ("nev", "新能源汽车"),
        ("mat", "新材料"), ("eq", "高端装备"), ("sw", "软件"), ("fin", "金融科技"), ("x", "其他")]}
    assert cells.choice_cell(" 人工 智能\n", words, "sector_code") == "ai"
    assert cells.choice_cell("ａｉ", words, "sector_code") == "ai"
    assert cells.choice_cell(None, words, "sector_code") is None
    text = refusal(cells.choice_cell, "区块链", words, key="sector_code")
    assert text == ("“区块链” is not one of the words this column takes: 人工智能, ai, 生物医药, "
                    "集成电路, 新能源汽车, 新材料, 高端装备, 软件 ….")


def test_normalised_text():
    assert cells.normalised(" 注册资本（元）*") == cells.normalised("注册资本(元)")
    assert cells.normalised("统一社会\n信用代码") == "统一社会信用代码"
    assert cells.normalised("*Credit\u3000Code") == "creditcode"
