"""Lists out at stress scale: the 150,000 firms and 1,000,000 ledger lines to XLSX and CSV,
beside a floor (a bare openpyxl write-only loop, or a bare csv.writer, over the same rows from a
plain sqlite3 query), with the time and the peak memory of each.

Each export runs in a process of its own, so that its peak resident memory (ru_maxrss) is its
own; the memory before the export starts (imports, the database opened) is reported beside it,
so the growth shows. Streaming means the peak does not grow with the number of rows.
Target: within 2× the floor's time; memory growth under 200 MB.

The stress database is the one the other benchmarks use (.bench-cache/); when its cached copy
was made by another version of the demo generator, that copy is used rather than waiting for a
new one (an export reads tables that every version has).
"""

import itertools
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.benchmarks.conftest import CACHE, bench_database

LEDGER_LINES = 1_000_000
TIME_RATIO = 2.0
GROWTH_MB = 200
CASES = [("firms", ".xlsx"), ("firms", ".csv"), ("ledger", ".xlsx"), ("ledger", ".csv")]


def stress_path() -> Path:
    cached = sorted(CACHE.glob("stress-150000-*.sqlite"), key=lambda p: p.stat().st_mtime)
    return cached[-1] if cached else bench_database("stress")


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _admin(database):  # noqa: ANN001, ANN202
    from sqlalchemy import text

    from db.access import load_actor
    with database.reading() as uow:
        staff_id = uow.session.connection().execute(
            text("SELECT id FROM staffaccount WHERE username = 'admin'")).scalar_one()
        return load_actor(uow.session, staff_id)


_FLOOR_SQL = {
    "firms": "SELECT e.name, e.uscc, z.name, s.name, e.size_class, e.giant_level, e.status,"
             " e.contact_name, e.contact_phone FROM enterprise e JOIN zone z ON z.id = e.zone_id"
             " JOIN sector s ON s.code = e.sector_code ORDER BY e.id",
    "ledger": "SELECT 'S' || x.id, x.period, z.code, e.name, e.uscc, x.category, x.quantity_x100,"
              " x.billed_fen, x.subsidy_fen, x.status, s.display_name, d.display_name, x.decided_at,"
              " x.bill_reference, x.reason FROM subsidyentry x JOIN zone z ON z.id = x.zone_id"
              " JOIN enterprise e ON e.id = x.enterprise_id JOIN staffaccount s ON s.id = x.entered_by"
              " LEFT JOIN staffaccount d ON d.id = x.decided_by ORDER BY x.id DESC",
}


def run_one(kind: str, what: str, suffix: str, database_path: str, out: str) -> dict:
    """In the child process: one export (ours or the floor's), timed."""
    from db.engine import Database
    database = Database(database_path)
    before = _maxrss_mb()
    started = time.perf_counter()
    if kind == "ours":
        from db.export.firms import firms_table
        from db.export.ledger import ledger_table
        from db.export.table import ExportTable
        from db.queries.enterprises import EnterpriseFilter
        from db.queries.ledger import LedgerFilter
        from documents.list_export import writer_for
        actor = _admin(database)
        table = (firms_table(database, actor=actor, flt=EnterpriseFilter()) if what == "firms"
                 else ledger_table(database, actor=actor, flt=LedgerFilter()))
        if what == "ledger":
            table = ExportTable(table.name, table.columns, LEDGER_LINES,
                                itertools.islice(table.rows, LEDGER_LINES))
        rows = writer_for(Path(out))(table, Path(out))
    else:
        import csv
        import sqlite3
        connection = sqlite3.connect(database_path)
        cursor = connection.execute(_FLOOR_SQL[what] + (f" LIMIT {LEDGER_LINES}" if what == "ledger" else ""))
        rows = 0
        if suffix == ".xlsx":
            from openpyxl import Workbook
            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet()
            for row in cursor:
                sheet.append(row)
                rows += 1
            workbook.save(out)
        else:
            with open(out, "w", encoding="utf-8-sig", newline="") as file:  # noqa: PTH123
                writer = csv.writer(file)
                for row in cursor:
                    writer.writerow(row)
                    rows += 1
        connection.close()
    seconds = time.perf_counter() - started
    database.dispose()
    return {"rows": rows, "seconds": seconds, "rss_before_mb": before, "rss_peak_mb": _maxrss_mb(),
            "bytes": os.path.getsize(out)}


def _measure(kind: str, what: str, suffix: str, path: Path, out: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, kind, what, suffix, str(path), str(out)],
                          capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2],
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize(("what", "suffix"), CASES)
def test_export_speed_and_memory(what: str, suffix: str, tmp_path: Path) -> None:
    path = stress_path()
    repeats = 3 if what == "firms" else 1  # the short runs: the best of three, as the PC is shared
    ours = min((_measure("ours", what, suffix, path, tmp_path / f"ours{suffix}") for _ in range(repeats)),
               key=lambda run: run["seconds"])
    floor = min((_measure("floor", what, suffix, path, tmp_path / f"floor{suffix}") for _ in range(repeats)),
                key=lambda run: run["seconds"])
    ratio = ours["seconds"] / floor["seconds"]
    growth = ours["rss_peak_mb"] - ours["rss_before_mb"]
    print(f"\nexport {what} {suffix}: {ours['rows']:,} rows in {ours['seconds']:.1f} s"
          f" ({ours['bytes'] / 1e6:.0f} MB), peak RSS {ours['rss_peak_mb']:.0f} MB"
          f" (+{growth:.0f} MB over {ours['rss_before_mb']:.0f} MB before);"
          f" floor {floor['rows']:,} rows in {floor['seconds']:.1f} s, peak RSS"
          f" {floor['rss_peak_mb']:.0f} MB; ratio {ratio:.2f}×")
    expected = 150_000 if what == "firms" else LEDGER_LINES
    assert ours["rows"] == floor["rows"] == expected
    assert growth < GROWTH_MB
    assert ratio < TIME_RATIO


if __name__ == "__main__":
    print(json.dumps(run_one(*sys.argv[1:6])))
