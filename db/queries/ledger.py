"""The ledger: every subsidy entry and award in the actor's zones, filtered, paged and totalled
in SQL (it may hold millions of rows), and the people who may have entered them.

Rows come in two kinds, subsidy entries first, then awards, each newest first (by id, the order
rows were made: this year's entries are at the top, and at the end of the table). An award's month is the month it was decided (or recorded, while undecided), the
same month db/services/limits.py charges to a budget. Totals are of the rows shown, reversals
included, so an approved entry and its approved reversal net to 0.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Connection, text

from db import search
from db.access import Action, Actor, authorise
from db.arguments import checked
from db.clock import shanghai_month_sql, stored_moment, to_shanghai
from db.engine import Database
from db.engine_words import SQLITE, EngineWords, words
from db.errors import ValidationError
from db.models.money import CATEGORIES
from db.money import subsidy_rules as rules
from db.queries.overview import interruptible
from db.services.validation import not_negative
from db.translatable import QT_TRANSLATE_NOOP

AWARD_KINDS = ("little_giant", "loan_guarantee")
# the month an award is booked in: the Shanghai month of its decision (of its entry while undecided)
AWARD_MONTH = shanghai_month_sql("coalesce(a.decided_at, a.entered_at)")


def award_month(w: EngineWords) -> str:
    """AWARD_MONTH in the words of the engine asked."""
    return w.shanghai_month("coalesce(a.decided_at, a.entered_at)")


@dataclass(frozen=True)
class LedgerFilter:
    zone_id: int | None = None
    firm_text: str = ""  # a part of the firm's name or credit code
    category: str | None = None  # land ... internet, little_giant, loan_guarantee
    month_from: str | None = None  # 2026-01, inclusive
    month_to: str | None = None  # 2026-12, inclusive
    status: str | None = None  # draft | submitted | approved | rejected
    entered_by: int | None = None  # staff id


@dataclass(frozen=True)
class LedgerRow:
    kind: str  # subsidy_entry | award
    id: int
    zone_id: int
    zone_code: str
    zone_name: str
    enterprise_id: int
    firm_name: str
    uscc: str
    category: str  # a subsidy category, or the award's kind
    period: str  # the month
    quantity_x100: int  # subsidies: hundredths of the category's unit
    billed_fen: int  # the bill, or the loan guaranteed
    amount_fen: int  # the subsidy, the award, or the guaranteed amount
    status: str
    reverses_id: int | None
    reversed_by_id: int | None
    reference: str  # the bill's number, a little giant's document number
    note: str  # a reversal's reason, a rejection's reason, a loan guarantee's bank
    entered_by_name: str
    decided_by_name: str  # who approved or rejected it ("" while undecided)
    decided_at: datetime | None  # when, in Shanghai time


LedgerKey = tuple[str, int]  # (kind, id) of a row: where the next page starts


@dataclass(frozen=True)
class LedgerTotals:
    count: int
    billed_fen: int  # bills of the subsidy entries shown
    granted_fen: int  # subsidies and little-giant awards shown
    approved_fen: int  # of which approved (reversals netted)
    guaranteed_fen: int  # loan guarantees shown


@dataclass(frozen=True)
class Person:
    id: int
    name: str


_Plan = tuple[str | None, str | None, dict[str, object], bool]
_NARROW_MONTHS = 3  # a month range this short is read through the period index


def _months(first: str, last: str) -> int:
    return (int(last[:4]) * 12 + int(last[5:])) - (int(first[:4]) * 12 + int(first[5:])) + 1


def _driver(zones: list[int] | None, flt: LedgerFilter) -> str | None:
    """Which condition leads the search of subsidy entries through its index; None: the table
    read backwards by id, stopping at the page's last row (quick when what is asked is common,
    or recent, as drafts and submitted entries are). SQLite's own choice goes wrong on millions
    of rows (it cannot tell a year from a month in a range of periods, nor a rare status from a
    common one), so it is made here."""
    if flt.status == "rejected" or (flt.status not in (None, "approved") and zones is not None):
        return "status"  # the (status, zone_id) index: rejections are rare, a zone's queue short
    if flt.firm_text.strip():
        return "firm"  # the firms' entries through (enterprise_id, category, period)
    if zones is not None:
        return "zone"  # a zone's months through (zone_id, period): a zone-year is ~100,000 rows
    if flt.month_from and flt.month_to and _months(flt.month_from, flt.month_to) <= _NARROW_MONTHS:
        return "period"
    return None


def _plan(actor: Actor, flt: LedgerFilter, w: EngineWords = SQLITE) -> _Plan:
    """(WHERE of subsidy entries x, WHERE of awards a, values, whether the entries are read by
    id rather than through an index); None for a kind that cannot match.

    A condition whose index must not lead is written `+column` (SQLite then reads it as an
    expression, not an index key; a server is left to plan by itself, see engine_words)."""
    values: dict[str, object] = {}
    zones: list[int] | None = None if actor.all_zones else sorted(actor.zone_ids)
    if flt.zone_id is not None:
        if zones is not None and flt.zone_id not in zones:
            return None, None, values, False
        zones = [int(flt.zone_id)]
    month_from = rules.parse_period(flt.month_from, "month_from") if flt.month_from else None
    month_to = rules.parse_period(flt.month_to, "month_to") if flt.month_to else None
    flt = replace(flt, month_from=month_from, month_to=month_to)
    terms: list[tuple[tuple[str, ...], str]] = []  # (drivers that read it by index, condition)
    if zones is not None:
        terms.append((("zone", "status"), f"{{h}}{{t}}.zone_id IN ({', '.join(map(str, zones)) or 'NULL'})"))
    if flt.status:
        terms.append((("status",), "{h}{t}.status = :status"))
        values["status"] = flt.status
    if flt.entered_by is not None:
        terms.append(((), "{h}{t}.entered_by = :entered_by"))
        values["entered_by"] = flt.entered_by
    if flt.firm_text.strip():
        spelled = search.spelled_fragment(flt.firm_text)
        by_pinyin = f" OR {w.contains('e.spelled', ':firm_spelled')}" if spelled else ""
        terms.append((("firm",), "{h}{t}.enterprise_id IN (SELECT e.id FROM enterprise e"
                                 f" WHERE {w.contains('lower(e.name)', ':firm')}"
                                 f" OR {w.contains('e.uscc', ':firm_code')}" + by_pinyin + ")"))
        values["firm"] = flt.firm_text.strip().lower()
        values["firm_code"] = flt.firm_text.strip().upper()
        if spelled:
            values["firm_spelled"] = spelled
    driver = _driver(zones, flt)
    entries = [t.format(t="x", h="" if driver in drivers else w.hint("")) for drivers, t in terms]
    awards = [t.format(t="a", h="") for _drivers, t in terms]
    for name, operator, value in (("month_from", ">=", month_from), ("month_to", "<=", month_to)):
        if value:
            values[name] = value
            entries.append(f"{'' if driver in ('zone', 'period') else w.hint('')}x.period {operator} :{name}")
            awards.append(f"{award_month(w)} {operator} :{name}")
    entry_where: str | None = " AND ".join(entries) or w.true
    award_where: str | None = " AND ".join(awards) or w.true
    if flt.category in CATEGORIES:
        entry_where += f" AND {w.hint('x.category')} = :category"
        award_where = None
        values["category"] = flt.category
    elif flt.category in AWARD_KINDS:
        award_where += " AND a.kind = :category"
        entry_where = None
        values["category"] = flt.category
    return entry_where, award_where, values, driver is None


_ENTRY_COLUMNS = (
    "x.id, x.zone_id, z.code, z.name, x.enterprise_id, e.name, e.uscc, x.category, x.period,"
    " x.quantity_x100, x.billed_fen, x.subsidy_fen, x.status, x.reverses_id, x.reversed_by_id,"
    " x.bill_reference, CASE WHEN x.reverses_id IS NOT NULL THEN x.reason WHEN x.status = 'rejected'"
    "  THEN x.decision_note ELSE '' END, s.display_name, coalesce(d.display_name, ''), x.decided_at"
    " FROM subsidyentry x JOIN zone z ON z.id = x.zone_id JOIN enterprise e ON e.id = x.enterprise_id"
    " JOIN staffaccount s ON s.id = x.entered_by LEFT JOIN staffaccount d ON d.id = x.decided_by")
_AWARD_COLUMNS = (
    "a.id, a.zone_id, z.code, z.name, a.enterprise_id, e.name, e.uscc, a.kind, {award_month}, 0,"
    " a.loan_fen, a.amount_fen, a.status, a.reverses_id, a.reversed_by_id,"
    " CASE WHEN a.kind = 'little_giant' THEN a.document_no ELSE '' END,"
    " CASE WHEN a.reverses_id IS NOT NULL THEN a.reason WHEN a.status = 'rejected'"
    "  THEN a.decision_note WHEN a.kind = 'loan_guarantee' THEN a.bank ELSE '' END, s.display_name, coalesce(d.display_name, ''), a.decided_at"
    " FROM award a JOIN zone z ON z.id = a.zone_id JOIN enterprise e ON e.id = a.enterprise_id"
    " JOIN staffaccount s ON s.id = a.entered_by LEFT JOIN staffaccount d ON d.id = a.decided_by")


def _row(kind: str, values: Sequence[object]) -> LedgerRow:
    *rest, decided_at = values
    return LedgerRow(kind, *rest, None if decided_at is None else to_shanghai(stored_moment(decided_at)))


@checked
def ledger_page(db: Database, *, actor: Actor, flt: LedgerFilter, after: LedgerKey | None = None,
                limit: int = 200, sort: tuple[str, bool] | None = None, offset: int = 0) -> list[LedgerRow]:
    """Up to `limit` rows after the row `after` (from the top when None): subsidy entries newest
    first, then awards newest first. Read by key, not by OFFSET, so a page deep in millions of
    rows costs what the first one does.

    `sort` (a name in SORTS, descending): a header clicked. Both kinds then in that order, ties
    by kind and id, paged by `offset` (`after` is not used): every row the filter shows is
    sorted before the first page, a header click's wait over a year of a zone."""
    not_negative(limit, "limit")
    not_negative(offset, "offset")
    if sort is not None and sort[0] not in SORTS:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "The value given here is of the wrong kind."),
                              field="sort")
    kind, last_id = after or ("subsidy_entry", None)
    with db.reading() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.MONEY_READ)
        w = words(session)
        entry_where, award_where, values, by_id = _plan(actor, flt, w)
        connection = session.connection()
        if sort is not None:
            return _sorted_page(connection, entry_where, award_where, values, sort, offset, limit, w)
        rows: list[LedgerRow] = []
        # read by id, or through the index chosen and then sorted (`+x.id`: not by id); the
        # limit is written out, as SQLite plans worse for a limit it cannot see
        order = "x.id" if by_id else w.hint("x.id")
        below = "" if last_id is None else f" AND {order} < {int(last_id)}"
        if kind == "subsidy_entry" and entry_where is not None:
            ids = connection.execute(text(
                f"SELECT x.id FROM subsidyentry x WHERE {entry_where}{below}"
                f" ORDER BY {order} DESC LIMIT {int(limit)}"), values).scalars().all()
            if ids:
                rows += [_row("subsidy_entry", r) for r in connection.execute(text(
                    f"SELECT {_ENTRY_COLUMNS} WHERE x.id IN ({', '.join(map(str, ids))}) ORDER BY x.id DESC"))]
            last_id = None
        if len(rows) < limit and award_where is not None:
            ids = connection.execute(text(
                f"SELECT a.id FROM award a WHERE {award_where}"
                f"{'' if last_id is None else f' AND a.id < {int(last_id)}'} ORDER BY a.id DESC"
                f" LIMIT {int(limit) - len(rows)}"), values).scalars().all()
            if ids:
                rows += [_row("award", r) for r in connection.execute(text(
                    f"SELECT {_award_columns(w)} WHERE a.id IN ({', '.join(map(str, ids))}) ORDER BY a.id DESC"))]
        return rows


