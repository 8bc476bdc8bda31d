"""Shared fixtures: a fresh real SQLite file per test, staff of every role, cheap argon2."""

import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display here: Qt aborts otherwise
# the data folder (signing key, logs) of the test run, never the user's own
os.environ["ZONEDESK_DATA"] = tempfile.mkdtemp(prefix="zonedesk-test-data-")

import pytest

from db import passwords, uscc
from db.access import Actor
from db.engine import Database
from db.models import EnterpriseFields
from db.services import auth, staff
from db.startup import open_database
from desktop.collector import Collector, collect_on_ui_thread
from tests.fixed_clock import TEST_MOMENT, moment_of, travel

passwords.use_cheap_hashing()  # tests only: the real cost is ~0.05 s a hash


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "now(moment): the test runs at this moment, ISO 8601 with "
                            "its offset (default: tests/fixed_clock.py's TEST_MOMENT)")
    config.addinivalue_line("markers", "real_clock: the test reads the real calendar on purpose")
    # session fixtures (the template database, a module's demo) are made at TEST_MOMENT too
    config._zonedesk_travel = travel(TEST_MOMENT)
    config._zonedesk_travel.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    travelling = getattr(config, "_zonedesk_travel", None)
    if travelling is not None:
        travelling.stop()


@pytest.fixture(autouse=True)
def fixed_clock(request: pytest.FixtureRequest):  # noqa: ANN201
    """Every test starts at TEST_MOMENT or at its `now` marker's moment, whatever the date."""
    if request.node.get_closest_marker("real_clock"):
        request.config._zonedesk_travel.stop()
        try:
            yield None
        finally:
            request.config._zonedesk_travel.start()
        return
    marker = request.node.get_closest_marker("now")
    moment = moment_of(marker.args[0]) if marker else TEST_MOMENT
    with travel(moment) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def collected_on_the_ui_thread(qapp):  # noqa: ANN001, ANN201 (pytest-qt's application)
    """As in the program (desktop/collector.py): the cycle collector never runs on the database
    thread; it runs here, after each test, as its thresholds ask, besides the program's timer."""
    collect_on_ui_thread(qapp)
    yield
    qapp.findChild(Collector).collect()


PASSWORD = "correct horse"


@pytest.fixture(scope="session")
def postgres_server():  # noqa: ANN201
    """The run's throw-away PostgreSQL server (tests/throwaway_server.py), started when a test
    first needs it and removed at the end of the run."""
    from tests.throwaway_server import ThrowAwayServer

    server = ThrowAwayServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with reference data, made once and copied for each test."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    database = open_database(path)
    connection = database.raw_connection()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    database.dispose()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "zonedesk.sqlite"
    shutil.copyfile(template_db, path)
    return path


def working_copy(source: Path, folder: Path):  # noqa: ANN201 (a generator of a Database)
    """A test's own copy of a database file made once for a module (a demo, say), opened; it is
    closed when the test ends. Use as `yield from working_copy(demo_path, tmp_path)`."""
    copy = folder / source.name
    shutil.copyfile(source, copy)
    database = Database(copy)
    yield database
    database.dispose()


@pytest.fixture
def db(db_path: Path) -> Database:
    database = Database(db_path)
    yield database
    database.dispose()


class Staff:
    """The accounts of a test database: admin, auditor, clerk and reviewer of zone 1, clerk of
    zone 2 (zone ids 1 and 2 are Z01 and Z02)."""

    def __init__(self, db: Database) -> None:
        self.admin: Actor = auth.create_first_admin(db, username="admin", display_name="管理员",
                                                    password=PASSWORD)
        self.auditor = self._make(db, "auditor", "审计员", "auditor", [])
        self.clerk = self._make(db, "clerk1", "张伟", "clerk", [1])
        self.reviewer = self._make(db, "reviewer1", "王芳", "reviewer", [1])
        self.clerk2 = self._make(db, "clerk2", "李娜", "clerk", [2])

    def _make(self, db: Database, username: str, name: str, role: str, zones: list[int]) -> Actor:
        staff.create_staff(db, actor=self.admin, username=username, display_name=name, role=role,
                           zone_ids=zones, password=PASSWORD)
        return auth.log_in(db, username=username, password=PASSWORD)


@pytest.fixture
def people(db: Database) -> Staff:
    return Staff(db)


_serial = iter(range(1, 10**9))


def valid_uscc(n: int | None = None) -> str:
    """A valid code, different for each call (or for each n)."""
    number = next(_serial) if n is None else n
    body = "91310115" + "".join(uscc.ALPHABET[(number // 31**i) % 31] for i in range(9))
    return uscc.make(body)


def firm_fields(**changes: object) -> EnterpriseFields:
    values: dict[str, object] = {
        "uscc": valid_uscc(), "name": "上海星河智能科技有限公司", "sector_code": "ai",
        "industry_code": "software", "employees": 50, "annual_revenue_fen": 20_000_000_00,
        "contact_name": "赵敏", "contact_phone": "021-55551234",
    }
    values.update(changes)
    return EnterpriseFields(**values)
