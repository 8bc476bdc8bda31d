"""The figures of the printed summaries: a zone's report for a month, a quarter or a year, the
city's report (one row per zone of the actor's, and the totals), and a firm's statement as
printed (db/queries/firm_statement.py's, with who issues it).

Subsidies are read from the approved totals (approvedtotal, migration 0003: zone × month ×
category), so a year of a zone is at most 48 rows whatever the number of entries; reversals are
approved entries with negative amounts and net out. Reversals are counted through their own
partial index (they are few). Awards count in the month they were approved, in Shanghai time, as
db/services/limits.py charges them to budgets; a reversed award and its reversal net to nothing
in counts and amounts. Budgets are of the period's year, used from January to the period's end.
"""

from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import date

from sqlalchemy import Connection, text

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.clock import today_shanghai
from db.engine import Database
from db.engine_words import words
from db.errors import ValidationError
from db.models.money import CATEGORIES
from db.models.reference import service_centre_name
from db.money.subsidy_rules import period_end
from db.queries.firm_statement import FirmStatement, firm_statement
from db.queries.overview import zones_clause
from db.translatable import QT_TRANSLATE_NOOP

PERIOD_KINDS = ("month", "quarter", "year")
BUDGET_CATEGORIES = (*CATEGORIES, "little_giant")
CITY_ISSUER = "上海市中小企业产业园区服务中心"


@dataclass(frozen=True)
class ReportPeriod:
    """A calendar month (number 1-12), quarter (1-4) or year (number 0) of `year`."""

    kind: str
    year: int
    number: int = 0

    def __post_init__(self) -> None:
        top = {"month": 12, "quarter": 4, "year": 0}.get(self.kind) if isinstance(self.kind, str) else None
        low = 0 if self.kind == "year" else 1
        whole = all(type(n) is int for n in (self.year, self.number))
        if top is None or not whole or not 2000 <= self.year <= 2100 or not low <= self.number <= top:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "Choose a month, a quarter or a year between 2000 and 2100."), field="period")

    @property
    def months(self) -> list[str]:
        first, count = {"month": (self.number, 1), "quarter": (3 * self.number - 2, 3),
                        "year": (1, 12)}[self.kind]
        return [f"{self.year:04d}-{m:02d}" for m in range(first, first + count)]

    @property
    def first_month(self) -> str:
        return self.months[0]

    @property
    def last_month(self) -> str:
        return self.months[-1]

    @property
    def first_day(self) -> date:
        return date.fromisoformat(f"{self.first_month}-01")

    @property
    def last_day(self) -> date:
        return period_end(self.last_month)

    @property
    def label(self) -> str:
        """As printed: 2026年11月, 2026年第3季度, 2026年度."""
        if self.kind == "month":
            return f"{self.year}年{self.number}月"
        if self.kind == "quarter":
            return f"{self.year}年第{self.number}季度"
        return f"{self.year}年度"

    @property
    def slug(self) -> str:
        """For file names: 2026-11, 2026-Q3, 2026."""
        return {"month": self.first_month, "quarter": f"{self.year}-Q{self.number}",
                "year": str(self.year)}[self.kind]


@dataclass(frozen=True)
class CategoryFigures:
    category: str
    approved_fen: int  # reversals netted
    entries: int  # approved entries that stand (a reversed one and its reversal left out)
    reversals: int  # approved reversals among the period's entries


@dataclass(frozen=True)
class BudgetFigures:
    category: str  # a subsidy category or little_giant
    budget_fen: int  # 0 when none is set
    used_fen: int  # approved from January to the end of the period

    @property
    def left_fen(self) -> int:
        return self.budget_fen - self.used_fen


