"""Making a backup (db/backup/making.py): SQLite's backup API into a temporary file, flushed,
checked, renamed into place under a Windows-safe name with the date, time and schema. A missing
or read-only folder is said in a sentence and the earlier backups are kept; a program killed
half-way (kill -9) leaves the database, every earlier backup and every backup name whole."""

import hashlib
import os
import signal
import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest

from db import audit, migrate
from db.audit import Change
from db.backup import making
from db.backup.checking import BackupRefused, check_backup, inspect_backup
from db.backup.making import BackupFailed, make_backup
from db.backup.naming import backups_in, made_at
from db.backup.rotation import rotate
from db.clock import utc_now
from db.engine import Database
from db.errors import Interrupted
from db.services import enterprises
from tests.conftest import firm_fields
from tests.fixed_clock import travel_in_child
from tests.killing import run_and_kill
from tests.rules.test_audit_tamper import tamper
from tests.rules.test_bad_files import read_only_view  # noqa: F401 (the fixture, shared)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.now("2026-12-03T09:30:15+08:00")
def test_a_backup_is_a_checked_whole_copy_under_a_windows_safe_name(db, people, db_path, tmp_path):
    firm = enterprises.register_enterprise(
        db, actor=people.clerk, fields=firm_fields(), zone_id=1,
        tenancy=enterprises.FirstTenancy("A栋1", 100, date(2025, 1, 1)))
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.stat().st_size > 0  # the firm may be in the WAL only: the backup API sees it
    made = make_backup(db_path, tmp_path / "b", create_folder=True)
    assert made.path.name == f"zonedesk-2026-12-03_0930-15-r{migrate.head_revision()}.sqlite"
    assert not set(':*?"<>|\\') & set(made.path.name)
    assert os.listdir(tmp_path / "b") == [made.path.name]  # no temporary file left
    assert not made.path.with_name(made.path.name + "-wal").exists()
    check_backup(made.path)
    facts = inspect_backup(made.path)
    assert facts.ok and facts.firms == 1 and facts.revision == migrate.head_revision()
    assert facts.size == made.path.stat().st_size and facts.made.hour == 9
    copy = sqlite3.connect(made.path)
    assert copy.execute("SELECT id FROM enterprise").fetchall() == [(firm,)]
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file, no WAL
    copy.close()
    assert made.audit_seq == audit.verify(made.path).events > 0


def test_a_missing_folder_is_said_and_nothing_is_made_there(db, people, db_path, tmp_path):
    usb = tmp_path / "usb" / "Backups"
    with pytest.raises(BackupFailed, match="is not there") as refused:
        make_backup(db_path, usb)
    assert str(usb) in refused.value.message()
    assert not usb.exists() and not usb.parent.exists()


def test_a_database_that_does_not_check_out_gives_no_backup(db, people, db_path, tmp_path):
    enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1)
    db.dispose()
    folder = tmp_path / "b"
    folder.mkdir()
    earlier = make_backup(db_path, folder)
    tamper(db_path, "UPDATE auditevent SET actor_name = 'someone_else' WHERE seq = 3")
    with pytest.raises(BackupRefused, match="did not check out") as refused:
        make_backup(db_path, folder)
    assert "audit trail" in refused.value.message()
    assert os.listdir(folder) == [earlier.path.name]


def test_a_read_only_folder_is_said_and_the_earlier_backups_are_kept(db, people, db_path,
                                                                     tmp_path, read_only_view):  # noqa: F811
    folder = tmp_path / "b"
    folder.mkdir()
    earlier = make_backup(db_path, folder)
    before = sha(earlier.path)
    view = read_only_view(folder)
    with pytest.raises(BackupFailed, match="cannot be written") as refused:
        make_backup(db_path, view)
    assert "earlier backups are kept" in refused.value.message()
    rotate(view, db_path, utc_now())  # nothing to delete, nothing deletable: no crash
    assert os.listdir(folder) == [earlier.path.name] and sha(earlier.path) == before


# ---- kill -9 in the middle of a backup ----

FILLER_EVENTS = 40_000  # ~25 MB of audit trail: a copy and its check take a while


@pytest.fixture(scope="module")
def big_database(tmp_path_factory, template_db) -> Path:
    path = tmp_path_factory.mktemp("big") / "zonedesk.sqlite"
    path.write_bytes(template_db.read_bytes())
    database = Database(path)
    connection = database.raw_connection()
    connection.execute("BEGIN IMMEDIATE")
    audit.record_bulk(connection, None, "system", (
        Change("test.filler", "filler", n, None, {"text": f"{n:08d}" * 70})
        for n in range(FILLER_EVENTS)))
    connection.execute("COMMIT")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    database.dispose()
    return path


