"""The demo database's money over the twelve months before the day it is made
(db/demo/calendar.py): policy rates and zone budgets for every year touched, monthly subsidy
entries (decided, waiting and drafts), closed months, reversals, little-giant awards and loan
guarantees, loaded in bulk with one audit event per row (see db/demo/__init__.py)."""

import random
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from operator import itemgetter

from db import audit
from db.audit import Change
from db.clock import to_shanghai
from db.demo.accounts import ACCOUNTS
from db.demo.awards import record_awards
from db.demo.calendar import DECIDED_MONTHS, DemoCalendar, stamp, utc_of
from db.models import SubsidyEntry
from db.money import subsidy_rules as rules
from db.money.subsidy_rules import next_period, period_start

BUDGET_CATEGORIES = ("land", "electricity", "water", "internet", "little_giant")
RATES = {  # share of the bill in basis points, yearly cap per firm in fen
    "land": (1000, 12_000_000), "electricity": (1500, 8_000_000),
    "water": (1000, 500_000), "internet": (2000, 1_200_000),
}
_SEASON = {1: 1.10, 2: 0.85, 3: 1.0, 4: 0.95, 5: 1.0, 6: 1.08, 7: 1.22, 8: 1.25, 9: 1.08,
           10: 0.98, 11: 1.0, 12: 1.05}  # electricity by month: Spring Festival low, summer high
_INTERNET_FEE = {100: 120_000, 200: 198_000, 500: 450_000, 1000: 780_000}  # fen a month
_PREFIX = {"land": "ZL", "electricity": "DF", "water": "SF", "internet": "WF"}
_ENTRY_KEYS = tuple(SubsidyEntry.model_fields)  # the columns
# what the audit event of a loaded entry keeps: its money and who decided it (the row keeps the rest)
_AUDITED = ("enterprise_id", "zone_id", "category", "period", "quantity_x100", "billed_fen",
            "subsidy_fen", "rate_bp", "bill_reference", "status", "entered_by", "decided_by")
_AUDITED_IF_SET = ("reverses_id", "reason", "decision_note")
_row_of, _brief_of = itemgetter(*_ENTRY_KEYS), itemgetter(*_AUDITED)
_VERSION = {"draft": 1, "submitted": 2, "approved": 3, "rejected": 3}  # after save, submit, decision
_FLUSH_EVERY = 20_000
ENTRY_VOLUME = 800_000  # entries of the decided months above which fewer months are generated