@dataclass(frozen=True)
class ZoneFigures:
    """A zone's (or the city's) figures for a period; `plus` adds two up."""

    tenants: int = 0  # tenancies covering the period's last month, begun by the report's day
    new_tenancies: int = 0  # begun in the period, by the report's day
    categories: tuple[CategoryFigures, ...] = tuple(CategoryFigures(c, 0, 0, 0) for c in CATEGORIES)
    giant_count: int = 0  # little-giant awards approved in the period
    giant_fen: int = 0
    guarantee_count: int = 0  # loan guarantees approved in the period
    loans_fen: int = 0
    guaranteed_fen: int = 0
    waiting_entries: int = 0  # subsidy entries of the period's months submitted, not decided
    waiting_entry_fen: int = 0
    waiting_awards: int = 0  # awards and guarantees recorded in the period, not decided
    budgets: tuple[BudgetFigures, ...] = tuple(BudgetFigures(c, 0, 0) for c in BUDGET_CATEGORIES)

    def category(self, code: str) -> CategoryFigures:
        return next(c for c in self.categories if c.category == code)

    def budget(self, code: str) -> BudgetFigures:
        return next(b for b in self.budgets if b.category == code)

    @property
    def subsidy_fen(self) -> int:
        return sum(c.approved_fen for c in self.categories)

    @property
    def entries(self) -> int:
        return sum(c.entries for c in self.categories)

    @property
    def reversals(self) -> int:
        return sum(c.reversals for c in self.categories)

    @property
    def granted_fen(self) -> int:
        """Money granted in the period: subsidies and little-giant awards (guarantees are not paid)."""
        return self.subsidy_fen + self.giant_fen

    @property
    def budget_fen(self) -> int:
        return sum(b.budget_fen for b in self.budgets)

    @property
    def used_fen(self) -> int:
        return sum(b.used_fen for b in self.budgets)

    def plus(self, other: "ZoneFigures") -> "ZoneFigures":
        sums = {name: getattr(self, name) + getattr(other, name) for name in _SCALARS}
        return ZoneFigures(**sums, categories=tuple(
            CategoryFigures(a.category, a.approved_fen + b.approved_fen, a.entries + b.entries,
                            a.reversals + b.reversals) for a, b in zip(self.categories, other.categories, strict=True)),
            budgets=tuple(BudgetFigures(a.category, a.budget_fen + b.budget_fen, a.used_fen + b.used_fen)
                          for a, b in zip(self.budgets, other.budgets, strict=True)))


@dataclass(frozen=True)
class ZoneHeading:
    id: int
    code: str
    name: str
    district: str
    issuer: str  # the zone's service centre (its name and 服务中心 while none is recorded)


@dataclass(frozen=True)
class ZoneReport:
    period: ReportPeriod
    zone: ZoneHeading
    figures: ZoneFigures
    monthly_fen: dict[str, list[int]]  # category -> one approved amount per month of the period
    made_on: date


@dataclass(frozen=True)
class CityReport:
    period: ReportPeriod
    all_zones: bool  # the whole city (an administrator or auditor), or the actor's zones
    zones: list[tuple[ZoneHeading, ZoneFigures]]  # by zone code
    totals: ZoneFigures
    monthly_fen: dict[str, list[int]]
    issuer: str
    made_on: date


@dataclass(frozen=True)
class StatementReport:
    statement: FirmStatement
    zone: ZoneHeading  # the firm's zone now
    made_on: date


def _headings(connection: Connection, in_zones: str) -> dict[int, ZoneHeading]:
    """The zones matched by `in_zones` (a clause on z.id), by code."""
    w = words(connection)
    rows = connection.execute(text(
        "SELECT z.id, z.code, z.name, d.name, z.service_centre FROM zone z"
        f" JOIN district d ON d.code = z.district_code WHERE {w.true}{in_zones}"
        f" ORDER BY {w.ordered('z.code')}")).all()
    return {r[0]: ZoneHeading(r[0], r[1], r[2], r[3], service_centre_name(r[2], r[4])) for r in rows}


