"""Benchmark databases: demo data at city scale (11,000 firms) and stress scale (150,000 firms and
a full year of money: about 5.8 million subsidy entries and as many audit events), generated once
and kept in .bench-cache/ (regenerated when the demo generator changes; one process builds a file
while others wait for it)."""

import fcntl
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from db import demo
from db.bundle import resource_path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CACHE = Path(__file__).resolve().parents[2] / ".bench-cache"
SCALES = {"city": 11_000, "stress": 150_000}
ENTRY_MONTHS = 12  # every scale carries all twelve decided months (the program's demo caps it)


def _fingerprint() -> str:
    db_folder = Path(demo.__file__).parents[1]
    sources = [*sorted(db_folder.joinpath("demo").glob("*.py")), *sorted(db_folder.joinpath("migrations", "versions").glob("*.py")),
               *sorted(resource_path("reference").glob("*.csv"))]
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def bench_database(scale: str) -> Path:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{scale}-{SCALES[scale]}-{ENTRY_MONTHS}m-{_fingerprint()}.sqlite"
    with open(CACHE / f"{scale}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another benchmark process may be building it
        if not path.exists():
            partial = path.with_suffix(".partial")
            for leftover in CACHE.glob(partial.name + "*"):
                leftover.unlink()
            demo.generate(partial, firms=SCALES[scale], entry_months=ENTRY_MONTHS)
            partial.rename(path)
            for stale in CACHE.glob(f"{scale}-*.sqlite*"):
                if not stale.name.startswith(path.name):
                    stale.unlink()
    return path


@pytest.fixture(scope="session", params=list(SCALES))
def scale_db(request: pytest.FixtureRequest) -> tuple[str, Path]:
    return request.param, bench_database(request.param)



@dataclass(frozen=True)
class ZoneDemo:
    scale: str
    database: object  # db.engine.Database
    clerk: object  # clerk02, of Z02 and Z03
    admin: object
    zone_id: int  # Z02
    year: int  # of the zone's latest approved entry (this year when it has none)


@pytest.fixture(scope="module")
def zone_demo(scale_db) -> ZoneDemo:  # noqa: ANN001
    """A benchmark database at its scale, opened, with clerk02 and the administrator logged in,
    and Z02 with its latest year of approved money."""
    from sqlalchemy import text

    from db.clock import today_shanghai
    from db.engine import Database
    from db.services import auth
    scale, path = scale_db
    database = Database(path)
    clerk = auth.log_in(database, username="clerk02", password=demo.DEMO_PASSWORD)
    admin = auth.log_in(database, username="admin", password=demo.DEMO_PASSWORD)
    with database.reading() as uow:
        connection = uow.session.connection()
        zone_id = connection.execute(text("SELECT id FROM zone WHERE code = 'Z02'")).scalar_one()
        latest = connection.execute(text("SELECT max(period) FROM subsidyentry WHERE zone_id = :zone"
                                         " AND status = 'approved'"), {"zone": zone_id}).scalar()
    yield ZoneDemo(scale, database, clerk, admin, zone_id, int(latest[:4]) if latest else today_shanghai().year)
    database.dispose()


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001
    """Every action beside its floor, as ratios measured in this run (tests/benchmarks/ratios.py):
    a regression shows here whatever the machine's speed that day."""
    from tests.benchmarks.ratios import RECORDED

    if not RECORDED:
        return
    terminalreporter.section("each action's ratio to its hand-written floor, this run")
    for pair in RECORDED:
        terminalreporter.write_line(pair.line())
    held = sum(pair.ratio <= pair.target for pair in RECORDED)
    terminalreporter.write_line(f"{held} of {len(RECORDED)} within their target")
