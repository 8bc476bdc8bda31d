"""Reading one cell as offices type it: each function takes the value a sheet holds (str, int,
float, bool, date, datetime or None) and returns what the field stores, or raises a
ValidationError at the field (`key`) that says what to fix.

Money and measures are exact: a number cell's float is read through Decimal(repr(value)), the
shortest text that gives it back (what the cell showed), never by float arithmetic.
"""

import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from db.errors import ValidationError
from db.translatable import QT_TRANSLATE_NOOP

SPACES = re.compile(r"\s+")
SCIENTIFIC = re.compile(r"[+-]?\d+(\.\d*)?e[+-]?\d+", re.IGNORECASE)
GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?")
PLAIN = re.compile(r"(\d+(\.\d*)?|\.\d+)")
DATE_TEXT = re.compile(r"(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?)"
                       r"(?:\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 from 1900-03-01 on (Excel's leap bug)
LAST_SERIAL = 2958466  # 10000-01-01
YES = {"是", "有", "y", "yes", "true", "1", "√", "✓", "✔", "对"}
NO = {"否", "无", "n", "no", "false", "0", "×", "✗", "✘", ""}
REQUIRED = QT_TRANSLATE_NOOP("db", "This field is required.")


def normalised(text: object) -> str:
    """The text as headers and listed words are compared: full-width forms folded (NFKC: （） is
    (), ＵＳＣＣ is USCC), every space and line break removed, case ignored, and a leading or
    trailing "*" (a required column's mark) dropped."""
    text = SPACES.sub("", unicodedata.normalize("NFKC", str(text))).casefold()
    return text.strip("*")


def _shown(value: object) -> str:
    """A value as a message quotes it."""
    if isinstance(value, float):
        return repr(value)
    return str(value).strip()


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _scientific(text: str) -> bool:
    """A number as Excel shows it in scientific notation (9.14403E+17). An 18-character text is
    a code even when it reads as one (913101150E70000001 is a code with one letter E)."""
    return len(text) != 18 and SCIENTIFIC.fullmatch(text) is not None


def uscc_cell(value: object, key: str = "uscc") -> str:
    if _is_number(value) or (isinstance(value, str) and _scientific(value.strip())):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "The credit code {value} was saved as a number and has lost digits. Format the "
            "column as text and type the codes again."), field=key, value=_shown(value))
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValidationError(REQUIRED, field=key)
    if len(text) == 17 and text.isdigit():
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "The credit code {value} has 17 digits: its leading zero was probably lost "
            "because the cell is a number. Format the column as text and type the code again "
            "with its 18 characters."), field=key, value=text)
    return text


