"""Bad files, full disks and long locks: opening a file that is not a Zone Desk database (or not
one this program may write) names the file and the cause and changes nothing, not even a backup;
a damaged file takes no write; a full disk and a long lock are named with the action they
stopped, roll back everything, and leave reading (and logging in) possible."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
from datetime import date

import pytest
from sqlalchemy import event

from db import audit, database_file, migrate
from db.database_file import FileKind
from db.engine import Database
from db.errors import (
    DamagedDatabase,
    DiskFull,
    NewerDatabase,
    NoDatabaseThere,
    NotZoneDeskDatabase,
    ReadOnlyDatabase,
    WaitedTooLong,
)
from db.queries.enterprises import EnterpriseFilter, count_enterprises
from db.services import auth, enterprises, log_in_to_read
from db.startup import open_database
from tests.conftest import PASSWORD, firm_fields


def fingerprint(path) -> tuple[str, int]:
    """The file's bytes and modification time: what 'left as it is' means."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def beside(path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def assert_refused_untouched(path, error_class, *words):
    before, files = fingerprint(path), beside(path)
    for _ in range(2):  # a second attempt writes nothing either (a backup each time, before)
        with pytest.raises(error_class) as refused:
            open_database(path, create=True)
        message = refused.value.message()
        assert str(path) in message and all(w in message for w in words), message
    assert fingerprint(path) == before and beside(path) == files
    return refused.value


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(os.urandom(20_000))
    assert_refused_untouched(path, NotZoneDeskDatabase, "not a database file")
    text = tmp_path / "readme.txt"
    text.write_text("这不是数据库\n" * 50, encoding="utf-8")
    assert_refused_untouched(text, NotZoneDeskDatabase, "not a database file")


def test_another_programs_database_is_never_migrated(tmp_path):
    path = tmp_path / "shop.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT)")
    other.execute("INSERT INTO customer (name) VALUES ('王先生')")
    other.commit()
    other.close()
    assert_refused_untouched(path, NotZoneDeskDatabase, "another program")
    tables = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("customer",)]  # not 80 tables of ours added


def test_another_programs_alembic_database_is_not_taken_for_a_newer_zone_desk(tmp_path):
    path = tmp_path / "other-app.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    other.execute("INSERT INTO alembic_version VALUES ('a1b2c3d4e5f6')")
    other.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY)")
    other.commit()
    other.close()
    assert_refused_untouched(path, NotZoneDeskDatabase, "another program")


def test_a_newer_schema_is_refused_before_any_backup(db_path):
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.commit()
    connection.close()
    refused = assert_refused_untouched(db_path, NewerDatabase, "newer Zone Desk", "0099",
                                       migrate.head_revision())
    assert not refused.read_only_possible  # its schema is unknown: reading it is not safe
    with pytest.raises(NewerDatabase):
        open_database(db_path, read_only=True)
    assert not (db_path.parent / "backups").exists()


def cut(source, target, share: float) -> None:
    data = source.read_bytes()
    target.write_bytes(data[:int(len(data) * share) // 4096 * 4096 + 100])


def test_a_cut_off_file_is_damaged_and_the_backups_are_named(db_path, tmp_path):
    backups = tmp_path / "backups"
    backups.mkdir()
    older = backups / "zonedesk-20261101-080000-000000-before-0004.sqlite"
    newer = backups / "zonedesk-20261120-080000-000000-before-0005.sqlite"
    shutil.copyfile(db_path, older)
    shutil.copyfile(db_path, newer)
    cut(db_path, db_path, 0.5)
    refused = assert_refused_untouched(db_path, DamagedDatabase, "damaged", "cut off",
                                       str(backups), newer.name)
    assert database_file.backups(db_path) == [newer, older]  # newest first
    assert refused.path == db_path


def test_a_damaged_file_without_backups_says_so(db_path):
    cut(db_path, db_path, 0.3)
    assert_refused_untouched(db_path, DamagedDatabase, "No backup")


def zero_page(path, page: int) -> None:
    size = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(bytes(size))


def root_page(path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                  (table,)).fetchone()[0]
    finally:
        connection.close()


def test_a_file_with_broken_pages_takes_no_write(db, people, db_path):
    """It opens (its table of contents reads), but the check at opening finds the broken pages
    and every write waits for it and is refused: the file is not changed."""
    firm = enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1)
    db.dispose()
    zero_page(db_path, root_page(db_path, "enterprise"))
    assert database_file.examine(db_path).kind == FileKind.CURRENT
    database = open_database(db_path)
    try:
        before = fingerprint(db_path)
        with pytest.raises(DamagedDatabase) as refused:
            enterprises.update_enterprise(database, actor=people.clerk, enterprise_id=firm,
                                          expected_version=1, fields=firm_fields(employees=7))
        assert str(db_path) in refused.value.message()
        with pytest.raises(DamagedDatabase):
            auth.log_in(database, username="clerk1", password=PASSWORD)  # checked by now
        assert fingerprint(db_path) == before
    finally:
        database.dispose()


def test_without_the_check_the_broken_file_would_have_taken_the_write(db, people, db_path):
    """The same damage, opened without the check (as before): the write goes through."""
    enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1)
    db.dispose()
    zero_page(db_path, root_page(db_path, "policyrate"))
    unchecked = Database(db_path)
    try:
        auth.log_in(unchecked, username="clerk1", password=PASSWORD)
    finally:
        unchecked.dispose()
    assert database_file.quick_check(db_path) is not None


