"""The arithmetic of subsidies, pure and tested at its edges.

Subsidy = min(bill × rate, what is left of the firm's yearly cap for the category), in fen.
Rounding: the bill × rate product is rounded half up to the fen (四舍五入): 0.5 fen and more
goes up, less goes down. The cap is never exceeded and a subsidy is never negative.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from db.errors import Translate, ValidationError, _untranslated
from db.money import format_fen
from db.translatable import QT_TRANSLATE_NOOP, Term, category_term

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


@dataclass(frozen=True)
class Shortfall:
    """Why a subsidy is less than the bill's share, 0.00 above all: said on the bill sheet's
    cell (and wherever a subsidy of 0.00 would leave the reader guessing)."""

    code: str  # no_rate | zero_rate | too_small | cap_reached | capped
    template: str  # marked for translation, context "db"
    values: dict[str, object]

    def message(self, translate: Translate = _untranslated) -> str:
        values = {k: translate("db", v) if isinstance(v, Term) else v for k, v in self.values.items()}
        return translate("db", self.template).format(**values)


def percent_of_bp(rate_bp: int) -> str:
    """1500 -> '15', 1250 -> '12.5' (basis points as a percentage, no float)."""
    whole, rest = divmod(rate_bp, 100)
    return f"{whole}" + (f".{rest:02d}".rstrip("0") if rest else "")


def shortfall(billed_fen: int, rate_bp: int | None, yearly_cap_fen: int, cap_left_fen: int,
              subsidy_fen: int, *, category: str, period: str) -> Shortfall | None:
    """Why `subsidy_fen` (for this bill, at this rate, with this much of the yearly cap left) is
    less than the bill's share; None when it is not, or when there is no bill to speak of."""
    if billed_fen <= 0:
        return None
    if rate_bp is None:
        return Shortfall("no_rate", QT_TRANSLATE_NOOP("db", "No subsidy rate is set for {category} in {period}."),
                         {"category": category_term(category), "period": period})
    if rate_bp == 0:
        return Shortfall("zero_rate", QT_TRANSLATE_NOOP("db", "The rate for {category} is 0 % in {period}."),
                         {"category": category_term(category), "period": period})
    share = bill_share(billed_fen, rate_bp)
    if share == 0:
        return Shortfall("too_small", QT_TRANSLATE_NOOP("db", "{rate} % of this bill is less than one fen."),
                         {"rate": percent_of_bp(rate_bp)})
    if subsidy_fen >= share:
        return None
    cap = format_fen(yearly_cap_fen)
    if subsidy_fen <= 0:
        return Shortfall("cap_reached", QT_TRANSLATE_NOOP("db", "Yearly cap of ¥{cap} reached"), {"cap": cap})
    return Shortfall("capped", QT_TRANSLATE_NOOP(
        "db", "Limited by the yearly cap of ¥{cap}: ¥{left} of it was left."),
        {"cap": cap, "left": format_fen(max(0, cap_left_fen))})
