"""Time: stored in UTC, shown in Asia/Shanghai. Periods are calendar months.

This module is the program's only clock: `utc_now()` and `today_shanghai()` read the system
clock, and nothing (no setting, variable or flag) lets a person move it. The tests fix the
moment they need from outside (tests/fixed_clock.py)."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Shanghai has kept UTC+8 all year since 1991: SQL turns a stored UTC moment into Shanghai's
# calendar by adding eight hours (00:30 on 1 January in Shanghai is 16:30 on 31 December in UTC)
_SQL_SHIFT = "'+8 hours'"


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso_utc(moment: datetime) -> str:
    if moment.tzinfo:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def to_shanghai(moment: datetime) -> datetime:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(SHANGHAI)


def today_shanghai() -> date:
    return datetime.now(SHANGHAI).date()


def format_date_cn(day: date) -> str:
    """2026-11-22 -> '2026年11月22日' (Arabic numerals, as GB/T 9704 wants)."""
    return f"{day.year}年{day.month}月{day.day}日"


def stored_moment(value: object) -> datetime:
    """A moment as SQLite hands it back through plain SQL (text), as a datetime."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def shanghai_month_sql(column: str, *, server: bool = False) -> str:
    """SQL for the Shanghai month ('2027-01') of a moment stored in UTC (`server`: in
    PostgreSQL's words, for a timestamptz, whatever the session's time zone)."""
    if server:
        return f"to_char(({column}) AT TIME ZONE 'UTC' + interval {_SQL_SHIFT}, 'YYYY-MM')"
    return f"strftime('%Y-%m', {column}, {_SQL_SHIFT})"


def shanghai_year_sql(column: str, *, server: bool = False) -> str:
    """SQL for the Shanghai year ('2027') of a moment stored in UTC (`server`: as above)."""
    if server:
        return f"to_char(({column}) AT TIME ZONE 'UTC' + interval {_SQL_SHIFT}, 'YYYY')"
    return f"strftime('%Y', {column}, {_SQL_SHIFT})"
