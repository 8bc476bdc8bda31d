"""Time: stored in UTC, shown in Asia/Shanghai. Periods are calendar months."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


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
