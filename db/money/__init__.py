"""Money is an integer number of fen everywhere; text is parsed and formatted only here.

Parsing never goes through float: digits are read as text and turned into an int.
"""

import re

from db.errors import ValidationError
from db.translatable import QT_TRANSLATE_NOOP

FEN_PER_YUAN = 100
FEN_PER_WAN_YUAN = 1_000_000

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋￥", "0123456789.,-+¥")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+$")


def parse_yuan(text: str, *, field: str | None = None, unit_fen: int = FEN_PER_YUAN) -> int:
    """'1,234.50', '¥1234.5', full-width '１２３４．５' -> fen. `unit_fen` reads 万元 and the like.

    Raises ValidationError naming what to fix: letters, two decimal points, a negative amount,
    more decimals than a fen, or thousands separators in the wrong places.
    """
    cleaned = text.strip().translate(_FULL_WIDTH).replace(" ", "").replace("\u00a0", "")
    if cleaned.startswith("¥"):
        cleaned = cleaned[1:]
    if cleaned.endswith("元") and unit_fen == FEN_PER_YUAN:
        cleaned = cleaned[:-1]
    if not cleaned:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Enter an amount."), field=field)
    if cleaned.startswith("-"):
        raise ValidationError(QT_TRANSLATE_NOOP("db", "The amount cannot be negative."), field=field)
    if cleaned.startswith("+"):
        cleaned = cleaned[1:]
    if cleaned.count(".") > 1:
        raise ValidationError(
            QT_TRANSLATE_NOOP("db", "The amount has more than one decimal point."), field=field)
    whole, _, fraction = cleaned.partition(".")
    if "," in whole:
        if not _GROUPED.match(whole):
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "Thousands separators must group three digits, as in 1,234,567.89."), field=field)
        whole = whole.replace(",", "")
    if not whole and not fraction:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Enter an amount."), field=field)
    if not (whole or "0").isdecimal() or not (fraction or "0").isdecimal() \
            or not (whole or "0").isascii() or not (fraction or "0").isascii():
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "“{text}” is not an amount: use digits, one decimal point and commas only."),
            field=field, text=text.strip())
    decimals = len(str(unit_fen)) - 1  # fen per unit is a power of ten
    if len(fraction) > decimals:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "At most {decimals} decimal places here."), field=field, decimals=decimals)
    return int(whole or "0") * unit_fen + int((fraction or "0").ljust(decimals, "0")[:decimals] or "0")


def parse_wan_yuan(text: str, *, field: str | None = None) -> int:
    """An amount typed in 万元 (registered capital, revenue) -> fen."""
    return parse_yuan(text, field=field, unit_fen=FEN_PER_WAN_YUAN)


def format_fen(fen: int, *, symbol: bool = False) -> str:
    """12345678 -> '123,456.78' (or '¥123,456.78')."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{'¥' if symbol else ''}{yuan:,}.{cents:02d}"


def format_wan_yuan(fen: int) -> str:
    """Fen as 万元 with up to six decimals, trailing zeros dropped: 12_345_000_000 -> '12,345'."""
    wan, rest = divmod(abs(fen), FEN_PER_WAN_YUAN)
    text = f"{wan:,}" + (f".{rest:06d}".rstrip("0") if rest else "")
    return ("-" if fen < 0 else "") + text