def test_a_mistyped_path_makes_no_database(tmp_path):
    path = tmp_path / "zonedsk.sqlite"  # a typing slip
    with pytest.raises(NoDatabaseThere) as refused:
        open_database(path, create=False)
    assert str(path) in refused.value.message() and not path.exists()
    made = open_database(path, create=True)  # asked for: made
    made.dispose()
    assert database_file.examine(path).kind == FileKind.CURRENT


@pytest.fixture
def read_only_view(tmp_path):
    """make(folder) -> the same folder seen read-only: a read-only bind mount (as root, whom
    file modes do not stop), or the folder with its write permissions taken away."""
    mounted, locked = [], []

    def make(folder):
        if os.geteuid() != 0:
            for path in [folder, *folder.iterdir()]:
                path.chmod(path.stat().st_mode & ~0o222)
                locked.append(path)
            return folder
        view = tmp_path / f"{folder.name}-read-only"
        view.mkdir()
        if subprocess.run(["mount", "--bind", str(folder), str(view)],
                          capture_output=True).returncode != 0:
            pytest.skip("no way to make a read-only folder here")
        mounted.append(view)
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(view)],
                          capture_output=True).returncode != 0:
            pytest.skip("no way to make a read-only folder here")
        return view

    yield make
    for view in reversed(mounted):
        subprocess.run(["umount", str(view)], capture_output=True)
    for path in locked:
        path.chmod(path.stat().st_mode | 0o200)


def test_a_read_only_medium_is_opened_for_reading_only(db, people, db_path, tmp_path,
                                                        read_only_view):
    firm = enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1)
    db.dispose()
    folder = tmp_path / "medium"
    folder.mkdir()
    checkpoint = sqlite3.connect(db_path)
    checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.close()
    shutil.copyfile(db_path, folder / "office.sqlite")
    path = read_only_view(folder) / "office.sqlite"
    before = fingerprint(path)
    with pytest.raises(ReadOnlyDatabase) as refused:
        open_database(path)
    assert refused.value.read_only_possible and str(path) in refused.value.message()
    assert "read-only" in refused.value.message()
    database = open_database(path, read_only=True)
    try:
        clerk = log_in_to_read.log_in(database, username="clerk1", password=PASSWORD)
        assert count_enterprises(database, actor=clerk, flt=EnterpriseFilter()) == 1
        with pytest.raises(ReadOnlyDatabase) as write:
            enterprises.update_enterprise(database, actor=clerk, enterprise_id=firm,
                                          expected_version=1, fields=firm_fields(employees=9))
        assert "Saving the firm" in write.value.message() and "reading only" in write.value.message()
        with pytest.raises(Exception, match="Wrong user name or password"):
            log_in_to_read.log_in(database, username="clerk1", password="wrong password")
    finally:
        database.dispose()
    assert fingerprint(path) == before


def test_an_older_file_on_a_read_only_medium_is_refused(tmp_path, read_only_view):
    from alembic import command
    folder = tmp_path / "old"
    folder.mkdir()
    old = Database(folder / "old.sqlite")
    config = migrate._config()
    with old.writing_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    old.dispose()
    path = read_only_view(folder) / "old.sqlite"
    with pytest.raises(ReadOnlyDatabase) as refused:
        open_database(path)
    assert not refused.value.read_only_possible and "Copy it" in refused.value.message()


def fill_the_disk(database: Database) -> None:
    """From now on the file cannot grow by a page: SQLite answers as on a full disk."""
    @event.listens_for(database.engine, "connect")
    def _full(connection, _record) -> None:  # noqa: ANN001
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")


def tables_and_trail(path) -> tuple:
    connection = sqlite3.connect(path)
    try:
        return (connection.execute("SELECT count(*) FROM enterprise").fetchone(),
                connection.execute("SELECT max(seq) FROM auditevent").fetchone())
    finally:
        connection.close()


