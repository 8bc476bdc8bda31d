"""What is left: of a firm's yearly cap, of a zone's budget, of the guarantee limits; which rate
applies; whether a month is closed. Read inside the caller's transaction (writes begin
IMMEDIATE, so what is read here cannot change before the caller commits)."""

from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session

from db.clock import shanghai_year_sql
from db.errors import ValidationError
from db.money.subsidy_rules import period_end, period_start
from db.server.dialect import is_server
from db.translatable import QT_TRANSLATE_NOOP, category_term

# rows that count against caps and budgets: originals not rejected, reversals once approved
_COUNTS = ("((reverses_id IS NULL AND status IN ('draft', 'submitted', 'approved'))"
           " OR (reverses_id IS NOT NULL AND status = 'approved'))")
_APPROVED = "status = 'approved'"


@dataclass(frozen=True)
class Rate:
    rate_bp: int
    yearly_cap_fen: int


def _one(session: Session, sql: str, **values: object) -> object:
    return session.connection().execute(text(sql), values).scalar()


def rate_for(session: Session, category: str, period: str) -> Rate | None:
    """The rate in force on the first day of the month."""
    row = session.connection().execute(text(
        "SELECT rate_bp, yearly_cap_fen FROM policyrate WHERE category = :category"
        " AND valid_from <= :day ORDER BY valid_from DESC LIMIT 1"),
        {"category": category, "day": period_start(period).isoformat()}).first()
    return Rate(row[0], row[1]) if row else None


def require_rate(session: Session, category: str, period: str) -> Rate:
    rate = rate_for(session, category, period)
    if rate is None:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "No subsidy rate is set for {category} in {period}: ask an administrator."),
            field="category", category=category_term(category), period=period)
    return rate


def cap_used(session: Session, enterprise_id: int, category: str, year: int,
             leaving_out: int | None = None) -> int:
    """Subsidy already taken by the firm for the category in the year (an entry being
    replaced, `leaving_out`, not counted). On a server, through migration 0014's function,
    which sees the firm's entries in a zone it left, beyond the person's own zones."""
    if is_server(session):
        return int(_one(session, "SELECT zonedesk_cap_used(:firm, :category, :year, :leaving_out)",
                        firm=enterprise_id, category=category, year=year, leaving_out=leaving_out))
    return int(_one(session,
                    f"SELECT coalesce(sum(subsidy_fen), 0) FROM subsidyentry WHERE {_COUNTS}"
                    " AND enterprise_id = :firm AND category = :category"
                    " AND period BETWEEN :first AND :last AND id IS DISTINCT FROM :leaving_out",
                    firm=enterprise_id, category=category, first=f"{year:04d}-01",
                    last=f"{year:04d}-12", leaving_out=leaving_out))


def budget_of(session: Session, zone_id: int, year: int, category: str) -> int | None:
    value = _one(session, "SELECT amount_fen FROM budget WHERE zone_id = :zone AND year = :year"
                 " AND category = :category", zone=zone_id, year=year, category=category)
    return None if value is None else int(value)


def budget_used(session: Session, zone_id: int, year: int, category: str) -> int:
    """Approved money (reversals netted) of the zone, year and category. Awards count in the
    year they were approved, in Shanghai (times are stored in UTC; Shanghai is UTC+8 all year)."""
    if category == "little_giant":
        return int(_one(session,
                        f"SELECT coalesce(sum(amount_fen), 0) FROM award WHERE {_APPROVED}"
                        " AND kind = 'little_giant' AND zone_id = :zone"
                        " AND " + shanghai_year_sql("coalesce(decided_at, entered_at)",
                                                    server=is_server(session)) + " = :year",
                        zone=zone_id, year=f"{year:04d}"))
    # kept by triggers as entries are approved (migration 0003): 12 rows, not the year's entries
    return int(_one(session,
                    "SELECT coalesce(sum(amount_fen), 0) FROM approvedtotal"
                    " WHERE zone_id = :zone AND category = :category"
                    " AND period BETWEEN :first AND :last",
                    zone=zone_id, category=category, first=f"{year:04d}-01", last=f"{year:04d}-12"))


def setting(session: Session, key: str) -> int:
    return int(_one(session, "SELECT value FROM programmesetting WHERE key = :key", key=key))


def guaranteed_for_firm(session: Session, enterprise_id: int, leaving_out: int | None = None) -> int:
    if is_server(session):  # all the firm's guarantees, in any zone (migration 0014)
        return int(_one(session, "SELECT zonedesk_guaranteed_for_firm(:firm, :leaving_out)",
                        firm=enterprise_id, leaving_out=leaving_out))
    return int(_one(session,
                    "SELECT coalesce(sum(amount_fen), 0) FROM award WHERE kind = 'loan_guarantee'"
                    f" AND {_COUNTS} AND enterprise_id = :firm"
                    " AND id IS DISTINCT FROM :leaving_out", firm=enterprise_id, leaving_out=leaving_out))


def loans_guaranteed(session: Session, leaving_out: int | None = None,
                     zone_ids: frozenset[int] | None = None) -> int:
    """All guaranteed loans of the programme (what its quota limits), or of some zones."""
    if zone_ids is None and is_server(session):  # the programme's, all zones (migration 0014)
        return int(_one(session, "SELECT zonedesk_loans_guaranteed(:leaving_out)",
                        leaving_out=leaving_out))
    zones = "" if zone_ids is None else \
        f" AND zone_id IN ({', '.join(str(int(z)) for z in sorted(zone_ids)) or 'NULL'})"
    return int(_one(session,
                    "SELECT coalesce(sum(loan_fen), 0) FROM award WHERE kind = 'loan_guarantee'"
                    f" AND {_COUNTS} AND id IS DISTINCT FROM :leaving_out{zones}", leaving_out=leaving_out))


def is_closed(session: Session, period: str) -> bool:
    return _one(session, "SELECT 1 FROM closedperiod WHERE period = :period", period=period) is not None


def refuse_closed(session: Session, period: str, field: str = "period") -> None:
    if is_closed(session, period):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "{period} is closed: it accepts no new, changed, approved or reversed entry."),
            field=field, period=period)


def tenancy_covers(session: Session, enterprise_id: int, zone_id: int, period: str) -> bool:
    return _one(session,
                "SELECT 1 FROM tenancy WHERE enterprise_id = :firm AND zone_id = :zone"
                " AND start_on <= :last AND (end_on IS NULL OR end_on >= :first) LIMIT 1",
                firm=enterprise_id, zone=zone_id, first=period_start(period).isoformat(),
                last=period_end(period).isoformat()) is not None
