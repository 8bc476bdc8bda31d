"""The demo's money, built around the day it is made: the twelve months before it decided (the
older closed), this month half submitted and partly drafts, rates and budgets for every year
touched, awards dated inside the twelve months, nothing after the day began; a full year on the
overview and a waiting queue for reviewer01 on any date. Made at several dates, January
included, as `zonedesk demo` would be on those days."""

import json
import shutil
import sqlite3
from datetime import date, datetime, timedelta

import pytest

from db import audit, demo
from db.demo.calendar import DemoCalendar
from db.engine import Database
from db.models import SubsidyEntry
from db.money import subsidy_rules
from db.queries.approvals import approval_queue
from db.queries.bill_sheet import bill_sheet
from db.queries.overview import overview
from db.services import approvals, auth, subsidies
from db.services.subsidies import Bill
from tests.fixed_clock import TEST_MOMENT, moment_of, travel

FIRMS = 300
DAYS = {  # what a newcomer's `make run` would make on these days
    "november": TEST_MOMENT.isoformat(),
    "new year": "2027-01-01T00:30:00+08:00",
    "january": "2027-01-05T09:00:00+08:00",
    "july": "2027-07-15T14:00:00+08:00",
    "leap day": "2028-02-29T08:00:00+08:00",
}


class Made:
    def __init__(self, path, moment: datetime) -> None:  # noqa: ANN001
        self.path, self.moment = path, moment
        self.calendar = DemoCalendar(moment.date())

    def rows(self, sql: str, *values: object) -> list[dict[str, object]]:
        connection = sqlite3.connect(self.path)
        connection.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in connection.execute(sql, values)]
        finally:
            connection.close()


def make(path, text: str, seed: int = 7) -> Made:  # noqa: ANN001
    moment = moment_of(text)
    with travel(moment):
        demo.generate(path, firms=FIRMS, seed=seed)
    return Made(path, moment)


@pytest.fixture(scope="module", params=list(DAYS))
def made(request, tmp_path_factory) -> Made:  # noqa: ANN001
    return make(tmp_path_factory.mktemp("demo") / "demo.sqlite", DAYS[request.param])


@pytest.fixture
def on_its_day(made, fixed_clock) -> Made:  # noqa: ANN001
    """The clock at the day the demo was made, an hour later."""
    fixed_clock.move_to(made.moment + timedelta(hours=1))
    return made


def test_the_twelve_months_before_today_are_decided_and_this_month_waits(made):
    calendar = made.calendar
    assert len(calendar.decided) == 12 and calendar.decided[-1] < calendar.current
    counts = {(r["period"], r["status"]): r["n"] for r in made.rows(
        "SELECT period, status, count(*) AS n FROM subsidyentry WHERE reverses_id IS NULL GROUP BY 1, 2")}
    for month in calendar.decided:
        assert counts[(month, "approved")] >= FIRMS * 2, month  # most firms, most categories
    current = calendar.current
    assert counts[(current, "submitted")] > 0 and counts[(current, "draft")] > 0
    assert (current, "approved") not in counts
    assert {period for period, _ in counts} == {*calendar.decided, current}  # nothing older, nothing later
    assert sum(n for (_, status), n in counts.items() if status == "rejected") > 0


def test_the_older_decided_months_are_closed(made):
    closed = [r["period"] for r in made.rows("SELECT period FROM closedperiod ORDER BY 1")]
    assert closed == made.calendar.decided[:-2]


def test_nothing_happened_after_the_day_began(made):
    """Every moment recorded lies before midnight of the demo's day in Shanghai, but this
    month's typing on the first of a month, which falls in the day's first minutes."""
    day_begins = made.calendar.day_begins
    first = made.calendar.start
    moments = made.rows("SELECT entered_at AS at, period FROM subsidyentry UNION ALL SELECT decided_at, period"
                        " FROM subsidyentry WHERE decided_at IS NOT NULL UNION ALL SELECT entered_at, ''"
                        " FROM award UNION ALL SELECT decided_at, '' FROM award WHERE decided_at IS NOT NULL"
                        " UNION ALL SELECT closed_at, '' FROM closedperiod")
    late = [m for m in moments if datetime.fromisoformat(m["at"]) >= day_begins
            and not (made.moment.day == 1 and m["period"] == made.calendar.current)]
    assert not late, late[:3]
    assert all(datetime.fromisoformat(m["at"]) >= first for m in moments)
    for row in made.rows("SELECT entered_at, decided_at FROM subsidyentry WHERE decided_at IS NOT NULL"
                         " UNION ALL SELECT entered_at, decided_at FROM award WHERE decided_at IS NOT NULL"):
        assert row["entered_at"] < row["decided_at"]