def _award_columns(w: EngineWords) -> str:
    return _AWARD_COLUMNS.format(award_month=award_month(w))


# what the ledger may be sorted by: the name given → (SQL of an entry, SQL of an award); an
# award's month in the engine's words where it is asked
SORTS = {"month": ("x.period", "{award_month}"), "zone": ("z.code", "z.code"), "firm": ("e.name", "e.name"),
         "category": ("x.category", "a.kind"), "quantity": ("x.quantity_x100", "0"),
         "billed": ("x.billed_fen", "a.loan_fen"), "amount": ("x.subsidy_fen", "a.amount_fen"),
         "status": ("x.status", "a.status"), "entered_by": ("s.display_name", "s.display_name"),
         "decided_by": ("coalesce(d.display_name, '')", "coalesce(d.display_name, '')"),
         "decided_at": ("x.decided_at", "a.decided_at"), "reference": ("x.bill_reference", "a.document_no")}
_TEXT_SORTS = {"month", "zone", "firm", "category", "status", "entered_by", "decided_by", "reference"}


def _sorted_page(connection: Connection, entry_where: str | None, award_where: str | None,
                 values: dict[str, object], sort: tuple[str, bool], offset: int, limit: int,
                 w: EngineWords = SQLITE) -> list[LedgerRow]:
    name, descending = sort
    keys = tuple(key.format(award_month=award_month(w)) for key in SORTS[name])
    if name in _TEXT_SORTS:  # text ordered alike on both engines (a UNION orders by names only)
        keys = tuple(w.ordered(key) for key in keys)
    parts = []
    for kind, t, table, key, where in (("subsidy_entry", "x", "subsidyentry", keys[0], entry_where),
                                       ("award", "a", "award", keys[1], award_where)):
        if where is not None:
            parts.append(
                f"SELECT '{kind}' AS kind, {t}.id AS id, {key} AS k FROM {table} {t}"
                f" JOIN zone z ON z.id = {t}.zone_id JOIN enterprise e ON e.id = {t}.enterprise_id"
                f" JOIN staffaccount s ON s.id = {t}.entered_by LEFT JOIN staffaccount d ON d.id = {t}.decided_by"
                f" WHERE {where}")
    if not parts:
        return []
    direction = " DESC" if descending else ""
    found = connection.execute(text(
        " UNION ALL ".join(parts) + f" ORDER BY k{direction}{w.nulls(descending)},"
        f" kind DESC, id{direction}"
        f" LIMIT {int(limit)} OFFSET {int(offset)}"), values).all()
    rows: dict[tuple[str, int], LedgerRow] = {}
    for kind, columns, alias in (("subsidy_entry", _ENTRY_COLUMNS, "x"), ("award", _award_columns(w), "a")):
        ids = [i for k, i, _key in found if k == kind]
        if ids:
            for r in connection.execute(text(f"SELECT {columns} WHERE {alias}.id IN ({', '.join(map(str, ids))})")):
                rows[kind, r[0]] = _row(kind, r)
    return [rows[kind, i] for kind, i, _key in found]


