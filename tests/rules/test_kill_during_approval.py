"""kill -9 in the middle of a batch: a program approving (or submitting) 2,000 entries in one
call is killed at a random moment inside the call. Afterwards the batch is there whole or not
at all, PRAGMA integrity_check is ok and the audit chain verifies.

The killed program runs with a tiny page cache, so that its transaction spills pages into the
WAL before it commits: what a crash must then ignore is really on disk."""

import random
import shutil
import signal
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import event

from db import audit, passwords
from db.access import Actor
from db.clock import utc_now
from db.engine import Database
from db.services import approvals, subsidies
from db.services.subsidies import Bill
from tests.conftest import Staff
from tests.fixed_clock import travel_in_child
from tests.killing import run_and_kill
from tests.rules.test_money_rules import Desk

BATCH = 2_000  # 500 firms × 4 categories
REPEATS = 4  # kills a run at least; more (up to MAX_REPEATS) until one lands inside the call
MAX_REPEATS = 10


def _work(path: str, actor: Actor, what: str, ids: list[int], marker: str, now) -> None:  # noqa: ANN001
    """The program to kill: writes the marker, then makes the one call."""
    travel_in_child(now)
    passwords.use_cheap_hashing()
    database = Database(path)

    @event.listens_for(database.engine, "connect")
    def _small_cache(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.execute("PRAGMA cache_size = 20")  # pages: spill early and often

    Path(marker).write_text(str(time.perf_counter()))
    if what == "approve":
        approvals.approve(database, actor=actor, entry_ids=ids)
    else:
        subsidies.submit_entries(database, actor=actor, entry_ids=ids)
    database.dispose()


@pytest.fixture(scope="module")
def batches(tmp_path_factory, template_db) -> dict[str, object]:
    """A database with 2,000 drafts of one clerk (to submit) and 2,000 submitted entries (to
    approve), made once; each run works on a copy."""
    path = tmp_path_factory.mktemp("kill") / "batch.sqlite"
    shutil.copyfile(template_db, path)
    db = Database(path)
    people = Staff(db)
    desk = Desk(db, people)
    firms = [desk.firm() for _ in range(BATCH // 4)]
    waiting = {}
    for period in ("2026-01", "2026-02"):
        waiting[period] = subsidies.save_bills(db, actor=people.clerk, zone_id=1, period=period, bills=[
            Bill(firm, category, 100_000 + n, 1_000, f"K-{n}")
            for n, (firm, category) in enumerate((f, c) for f in firms for c in ("land", "electricity", "water", "internet"))])
    subsidies.submit_entries(db, actor=people.clerk, entry_ids=waiting["2026-01"])
    connection = db.raw_connection()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    db.dispose()
    return {"path": path, "approve": (people.reviewer, waiting["2026-01"]),
            "submit": (people.clerk, waiting["2026-02"])}


def _state(path: Path, ids: list[int]) -> tuple[Counter, Counter]:
    connection = sqlite3.connect(path)
    try:
        marks = ",".join("?" * len(ids))
        statuses = Counter(s for (s,) in connection.execute(
            f"SELECT status FROM subsidyentry WHERE id IN ({marks})", ids))
        actions = Counter(a for (a,) in connection.execute(
            f"SELECT action FROM auditevent WHERE entity_type = 'subsidy_entry' AND CAST(entity_id AS INTEGER)"
            f" IN ({marks})", ids))
        return statuses, actions
    finally:
        connection.close()


def _run(batches: dict[str, object], tmp_path: Path, what: str, name: str,
         delay: float | None) -> tuple[float, bool]:
    """Runs the call in a program of its own on a copy, killing it `delay` seconds after it
    began (None: let it finish). Returns (seconds the call ran, whether it was killed)."""
    path, marker = tmp_path / f"{name}.sqlite", tmp_path / f"{name}.started"
    shutil.copyfile(batches["path"], path)
    actor, ids = batches[what]
    ran, exitcode = run_and_kill(_work, (str(path), actor, what, ids, str(marker), utc_now()), marker, delay)
    assert exitcode in ((0, -signal.SIGKILL) if delay is not None else (0,))
    return ran, exitcode == -signal.SIGKILL


def _check(path: Path, what: str, ids: list[int]) -> str:
    """The batch whole or not at all; the file sound; the chain intact. Returns which."""
    statuses, actions = _state(path, ids)
    before, after = {"approve": ("submitted", "approved"), "submit": ("draft", "submitted")}[what]
    action = f"entry.{what}"
    if statuses == Counter({after: BATCH}):
        assert actions[action] == BATCH
        outcome = "all"
    else:
        assert statuses == Counter({before: BATCH}), statuses
        assert actions[action] == 0
        outcome = "none"
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()
    check = audit.verify(path)
    assert check.ok, check
    return outcome


@pytest.mark.parametrize("what", ["approve", "submit"])
def test_a_batch_killed_midway_is_there_whole_or_not_at_all(batches, tmp_path, what):
    _, ids = batches[what]
    # how long the call takes when left alone (and that it works)
    duration, _ = _run(batches, tmp_path, what, "whole", None)
    assert _check(tmp_path / "whole.sqlite", what, ids) == "all"
    rng = random.Random()
    outcomes = []
    while len(outcomes) < REPEATS or not any(k and o == "none" for _, k, o in outcomes):
        assert len(outcomes) < MAX_REPEATS, f"no kill landed inside the call ({duration:.2f} s): {outcomes}"
        n = len(outcomes)
        delay = rng.uniform(0.1, 1.0) * duration  # the writes come late in the call
        _, killed = _run(batches, tmp_path, what, f"killed-{n}", delay)
        outcome = _check(tmp_path / f"killed-{n}.sqlite", what, ids)
        assert killed or outcome == "all"
        outcomes.append((round(delay, 3), killed, outcome))