def test_rates_and_budgets_for_every_year_it_touches(made):
    years = made.calendar.years
    assert years == sorted({int(made.calendar.decided[0][:4]), made.moment.year})
    rates = {r["category"]: r for r in made.rows("SELECT * FROM policyrate")}
    assert {c: (r["valid_from"], r["rate_bp"]) for c, r in rates.items()} == {
        "land": (f"{years[0]}-01-01", 1000), "electricity": (f"{years[0]}-01-01", 1500),
        "water": (f"{years[0]}-01-01", 1000), "internet": (f"{years[0]}-01-01", 2000)}
    budgets = {(r["zone_id"], r["year"], r["category"]): r["amount_fen"] for r in made.rows("SELECT * FROM budget")}
    assert len(budgets) == 55 * 5 * len(years)
    used = {(r["zone_id"], r["year"], r["category"]): r["amount"] for r in made.rows(
        "SELECT zone_id, substr(period, 1, 4) + 0 AS year, category, sum(subsidy_fen) AS amount"
        " FROM subsidyentry WHERE status IN ('approved', 'submitted') GROUP BY 1, 2, 3")}
    for key, amount in used.items():
        assert amount <= budgets[key], key  # what was approved, and the queue, fit the year's budget
    cap = made.rows("SELECT value FROM programmesetting WHERE key = 'budget_cap_fen'")[0]["value"]
    assert cap == 1_500_000_000_000 and sum(budgets.values()) <= cap


def test_the_entries_follow_the_rules(made):
    rates = {r["category"]: r for r in made.rows("SELECT * FROM policyrate")}
    taken: dict[tuple[int, str, str], int] = {}
    for row in made.rows("SELECT * FROM subsidyentry ORDER BY id"):
        if row["reverses_id"] is None:
            assert 0 <= row["subsidy_fen"] <= subsidy_rules.bill_share(row["billed_fen"], row["rate_bp"])
        if row["status"] != "rejected" and (row["reverses_id"] is None or row["status"] == "approved"):
            key = (row["enterprise_id"], row["category"], row["period"][:4])
            taken[key] = taken.get(key, 0) + row["subsidy_fen"]
    assert all(amount <= rates[category]["yearly_cap_fen"] for (_, category, _), amount in taken.items())
    # the reversals: approved, linked, netting their originals to 0, each posted in an open month
    pairs = made.rows("SELECT o.period AS original, r.period AS reversal, r.status, o.reversed_by_id = r.id"
                      " AS linked, o.subsidy_fen + r.subsidy_fen AS net, o.billed_fen + r.billed_fen AS billed,"
                      " r.entered_by <> r.decided_by AS four_eyes, r.reason FROM subsidyentry r JOIN subsidyentry o"
                      " ON o.id = r.reverses_id")
    for pair in pairs:
        assert (pair["status"], pair["linked"], pair["net"], pair["billed"], pair["four_eyes"]) == (
            "approved", 1, 0, 0, 1) and pair["reason"]
    latest = made.calendar.decided[-1]
    assert {(p["original"], p["reversal"]) for p in pairs} == {(made.calendar.decided[0], latest), (latest, latest)}


def test_four_eyes_on_every_decision(made):
    staff = {r["id"]: r["username"] for r in made.rows("SELECT id, username FROM staffaccount")}
    for row in made.rows("SELECT z.code, x.entered_by, x.decided_by, x.status, x.decided_at"
                         " FROM subsidyentry x JOIN zone z ON z.id = x.zone_id"):
        clerk, reviewer = (("clerk01", "reviewer01") if row["code"] == "Z01" else
                           ("clerk02", "reviewer02") if row["code"] in ("Z02", "Z03") else
                           ("democlerk", "demoreviewer"))
        assert staff[row["entered_by"]] == clerk
        if row["status"] in ("approved", "rejected"):
            assert staff[row["decided_by"]] == reviewer and row["decided_at"]
        else:
            assert row["decided_by"] is None
    for row in made.rows("SELECT entered_by, decided_by FROM award WHERE decided_by IS NOT NULL"):
        assert row["entered_by"] != row["decided_by"]


def test_awards_and_guarantees_dated_inside_the_twelve_months(made):
    rows = made.rows("SELECT a.*, e.giant_level, e.giant_recognised_on FROM award a"
                     " JOIN enterprise e ON e.id = a.enterprise_id")
    giants = [r for r in rows if r["kind"] == "little_giant"]
    assert giants and {r["status"] for r in giants} <= {"approved", "submitted"}
    for row in giants:
        assert (row["level"], row["recognised_on"]) == (row["giant_level"], row["giant_recognised_on"])
        assert "2024-12-01" <= row["recognised_on"] < row["entered_at"][:10]
        assert row["amount_fen"] == {"municipal": 10_000_000, "national": 30_000_000}[row["level"]]
    for row in rows:
        assert made.calendar.start <= datetime.fromisoformat(row["entered_at"]) < made.calendar.day_begins
    per_firm: dict[int, int] = {}
    for row in (r for r in rows if r["kind"] == "loan_guarantee"):
        assert 0 < row["amount_fen"] <= row["loan_fen"] and row["bank"] and row["term_months"] > 0
        per_firm[row["enterprise_id"]] = per_firm.get(row["enterprise_id"], 0) + row["amount_fen"]
    assert all(total <= 3_000_000_000 for total in per_firm.values())


