"""What the monthly bill sheet shows: the zone's tenants in the month, what is already entered
for each category, the rates in force and what is left of each firm's yearly caps, so that the
sheet computes each subsidy live exactly as db/services/subsidies.py will."""

from dataclasses import dataclass, field

from sqlalchemy import text

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.engine import Database
from db.models.money import CATEGORIES
from db.money import subsidy_rules as rules
from db.services import limits


@dataclass(frozen=True)
class SheetCell:
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


@checked
def bill_sheet(db: Database, *, actor: Actor, zone_id: int, period: str) -> BillSheet:
    period = rules.parse_period(period)
    first, last = rules.period_start(period).isoformat(), rules.period_end(period).isoformat()
    year = rules.year_of(period)
    with db.reading() as uow:
        session = uow.session
        authorise(session, actor, Action.MONEY_READ, zone_id)
        connection = session.connection()
        tenants = connection.execute(text(
            "SELECT e.id, e.name, e.uscc, min(t.unit) FROM tenancy t JOIN enterprise e ON e.id = t.enterprise_id"
            " WHERE t.zone_id = :zone AND t.start_on <= :last AND (t.end_on IS NULL OR t.end_on >= :first)"
            " GROUP BY e.id ORDER BY e.name"), {"zone": zone_id, "first": first, "last": last}).all()
        cells: dict[tuple[int, str], SheetCell] = {}
        for row in connection.execute(text(
                f"SELECT {_CELL} FROM subsidyentry WHERE zone_id = :zone AND period = :period"
                " AND reverses_id IS NULL AND reversed_by_id IS NULL"
                " AND status IN ('draft', 'submitted', 'approved')"),
                {"zone": zone_id, "period": period}):
            cells[(row[1], row[2])] = SheetCell(row[0], *row[3:])
        # a bill sent back comes back to the sheet (the latest rejection) until it is typed again
        for row in connection.execute(text(
                f"SELECT {_CELL}, decision_note FROM subsidyentry WHERE id IN ("
                "   SELECT max(id) FROM subsidyentry WHERE zone_id = :zone AND period = :period"
                "   AND reverses_id IS NULL AND status = 'rejected' GROUP BY enterprise_id, category)"),
                {"zone": zone_id, "period": period}):
            cells.setdefault((row[1], row[2]), SheetCell(row[0], *row[3:]))
        used: dict[tuple[int, str], int] = {}
        for firm, category, amount in connection.execute(text(
                f"SELECT enterprise_id, category, sum(subsidy_fen) FROM subsidyentry WHERE {limits._COUNTS}"
                " AND enterprise_id IN (SELECT t.enterprise_id FROM tenancy t WHERE t.zone_id = :zone"
                "   AND t.start_on <= :last AND (t.end_on IS NULL OR t.end_on >= :first))"
                " AND period BETWEEN :y1 AND :y2 AND NOT (zone_id = :zone AND period = :period"
                "   AND reverses_id IS NULL AND reversed_by_id IS NULL)"  # the month's own entry
                " GROUP BY enterprise_id, category"),
                {"zone": zone_id, "first": first, "last": last, "y1": f"{year:04d}-01",
                 "y2": f"{year:04d}-12", "period": period}):
            used[(firm, category)] = int(amount)
        rates = {c: limits.rate_for(session, c, period) for c in CATEGORIES}
        rows = []
        for firm, name, uscc, unit in tenants:
            rows.append(SheetRow(
                firm, name, uscc, unit,
                {c: cells[(firm, c)] for c in CATEGORIES if (firm, c) in cells},
                {c: (rates[c].yearly_cap_fen - used.get((firm, c), 0)) if rates[c] else 0
                 for c in CATEGORIES}))
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
