"""Field rules shared by the services: each raises ValidationError naming the field to fix."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from db.errors import ValidationError
from db.translatable import QT_TRANSLATE_NOOP

_PHONE = re.compile(r"^[0-9+\-() ]{3,30}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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
    cleaned = text.strip().replace(",", "").replace("，", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "Enter the floor area in square metres, e.g. 120.5."), field=field) from None
    if not value.is_finite() or value <= 0:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "The floor area must be more than 0 m²."), field=field)
    scaled = value * 100
    if scaled != scaled.to_integral_value():
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "At most {decimals} decimal places here."), field=field, decimals=2)
    return int(scaled)


def format_area_dm2(dm2: int) -> str:
    whole, rest = divmod(dm2, 100)
    return f"{whole:,}" + (f".{rest:02d}".rstrip("0") if rest else "")