@checked
def ledger_totals(db: Database, *, actor: Actor, flt: LedgerFilter,
                  cancelled: Callable[[], bool] | None = None) -> LedgerTotals:
    """Count and sums of every row the filter shows, each kind in one aggregate query. Over all
    zones and years that reads millions of rows: `cancelled` is polled while SQLite works (a
    newer filter stops it with Interrupted)."""
    with db.reading() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.MONEY_READ)
        entry_where, award_where, values, _by_id = _plan(actor, flt, words(session))
        connection = session.connection()
        with interruptible(connection, cancelled):
            return _totals(connection, entry_where, award_where, values)


def _totals(connection: Connection, entry_where: str | None, award_where: str | None,
            values: dict[str, object]) -> LedgerTotals:
    count = billed = granted = approved = guaranteed = 0
    if entry_where is not None:
        row = connection.execute(text(
            "SELECT count(*), coalesce(sum(x.billed_fen), 0), coalesce(sum(x.subsidy_fen), 0),"
            " coalesce(sum(CASE WHEN x.status = 'approved' THEN x.subsidy_fen END), 0)"
            f" FROM subsidyentry x WHERE {entry_where}"), values).one()
        count, billed, granted, approved = (int(v) for v in row)
    if award_where is not None:
        row = connection.execute(text(
            "SELECT count(*),"
            " coalesce(sum(CASE WHEN a.kind = 'little_giant' THEN a.amount_fen END), 0),"
            " coalesce(sum(CASE WHEN a.kind = 'little_giant' AND a.status = 'approved'"
            "  THEN a.amount_fen END), 0),"
            " coalesce(sum(CASE WHEN a.kind = 'loan_guarantee' THEN a.amount_fen END), 0)"
            f" FROM award a WHERE {award_where}"), values).one()
        count, granted, approved = count + int(row[0]), granted + int(row[1]), approved + int(row[2])
        guaranteed = int(row[3])
    return LedgerTotals(count, billed, granted, approved, guaranteed)


@checked
def ledger_people(db: Database, *, actor: Actor) -> list[Person]:
    """Who may have entered what the actor sees: clerks of the actor's zones and administrators
    (everyone who may enter, for those who see all zones), by name."""
    with db.reading() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.MONEY_READ)
        where = ""
        if not actor.all_zones:
            zones = ", ".join(str(int(z)) for z in sorted(actor.zone_ids)) or "NULL"
            where = (" AND (s.role = 'admin' OR s.id IN (SELECT staff_id FROM staffzone"
                     f" WHERE zone_id IN ({zones})))")
        rows = session.connection().execute(text(
            "SELECT s.id, s.display_name FROM staffaccount s WHERE s.role IN ('clerk', 'admin')"
            f"{where} ORDER BY {words(session).ordered('s.display_name')}, s.id")).all()
        return [Person(*row) for row in rows]