_SCALARS = tuple(f.name for f in fields(ZoneFigures) if f.name not in ("categories", "budgets"))


@dataclass
class _Tally:
    """A zone's figures while they are summed."""

    scalars: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_SCALARS, 0))
    approved: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    entries: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    reversals: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    budget: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    used: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def figures(self) -> ZoneFigures:
        return ZoneFigures(
            **{k: int(v) for k, v in self.scalars.items()},
            categories=tuple(CategoryFigures(c, int(self.approved[c]), int(self.entries[c]),
                                             int(self.reversals[c])) for c in CATEGORIES),
            budgets=tuple(BudgetFigures(c, int(self.budget[c]), int(self.used[c]))
                          for c in BUDGET_CATEGORIES))


def _gather(connection: Connection, in_zones: str, period: ReportPeriod,
            ) -> tuple[dict[int, ZoneFigures], dict[str, list[int]]]:
    """Every zone's figures (zones with none left out) and the monthly amounts of them all;
    `in_zones` is a clause on zone_id ('' for all zones)."""
    months, w = period.months, words(connection)
    award_month = w.shanghai_month("coalesce(decided_at, entered_at)")
    span = {"first": period.first_month, "last": period.last_month, "january": f"{period.year:04d}-01",
            "first_day": period.first_day.isoformat(), "last_day": period.last_day.isoformat(),
            "last_first_day": f"{period.last_month}-01", "year": period.year,
            "as_of": min(period.last_day, today_shanghai()).isoformat()}  # a period not yet over: today
    z: dict[int, _Tally] = defaultdict(_Tally)
    monthly = {c: [0] * len(months) for c in CATEGORIES}
    for zone, month, category, amount, count in connection.execute(text(
            "SELECT zone_id, period, category, amount_fen, entries FROM approvedtotal"
            f" WHERE period BETWEEN :january AND :last{in_zones}"), span):
        z[zone].used[category] += amount
        if month >= span["first"]:
            z[zone].approved[category] += amount
            z[zone].entries[category] += count
            monthly[category][months.index(month)] += amount
    for zone, category, count in connection.execute(text(
            f"SELECT zone_id, category, count(*) FROM subsidyentry{w.indexed_by('ux_subsidyentry_one_reversal')}"
            " WHERE reverses_id IS NOT NULL AND status IN ('draft', 'submitted', 'approved')"
            f" AND status = 'approved' AND period BETWEEN :first AND :last{in_zones}"
            " GROUP BY zone_id, category"), span):
        z[zone].reversals[category] = count
        z[zone].entries[category] -= 2 * count  # the reversal and the entry it cancels
    for zone, category, amount in connection.execute(text(
            f"SELECT zone_id, category, amount_fen FROM budget WHERE year = :year{in_zones}"), span):
        z[zone].budget[category] = amount
    # through the zone index for a few zones; in one pass over the table for all of them
    group = "zone_id" if in_zones else w.hint("zone_id")
    begun = "CASE WHEN start_on >= :first_day THEN 1 ELSE 0 END" if w.server else "start_on >= :first_day"
    for zone, tenants, new in connection.execute(text(
            f"SELECT zone_id, count(*), coalesce(sum({begun}), 0) FROM tenancy"
            " WHERE start_on <= :as_of AND (end_on IS NULL OR end_on >= :last_first_day)"
            f"{in_zones} GROUP BY {group}"), span):
        z[zone].scalars |= {"tenants": tenants, "new_tenancies": new}
    for zone, kind, in_period, count, amount, loans in connection.execute(text(
            f"SELECT zone_id, kind, {award_month} >= :first, sum(CASE WHEN reverses_id IS NULL"
            " THEN 1 ELSE -1 END), sum(amount_fen), sum(loan_fen) FROM award WHERE status = 'approved'"
            f" AND {award_month} BETWEEN :january AND :last{in_zones} GROUP BY 1, 2, 3"), span):
        if kind == "little_giant":
            z[zone].used["little_giant"] += amount
            if in_period:
                z[zone].scalars |= {"giant_count": count, "giant_fen": amount}
        elif in_period:
            z[zone].scalars |= {"guarantee_count": count, "loans_fen": loans, "guaranteed_fen": amount}
    for zone, count, amount in connection.execute(text(
            "SELECT zone_id, count(*), coalesce(sum(subsidy_fen), 0) FROM subsidyentry"
            f" WHERE status = 'submitted' AND period BETWEEN :first AND :last{in_zones}"
            " GROUP BY zone_id"), span):
        z[zone].scalars |= {"waiting_entries": count, "waiting_entry_fen": amount}
    for zone, count in connection.execute(text(
            "SELECT zone_id, count(*) FROM award WHERE status = 'submitted'"
            f" AND {award_month} BETWEEN :first AND :last{in_zones} GROUP BY zone_id"), span):
        z[zone].scalars["waiting_awards"] = count
    return {zone: tally.figures() for zone, tally in z.items()}, monthly


