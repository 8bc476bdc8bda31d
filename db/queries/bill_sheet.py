"""What the monthly bill sheet shows: the zone's tenants in the month, what is already entered
for each category, the rates in force and what is left of each firm's yearly caps, so that the
sheet computes each subsidy live exactly as db/services/subsidies.py will."""

from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import text
from sqlalchemy.engine import Connection

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.engine import Database
from db.models.money import CATEGORIES
from db.money import subsidy_rules as rules
from db.services import limits


class SheetCell(NamedTuple):
    """A bill of the sheet as read (immutable; a tuple, so that a zone's 36,000 bills at stress
    are read without a frozen dataclass's checked set of each field)."""

    entry_id: int
    status: str  # draft | submitted | approved | rejected (sent back: no live entry since)
    billed_fen: int
    quantity_x100: int
    bill_reference: str
    subsidy_fen: int
    version: int  # handed back with an edit: a save over someone else's newer one is refused
    reason: str = ""  # a rejected (sent back) bill: the reviewer's reason

    @property
    def sent_back(self) -> bool:
        """Rejected and not typed again since: the correction is a new draft, never this row."""
        return self.status == "rejected"


@dataclass(frozen=True)
class SheetRow:
    enterprise_id: int
    name: str
    uscc: str
    unit: str
    cells: dict[str, SheetCell] = field(default_factory=dict)  # by category
    cap_left_fen: dict[str, int] = field(default_factory=dict)  # by category, this month's entry not counted


@dataclass(frozen=True)
class BillSheet:
    zone_id: int
    period: str
    closed: bool
    rates: dict[str, limits.Rate | None]
    rows: list[SheetRow]

    def subsidy(self, row: SheetRow, category: str, billed_fen: int) -> int:
        """The subsidy the service will compute for this bill (None-rate categories: 0)."""
        rate = self.rates.get(category)
        if rate is None:
            return 0
        return rules.subsidy(billed_fen, rate.rate_bp, row.cap_left_fen.get(category, 0))

    def shortfall(self, row: SheetRow, category: str, billed_fen: int,
                  subsidy_fen: int) -> rules.Shortfall | None:
        """Why this bill's subsidy is less than its share, 0.00 above all (the yearly cap
        reached, a rate of 0, no rate for the month); None when it is not."""
        rate = self.rates.get(category)
        return rules.shortfall(billed_fen, rate.rate_bp if rate else None,
                               rate.yearly_cap_fen if rate else 0, row.cap_left_fen.get(category, 0),
                               subsidy_fen, category=category, period=self.period)


# a cell of the sheet as read: its entry and what it shows
_CELL = ("id, enterprise_id, category, status, billed_fen, quantity_x100, bill_reference,"
         " subsidy_fen, version")

# the month's bills: the live ones, and the latest sent back of each cell (with its reason)
_CELLS = (f"SELECT {_CELL}, CASE WHEN status = 'rejected' THEN decision_note ELSE '' END"
          " FROM subsidyentry WHERE zone_id = :zone AND period = :period AND reverses_id IS NULL"
          " AND ((reversed_by_id IS NULL AND status IN ('draft', 'submitted', 'approved'))"
          "   OR id IN (SELECT max(id) FROM subsidyentry WHERE zone_id = :zone AND period = :period"
          "   AND reverses_id IS NULL AND status = 'rejected' GROUP BY enterprise_id, category))")


def _used(category: str) -> str:
    """What tenant f took of its yearly cap for the category: its entries of the year in every
    zone it was in (a firm that moved counts both), the month's own live entry in this zone left
    out; NULL when none."""
    return ("(SELECT sum(s.subsidy_fen) FROM subsidyentry s WHERE s.enterprise_id = f.enterprise_id"
            f" AND s.category = '{category}' AND s.period BETWEEN :y1 AND :y2 AND {limits._COUNTS}"
            " AND NOT (s.zone_id = :zone AND s.period = :period"
            "   AND s.reverses_id IS NULL AND s.reversed_by_id IS NULL))")


# the zone's tenants in the month, each once (a firm renting two units shows the first), with
# what each took of its yearly caps in CATEGORIES' order. Each tenant's sums are read through the
# firm index (firm, category, month): an OR over the statuses of the whole city's entries kept
# to the zone's firms afterwards made SQLite read every entry of the city (3.7 s at 5 M).
TENANTS = ("SELECT e.id, e.name, e.uscc, f.unit, "
           + ", ".join(_used(c) for c in CATEGORIES)
           + " FROM (SELECT t.enterprise_id, min(t.unit) AS unit FROM tenancy t"
           "   WHERE t.zone_id = :zone AND t.start_on <= :last"
           "   AND (t.end_on IS NULL OR t.end_on >= :first) GROUP BY t.enterprise_id) f"
           " JOIN enterprise e ON e.id = f.enterprise_id ORDER BY e.name")


