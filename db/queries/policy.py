"""What the Policy pane shows: subsidy rates, a year's budgets with what they used and have left,
the programme limits, little-giant award amounts, and the closed months.

Everyone who reads money may read these (a clerk sees the budgets of their own zones only);
only administrators change them, through db/services/policy.py. What the budgets used is asked
separately (`budgets_used`): over all zones it sums every approved entry of the year, which
takes seconds at stress scale, and the tables need not wait for it.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import text

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.clock import stored_moment
from db.engine import Database
from db.engine_words import words
from db.queries.overview import approved_sums
from db.services import validation as v
from db.services.policy import SETTINGS


@dataclass(frozen=True)
class RateRow:
    id: int
    category: str
    valid_from: date
    rate_bp: int
    yearly_cap_fen: int
    version: int


@dataclass(frozen=True)
class BudgetRow:
    id: int
    zone_id: int
    zone_code: str
    zone_name: str
    year: int
    category: str  # a subsidy category or little_giant
    amount_fen: int
    used_fen: int | None  # None until `budgets_used` has answered
    version: int

    @property
    def left_fen(self) -> int | None:
        return None if self.used_fen is None else self.amount_fen - self.used_fen


@dataclass(frozen=True)
class SettingRow:
    id: str  # the key: budget_cap_fen | loan_quota_fen | guarantee_cap_per_firm_fen
    value_fen: int
    version: int


@dataclass(frozen=True)
class AwardRateRow:
    id: int
    level: str
    valid_from: date
    amount_fen: int
    version: int


@dataclass(frozen=True)
class ClosedRow:
    id: str  # the month, 2026-11
    closed_by_name: str
    closed_at: datetime


@dataclass(frozen=True)
class Policy:
    rates: list[RateRow]
    budgets: list[BudgetRow]  # of the year asked
    budget_year: int
    budgets_total_fen: int  # all zones, all years: what the programme cap limits (a clerk's or
    # reviewer's: of their own zones; other zones' budgets are not theirs to read, even summed)
    settings: list[SettingRow]
    award_rates: list[AwardRateRow]
    closed: list[ClosedRow]


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


@checked
def budgets_used(db: Database, *, actor: Actor, year: int,
                 cancelled: Callable[[], bool] | None = None) -> dict[tuple[int, str], int]:
    """(zone, category) -> approved money of the year (reversals netted), in one GROUP BY."""
    v.year(year)
    with db.reading() as uow:
        actor = authorise(uow.session, actor, Action.MONEY_READ)
        sums = approved_sums(uow.session.connection(), actor, year, cancelled=cancelled)
        return {(zone, category): amount for zone, used in sums.used_fen.items()
                for category, amount in used.items()}


def with_used(budgets: list[BudgetRow], used: dict[tuple[int, str], int]) -> list[BudgetRow]:
    return [replace(b, used_fen=used.get((b.zone_id, b.category), 0)) for b in budgets]


@checked
def policy(db: Database, *, actor: Actor, year: int) -> Policy:
    """Everything but what the budgets used (see `budgets_used`)."""
    v.year(year)
    with db.reading() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.MONEY_READ)
        connection = session.connection()
        w = words(session)
        rates = [RateRow(r[0], r[1], _day(r[2]), r[3], r[4], r[5]) for r in connection.execute(text(
            "SELECT id, category, valid_from, rate_bp, yearly_cap_fen, version FROM policyrate"
            " ORDER BY CASE category WHEN 'land' THEN 0 WHEN 'electricity' THEN 1"
            " WHEN 'water' THEN 2 ELSE 3 END, valid_from DESC"))]
        mine = "" if actor.all_zones else \
            f" AND b.zone_id IN ({', '.join(str(int(z)) for z in sorted(actor.zone_ids)) or 'NULL'})"
        budgets = [BudgetRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], None, r[7])
                   for r in connection.execute(text(
                       "SELECT b.id, b.zone_id, z.code, z.name, b.year, b.category, b.amount_fen,"
                       " b.version FROM budget b JOIN zone z ON z.id = b.zone_id"
                       f" WHERE b.year = :year{mine} ORDER BY {w.ordered('z.code')}, CASE b.category"
                       " WHEN 'land' THEN 0 WHEN 'electricity' THEN 1 WHEN 'water' THEN 2"
                       " WHEN 'internet' THEN 3 ELSE 4 END"), {"year": year})]
        total = int(connection.execute(text(
            f"SELECT coalesce(sum(amount_fen), 0) FROM budget b WHERE {w.true}{mine}")).scalar())
        settings = {r[0]: SettingRow(*r) for r in connection.execute(text(
            "SELECT key, value, version FROM programmesetting"))}
        award_rates = [AwardRateRow(r[0], r[1], _day(r[2]), r[3], r[4]) for r in connection.execute(text(
            "SELECT id, level, valid_from, amount_fen, version FROM awardrate"
            " ORDER BY level DESC, valid_from DESC"))]
        closed = [ClosedRow(r[0], r[1], stored_moment(r[2])) for r in connection.execute(text(
            "SELECT c.period, s.display_name, c.closed_at FROM closedperiod c"
            " JOIN staffaccount s ON s.id = c.closed_by ORDER BY c.period DESC"))]
        return Policy(rates, budgets, year, total, [settings[k] for k in SETTINGS if k in settings],
                      award_rates, closed)
