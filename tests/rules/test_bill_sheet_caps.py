"""What the bill sheet says is left of each tenant's yearly caps, read since issue 14 from the
zone's tenants through the firm index: exactly what the query before it counted, on a real
demo database with the awkward firms added — one renting two units of Z01, one that moved from
Z02 to Z01 in the middle of October with entries in both, one that left Z01 for Z03 at the end
of September — and exactly what the firm's entries add up to, counted here by hand."""

import sqlite3
from datetime import date

import pytest

from db import demo
from db.engine import Database
from db.models.money import CATEGORIES
from db.money import subsidy_rules as rules
from db.queries.bill_sheet import TENANTS, bill_sheet
from db.services import auth
from tests.fixed_clock import TEST_MOMENT, travel

YEAR = 2026
PERIODS = ["2025-12", "2026-01", "2026-06", "2026-09", "2026-10", "2026-11"]  # 2026-11: this month

# the bill sheet's tenants and yearly-cap queries as they were before issue 14 (the reference)
OLD_TENANTS = (
    "SELECT e.id, e.name, e.uscc, min(t.unit) FROM tenancy t JOIN enterprise e ON e.id = t.enterprise_id"
    " WHERE t.zone_id = :zone AND t.start_on <= :last AND (t.end_on IS NULL OR t.end_on >= :first)"
    " GROUP BY e.id ORDER BY e.name")
OLD_USED = (
    "SELECT enterprise_id, category, sum(subsidy_fen) FROM subsidyentry"
    " WHERE ((reverses_id IS NULL AND status IN ('draft', 'submitted', 'approved'))"
    " OR (reverses_id IS NOT NULL AND status = 'approved'))"
    " AND enterprise_id IN (SELECT t.enterprise_id FROM tenancy t WHERE t.zone_id = :zone"
    "   AND t.start_on <= :last AND (t.end_on IS NULL OR t.end_on >= :first))"
    " AND period BETWEEN :y1 AND :y2 AND NOT (zone_id = :zone AND period = :period"
    "   AND reverses_id IS NULL AND reversed_by_id IS NULL)"
    " GROUP BY enterprise_id, category")


def _values(zone_id: int, period: str) -> dict[str, object]:
    year = rules.year_of(period)
    return {"zone": zone_id, "period": period, "first": rules.period_start(period).isoformat(),
            "last": rules.period_end(period).isoformat(), "y1": f"{year:04d}-01",
            "y2": f"{year:04d}-12"}