def text_cell(value: object, key: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number or a code the sheet stored as a number
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() \
            else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _number_text(value: str) -> str:
    """Text with full-width digits and marks folded, spaces and thousands separators gone."""
    text = SPACES.sub("", unicodedata.normalize("NFKC", value))
    if GROUPED.fullmatch(text.lstrip("+-")):
        text = text.replace(",", "")
    return text


def _decimal(value: object, key: str, units: dict[str, int], not_number: str) -> Decimal | None:
    """The cell as an exact non-negative number, multiplied by its unit's factor (万 = 10,000);
    None when empty. `not_number` is the message for text that is no number."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValidationError(not_number, field=key, value=text_cell(value))
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
        if not number.is_finite():
            raise ValidationError(not_number, field=key, value=repr(value))
    else:
        text = _number_text(value)
        if not text:
            return None
        text = text.lstrip("¥$")
        factor = 1
        for unit, unit_factor in units.items():
            if unit and text.casefold().endswith(unit):
                text, factor = text[:-len(unit)], unit_factor
                break
        negative = text.startswith(("-", "−"))
        digits = _number_text(text.lstrip("+-−").lstrip("¥$"))
        if not PLAIN.fullmatch(digits):
            raise ValidationError(not_number, field=key, value=value.strip())
        try:
            number = Decimal(digits) * factor * (-1 if negative else 1)
        except InvalidOperation as exc:
            raise ValidationError(not_number, field=key, value=value.strip()) from exc
    if number < 0:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "{value} is below zero. Type the number without a minus sign."),
            field=key, value=_shown(value))
    return number


def _hundredths(number: Decimal | None, value: object, key: str, too_fine: str) -> int | None:
    if number is None:
        return None
    hundredths = number * 100
    if hundredths != hundredths.to_integral_value():
        raise ValidationError(too_fine, field=key, value=_shown(value))
    return int(hundredths)


MONEY_UNITS = {"万元": 10_000, "万": 10_000, "元": 1, "rmb": 1, "cny": 1}
NOT_MONEY = QT_TRANSLATE_NOOP("db", "“{value}” is not an amount. Type the amount in yuan, such "
                              "as 12345.67, ¥12,345.67 or 1.2万元.")
MONEY_TOO_FINE = QT_TRANSLATE_NOOP("db", "{value} has more than two decimals as yuan. Round it "
                                   "to the fen (two decimals).")


def money_cell(value: object, key: str = "") -> int | None:
    """Yuan to fen; ¥ and ￥, thousands commas, full-width digits, 元, 万 and 万元 read."""
    number = _decimal(value, key, MONEY_UNITS, NOT_MONEY)
    return _hundredths(number, value, key, MONEY_TOO_FINE)


AREA_UNITS = {"平方米": 1, "m2": 1}  # NFKC makes ㎡ and m² into m2
NOT_AREA = QT_TRANSLATE_NOOP("db", "“{value}” is not a floor area. Type the square metres, "
                             "such as 120.5 or 120.5㎡.")
QUANTITY_UNITS = {"千瓦时": 1, "kwh": 1, "度": 1, "立方米": 1, "m3": 1, "吨": 1, "平方米": 1,
                  "m2": 1}
NOT_QUANTITY = QT_TRANSLATE_NOOP("db", "“{value}” is not a quantity. Type a number, such as 5230 "
                                 "or 5230.5.")
TOO_FINE = QT_TRANSLATE_NOOP("db", "{value} has more than two decimals. Round it to two.")


def area_cell(value: object, key: str = "") -> int | None:
    """Square metres to hundredths of a square metre; "㎡" and "平方米" read."""
    return _hundredths(_decimal(value, key, AREA_UNITS, NOT_AREA), value, key, TOO_FINE)


def quantity_cell(value: object, key: str = "") -> int | None:
    """A bill's quantity (kWh, m³, m²) to hundredths; its unit (度, 吨, ㎡ …) read past."""
    return _hundredths(_decimal(value, key, QUANTITY_UNITS, NOT_QUANTITY), value, key, TOO_FINE)


NOT_INTEGER = QT_TRANSLATE_NOOP("db", "“{value}” is not a whole number. Type a number such as 35.")


def integer_cell(value: object, key: str = "") -> int | None:
    """35, 35.0, "35", "３５", "1,200" and "35人" read; a fraction refused."""
    number = _decimal(value, key, {"人": 1, "名": 1, "个": 1}, NOT_INTEGER)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValidationError(NOT_INTEGER, field=key, value=_shown(value))
    return int(number)


NOT_DATE = QT_TRANSLATE_NOOP("db", "“{value}” is not a date. Type it as 2024-03-05, 2024/3/5, "
                             "2024.3.5, 2024年3月5日 or 20240305.")


def date_cell(value: object, key: str = "") -> date | None:
    """A date cell, an Excel serial number (45356 is 2024-03-05; the time of day is dropped), or
    text: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, in full-width digits too."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if _is_number(value):
        return _serial(value, value, key)
    if not isinstance(value, str):
        raise ValidationError(NOT_DATE, field=key, value=text_cell(value))
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        return None
    if len(text) == 8 and text.isdigit():
        return _day(int(text[:4]), int(text[4:6]), int(text[6:]), value, key)
    if PLAIN.fullmatch(text):
        return _serial(float(text), value, key)
    found = DATE_TEXT.fullmatch(text)
    if not found:
        raise ValidationError(NOT_DATE, field=key, value=value.strip())
    year, month, day = (int(part) for part in found.groups() if part is not None)
    return _day(year, month, day, value, key)


# the first serial read as a date: 1950-01-01. Below it a number is more likely a year typed
# alone (2024 would be 1905-07-16) or another figure in the wrong column than a date
FIRST_SERIAL = 18_264


def _serial(number: float, value: object, key: str) -> date:
    if not FIRST_SERIAL <= number < LAST_SERIAL:
        raise ValidationError(NOT_DATE, field=key, value=_shown(value))
    return EXCEL_EPOCH + timedelta(days=int(number))


def _day(year: int, month: int, day: int, value: object, key: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "{value} is not a day of the calendar: that month has no such day. Correct "
            "the date."), field=key, value=str(value).strip()) from exc


def flag_cell(value: object, key: str = "") -> bool:
    """是/有/Y/yes/true/1/√ are yes; 否/无/N/no/false/0/× and an empty cell are no."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    word = normalised(text_cell(value))
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValidationError(QT_TRANSLATE_NOOP(
        "db", "“{value}” is neither yes nor no. Type 是 or 否, or leave the cell empty for no."),
        field=key, value=text_cell(value))


def choice_cell(value: object, words: Mapping[str, str], key: str = "",
                shown: Sequence[str] = ()) -> str | None:
    """The code of the word the cell holds; `words` maps normalised words to codes. None when
    the cell is empty. A refusal lists `shown` (the words as people write them), else `words`."""
    text = text_cell(value)
    if not text:
        return None
    code = words.get(normalised(text))
    if code is None:
        accepted = list(shown) or list(dict.fromkeys(words))
        listed = ", ".join(accepted[:8]) + (" …" if len(accepted) > 8 else "")
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "“{value}” is not one of the words this column takes: {words}."),
            field=key, value=text, words=listed)
    return code