def test_one_audit_event_per_row_loaded_and_the_chain_verifies(made):
    actions = {r["action"]: r["n"] for r in made.rows("SELECT action, count(*) AS n FROM auditevent GROUP BY 1")}
    entries = made.rows("SELECT count(*) AS n FROM subsidyentry")[0]["n"]
    awards = made.rows("SELECT count(*) AS n FROM award")[0]["n"]
    assert actions["entry.demo_load"] == entries and actions["award.demo_load"] == awards
    assert (actions["entry.reversed"], actions["period.close"], actions["policy.rate"], actions["policy.budget"]) == (
        2, 10, 4, 55 * 5 * len(made.calendar.years))
    loaded = json.loads(made.rows("SELECT after_json FROM auditevent WHERE action = 'entry.demo_load'"
                                  " LIMIT 1")[0]["after_json"])
    assert {"enterprise_id", "period", "billed_fen", "subsidy_fen", "status", "decided_by"} <= set(loaded)
    assert audit.verify(made.path).ok


def test_the_overview_shows_twelve_months_of_approved_money(on_its_day):
    database = Database(on_its_day.path)
    try:
        for username in ("admin", "clerk01", "reviewer01"):
            actor = auth.log_in(database, username=username, password=demo.DEMO_PASSWORD)
            latest = overview(database, actor=actor)
            assert latest.months == on_its_day.calendar.decided, username
            totals = [latest.month_total(n) for n in range(12)]
            assert all(total > 0 for total in totals), (username, totals)
            assert latest.budget_year == on_its_day.moment.year
            assert latest.zones and all(z.budget() > 0 for z in latest.zones)
    finally:
        database.dispose()


def test_reviewer01_finds_a_queue_and_clerk01_a_sheet_to_type(on_its_day, tmp_path):
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(on_its_day.path, copy)
    database = Database(copy)
    current = on_its_day.calendar.current
    try:
        reviewer = auth.log_in(database, username="reviewer01", password=demo.DEMO_PASSWORD)
        clerk = auth.log_in(database, username="clerk01", password=demo.DEMO_PASSWORD)
        queue = approval_queue(database, actor=reviewer)
        entries = [i.id for i in queue if i.kind == "subsidy_entry"]
        assert entries and {i.zone_name for i in queue} == {queue[0].zone_name}
        assert any(i.kind == "award" for i in queue)  # Z01's first award of a kind waits
        assert approvals.approve(database, actor=reviewer, entry_ids=entries) == len(entries)
        assert overview(database, actor=reviewer).months[-1] == current  # approved: this month shows
        sheet = bill_sheet(database, actor=clerk, zone_id=sorted(clerk.zone_ids)[0], period=current)
        typed = [(row, c) for row in sheet.rows for c in ("land", "electricity", "water", "internet")
                 if c not in row.cells]
        assert typed  # bills still to type this month
        row, category = typed[0]
        (saved,) = subsidies.save_bills(database, actor=clerk, zone_id=sheet.zone_id, period=current,
                                        bills=[Bill(row.enterprise_id, category, 1_234_567)])
        with database.reading() as uow:
            entry = uow.session.get(SubsidyEntry, saved)
            assert entry.subsidy_fen == sheet.subsidy(row, category, 1_234_567)
    finally:
        database.dispose()
    assert audit.verify(copy).ok


@pytest.mark.parametrize("day", ["january"])
def test_the_same_seed_and_date_give_the_same_file_whatever_the_hour(day, tmp_path):
    text = DAYS[day]
    morning = make(tmp_path / "morning.sqlite", text)
    evening = make(tmp_path / "evening.sqlite", text.replace("09:00", "21:45"))
    other_day = make(tmp_path / "other.sqlite", "2027-01-06T09:00:00+08:00")
    tables = ("enterprise", "tenancy", "subsidyentry", "award", "budget", "policyrate", "closedperiod")
    for table in tables:
        assert morning.rows(f"SELECT * FROM {table} ORDER BY 1") == evening.rows(f"SELECT * FROM {table} ORDER BY 1"), table
    assert morning.rows("SELECT * FROM subsidyentry ORDER BY 1") != other_day.rows("SELECT * FROM subsidyentry ORDER BY 1")
    assert date.fromisoformat(morning.rows("SELECT max(period) AS p FROM subsidyentry")[0]["p"] + "-01") == date(2027, 1, 1)