@checked
def zone_report(db: Database, *, actor: Actor, zone_id: int, period: ReportPeriod) -> ZoneReport:
    """PermissionDenied for a zone the actor does not cover."""
    with db.reading() as uow:
        actor = authorise(uow.session, actor, Action.MONEY_READ, zone_id)
        connection = uow.session.connection()
        headings = _headings(connection, zones_clause(actor, zone_id, "z.id"))
        if zone_id not in headings:
            raise ValidationError(QT_TRANSLATE_NOOP("db", "Choose a zone."), field="zone")
        figures, monthly = _gather(connection, zones_clause(actor, zone_id), period)
        return ZoneReport(period, headings[zone_id], figures.get(zone_id, ZoneFigures()), monthly,
                          today_shanghai())


@checked
def city_report(db: Database, *, actor: Actor, period: ReportPeriod,
                issuer: str = CITY_ISSUER) -> CityReport:
    """Every zone of the actor's (all 55 for an administrator or auditor) that is active or has
    figures in the period; a person of one zone issues it in the name of that zone's centre."""
    with db.reading() as uow:
        actor = authorise(uow.session, actor, Action.MONEY_READ)
        connection = uow.session.connection()
        headings = _headings(connection, zones_clause(actor, None, "z.id"))
        active = {int(z) for (z,) in connection.execute(text("SELECT id FROM zone WHERE active"))}
        figures, monthly = _gather(connection, zones_clause(actor, None), period)
        rows = [(h, figures.get(z, ZoneFigures())) for z, h in headings.items()
                if z in active or z in figures]
        totals = ZoneFigures()
        for _heading, zone_figures in rows:
            totals = totals.plus(zone_figures)
        if not actor.all_zones and len(headings) == 1:
            issuer = next(iter(headings.values())).issuer
        return CityReport(period, actor.all_zones, rows, totals, monthly, issuer, today_shanghai())


@checked
def statement_report(db: Database, *, actor: Actor, enterprise_id: int) -> StatementReport:
    """The firm's statement (NotFound as firm_statement says), issued by the firm's zone, or by
    the actor's zone its latest line is in when the firm has moved out of the actor's zones."""
    statement = firm_statement(db, actor=actor, enterprise_id=enterprise_id)
    with db.reading() as uow:
        actor = authorise(uow.session, actor, Action.MONEY_READ)
        connection = uow.session.connection()
        zone_id = int(connection.execute(text("SELECT zone_id FROM enterprise WHERE id = :id"),
                                         {"id": enterprise_id}).scalar_one())
        headings = _headings(connection, "")
    if not actor.covers(zone_id):
        latest = max((line for year in statement.years for line in year.lines),
                     key=lambda line: line.period)
        zone_id = next(h.id for h in headings.values() if h.code == latest.zone_code)
    return StatementReport(statement, headings[zone_id], today_shanghai())
