"""Field rules shared by the services: each raises ValidationError naming the field to fix."""

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from db.errors import ValidationError, ValidationErrors
from db.translatable import QT_TRANSLATE_NOOP

_PHONE = re.compile(r"^[0-9+\-() ]{3,30}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# the most any amount may be: ten trillion yuan is a typing slip, and sums of such amounts over
# every row of a table still fit SQLite's 64-bit integers
MAX_FEN = 10**15
MAX_EMPLOYEES = 10_000_000
MAX_AREA_DM2 = 10**10  # 100,000,000 m²
MAX_QUANTITY_X100 = 10**15
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years the program counts money in

T = TypeVar("T")


class Problems:
    """Runs a form's checks one after the other and keeps every field error, so that all the
    fields to fix are named at once (`raise_any`), not one per save."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def check(self, rule: Callable[..., T], *args: object, **kwargs: object) -> T | None:
        try:
            return rule(*args, **kwargs)
        except ValidationErrors as several:
            self.errors += several.errors
        except ValidationError as error:
            self.errors.append(error)
        return None

    def fields(self) -> set[str | None]:
        return {error.field for error in self.errors}

    def raise_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ValidationErrors(self.errors)


def required_text(value: str, field: str, *, max_length: int = 200) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "This field is required."), field=field)
    if len(cleaned) > max_length:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "At most {max} characters."),
                              field=field, max=max_length)
    return cleaned


def optional_text(value: str, field: str, *, max_length: int = 200) -> str:
    cleaned = value.strip()
    if len(cleaned) > max_length:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "At most {max} characters."),
                              field=field, max=max_length)
    return cleaned


def not_negative(value: int | None, field: str) -> None:
    if value is not None and value < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "This cannot be negative."), field=field)


def at_most(value: int | None, most: int, field: str, shown: str | None = None) -> None:
    """`shown`: the limit as the message prints it (in yuan, in m²); the number itself if None."""
    if value is not None and value > most:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "At most {max} here."), field=field,
                              max=shown or f"{most:,}")


def amount(value: int | None, field: str) -> None:
    """An amount in fen: not negative, at most MAX_FEN."""
    not_negative(value, field)
    if value is not None and value > MAX_FEN:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "This amount is too large: at most ¥{max}."), field=field,
            max=f"{MAX_FEN // 100:,}")


def year(value: int, field: str = "year") -> None:
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Choose a year between {first} and {last}."),
                              field=field, first=FIRST_YEAR, last=LAST_YEAR)


def phone(value: str, field: str) -> str:
    cleaned = value.strip()
    if cleaned and not _PHONE.match(cleaned):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "A phone number has digits, spaces, +, - and brackets only."), field=field)
    return cleaned


def email(value: str, field: str) -> str:
    cleaned = value.strip()
    if cleaned and not _EMAIL.match(cleaned):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "This is not an e-mail address (name@example.com)."), field=field)
    return cleaned


def not_future(day: date | None, today: date, field: str) -> None:
    if day is not None and day > today:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "This date is in the future."), field=field)


def parse_area_m2(text: str, field: str = "floor_area") -> int:
    """'120.5' m² -> 12050 dm². Decimal at the edge only; two decimals at most."""
    cleaned = text.strip().replace(",", "").replace("，", "") if isinstance(text, str) else ""
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "Enter the floor area in square metres, e.g. 120.5."), field=field) from None
    if not value.is_finite() or value <= 0:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "The floor area must be more than 0 m²."), field=field)
    at_most(value, MAX_AREA_DM2 // 100, field, f"{MAX_AREA_DM2 // 100:,} m²")  # 1e999999 too
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "At most {decimals} decimal places here."), field=field, decimals=2)
    return int(value * 100)


def format_area_dm2(dm2: int) -> str:
    whole, rest = divmod(dm2, 100)
    return f"{whole:,}" + (f".{rest:02d}".rstrip("0") if rest else "")
