"""The overview of the actor's zones (or one of them): approved subsidies per month and category
over the latest twelve months or a calendar year, each zone's budgets of the year against what
they used, and what waits for review.

The latest twelve months are the twelve up to last month, or up to this month once anything of
this month is approved: on any date, January included, they show a full year of approved money,
and an approval of this month's bills shows at once. Their budgets are this year's.

The approved totals kept by triggers (approvedtotal, migration 0003: zone × month × category)
give both the months and the budgets used (`approved_sums`); little-giant awards count against their budget in the year they were
decided, as db/services/limits.py counts them. Reversals are approved entries with negative
amounts, so an approved entry and its reversal net to 0 in every sum.

Cost: at most 55 × 12 × 4 rows of approved totals, whatever the number of entries; the sums can
still be interrupted (`cancelled` is polled while SQLite works).
"""

import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.clock import today_shanghai
from db.engine import Database
from db.engine_words import words
from db.errors import Interrupted
from db.models.money import CATEGORIES
from db.money.subsidy_rules import months_before, next_period, period_of
from db.services import validation as v

BUDGET_CATEGORIES = (*CATEGORIES, "little_giant")


@dataclass(frozen=True)
class ZoneBudget:
    zone_id: int
    zone_code: str
    zone_name: str
    budget_fen: dict[str, int] = field(default_factory=dict)  # by category; absent: no budget set
    used_fen: dict[str, int] = field(default_factory=dict)  # by category, approved

    def budget(self, category: str | None = None) -> int:
        """The budget of a category, or of all categories together (None)."""
        if category is None:
            return sum(self.budget_fen.values())
        return self.budget_fen.get(category, 0)

    def used(self, category: str | None = None) -> int:
        if category is None:
            return sum(self.used_fen.values())
        return self.used_fen.get(category, 0)


@dataclass(frozen=True)
class ApprovedSums:
    monthly_fen: dict[str, list[int]]  # category -> 12 months of approved subsidies
    used_fen: dict[int, dict[str, int]]  # zone -> category (little_giant included) -> approved
    entries_summed: int  # approved entries (reversals included) behind the sums


@dataclass(frozen=True)
class Overview:
    year: int | None  # the calendar year asked; None: the latest twelve months
    months: list[str]  # the twelve months shown, oldest first: 2026-01
    monthly_fen: dict[str, list[int]]  # category -> one approved amount per month shown
    budget_year: int  # the year of the budgets shown
    zones: list[ZoneBudget]  # zones with a budget or approved money in the budget year, by code
    waiting_entries: int  # subsidy entries submitted, not yet decided (any year)
    waiting_awards: int
    entries_summed: int  # approved entries behind the months shown

    def month_total(self, index: int) -> int:
        """All categories of the month at `index` (0: the oldest shown)."""
        return sum(values[index] for values in self.monthly_fen.values())

    @property
    def subsidy_fen(self) -> int:
        return sum(sum(values) for values in self.monthly_fen.values())


def zones_clause(actor: Actor, zone_id: int | None, column: str = "zone_id") -> str:
    """' AND zone_id IN (...)' for the zones to look at ('' for all of them); a zone asked that
    is not the actor's matches nothing."""
    zones = None if actor.all_zones else sorted(actor.zone_ids)
    if zone_id is not None:
        zones = [zone_id] if zones is None or zone_id in zones else []
    if zones is None:
        return ""
    return f" AND {column} IN ({', '.join(str(int(z)) for z in zones) or 'NULL'})"


@contextmanager
def interruptible(connection: Connection, cancelled: Callable[[], bool] | None) -> Iterator[None]:
    """SQLite stops the statement running (Interrupted) once `cancelled()` turns True; a server
    is asked to cancel it (as psql's Ctrl+C does)."""
    if connection.dialect.name == "postgresql":
        with _cancelled_on_server(connection, cancelled):
            yield
        return
    sqlite = connection.connection.dbapi_connection
    if cancelled is not None:
        sqlite.set_progress_handler(lambda: int(cancelled()), 10_000)
    try:
        yield
    except OperationalError as error:
        if cancelled is not None and cancelled():
            raise Interrupted("the sums were no longer wanted") from error
        raise
    finally:
        sqlite.set_progress_handler(None, 0)


CANCEL_POLL_SECONDS = 0.02


@contextmanager
def _cancelled_on_server(connection: Connection, cancelled: Callable[[], bool] | None) -> Iterator[None]:
    """While the block runs, a watcher polls `cancelled()` and, once it turns True, has the
    server cancel the statement running (it fails with QueryCanceled: Interrupted here)."""
    if cancelled is None:
        yield
        return
    done = threading.Event()

    def watch() -> None:
        while not done.wait(CANCEL_POLL_SECONDS):
            if cancelled():
                connection.connection.dbapi_connection.cancel_safe()
                return

    watcher = threading.Thread(target=watch, name="cancel-on-server", daemon=True)
    watcher.start()
    try:
        yield
    except OperationalError as error:
        if cancelled():
            raise Interrupted("the sums were no longer wanted") from error
        raise
    finally:
        done.set()
        watcher.join()


