"""The demo's calendar: its months and moments, built around the day it is made.

The twelve months before this one are decided, the older of them (all but the last two)
closed; this month is being typed and submitted. Every moment the demo records lies before the
start of its day in Shanghai, so the same seed on the same date gives the same file whatever
the hour; only on the first of a month does this month's typing fall in the day's first minutes.
"""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from db.clock import SHANGHAI
from db.money.subsidy_rules import months_before, next_period, period_of, period_start

DECIDED_MONTHS = 12  # the months before this one that are decided
OPEN_DECIDED = 2  # the latest decided months stay open (not closed)
_FIRST_OF_MONTH_WINDOW = timedelta(minutes=10)


def utc_of(day: date, at: time = time(0)) -> datetime:
    """A Shanghai date and time as the naive UTC moment the tables store."""
    return datetime.combine(day, at, SHANGHAI).astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class DemoCalendar:
    today: date

    @property
    def current(self) -> str:
        """This month: half submitted, a quarter typed as drafts."""
        return period_of(self.today)

    @property
    def decided(self) -> list[str]:
        """The twelve months before this one, oldest first."""
        return months_before(self.current, DECIDED_MONTHS)

    @property
    def closed(self) -> list[str]:
        return self.decided[:-OPEN_DECIDED]

    @property
    def years(self) -> list[int]:
        """Every year the demo touches: rates and budgets are set for each."""
        return sorted({int(p[:4]) for p in (*self.decided, self.current)})

    @property
    def start(self) -> datetime:
        """The first moment of the demo: the first decided month's beginning."""
        return utc_of(period_start(self.decided[0]))

    @property
    def day_begins(self) -> datetime:
        """Midnight of the demo's day in Shanghai: what was decided happened before it."""
        return utc_of(self.today)

    def before_today(self, moment: datetime, margin: timedelta = timedelta(minutes=10)) -> datetime:
        """`moment`, or a little before the day began if it would fall later."""
        return min(moment, self.day_begins - margin)

    def typing_of(self, rng: random.Random, period: str) -> datetime:
        """When a decided month's bills were typed: early the next month, as bills arrive, or
        in the last days before the demo's day when that month has only just begun."""
        following = utc_of(period_start(next_period(period)))
        latest = self.day_begins - timedelta(hours=8)
        earliest = following + timedelta(days=1)
        if latest < earliest + timedelta(days=7):
            earliest = min(earliest, latest - timedelta(days=2))
            return earliest + (latest - earliest) * rng.random()
        return earliest + timedelta(days=rng.randint(1, 7), hours=rng.randint(0, 8))

    def this_month(self, share: float) -> datetime:
        """A moment of this month before the demo's day (`share` of the way from the month's
        beginning), or in the day's first minutes on the first of a month."""
        month_begins = utc_of(period_start(self.current))
        span = max(self.day_begins - month_begins, _FIRST_OF_MONTH_WINDOW)
        return month_begins + span * share


def stamp(moment: datetime) -> tuple[str, str]:
    """A naive UTC moment as the table stores it and as the audit trail writes it."""
    text = moment.isoformat(" ", "microseconds")
    return text, text.replace(" ", "T") + "Z"


def audited(values: dict[str, object]) -> dict[str, object]:
    """A row's values as its audit event records them (moments as the trail writes them)."""
    return {k: (stamp(v)[1] if isinstance(v, datetime) else v) for k, v in values.items()}