def default_entry_months(firms: int) -> int:
    """All twelve decided months for up to about 16,000 firms; fewer (the latest) for more firms
    (about 800,000 decided entries at most, but at least two months), so the stress database
    stays buildable in minutes."""
    return max(2, min(DECIDED_MONTHS, ENTRY_VOLUME // max(firms * 4, 1)))


@dataclass
class _Firm:
    id: int
    zone_id: int
    start: str  # first month of its tenancy, 2026-03
    area_dm2: int
    employees: int
    giant_level: str
    recognised_on: str | None
    core_tech: bool
    claims: tuple[str, ...] = ()
    land_fen: int = 0
    kwh_per_m2: float = 0.0
    kwh_fen: int = 0
    water_m3: float = 0.0
    water_fen: int = 0
    mbps: int = 0


class _Books:
    """What the loaded rows add up to, as the services would count it: each firm's yearly cap
    taken (by the year of the entry's month), and each zone's approved and waiting money by
    year and category (awards in the Shanghai year they were decided; waiting ones in this
    year, when they would be approved)."""

    def __init__(self) -> None:
        self.capped: dict[tuple[int, str, int], int] = defaultdict(int)
        self.approved: dict[tuple[int, int, str], int] = defaultdict(int)
        self.waiting: dict[tuple[int, int, str], int] = defaultdict(int)

    def count(self, entry: dict[str, object]) -> None:
        year, amount = int(entry["period"][:4]), entry["subsidy_fen"]
        if entry["status"] != "rejected":
            self.capped[(entry["enterprise_id"], entry["category"], year)] += amount
        if entry["status"] == "approved":
            self.approved[(entry["zone_id"], year, entry["category"])] += amount
        elif entry["status"] == "submitted":
            self.waiting[(entry["zone_id"], year, entry["category"])] += amount

    def count_award(self, zone_id: int, amount_fen: int, decided: datetime | None, this_year: int) -> None:
        if decided is None:
            self.waiting[(zone_id, this_year, "little_giant")] += amount_fen
        else:
            self.approved[(zone_id, to_shanghai(decided).year, "little_giant")] += amount_fen


class _Loader:
    """Rows and their audit events, written in chunks. Entries pass through a temporary table
    and reach subsidyentry in one INSERT ... SELECT a chunk: its triggers still check every row,
    but one statement (and its statement journal) per chunk instead of one per row runs in
    about half the time."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.entries: list[tuple] = []
        self.changes: list[Change] = []
        self.events = self.entry_count = 0
        self.next_entry = connection.execute("SELECT coalesce(max(id), 0) + 1 FROM subsidyentry").fetchone()[0]
        connection.execute("CREATE TEMP TABLE entry_load AS SELECT * FROM subsidyentry WHERE 0")

    def entry(self, values: dict[str, object]) -> int:
        """Adds an entry (values without id; times as naive UTC datetimes); returns its id."""
        entry_id, self.next_entry = self.next_entry, self.next_entry + 1
        decided = values["decided_at"]
        row = values | {"id": entry_id, "entered_at": values["entered_at"].isoformat(" ", "microseconds"),
                        "decided_at": decided.isoformat(" ", "microseconds") if decided else None}
        self.entries.append(_row_of(row))
        self.change(Change("entry.demo_load", "subsidy_entry", entry_id, None, _brief(values)))
        self.entry_count += 1
        return entry_id

    def change(self, change: Change) -> None:
        self.changes.append(change)
        if len(self.changes) >= _FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        if self.entries:
            columns = ", ".join(_ENTRY_KEYS)
            self.connection.executemany(
                f"INSERT INTO temp.entry_load ({columns}) VALUES ({', '.join('?' * len(_ENTRY_KEYS))})",
                self.entries)
            self.connection.execute(f"INSERT INTO main.subsidyentry ({columns})"
                                    f" SELECT {columns} FROM temp.entry_load ORDER BY id")
            self.connection.execute("DELETE FROM temp.entry_load")
            self.entries = []
        self.events += audit.record_bulk(self.connection, None, "demo", self.changes)
        self.changes = []


def _money(connection: sqlite3.Connection, seed: int, calendar: DemoCalendar,
           entry_months: int) -> tuple[int, int, int]:
    """Rates, the decided months' entries, this month's, awards, guarantees, budgets and closed
    months. Returns (entries, awards, audit events)."""
    rng = random.Random(seed * 7_919 + 1)  # its own stream: the firms stay those of the seed
    load = _Loader(connection)
    staff = dict(connection.execute("SELECT username, id FROM staffaccount"))
    zones = dict(connection.execute("SELECT id, code FROM zone"))
    clerk_of, reviewer_of = {}, {}  # who typed and who approved each zone's bills
    for zone_id, code in zones.items():
        clerk_of[zone_id] = next(staff[a.username] for a in ACCOUNTS if a.role == "clerk" and code in a.zone_codes)
        reviewer_of[zone_id] = next(staff[a.username] for a in ACCOUNTS
                                    if a.role == "reviewer" and code in a.zone_codes)
    admin = staff["admin"]

    rates_from = f"{calendar.years[0]:04d}-01-01"  # one rate a category covers every year touched
    for category, (rate_bp, cap) in RATES.items():
        cursor = connection.execute(
            "INSERT INTO policyrate (category, valid_from, rate_bp, yearly_cap_fen, version)"
            " VALUES (?, ?, ?, ?, 1)", (category, rates_from, rate_bp, cap))
        load.change(Change("policy.rate", "policy_rate", cursor.lastrowid, None,
                           {"id": cursor.lastrowid, "category": category, "valid_from": rates_from,
                            "rate_bp": rate_bp, "yearly_cap_fen": cap, "version": 1}))

    firms = _firms(connection, rng)
    zone_firms: dict[int, list[_Firm]] = defaultdict(list)
    for firm in firms:
        zone_firms[firm.zone_id].append(firm)
    books = _Books()
    picked: dict[str, dict[str, object]] = {}  # the entries reversed later

    def entry(firm: _Firm, category: str, period: str, quantity: int, billed: int, status: str,
              entered: datetime, decided: datetime | None, decision_note: str = "") -> dict[str, object]:
        """An entry as the services would have saved it: the subsidy within the firm's cap."""
        rate_bp, cap = RATES[category]
        key = (firm.id, category, int(period[:4]))
        amount = rules.subsidy(billed, rate_bp, cap - books.capped[key])
        values = {"enterprise_id": firm.id, "zone_id": firm.zone_id, "category": category,
                  "period": period, "quantity_x100": quantity, "billed_fen": billed, "subsidy_fen": amount,
                  "rate_bp": rate_bp, "bill_reference": f"{_PREFIX[category]}{period[:4]}{period[5:]}{firm.id:06d}",
                  "status": status, "reverses_id": None, "reversed_by_id": None, "reason": "",
                  "entered_by": clerk_of[firm.zone_id], "entered_at": entered,
                  "decided_by": reviewer_of[firm.zone_id] if decided else None, "decided_at": decided,
                  "decision_note": decision_note, "version": _VERSION[status]}
        values["id"] = load.entry(values)
        books.count(values)
        return values

    decided_months = calendar.decided[len(calendar.decided) - entry_months:]
    for period in decided_months:
        month = int(period[5:])
        for zone_id, members in zone_firms.items():
            # a zone's sheet is typed in one go early the next month and approved days later
            typed = calendar.typing_of(rng, period)
            decided = calendar.before_today(typed + timedelta(days=rng.randint(1, 5), hours=rng.randint(1, 6)))
            k = 0
            for firm in members:
                if firm.start > period:
                    continue
                for category in firm.claims:
                    k += 1
                    quantity, billed = _bill(rng, firm, category, month)
                    at = min(typed + timedelta(seconds=23 * k), decided - timedelta(minutes=30))
                    if rng.random() < 0.002:  # a bill sent back, typed again correctly (mostly)
                        entry(firm, category, period, quantity, billed, "rejected", at, decided,
                              decision_note=rng.choice(("账单金额与发票不符", "缺少账单附件", "账单月份有误")))
                        if rng.random() < 0.3:
                            continue
                        billed = billed * rng.randint(85, 99) // 100
                        again = calendar.before_today(decided + timedelta(hours=2), timedelta(minutes=6))
                        entry(firm, category, period, quantity, billed, "approved", again,
                              calendar.before_today(again + timedelta(days=rng.randint(1, 3)), timedelta(minutes=3)))
                        continue
                    row = entry(firm, category, period, quantity, billed, "approved", at, decided)
                    if zones[zone_id] == "Z01":
                        if period == decided_months[0] and category == "land" and period in calendar.closed:
                            picked.setdefault("closed", row)
                        if period == decided_months[-1] and category == "electricity":
                            picked.setdefault("open", row)
    _reversals(connection, picked, entry, books, firms, load, calendar)

    current, month = calendar.current, calendar.today.month
    for members in zone_firms.values():  # this month: half submitted, a quarter drafts
        typed = calendar.this_month(rng.uniform(0.3, 0.7))
        k = 0
        for n, firm in enumerate(members):
            status = "submitted" if n < len(members) // 2 else "draft" if n < len(members) * 3 // 4 else None
            if status is None or firm.start > current:
                continue
            for category in firm.claims:
                k += 1
                quantity, billed = _bill(rng, firm, category, month)
                entry(firm, category, current, quantity, billed, status,
                      min(typed + timedelta(seconds=23 * k), calendar.this_month(0.95)), None)
    load.flush()
    awards = record_awards(connection, rng, firms, clerk_of, reviewer_of, load, books, calendar)
    _budgets(connection, rng, zones, books, load, calendar, len(decided_months))
    for period in calendar.closed:
        closed_at, _ = stamp(calendar.before_today(
            utc_of(period_start(next_period(period)) + timedelta(days=19), time(8)), timedelta(hours=1)))
        connection.execute("INSERT INTO closedperiod (period, closed_by, closed_at) VALUES (?, ?, ?)",
                           (period, admin, closed_at))
        load.change(Change("period.close", "period", period, None, {"closed": True}))
    load.flush()
    return load.entry_count, awards, load.events


def _brief(values: dict[str, object]) -> dict[str, object]:
    brief = dict(zip(_AUDITED, _brief_of(values), strict=True))
    for key in _AUDITED_IF_SET:
        if values[key]:
            brief[key] = values[key]
    return brief


def _firms(connection: sqlite3.Connection, rng: random.Random) -> list[_Firm]:
    """The firms with an open tenancy, and what they pay each month (fixed for the year)."""
    firms = []
    for firm_id, zone_id, start_on, area, employees, level, recognised, core_tech in connection.execute(
            "SELECT e.id, t.zone_id, t.start_on, t.floor_area_dm2, e.employees, e.giant_level,"
            " e.giant_recognised_on, e.core_tech FROM enterprise e JOIN tenancy t ON t.enterprise_id = e.id"
            " AND t.end_on IS NULL ORDER BY e.id"):
        firm = _Firm(firm_id, zone_id, start_on[:7], area, employees, level, recognised, bool(core_tech))
        # not every tenant claims every subsidy: some own their premises, share a water meter
        # or have no dedicated Internet line
        firm.claims = tuple(c for c, share in (("land", 0.92), ("electricity", 1.0), ("water", 0.7),
                                               ("internet", 0.6)) if rng.random() < share)
        firm.land_fen = rng.randint(3_500, 7_500)  # rent and land use, fen per m² a month
        firm.kwh_per_m2 = rng.lognormvariate(3.2, 0.6)
        firm.kwh_fen = rng.randint(62, 95)  # industrial tariff, fen per kWh
        firm.water_m3 = firm.employees * rng.uniform(1.2, 3.5) + area / 100 * 0.01
        firm.water_fen = rng.randint(520, 660)  # water and sewage, fen per m³
        firm.mbps = rng.choice((100, 200) if employees < 20 else (200, 500) if employees < 100 else (500, 1000))
        firms.append(firm)
    return firms


def _bill(rng: random.Random, firm: _Firm, category: str, month: int) -> tuple[int, int]:
    """(quantity in hundredths of the unit, bill in fen) for a month. Money in integers only."""
    if category == "land":
        return firm.area_dm2, firm.area_dm2 * firm.land_fen // 100  # dm² are hundredths of m²
    if category == "electricity":
        kwh = int(firm.area_dm2 / 100 * firm.kwh_per_m2 * _SEASON[month] * rng.uniform(0.93, 1.07))
        return kwh * 100, kwh * firm.kwh_fen
    if category == "water":
        m3_x100 = int(firm.water_m3 * rng.uniform(0.85, 1.15) * 100)
        return m3_x100, m3_x100 * firm.water_fen // 100
    return firm.mbps * 100, _INTERNET_FEE[firm.mbps]


def _reversals(connection, picked, entry, books, firms, load, calendar) -> None:  # noqa: ANN001
    """Two corrections in Z01: the latest decided month's electricity bill reversed in its own
    month and typed again; a land bill of a closed month reversed in the latest decided month
    (open then). Each reversal approved, and its original linked to it as approval does."""
    latest = calendar.decided[-1]
    for which, original in picked.items():
        firm = next(f for f in firms if f.id == original["enterprise_id"])
        period = original["period"] if which == "open" else latest
        entered = calendar.before_today(max(
            original["decided_at"] + timedelta(days=1, hours=2),
            utc_of(period_start(next_period(latest)) + timedelta(days=9), time(10, 15))), timedelta(minutes=9))
        reason = "电表读数录入有误，冲销后重录" if which == "open" else "租赁面积核减，冲销原补贴"
        values = {k: original[k] for k in _ENTRY_KEYS if k != "id"} | {
            "period": period, "quantity_x100": -original["quantity_x100"],
            "billed_fen": -original["billed_fen"], "subsidy_fen": -original["subsidy_fen"],
            "status": "approved", "reverses_id": original["id"], "reason": reason, "entered_at": entered,
            "decided_at": calendar.before_today(entered + timedelta(days=1), timedelta(minutes=5)), "version": 2}
        reversal = load.entry(values)
        books.count(values | {"id": reversal})
        load.flush()  # the reversal in the table, approved: the link may be made
        connection.execute("UPDATE subsidyentry SET reversed_by_id = ? WHERE id = ?", (reversal, original["id"]))
        load.change(Change("entry.reversed", "subsidy_entry", original["id"],
                           _brief(original) | {"reversed_by_id": None},
                           _brief(original) | {"reversed_by_id": reversal}))
        if which == "open":  # the bill typed again, and approved
            billed = original["billed_fen"] * 9 // 10
            again = calendar.before_today(entered + timedelta(hours=2), timedelta(minutes=4))
            entry(firm, original["category"], period, original["quantity_x100"] * 9 // 10, billed,
                  "approved", again, calendar.before_today(again + timedelta(days=1), timedelta(minutes=2)))


def _budgets(connection, rng, zones, books, load, calendar, months: int) -> None:  # noqa: ANN001
    """Each zone's budgets for every year the demo touches: a year's worth of what the zone
    approved a month on average, sized so that a whole year would use 70-85 % of it, and never
    less than what the year approved and has waiting (the queue can be approved); all of them
    together within the programme cap (raised, and audited, only if a very large demo needs it)."""
    rows = []
    for zone_id in sorted(zones):
        for category in BUDGET_CATEGORIES:
            twelve_months = sum(books.approved[(zone_id, year, category)] for year in calendar.years)
            yearly = twelve_months if category == "little_giant" else twelve_months * 12 // max(months, 1)
            share = rng.randint(70, 85)
            for year in calendar.years:
                used, asked = books.approved[(zone_id, year, category)], books.waiting[(zone_id, year, category)]
                amount = max(yearly * 100 // share, used + asked)
                if category == "little_giant" and amount == 0:
                    amount = 30_000_000  # no award yet: room for one national award
                amount = -(-amount // 100_000) * 100_000  # whole 1,000 yuan, rounded up
                rows.append((zone_id, year, category, amount))
    cap = connection.execute("SELECT value, version FROM programmesetting WHERE key = 'budget_cap_fen'").fetchone()
    total = sum(r[3] for r in rows) + connection.execute("SELECT coalesce(sum(amount_fen), 0) FROM budget").fetchone()[0]
    if total > cap[0]:
        connection.execute("UPDATE programmesetting SET value = ?, version = version + 1 WHERE key = 'budget_cap_fen'",
                           (total,))
        load.change(Change("policy.setting", "programme_setting", "budget_cap_fen",
                           {"key": "budget_cap_fen", "value": cap[0], "version": cap[1]},
                           {"key": "budget_cap_fen", "value": total, "version": cap[1] + 1}))
    for row in rows:
        cursor = connection.execute("INSERT INTO budget (zone_id, year, category, amount_fen, version)"
                                    " VALUES (?, ?, ?, ?, 1)", row)
        load.change(Change("policy.budget", "budget", cursor.lastrowid, None,
                           {"id": cursor.lastrowid, "zone_id": row[0], "year": row[1], "category": row[2],
                            "amount_fen": row[3], "version": 1}))