def test_a_full_disk_is_named_loses_nothing_and_leaves_reading_and_log_in(db, people, db_path):
    db.dispose()
    full = Database(db_path)
    fill_the_disk(full)
    try:
        saved = 0
        with pytest.raises(DiskFull) as refused:
            for _ in range(200):  # firms with long names until the file would have to grow
                enterprises.register_enterprise(full, actor=people.clerk, zone_id=1,
                                                fields=firm_fields(name="上海" + "星" * 90),
                                                tenancy=enterprises.FirstTenancy(
                                                    "A栋1", 100, date(2025, 1, 1)))
                saved += 1
        message = refused.value.message()
        assert "Registering the firm" in message and str(db_path) in message and "full" in message
        assert tables_and_trail(db_path)[0] == (saved,)  # the refused firm is not half there
        with pytest.raises(DiskFull) as refused:
            for _ in range(200):  # a log-in writes an event: until that cannot be saved either
                auth.log_in(full, username="reviewer1", password=PASSWORD)
        assert "Logging in" in refused.value.message()
        kept = tables_and_trail(db_path)
        # the log-in the staff use falls back to reading: the full disk locks nobody out
        reviewer = log_in_to_read.log_in(full, username="reviewer1", password=PASSWORD)
        assert count_enterprises(full, actor=reviewer, flt=EnterpriseFilter()) == saved
        with pytest.raises(Exception, match="Wrong user name or password"):
            log_in_to_read.log_in(full, username="reviewer1", password="wrong password")
        assert tables_and_trail(db_path) == kept
    finally:
        full.dispose()
    assert audit.verify(db_path).ok


def test_a_write_kept_waiting_too_long_is_named_and_can_be_tried_again(db, people, db_path):
    impatient = Database(db_path, busy_timeout_ms=300)
    other = sqlite3.connect(db_path, isolation_level=None)  # another program, writing
    other.execute("BEGIN IMMEDIATE")
    fields = firm_fields()
    try:
        with pytest.raises(WaitedTooLong) as refused:
            enterprises.register_enterprise(impatient, actor=people.clerk, fields=fields, zone_id=1)
        message = refused.value.message()
        assert "Registering the firm" in message and str(db_path) in message
        assert "try again" in message
    finally:
        other.execute("ROLLBACK")
        other.close()
    firm = enterprises.register_enterprise(impatient, actor=people.clerk, fields=fields, zone_id=1)
    assert firm > 0
    impatient.dispose()
    assert audit.verify(db_path).ok


def test_the_command_line_refuses_a_missing_database_unless_create(tmp_path, monkeypatch, capsys):
    """`zonedesk --db missing.sqlite` opens nothing and makes nothing; `--create` goes on to the
    program, which may make it; the data folder's own database is made without asking."""
    from desktop import cli, launch
    started = []
    monkeypatch.setattr(launch, "launch", lambda path, language, *, create, throw_away=False: started.append(
        (path, create)) or 0)
    monkeypatch.delenv("ZONEDESK_DB", raising=False)
    missing = tmp_path / "zonedsk.sqlite"
    assert cli.main(["--db", str(missing)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "--create" in err and err.strip().count("\n") == 0
    assert not missing.exists() and started == []
    monkeypatch.setenv("ZONEDESK_DB", str(missing))  # named by the environment: asked alike
    assert cli.main([]) == 2 and started == []
    assert cli.main(["--db", str(missing), "--create"]) == 0
    assert started == [(missing, True)]
    monkeypatch.delenv("ZONEDESK_DB")
    monkeypatch.setenv("ZONEDESK_DATA", str(tmp_path / "data"))
    assert cli.main([]) == 0 and started[-1][1] is True  # the data folder's own: made on first use


def test_the_command_line_opens_an_existing_database_without_create(db_path, monkeypatch):
    from desktop import cli, launch
    started = []
    monkeypatch.setattr(launch, "launch", lambda path, language, *, create, throw_away=False: started.append(
        (path, create)) or 0)
    assert cli.main(["--db", str(db_path)]) == 0 and started == [(db_path, False)]


def test_the_demo_is_made_without_create_and_then_opens(tmp_path, monkeypatch):
    """`make run`: `zonedesk demo --db PATH`, then `zonedesk --db PATH`."""
    from desktop import cli, launch
    started = []
    monkeypatch.setattr(launch, "launch", lambda path, language, *, create, throw_away=False: started.append(
        (path, create)) or 0)
    path = tmp_path / "demo" / "zonedesk-demo.sqlite"
    assert cli.main(["demo", "--db", str(path), "--firms", "20"]) == 0
    assert database_file.examine(path).kind == FileKind.CURRENT
    assert cli.main(["--db", str(path)]) == 0 and started == [(path, False)]
    assert cli.main(["verify-audit", "--db", str(path)]) == 0
