"""The arithmetic of subsidies, pure and tested at its edges.

Subsidy = min(bill × rate, what is left of the firm's yearly cap for the category), in fen.
Rounding: the bill × rate product is rounded half up to the fen (四舍五入): 0.5 fen and more
goes up, less goes down. The cap is never exceeded and a subsidy is never negative.
"""

import re
import unicodedata
from datetime import date, timedelta

from db.errors import ValidationError
from db.translatable import QT_TRANSLATE_NOOP

BASIS_POINTS = 10_000
_PERIOD = re.compile(r"^([0-9]{4})-([0-9]{2})$", re.ASCII)
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                         "\u2014": "-", "\u2212": "-"})


def bill_share(billed_fen: int, rate_bp: int) -> int:
    """billed × rate, rounded half up to the fen (integers only)."""
    return (billed_fen * rate_bp * 2 + BASIS_POINTS) // (2 * BASIS_POINTS)


def subsidy(billed_fen: int, rate_bp: int, cap_left_fen: int) -> int:
    return max(0, min(bill_share(billed_fen, rate_bp), cap_left_fen))


def parse_period(text: str, field: str = "period") -> str:
    """A month as typed -> '2026-11'. Full-width digits and dashes (２０２６－１１, as a Chinese
    input method types them) are the same month; anything else is refused, None included."""
    typed = unicodedata.normalize("NFKC", text).translate(_DASHES).strip() \
        if isinstance(text, str) else ""
    match = _PERIOD.match(typed)
    if not match or not 1 <= int(match.group(2)) <= 12 or not 2000 <= int(match.group(1)) <= 2100:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "A month is written like 2026-11."), field=field)
    return f"{match.group(1)}-{match.group(2)}"


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def period_start(period: str) -> date:
    year, month = map(int, period.split("-"))
    return date(year, month, 1)


def period_end(period: str) -> date:
    year, month = map(int, period.split("-"))
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def next_period(period: str) -> str:
    """'2026-12' -> '2027-01'."""
    year, month = int(period[:4]), int(period[5:])
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def months_before(period: str, count: int) -> list[str]:
    """The `count` months before `period`, oldest first: ('2027-01', 2) -> 2026-11, 2026-12."""
    year, month = int(period[:4]), int(period[5:])
    months = []
    for back in range(count, 0, -1):
        index = year * 12 + month - 1 - back
        months.append(f"{index // 12:04d}-{index % 12 + 1:02d}")
    return months


def year_of(period: str) -> int:
    return int(period[:4])
