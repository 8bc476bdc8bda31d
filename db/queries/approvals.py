"""The reviewer's queue: submitted entries and awards in the reviewer's zones, with the budget
left for each zone and category next to them."""

from dataclasses import dataclass

from sqlalchemy import text

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.clock import today_shanghai
from db.engine import Database
from db.engine_words import words
from db.money import subsidy_rules as rules
from db.services import limits


@dataclass(frozen=True)
class QueueItem:
    kind: str  # subsidy_entry | award
    id: int
    zone_id: int
    zone_name: str
    enterprise_id: int
    firm_name: str
    category: str  # land | electricity | water | internet | little_giant | loan_guarantee
    period: str  # month of a subsidy; '' for awards
    billed_fen: int  # the bill, or the loan
    amount_fen: int  # the subsidy, the award or the guaranteed amount
    reverses_id: int | None
    reason: str
    entered_by: int
    entered_by_name: str


@dataclass(frozen=True)
class BudgetLeft:
    zone_id: int
    year: int
    category: str
    budget_fen: int | None
    used_fen: int

    @property
    def left_fen(self) -> int:
        return (self.budget_fen or 0) - self.used_fen


@checked
def approval_queue(db: Database, *, actor: Actor, zone_id: int | None = None,
                   category: str | None = None) -> list[QueueItem]:
    with db.reading() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.MONEY_READ)
        zones = sorted(actor.zone_ids) if not actor.all_zones else None
        if zone_id is not None:
            if zones is not None and zone_id not in zones:
                return []
            zones = [zone_id]
        where = f" AND x.zone_id IN ({', '.join(str(int(z)) for z in zones)})" if zones is not None else ""
        w = words(session)  # the columns ordered by: text by code point on both engines
        no_month = w.ordered("''")
        rows = session.connection().execute(text(
            f"SELECT 'subsidy_entry', x.id, x.zone_id, z.name, x.enterprise_id, {w.ordered('e.name')},"
            f" {w.ordered('x.category')}, {w.ordered('x.period')}, x.billed_fen, x.subsidy_fen,"
            " x.reverses_id, x.reason, x.entered_by, s.display_name"
            " FROM subsidyentry x JOIN zone z ON z.id = x.zone_id JOIN enterprise e ON e.id = x.enterprise_id"
            f" JOIN staffaccount s ON s.id = x.entered_by WHERE x.status = 'submitted'{where}"
            " UNION ALL "
            f"SELECT 'award', x.id, x.zone_id, z.name, x.enterprise_id, {w.ordered('e.name')},"
            f" {w.ordered('x.kind')}, {no_month}, x.loan_fen, x.amount_fen, x.reverses_id,"
            " x.reason, x.entered_by, s.display_name"
            " FROM award x JOIN zone z ON z.id = x.zone_id JOIN enterprise e ON e.id = x.enterprise_id"
            f" JOIN staffaccount s ON s.id = x.entered_by WHERE x.status = 'submitted'{where}"
            " ORDER BY 3, 8, 6, 7")).all()
        items = [QueueItem(*row) for row in rows]
        if category:
            items = [i for i in items if i.category == category]
        return items


def budget_key(item: QueueItem) -> tuple[int, int, str] | None:
    """The (zone, year, category) budget an item draws on when approved, as
    db/services/approvals.py charges it: a subsidy its month's year, a little-giant award the
    year it is approved; a loan guarantee draws on no budget (on the loan quota instead)."""
    if item.kind == "subsidy_entry":
        return item.zone_id, rules.year_of(rules.parse_period(item.period)), item.category
    if item.category == "little_giant":
        return item.zone_id, today_shanghai().year, "little_giant"
    return None


@checked
def budgets_left(db: Database, *, actor: Actor, items: list[QueueItem]) -> list[BudgetLeft]:
    """The budget left for each zone, year and category the items draw on, in the actor's
    zones only: items made by hand for another zone answer nothing about it."""
    keys = {key for key in map(budget_key, items) if key is not None}
    with db.reading() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.MONEY_READ)
        return [BudgetLeft(zone, year, category, limits.budget_of(session, zone, year, category),
                           limits.budget_used(session, zone, year, category))
                for zone, year, category in sorted(keys) if actor.covers(zone)]
