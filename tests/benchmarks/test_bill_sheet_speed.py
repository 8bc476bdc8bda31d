"""The monthly bill sheet of one zone read for the grid (db.queries.bill_sheet): its tenants in the
month, the bills already entered, the rates and what is left of every tenant's yearly caps.

Measured beside a floor in the same run (tests/benchmarks/ratios.py): the same data read by the
plain sqlite3 module into tuples with the fewest queries a person would write by hand (two):
the zone's tenants in the month with what each used of its yearly caps by category, and the
month's bills (the live ones and the latest sent back) — without the program's access check,
rates, SQLAlchemy or Python objects. Both are timed as the program runs them, without Python's
automatic cycle collector (desktop/collector.py runs it on the UI thread, from a timer): the
sheet's ~100,000 new objects would otherwise set it off hundreds of times (about +20 %,
printed beside).

The sheet of the month with the zone's latest entries (a full year of caps behind it): Z02 holds
~200 firms at city scale, Z01 1,104 at city scale and 15,000 at stress scale (a full year of
money: ~5.8 million subsidy entries). Targets (issue 14): within 2x the floor at every scale,
at most 0.3 s for a ~200-tenant zone and 1 s for the 15,000-firm zone at 5 M entries.
"""

import calendar
import gc
import sqlite3
from pathlib import Path

import pytest

from db.demo import DEMO_PASSWORD
from db.engine import Database
from db.queries.bill_sheet import bill_sheet
from db.services import auth
from tests.benchmarks import ratios

TARGET = 2.0  # the sheet within 2x its floor
SECONDS = {("city", "Z02"): 0.3, ("stress", "Z01"): 1.0}  # the figures, where it names one
CLERKS = {"Z01": "clerk01", "Z02": "clerk02"}

_LIVE = "status IN ('draft', 'submitted', 'approved')"
_COUNTS = (f"((reverses_id IS NULL AND {_LIVE}) OR (reverses_id IS NOT NULL AND status = 'approved'))")
CATEGORIES = ("land", "electricity", "water", "internet")
FLOOR_TENANTS = (  # each tenant once, with its yearly caps used: its year in every zone, by category
    "SELECT e.id, e.name, e.uscc, f.unit, " + ", ".join(
        "(SELECT sum(subsidy_fen) FROM subsidyentry WHERE enterprise_id = f.enterprise_id"
        f" AND category = '{category}' AND period BETWEEN :y1 AND :y2 AND {_COUNTS}"
        " AND NOT (zone_id = :zone AND period = :period AND reverses_id IS NULL"
        " AND reversed_by_id IS NULL))" for category in CATEGORIES)
    + " FROM (SELECT enterprise_id, min(unit) AS unit FROM tenancy WHERE zone_id = :zone"
    " AND start_on <= :last AND (end_on IS NULL OR end_on >= :first) GROUP BY enterprise_id) f"
    " JOIN enterprise e ON e.id = f.enterprise_id ORDER BY e.name")
FLOOR_CELLS = (  # the live bills and the latest rejection of each cell, in one read
    "SELECT id, enterprise_id, category, status, billed_fen, quantity_x100, bill_reference,"
    " subsidy_fen, version, decision_note FROM subsidyentry WHERE zone_id = :zone AND period = :period"
    f" AND reverses_id IS NULL AND ((reversed_by_id IS NULL AND {_LIVE}) OR id IN ("
    "   SELECT max(id) FROM subsidyentry WHERE zone_id = :zone AND period = :period"
    "   AND reverses_id IS NULL AND status = 'rejected' GROUP BY enterprise_id, category))")


def _values(zone_id: int, period: str) -> dict[str, object]:
    year, month = int(period[:4]), int(period[5:])
    return {"zone": zone_id, "period": period, "first": f"{period}-01",
            "last": f"{period}-{calendar.monthrange(year, month)[1]:02d}",
            "y1": f"{year:04d}-01", "y2": f"{year:04d}-12"}


def floor(connection: sqlite3.Connection, zone_id: int, period: str) -> tuple[list, list]:
    values = _values(zone_id, period)
    return (connection.execute(FLOOR_TENANTS, values).fetchall(),
            connection.execute(FLOOR_CELLS, values).fetchall())


def measure(label: str, path: Path, zone_code: str, rounds: int = 5) -> tuple[ratios.Ratio, int]:
    """The zone's sheet of its latest month with entries against the floor: (the pair, tenants)."""
    database = Database(path)
    bare = sqlite3.connect(path)
    try:
        actor = auth.log_in(database, username=CLERKS[zone_code], password=DEMO_PASSWORD)
        zone_id, period = bare.execute(
            "SELECT z.id, max(s.period) FROM zone z JOIN subsidyentry s ON s.zone_id = z.id"
            " WHERE z.code = ?", (zone_code,)).fetchone()
        sheet = bill_sheet(database, actor=actor, zone_id=zone_id, period=period)
        tenants, cells = floor(bare, zone_id, period)
        # the floor reads what the sheet shows: the same firms, bills and caps
        assert [(r.enterprise_id, r.name) for r in sheet.rows] == [(t[0], t[1]) for t in tenants]
        assert {c.entry_id for r in sheet.rows for c in r.cells.values()} <= {c[0] for c in cells}
        caps = [sheet.rates[c].yearly_cap_fen for c in CATEGORIES]
        assert [[r.cap_left_fen[c] for c in CATEGORIES] for r in sheet.rows] == [
            [cap - (used or 0) for cap, used in zip(caps, t[4:], strict=True)] for t in tenants]
        def read() -> object:
            return bill_sheet(database, actor=actor, zone_id=zone_id, period=period)
        collecting = gc.isenabled()
        gc.disable()  # as the program reads: its collector runs on the UI thread only
        try:
            pair = ratios.paired(f"bill sheet, {label}, {zone_code} ({len(sheet.rows):,} firms) {period}",
                                 read, lambda: floor(bare, zone_id, period), rounds=rounds, target=TARGET)
        finally:
            if collecting:
                gc.enable()
        print(f"{'':58} {ratios.best_of(read, 3) * 1000:9.1f} ms with Python's automatic collector on")
        return pair, len(sheet.rows)
    finally:
        bare.close()
        database.dispose()


@pytest.mark.parametrize("zone_code", ["Z02", "Z01"])
def test_bill_sheet_against_its_floor(scale_db, zone_code, capsys):
    """Printed, not enforced (the machine's other work moves both figures): the ratio to the
    floor, and the seconds against the issue's figure where it names one."""
    scale, path = scale_db
    if scale == "stress" and zone_code == "Z02":
        pytest.skip("at stress scale the issue's figure is for Z01, the 15,000-firm zone")
    with capsys.disabled():
        print()
        pair, firms = measure(scale, path, zone_code)
        seconds = SECONDS.get((scale, zone_code))
        if seconds is not None:
            print(f"{'':58} {pair.seconds:.3f} s for {firms:,} firms (target {seconds:g} s:"
                  f" {'held' if pair.seconds <= seconds else 'NOT held'})")
    assert firms > 0