class Awkward:
    """The demo (300 firms, made on the tests' day: 2026-11 is this month, September and later
    open) and the firms added to it, by role."""

    def __init__(self, path) -> None:  # noqa: ANN001
        self.path = path
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("PRAGMA foreign_keys = ON")
        one = lambda sql, *values: connection.execute(sql, values).fetchone()  # noqa: E731
        self.z01, self.z02, self.z03 = (one("SELECT id FROM zone WHERE code = ?", code)[0]
                                        for code in ("Z01", "Z02", "Z03"))
        clerk = one("SELECT id FROM staffaccount WHERE username = 'clerk01'")[0]
        # a firm of a zone with a tenancy from before the year, an entry in every month of it
        longest = ("SELECT t.id, t.enterprise_id FROM tenancy t WHERE t.zone_id = ? AND t.end_on IS NULL"
                   " AND t.start_on < '2025-01-01' AND (SELECT count(DISTINCT period) FROM subsidyentry s"
                   " WHERE s.enterprise_id = t.enterprise_id AND s.period LIKE '2026-%') = 11"
                   " ORDER BY t.id LIMIT 1 OFFSET ?")
        _, self.two_units = one(longest, self.z01, 0)
        moving_tenancy, self.moved_in = one(longest, self.z02, 0)
        leaving_tenancy, self.moved_out = one(longest, self.z01, 1)

        def tenancy(firm: int, zone: int, unit: str, start: str, end: str | None) -> None:
            connection.execute("INSERT INTO tenancy (enterprise_id, zone_id, unit, floor_area_dm2,"
                               " start_on, end_on, version) VALUES (?, ?, ?, 50000, ?, ?, 1)",
                               (firm, zone, unit, start, end))

        def entry(firm: int, zone: int, category: str, period: str, status: str,
                  subsidy_fen: int) -> None:
            connection.execute(
                "INSERT INTO subsidyentry (enterprise_id, zone_id, category, period, quantity_x100,"
                " billed_fen, subsidy_fen, rate_bp, bill_reference, status, reason, entered_by,"
                " entered_at, decision_note, version) VALUES (?, ?, ?, ?, 100, ?, ?, 1000, '', ?,"
                " '', ?, '2026-11-01 02:00:00.000000', '', 1)",
                (firm, zone, category, period, subsidy_fen * 10, subsidy_fen, status, clerk))

        connection.execute("BEGIN")
        # a second unit in Z01 for the whole of 2026 and 2027, beside the one it has rented for years
        tenancy(self.two_units, self.z01, "Z栋901室", "2026-01-01", "2027-12-31")
        # from Z02 to Z01 on 16 October: a tenant of both zones in October, of Z01 in November
        connection.execute("UPDATE tenancy SET end_on = '2026-10-15' WHERE id = ?", (moving_tenancy,))
        tenancy(self.moved_in, self.z01, "Y栋101室", "2026-10-16", None)
        connection.execute("UPDATE enterprise SET zone_id = ? WHERE id = ?", (self.z01, self.moved_in))
        for category, amount in (("land", 123_456), ("electricity", 65_432), ("water", 7_001)):
            entry(self.moved_in, self.z01, category, "2026-10", "approved", amount)
        entry(self.moved_in, self.z01, "land", "2026-11", "draft", 54_321)
        entry(self.moved_in, self.z01, "internet", "2026-11", "submitted", 4_321)
        entry(self.moved_in, self.z01, "water", "2026-11", "rejected", 999_999)  # never counted
        # from Z01 to Z03 on 1 October: no longer on Z01's sheet, its Z01 year counted in Z03
        connection.execute("UPDATE tenancy SET end_on = '2026-09-30' WHERE id = ?", (leaving_tenancy,))
        tenancy(self.moved_out, self.z03, "X栋301室", "2026-10-01", None)
        connection.execute("UPDATE enterprise SET zone_id = ? WHERE id = ?", (self.z03, self.moved_out))
        entry(self.moved_out, self.z03, "electricity", "2026-11", "draft", 77_777)
        connection.execute("COMMIT")
        connection.close()

    def rows(self, sql: str, values: dict[str, object] | tuple = ()) -> list[tuple]:
        connection = sqlite3.connect(self.path)
        try:
            return connection.execute(sql, values).fetchall()
        finally:
            connection.close()

    def used_by_hand(self, firm: int, category: str, zone_id: int, period: str) -> int:
        """The firm's subsidy of the year in the category, in every zone, added up here by the
        rule of db/services/limits.py (originals draft, submitted or approved; reversals once
        approved), the month's own live entry in the sheet's zone left out."""
        total = 0
        for zone, month, status, reverses, reversed_by, amount in self.rows(
                "SELECT zone_id, period, status, reverses_id, reversed_by_id, subsidy_fen"
                " FROM subsidyentry WHERE enterprise_id = ? AND category = ?", (firm, category)):
            if month[:4] != period[:4]:
                continue
            counts = (status in ("draft", "submitted", "approved") if reverses is None
                      else status == "approved")
            own = (zone == zone_id and month == period and reverses is None and reversed_by is None
                   and status in ("draft", "submitted", "approved"))
            total += amount if counts and not own else 0
        return total


@pytest.fixture(scope="module")
def awkward(tmp_path_factory) -> Awkward:
    path = tmp_path_factory.mktemp("caps") / "demo.sqlite"
    with travel(TEST_MOMENT):
        demo.generate(path, firms=300)
    return Awkward(path)


