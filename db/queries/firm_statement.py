"""A firm's statement: all its subsidy entries and awards in the actor's zones, grouped by year,
with the year's approved totals (reversals netted) and what still waits for review.

A subsidy belongs to the year of its month; an award to the year it was decided (or recorded,
while undecided), as budgets count them.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import text

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.engine import Database
from db.engine_words import words
from db.errors import NotFound
from db.models import Enterprise
from db.queries.ledger import award_month
from db.translatable import QT_TRANSLATE_NOOP

_CATEGORY_ORDER = ("CASE x.category WHEN 'land' THEN 0 WHEN 'electricity' THEN 1"
                   " WHEN 'water' THEN 2 ELSE 3 END")


@dataclass(frozen=True)
class StatementLine:
    kind: str  # subsidy_entry | award
    id: int
    zone_code: str
    category: str  # a subsidy category, or the award's kind
    period: str
    billed_fen: int  # the bill, or the loan
    amount_fen: int  # the subsidy, the award, or the guaranteed amount
    status: str
    reverses_id: int | None
    reversed_by_id: int | None
    note: str


@dataclass(frozen=True)
class StatementYear:
    year: int
    lines: list[StatementLine] = field(default_factory=list)
    subsidy_fen: int = 0  # approved subsidies
    award_fen: int = 0  # approved little-giant awards
    guaranteed_fen: int = 0  # approved loan guarantees
    waiting_fen: int = 0  # subsidies and awards submitted, not yet decided


@dataclass(frozen=True)
class FirmStatement:
    enterprise_id: int
    name: str
    uscc: str
    years: list[StatementYear]  # newest first

    @property
    def subsidy_fen(self) -> int:
        return sum(y.subsidy_fen for y in self.years)

    @property
    def award_fen(self) -> int:
        return sum(y.award_fen for y in self.years)


def _zones_clause(actor: Actor, alias: str) -> str:
    if actor.all_zones:
        return ""
    zones = ", ".join(str(int(z)) for z in sorted(actor.zone_ids)) or "NULL"
    return f" AND {alias}.zone_id IN ({zones})"


@checked
def firm_statement(db: Database, *, actor: Actor, enterprise_id: int) -> FirmStatement:
    """NotFound for a firm that does not exist, or that is neither in the actor's zones nor has
    anything there (other zones' firms cannot be probed)."""
    with db.reading() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.MONEY_READ)
        firm = session.get(Enterprise, enterprise_id)
        connection = session.connection()
        lines = [StatementLine("subsidy_entry", *row) for row in connection.execute(text(
            "SELECT x.id, z.code, x.category, x.period, x.billed_fen, x.subsidy_fen, x.status,"
            " x.reverses_id, x.reversed_by_id, CASE WHEN x.reverses_id IS NOT NULL THEN x.reason"
            "  WHEN x.status = 'rejected' THEN x.decision_note ELSE x.bill_reference END"
            " FROM subsidyentry x JOIN zone z ON z.id = x.zone_id WHERE x.enterprise_id = :firm"
            f"{_zones_clause(actor, 'x')} ORDER BY x.period, {_CATEGORY_ORDER}, x.id"), {"firm": enterprise_id})]
        lines += [StatementLine("award", *row) for row in connection.execute(text(
            f"SELECT a.id, z.code, a.kind, {award_month(words(session))}, a.loan_fen, a.amount_fen, a.status,"
            " a.reverses_id, a.reversed_by_id, CASE WHEN a.reverses_id IS NOT NULL THEN a.reason"
            "  WHEN a.status = 'rejected' THEN a.decision_note"
            "  WHEN a.kind = 'little_giant' THEN a.document_no ELSE a.bank END"
            " FROM award a JOIN zone z ON z.id = a.zone_id WHERE a.enterprise_id = :firm"
            f"{_zones_clause(actor, 'a')} ORDER BY 4, a.id"), {"firm": enterprise_id})]
        if firm is None or (not actor.covers(firm.zone_id) and not lines):
            raise NotFound(QT_TRANSLATE_NOOP("db", "This firm does not exist or is not in your zones."))
        by_year: dict[int, list[StatementLine]] = defaultdict(list)
        for line in lines:
            by_year[int(line.period[:4])].append(line)
        years = [_year(year, sorted(by_year[year], key=lambda ln: (ln.period, ln.kind != "subsidy_entry")))
                 for year in sorted(by_year, reverse=True)]
        return FirmStatement(firm.id, firm.name, firm.uscc, years)


def _year(year: int, lines: list[StatementLine]) -> StatementYear:
    subsidy = award = guaranteed = waiting = 0
    for line in lines:
        guarantee = line.category == "loan_guarantee"
        if line.status == "approved":
            if line.kind == "subsidy_entry":
                subsidy += line.amount_fen
            elif guarantee:
                guaranteed += line.amount_fen
            else:
                award += line.amount_fen
        elif line.status == "submitted" and not guarantee:
            waiting += line.amount_fen
    return StatementYear(year, lines, subsidy, award, guaranteed, waiting)