def _back_up(db_path: str, folder: str, marker: str, now) -> None:  # noqa: ANN001
    """The program to kill: says when it began copying, copies in small steps."""
    travel_in_child(now)
    making.PAGES_A_STEP = 64

    def progress(done: int, total: int) -> None:
        if not os.path.exists(marker):
            Path(marker).write_text(str(total))

    make_backup(db_path, folder, progress=progress)


def _run(db_path: Path, folder: Path, marker: Path, delay: float | None) -> tuple[float, int]:
    return run_and_kill(_back_up, (str(db_path), str(folder), str(marker), utc_now()), marker, delay)


def test_kill_9_during_a_backup_leaves_the_database_and_every_backup_whole(big_database, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    database_before = sha(big_database)
    first = make_backup(big_database, folder)
    earlier = {first.path.name: sha(first.path)}
    whole_run, status = _run(big_database, folder, tmp_path / "began", None)  # how long it takes
    assert status == 0
    for path in backups_in(folder, "zonedesk"):
        earlier[path.name] = sha(path)
    killed = 0
    for share in (0.1, 0.4, 0.7, 0.95):
        _ran, status = _run(big_database, folder, tmp_path / "began", whole_run * share)
        killed += status == -signal.SIGKILL
        assert sha(big_database) == database_before
        named = backups_in(folder, "zonedesk")
        for path in named:  # whatever stands under a backup's name is a whole, checked backup
            assert made_at(path.name, "zonedesk") is not None
            if path.name in earlier:
                assert sha(path) == earlier[path.name]
            else:
                check_backup(path)
                earlier[path.name] = sha(path)
    assert killed >= 2, "the kills should land inside the backup"
    leftovers = [p for p in folder.iterdir() if ".partial" in p.name]
    assert leftovers  # a killed copy leaves its temporary file, under no backup's name
    assert audit.verify(big_database).ok
    day_later = time.time() - 25 * 3600
    for path in leftovers:
        os.utime(path, (day_later, day_later))
    removed = rotate(folder, big_database, utc_now())
    assert set(removed) == set(leftovers)
    assert {p.name for p in folder.iterdir()} == set(earlier)


def test_the_staffs_writes_during_a_backup_neither_wait_nor_restart_it(db, people, db_path, tmp_path,
                                                                        monkeypatch):
    """A backup copies one moment of the file: firms registered while it runs are in the
    database, not in the copy, and the copy never starts over (SQLite restarts a stepwise
    backup whenever another connection writes, which a busy office does all day)."""
    for n in range(40):
        enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(name=f"上海先有{n}科技有限公司"),
                                        zone_id=1)
    monkeypatch.setattr(making, "PAGES_A_STEP", 4)
    done: list[int] = []

    def copying(copied: int, _total: int) -> None:
        done.append(copied)
        if len(done) <= 3:  # the office goes on working meanwhile
            enterprises.register_enterprise(db, actor=people.clerk, zone_id=1,
                                            fields=firm_fields(name=f"上海其间{len(done)}科技有限公司"))
    made = make_backup(db_path, tmp_path, progress=copying)
    assert len(done) > 4 and done == sorted(done)  # never back to the start
    copy = sqlite3.connect(made.path)
    assert copy.execute("SELECT count(*) FROM enterprise").fetchone()[0] == 40
    copy.close()
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM enterprise").fetchone()[0] == 43


def test_a_cancelled_backup_leaves_nothing(db, people, db_path, tmp_path, monkeypatch):
    enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1)
    monkeypatch.setattr(making, "PAGES_A_STEP", 4)
    before, folder = sha(db_path), tmp_path / "backups"
    folder.mkdir()
    steps: list[int] = []
    with pytest.raises(Interrupted):
        make_backup(db_path, folder, progress=lambda done, _total: steps.append(done),
                    cancelled=lambda: len(steps) >= 2)  # Cancel pressed while it copies
    assert os.listdir(folder) == [] and sha(db_path) == before
    copied: list[bool] = []
    with pytest.raises(Interrupted):  # or once the copy is made, while it is being checked
        make_backup(db_path, folder, progress=lambda done, total: copied.append(done == total),
                    cancelled=lambda: bool(copied) and copied[-1])
    assert copied[-1] and os.listdir(folder) == [] and sha(db_path) == before