_SUMS = ", ".join(f"coalesce(sum(CASE WHEN category = '{c}' THEN amount_fen END), 0)"
                  for c in CATEGORIES)


def approved_sums(connection: Connection, actor: Actor, year: int, zone_id: int | None = None,
                  cancelled: Callable[[], bool] | None = None) -> ApprovedSums:
    """The year's approved money by zone, month and category: one GROUP BY (the actor already
    authorised by the caller's unit of work).

    Read from the approved totals, grouped by (zone, month), the categories side by side."""
    in_zones = zones_clause(actor, zone_id)
    monthly = {c: [0] * 12 for c in CATEGORIES}
    used: dict[int, dict[str, int]] = defaultdict(dict)
    summed = 0
    with interruptible(connection, cancelled):
        rows = connection.execute(text(
            f"SELECT zone_id, period, sum(entries), {_SUMS} FROM approvedtotal"
            f" WHERE period BETWEEN :first AND :last{in_zones}"
            " GROUP BY zone_id, period"), {"first": f"{year:04d}-01", "last": f"{year:04d}-12"}).all()
        giants = connection.execute(text(
            "SELECT zone_id, sum(amount_fen) FROM award WHERE status = 'approved'"
            f" AND kind = 'little_giant' AND {words(connection).shanghai_year('coalesce(decided_at, entered_at)')} = :year"
            f"{zones_clause(actor, zone_id)} GROUP BY zone_id"), {"year": f"{year:04d}"}).all()
    for zone, period, count, *amounts in rows:
        summed += int(count)
        for category, amount in zip(CATEGORIES, amounts, strict=True):
            monthly[category][int(period[5:7]) - 1] += int(amount)
            used[zone][category] = used[zone].get(category, 0) + int(amount)
    for zone, amount in giants:
        used[zone]["little_giant"] = int(amount)
    return ApprovedSums(monthly, dict(used), summed)


def latest_twelve_months(connection: Connection, actor: Actor, zone_id: int | None,
                         today: date) -> list[str]:
    """The twelve months up to last month, or up to this month once any of it is approved."""
    this_month = period_of(today)
    approved_now = connection.execute(text(
        f"SELECT 1 FROM approvedtotal WHERE period = :month{zones_clause(actor, zone_id)} LIMIT 1"),
        {"month": this_month}).first()
    return months_before(next_period(this_month) if approved_now else this_month, 12)


def monthly_sums(connection: Connection, actor: Actor, months: list[str], zone_id: int | None = None,
                 cancelled: Callable[[], bool] | None = None) -> tuple[dict[str, list[int]], int]:
    """Approved subsidies per category for each month of `months` (consecutive), and the
    number of entries behind them."""
    index = {month: n for n, month in enumerate(months)}
    monthly = {c: [0] * len(months) for c in CATEGORIES}
    summed = 0
    with interruptible(connection, cancelled):
        rows = connection.execute(text(
            f"SELECT period, sum(entries), {_SUMS} FROM approvedtotal"
            f" WHERE period BETWEEN :first AND :last{zones_clause(actor, zone_id)} GROUP BY period"),
            {"first": months[0], "last": months[-1]}).all()
    for period, count, *amounts in rows:
        summed += int(count)
        for category, amount in zip(CATEGORIES, amounts, strict=True):
            monthly[category][index[period]] += int(amount)
    return monthly, summed


@checked
def overview(db: Database, *, actor: Actor, year: int | None = None, zone_id: int | None = None,
             cancelled: Callable[[], bool] | None = None) -> Overview:
    """A calendar `year`, or (None) the latest twelve months with this year's budgets."""
    if year is not None:
        v.year(year)
    today = today_shanghai()
    with db.reading() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.MONEY_READ)
        in_zones = zones_clause(actor, zone_id)
        connection = session.connection()
        budget_year = year or today.year
        sums = approved_sums(connection, actor, budget_year, zone_id, cancelled)
        if year is None:
            months = latest_twelve_months(connection, actor, zone_id, today)
            monthly, summed = monthly_sums(connection, actor, months, zone_id, cancelled)
        else:
            months = [f"{year:04d}-{m:02d}" for m in range(1, 13)]
            monthly, summed = sums.monthly_fen, sums.entries_summed
        budgets: dict[int, dict[str, int]] = defaultdict(dict)
        for zone, category, amount in connection.execute(text(
                f"SELECT zone_id, category, amount_fen FROM budget WHERE year = :year{in_zones}"),
                {"year": budget_year}):
            budgets[zone][category] = int(amount)
        names = {z: (code, name) for z, code, name in connection.execute(text(
            "SELECT id, code, name FROM zone"))}
        shown = sorted(set(sums.used_fen) | set(budgets), key=lambda z: names[z][0])
        waiting = [int(connection.execute(text(
            f"SELECT count(*) FROM {table} WHERE status = 'submitted'{in_zones}")).scalar())
            for table in ("subsidyentry", "award")]
        return Overview(
            year, months, monthly, budget_year,
            [ZoneBudget(z, names[z][0], names[z][1], dict(budgets.get(z, {})),
                        dict(sums.used_fen.get(z, {}))) for z in shown],
            waiting[0], waiting[1], summed)
