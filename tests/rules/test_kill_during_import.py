"""kill -9 during an import of 11,000 firms: the program importing the file is killed at a
random moment late in the call, often inside its commit. Afterwards the firms are all there,
with their tenancies and the whole batch in the audit trail, or none of them and no trace of
the batch; PRAGMA integrity_check is ok and the audit chain verifies. (As in
test_kill_during_approval.py: a tiny page cache makes the transaction spill into the WAL.)"""

import random
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import event

from db import audit, passwords
from db.access import Actor
from db.clock import utc_now
from db.engine import Database
from tests.conftest import Staff, valid_uscc
from tests.fixed_clock import travel_in_child
from tests.import_files import FIRM_HEADER, firm_row
from tests.killing import run_and_kill

FIRMS = 11_000
REPEATS = 2
MAX_REPEATS = 8


def _work(path: str, actor: Actor, source: str, marker: str, now) -> None:  # noqa: ANN001
    travel_in_child(now)
    passwords.use_cheap_hashing()
    from db.importing.firms import import_firms
    from db.importing.source import read_source
    database = Database(path)

    @event.listens_for(database.engine, "connect")
    def _small_cache(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.execute("PRAGMA cache_size = 20")

    sheet = read_source(source)
    Path(marker).write_text(str(time.perf_counter()))
    report = import_firms(database, actor=actor, source=sheet, dry_run=False)
    assert report.written
    database.dispose()


_CHARACTERS = "星河蓝芯云翼海天明远华正东方瑞达新元恒通金宇博泰安信中和创盛嘉禾德润光启汇智融联"


def _name(n: int) -> str:
    """Names far enough apart not to be asked about as possible duplicates."""
    base = len(_CHARACTERS)
    core = "".join(_CHARACTERS[(n // base**i) % base] for i in range(3))
    return f"上海{core}科技有限公司"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, template_db) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("kill-import")
    path = folder / "office.sqlite"
    shutil.copyfile(template_db, path)
    db = Database(path)
    people = Staff(db)
    db.dispose()
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("企业")
    sheet.append(FIRM_HEADER)
    for n in range(FIRMS):
        sheet.append(firm_row(valid_uscc(900_000 + n), _name(n), unit=f"{n}室"))
    source = folder / "firms.xlsx"
    workbook.save(source)
    return {"path": path, "source": source, "actor": people.admin}


def _run(prepared: dict, tmp_path: Path, name: str, delay: float | None) -> tuple[float, bool]:
    path, marker = tmp_path / f"{name}.sqlite", tmp_path / f"{name}.started"
    shutil.copyfile(prepared["path"], path)
    ran, exitcode = run_and_kill(_work, (str(path), prepared["actor"], str(prepared["source"]), str(marker),
                                         utc_now()), marker, delay, timeout=300)
    assert exitcode in ((0, -signal.SIGKILL) if delay is not None else (0,))
    return ran, exitcode == -signal.SIGKILL


def _check(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        firms = connection.execute("SELECT count(*) FROM enterprise").fetchone()[0]
        tenancies = connection.execute("SELECT count(*) FROM tenancy").fetchone()[0]
        searchable = connection.execute("SELECT count(*) FROM enterprise_search").fetchone()[0]
        batches = connection.execute(
            "SELECT count(*) FROM auditevent WHERE action = 'import.firms'").fetchone()[0]
        events = connection.execute("SELECT count(*) FROM auditevent WHERE action IN"
                                    " ('enterprise.register', 'tenancy.open')").fetchone()[0]
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()
    assert audit.verify(path).ok
    if firms == FIRMS:
        assert (tenancies, searchable, batches, events) == (FIRMS, FIRMS, 1, 2 * FIRMS)
        return "all"
    assert (firms, tenancies, searchable, batches, events) == (0, 0, 0, 0, 0)
    return "none"


@pytest.mark.slow
def test_an_import_killed_midway_is_there_whole_or_not_at_all(prepared, tmp_path) -> None:  # noqa: ANN001
    duration, _ = _run(prepared, tmp_path, "whole", None)
    assert _check(tmp_path / "whole.sqlite") == "all"
    rng = random.Random()
    outcomes = []
    while len(outcomes) < REPEATS or not any(k and o == "none" for _, k, o in outcomes):
        assert len(outcomes) < MAX_REPEATS, f"no kill landed inside the call ({duration:.1f} s): {outcomes}"
        n = len(outcomes)
        delay = rng.uniform(0.6, 1.05) * duration  # the commit comes at the end of the call
        _, killed = _run(prepared, tmp_path, f"killed-{n}", delay)
        outcome = _check(tmp_path / f"killed-{n}.sqlite")
        assert killed or outcome == "all"
        outcomes.append((round(delay, 2), killed, outcome))