def _used_on_server(category: str) -> str:
    """_used on a server, where a person reads only their zones' entries: the firm's entries in
    every zone summed by migration 0014's function, the month's own live entry here left out."""
    live = ("(SELECT l.id FROM subsidyentry l WHERE l.enterprise_id = f.enterprise_id"
            f" AND l.category = '{category}' AND l.zone_id = :zone AND l.period = :period"
            " AND l.reverses_id IS NULL AND l.reversed_by_id IS NULL"
            " AND l.status IN ('draft', 'submitted', 'approved') LIMIT 1)")
    return f"zonedesk_cap_used(f.enterprise_id, '{category}', CAST(:year AS integer), {live})"


# the same on a server: the sums of every zone, names ordered by code point as on SQLite
SERVER_TENANTS = ("SELECT e.id, e.name, e.uscc, f.unit, "
                  + ", ".join(_used_on_server(c) for c in CATEGORIES)
                  + TENANTS[TENANTS.index(" FROM (SELECT t.enterprise_id"):].replace(
                      "ORDER BY e.name", 'ORDER BY e.name COLLATE "C"'))


def _rows(connection: Connection, sql: str, values: dict[str, object]) -> list[tuple]:
    """The statement's rows as plain tuples: on SQLite through its own cursor, without a Row
    object each (a zone of 15,000 firms reads some 100,000 rows for its sheet)."""
    if connection.dialect.name != "sqlite":
        return [tuple(row) for row in connection.execute(text(sql), values)]
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        return cursor.execute(sql, values).fetchall()
    finally:
        cursor.close()


@checked
def bill_sheet(db: Database, *, actor: Actor, zone_id: int, period: str) -> BillSheet:
    period = rules.parse_period(period)
    year = rules.year_of(period)
    values = {"zone": zone_id, "period": period, "first": rules.period_start(period).isoformat(),
              "last": rules.period_end(period).isoformat(), "y1": f"{year:04d}-01",
              "y2": f"{year:04d}-12"}
    with db.reading() as uow:
        session = uow.session
        authorise(session, actor, Action.MONEY_READ, zone_id)
        connection = session.connection()
        cells: dict[int, dict[str, SheetCell]] = {}  # by firm, by category
        for row in _rows(connection, _CELLS, values):
            bills = cells.setdefault(row[1], {})
            if row[3] != "rejected":
                bills[row[2]] = SheetCell(row[0], *row[3:])
            elif row[2] not in bills:  # sent back: on the sheet until it is typed again
                bills[row[2]] = SheetCell(row[0], *row[3:])
        rates = {c: limits.rate_for(session, c, period) for c in CATEGORIES}
        caps = [rates[c].yearly_cap_fen if rates[c] else None for c in CATEGORIES]
        nothing: dict[str, SheetCell] = {}
        rows = []
        server = connection.dialect.name != "sqlite"
        tenants = SERVER_TENANTS if server else TENANTS
        for row in _rows(connection, tenants, values | {"year": year} if server else values):
            # (firm, name, uscc, unit, *used)
            bills = cells.get(row[0], nothing)
            rows.append(SheetRow(
                row[0], row[1], row[2], row[3], {c: bills[c] for c in CATEGORIES if c in bills},
                {c: 0 if cap is None else cap - (took or 0)  # a sum of INTEGER: an int, or NULL
                 for c, cap, took in zip(CATEGORIES, caps, row[4:], strict=True)}))
        return BillSheet(zone_id, period, limits.is_closed(session, period), rates, rows)


@dataclass(frozen=True)
class WaitingWork:
    """The first open month of a zone whose bill sheet has work waiting for a clerk."""

    zone_id: int
    period: str
    drafts: int  # saved, not yet submitted
    sent_back: int  # rejected by a reviewer and not typed again since


@checked
def work_waiting(db: Database, *, actor: Actor) -> list[WaitingWork]:
    """For each zone of the actor's with drafts or bills sent back in a month not closed, the
    earliest such month (oldest work first); none for those who do not type bills."""
    with db.reading() as uow:
        actor = authorise(uow.session, actor, Action.MONEY_READ)
        if not actor.may(Action.ENTRY_EDIT):
            return []
        rows = uow.session.connection().execute(text(
            "SELECT zone_id, period, count(DISTINCT CASE WHEN status = 'draft' THEN id END),"
            " count(DISTINCT CASE WHEN status = 'rejected' THEN enterprise_id || ':' || category END)"
            " FROM subsidyentry s WHERE reverses_id IS NULL"
            " AND period NOT IN (SELECT period FROM closedperiod)"
            " AND (status = 'draft' OR (status = 'rejected' AND NOT EXISTS ("
            "   SELECT 1 FROM subsidyentry l WHERE l.zone_id = s.zone_id AND l.period = s.period"
            "   AND l.enterprise_id = s.enterprise_id AND l.category = s.category"
            "   AND l.reverses_id IS NULL AND l.reversed_by_id IS NULL"
            "   AND l.status IN ('draft', 'submitted', 'approved'))))"
            " GROUP BY zone_id, period ORDER BY zone_id, period")).all()
        first: dict[int, WaitingWork] = {}
        for zone_id, period, drafts, sent_back in rows:
            if actor.covers(zone_id) and zone_id not in first:
                first[zone_id] = WaitingWork(zone_id, period, drafts, sent_back)
        return list(first.values())
