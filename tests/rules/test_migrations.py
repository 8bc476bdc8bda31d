"""Opening a file: the schema at head by Alembic, a backup before migrating an older file (made with
SQLite's backup API, so it holds what is still in the WAL), and the connection settings every
write relies on, BEGIN IMMEDIATE included."""

import csv
import sqlite3
import threading
import time
from datetime import date

import pytest
from sqlalchemy import text

from db import audit, migrate
from db.bundle import resource_path
from db.services import enterprises
from db.startup import open_database
from tests.conftest import firm_fields

TABLES = {"district", "sector", "zone", "cluster", "enterprise", "tenancy", "staffaccount",
          "staffzone", "auditevent", "audithead", "alembic_version", "enterprise_search",
          "enterprise_grams"}


def table_counts(path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        names = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {n: connection.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        connection.close()


def test_a_new_file_gets_the_schema_at_head_and_the_reference_data(tmp_path):
    path = tmp_path / "new" / "zonedesk.sqlite"
    database = open_database(path)
    try:
        assert migrate.current_revision(database) == migrate.head_revision()
        counts = table_counts(path)
        assert TABLES <= set(counts)
        with resource_path("reference", "zones.csv").open(encoding="utf-8") as handle:
            assert counts["zone"] == len(list(csv.DictReader(handle))) == 55
        assert counts["district"] == 16
        connection = sqlite3.connect(path)
        objects = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        connection.close()
        assert {"auditevent_no_update", "auditevent_no_delete", "ux_tenancy_one_open"} <= objects
        assert audit.verify(path).ok
    finally:
        database.dispose()
    assert not (path.parent / "backups").exists()  # nothing to back up in a new file


def test_opening_a_file_at_head_changes_nothing_and_backs_up_nothing(db_path):
    before = table_counts(db_path)
    database = open_database(db_path)
    try:
        assert migrate.upgrade(database) is None
    finally:
        database.dispose()
    assert table_counts(db_path) == before
    assert not (db_path.parent / "backups").exists()


def test_an_older_file_is_backed_up_before_it_is_migrated(tmp_path):
    """A real file at the first revision, with a firm in it, opened by today's program."""
    from alembic import command

    from db import reference
    from db.engine import Database

    path = tmp_path / "old.sqlite"
    old = Database(path)
    config = migrate._config()
    with old.writing_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    raw = old.raw_connection()
    reference.load_if_empty(raw)
    raw.execute("INSERT INTO enterprise (uscc, name, name_en, legal_representative,"
                " registered_capital_fen, sector_code, industry_code, employees, annual_revenue_fen,"
                " core_tech, core_tech_note, giant_level, contact_name, contact_phone, contact_email,"
                " zone_id, size_class, status, uscc_check, version, created_at, updated_at) VALUES"
                " ('91310115MA1K3YJ20B', '上海旧档科技有限公司', '', '', 0, 'ai', 'software', 1, 0, 0, '',"
                " 'none', '', '', '', 1, 'micro', 'active', 'ok', 1, '2025-01-01', '2025-01-01')")
    raw.close()
    old.dispose()
    assert migrate.current_revision(Database(path)) == "0001"

    database = open_database(path)
    try:
        assert migrate.current_revision(database) == migrate.head_revision() != "0001"
    finally:
        database.dispose()
    (made,) = (tmp_path / "backups").glob("*.sqlite")
    assert f"before-{migrate.head_revision()}" in made.name
    backup = sqlite3.connect(made)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert backup.execute("SELECT name FROM enterprise").fetchall() == [("上海旧档科技有限公司",)]
    assert backup.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    backup.close()
    migrated = sqlite3.connect(path)
    assert migrated.execute("SELECT name FROM enterprise").fetchall() == [("上海旧档科技有限公司",)]
    assert migrated.execute("SELECT count(*) FROM programmesetting").fetchone() == (3,)
    migrated.close()


def test_the_backup_of_a_live_file_is_complete_and_sound(db, people, db_path):
    for _ in range(5):
        enterprises.register_enterprise(
            db, actor=people.clerk, fields=firm_fields(), zone_id=1,
            tenancy=enterprises.FirstTenancy("A栋1", 100, date(2025, 1, 1)))
    # the engine is still open: recent writes may be in the WAL only, where a file copy misses them
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    target = migrate.backup(db_path, "test")
    with open(target, "rb") as handle:
        assert handle.read(16) == b"SQLite format 3\x00"
    connection = sqlite3.connect(target)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()
    counts = table_counts(target)
    assert counts == table_counts(db_path)
    assert counts["enterprise"] == 5
    assert audit.verify(target).ok


def pragmas(connection) -> dict[str, object]:
    return {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")}


@pytest.mark.sqlite_only("the PRAGMAs of an SQLite file's connections")
def test_every_connection_has_the_settings(db):
    expected = {"foreign_keys": 1, "journal_mode": "wal", "synchronous": 2}
    with db.engine.connect() as connection:
        found = pragmas(connection)
    assert {k: found[k] for k in expected} == expected
    assert found["busy_timeout"] > 0
    with db.writing() as uow:
        found = pragmas(uow.session.connection())
    assert {k: found[k] for k in expected} == expected and found["busy_timeout"] > 0
    raw = db.raw_connection()
    try:
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert raw.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    finally:
        raw.close()


def test_foreign_keys_are_enforced(db):
    with db.writing() as uow, pytest.raises(Exception, match="(?i)foreign key"):
        uow.session.connection().execute(text(
            "INSERT INTO tenancy (enterprise_id, zone_id, unit, floor_area_dm2, start_on, version)"
            " VALUES (999999, 1, 'x', 1, '2025-01-01', 1)"))


def other_writer_blocked(path) -> bool:
    """Whether another connection, not willing to wait, is refused a write transaction now."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        assert "locked" in str(error)
        return True
    finally:
        other.close()


def test_a_write_takes_the_write_lock_at_its_start(db, db_path):
    with db.writing() as uow:
        uow.session.connection().execute(text("SELECT count(*) FROM zone")).scalar()  # reads only
        assert other_writer_blocked(db_path)
    with db.reading() as uow:
        uow.session.connection().execute(text("SELECT count(*) FROM zone")).scalar()
        assert not other_writer_blocked(db_path)


def test_a_second_writer_waits_for_the_first_instead_of_failing(db, people):
    held = threading.Event()
    outcome: dict[str, object] = {}

    def first() -> None:
        with db.writing() as uow:
            uow.session.connection().execute(text("UPDATE zone SET phone = '021-1' WHERE id = 1"))
            held.set()
            time.sleep(0.5)
            outcome["first_done"] = time.perf_counter()
            uow.commit()

    def second() -> None:
        held.wait(5)
        started = time.perf_counter()
        try:
            outcome["firm"] = enterprises.register_enterprise(db, actor=people.clerk,
                                                              fields=firm_fields(), zone_id=1)
        except Exception as error:  # noqa: BLE001 (reported below)
            outcome["error"] = error
        outcome["second_waited"] = time.perf_counter() - started
        outcome["second_done"] = time.perf_counter()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert "error" not in outcome, outcome.get("error")
    assert outcome["firm"] > 0
    assert outcome["second_waited"] > 0.3
    assert outcome["second_done"] >= outcome["first_done"]
    db.dispose()
    assert audit.verify(db).ok


def test_head_revision_read_from_the_files_is_alembics_head():
    from alembic.script import ScriptDirectory

    assert migrate.head_revision() == ScriptDirectory.from_config(migrate._config()).get_current_head()