def test_the_yearly_caps_used_are_what_the_query_before_counted(awkward):
    """Every zone, months of both years, this month included: the same tenants in the same
    order, and the same sums firm by firm and category by category."""
    compared = set()
    connection = sqlite3.connect(awkward.path)
    try:
        for (zone_id,) in connection.execute("SELECT id FROM zone ORDER BY id").fetchall():
            for period in PERIODS:
                values = _values(zone_id, period)
                new = connection.execute(TENANTS, values).fetchall()
                assert [row[:4] for row in new] == connection.execute(OLD_TENANTS, values).fetchall()
                used = {(row[0], category): amount for row in new
                        for category, amount in zip(CATEGORIES, row[4:], strict=True)
                        if amount is not None}
                old = {(firm, category): amount for firm, category, amount
                       in connection.execute(OLD_USED, values).fetchall()}
                assert used == old, (zone_id, period)
                compared |= {(zone_id, period, firm) for firm, _ in used}
    finally:
        connection.close()
    assert {(awkward.z01, "2026-10", awkward.two_units), (awkward.z01, "2026-10", awkward.moved_in),
            (awkward.z02, "2026-10", awkward.moved_in), (awkward.z01, "2026-11", awkward.moved_in),
            (awkward.z01, "2026-09", awkward.moved_out), (awkward.z03, "2026-11", awkward.moved_out),
            } <= compared  # the awkward firms were among those compared


@pytest.mark.parametrize(("clerk", "zone", "period"), [
    ("clerk01", "Z01", "2026-10"), ("clerk01", "Z01", "2026-11"), ("clerk02", "Z02", "2026-10"),
    ("clerk02", "Z03", "2026-11"), ("clerk01", "Z01", "2026-09")])
def test_what_is_left_of_the_caps_counts_each_firm_once_in_every_zone(awkward, clerk, zone, period):
    database = Database(awkward.path)
    try:
        actor = auth.log_in(database, username=clerk, password=demo.DEMO_PASSWORD)
        zone_id = {"Z01": awkward.z01, "Z02": awkward.z02, "Z03": awkward.z03}[zone]
        sheet = bill_sheet(database, actor=actor, zone_id=zone_id, period=period)
    finally:
        database.dispose()
    firms = [row.enterprise_id for row in sheet.rows]
    assert len(firms) == len(set(firms))  # two units, one row
    tenants = {firm for (firm,) in awkward.rows(
        "SELECT enterprise_id FROM tenancy WHERE zone_id = ? AND start_on <= ? AND (end_on IS NULL"
        " OR end_on >= ?)", (zone_id, rules.period_end(period).isoformat(),
                             rules.period_start(period).isoformat()))}
    assert set(firms) == tenants
    awkward_here = {awkward.two_units, awkward.moved_in, awkward.moved_out} & tenants
    assert awkward_here  # each case sees at least one of them
    for row in sheet.rows:
        for category in CATEGORIES:
            cap = sheet.rates[category].yearly_cap_fen
            assert row.cap_left_fen[category] == cap - awkward.used_by_hand(
                row.enterprise_id, category, zone_id, period), (row.enterprise_id, category)
    if awkward.moved_in in awkward_here:  # its year in both zones, neither left out
        in_zone = {z: awkward.used_by_hand(awkward.moved_in, "land", z, period) > 0
                   for z in (awkward.z01, awkward.z02)}
        assert in_zone == {awkward.z01: True, awkward.z02: True}


def test_the_awkward_firms_are_where_the_cases_say(awkward):
    """The demo's firms turned into the cases above (should the demo change under them)."""
    def zones_of(firm: int, day: date) -> set[int]:
        return {z for (z,) in awkward.rows(
            "SELECT zone_id FROM tenancy WHERE enterprise_id = ? AND start_on <= ? AND"
            " (end_on IS NULL OR end_on >= ?)", (firm, day.isoformat(), day.isoformat()))}
    assert len(awkward.rows("SELECT id FROM tenancy WHERE enterprise_id = ? AND zone_id = ?",
                            (awkward.two_units, awkward.z01))) == 2
    assert zones_of(awkward.moved_in, date(2026, 10, 10)) == {awkward.z02}
    assert zones_of(awkward.moved_in, date(2026, 10, 20)) == {awkward.z01}
    assert zones_of(awkward.moved_out, date(2026, 10, 1)) == {awkward.z03}
    entries = dict(awkward.rows(
        "SELECT zone_id, count(*) FROM subsidyentry WHERE enterprise_id = ? AND period LIKE '2026-%'"
        " GROUP BY zone_id", (awkward.moved_in,)))
    assert entries[awkward.z01] >= 3 and entries[awkward.z02] >= 10
