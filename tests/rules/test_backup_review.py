"""Backups after review: a backup whose schema was changed behind the program's back is refused;
another database's backup never replaces this one, nor does its rotation delete another
database's backups; a restore that fails half-way leaves the database byte for byte as it was;
the log holds no firm's data nor folder paths; two backups in one second are both kept."""

import logging
import shutil
import sqlite3
from datetime import date, datetime, time
from pathlib import Path

import pytest

from db import migrate
from db.backup import making, restoring
from db.backup.checking import BackupRefused, inspect_backup
from db.backup.making import make_backup
from db.backup.naming import backup_name, backups_in
from db.backup.restoring import restore
from db.backup.rotation import rotate
from db.backup.schema import identity_of
from db.clock import SHANGHAI
from db.engine import Database
from db.services import enterprises
from tests.conftest import firm_fields
from tests.rules.test_backup_restore import (  # noqa: F401 (yesterday: the fixture, shared)
    database_at,
    firm_names,
    refused_and_unchanged,
    sha,
    yesterday,
)


def _index(path: Path) -> tuple[str, str]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"
                                  " AND sql IS NOT NULL ORDER BY name LIMIT 1").fetchone()
    finally:
        connection.close()


@pytest.mark.parametrize("change, said", [
    ("CREATE TRIGGER sneaky AFTER INSERT ON enterprise BEGIN SELECT 1; END",
     "has a trigger the program never made: sneaky"),
    ("DROP TRIGGER {trigger}", "its trigger {trigger} has been removed"),
    ("DROP INDEX {index}; CREATE INDEX {index} ON {table} (id)", "its index {index} has been changed"),
])
def test_a_backup_whose_schema_was_changed_is_refused(db, people, db_path, yesterday, change,  # noqa: F811
                                                      said):
    saved = yesterday
    connection = sqlite3.connect(saved)
    trigger = connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name"
                                 " NOT LIKE 'auditevent_%' ORDER BY name LIMIT 1").fetchone()
    connection.close()
    index, table = _index(saved)
    values = {"trigger": trigger[0], "index": index, "table": table}
    connection = sqlite3.connect(saved)
    connection.executescript(change.format(**values))
    connection.close()
    db.dispose()
    message = refused_and_unchanged(db_path, saved, people.admin, "does not check out")
    assert said.format(**values) in message


def test_another_databases_backup_is_refused_unless_the_current_file_is_unreadable(
        db, people, db_path, tmp_path):
    other = database_at(tmp_path / "other" / "zonedesk.sqlite", migrate.head_revision())
    other.dispose()
    theirs = make_backup(other.path, tmp_path / "theirs", create_folder=True).path
    assert identity_of(theirs) != identity_of(db_path)
    db.dispose()
    before, files = db_path.read_bytes(), sorted(p.name for p in db_path.parent.rglob("*"))
    with pytest.raises(BackupRefused, match="is a backup of another database") as refused:
        restore(db_path, theirs, actor=people.admin)
    assert str(db_path) in refused.value.message()
    assert db_path.read_bytes() == before  # no safety backup, no temporary file either
    assert sorted(p.name for p in db_path.parent.rglob("*")) == files
    db_path.write_bytes(b"\0" * 4096)  # a dead file: nothing to compare the identity with
    restore(db_path, theirs, by_cli=True)
    assert identity_of(db_path) == identity_of(theirs)


def test_rotation_never_deletes_another_databases_backups_of_the_same_name(db_path, tmp_path):
    other = database_at(tmp_path / "other" / "zonedesk.sqlite", migrate.head_revision())
    other.dispose()
    usb = tmp_path / "usb"
    ours = make_backup(db_path, usb, create_folder=True).path
    shutil.move(make_backup(other.path, usb).path, tmp_path / "theirs.sqlite")
    old = [backup_name("zonedesk", datetime.combine(date(2026, 1, d), time(9, m), SHANGHAI), "0009")
           for d in (1, 2, 3) for m in (0, 1, 2)]
    for name in old[0::3]:
        shutil.copyfile(ours, usb / name)
    for name in old[1::3]:
        shutil.copyfile(tmp_path / "theirs.sqlite", usb / name)
    for name in old[2::3]:
        (usb / name).write_bytes(b"not readable")
    removed = rotate(usb, db_path, datetime(2026, 11, 22, 10, tzinfo=SHANGHAI))
    assert sorted(p.name for p in removed) == sorted(old[0::3])
    assert {p.name for p in usb.iterdir()} == {ours.name, *old[1::3], *old[2::3]}


@pytest.mark.parametrize("broken", ["_migrate", "_record"])
def test_a_restore_that_fails_half_way_leaves_the_database_as_it_was(tmp_path, monkeypatch, broken):
    office = tmp_path / "office" / "zonedesk.sqlite"
    database_at(office, "0008").dispose()
    made = make_backup(office, tmp_path / "saved", create_folder=True).path
    current = Database(office)
    migrate.upgrade(current)
    current.dispose()
    before = office.read_bytes()

    def fail(*_args, **_kwargs) -> None:
        raise OSError("the disk went away")

    monkeypatch.setattr(restoring, broken, fail)
    with pytest.raises(OSError):
        restore(office, made, by_cli=True)
    assert office.read_bytes() == before
    assert not list(office.parent.glob(".*partial*"))
    assert firm_names(office) == []


def test_the_log_holds_no_firm_data_nor_folder_paths(db, people, db_path, tmp_path, caplog,
                                                     monkeypatch):
    enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(name="上海秘密科技有限公司"),
                                    zone_id=1)
    folder = tmp_path / "秘密文件夹"

    def refuse(path, **_kwargs) -> None:  # noqa: ANN001
        raise BackupRefused("{file} {detail}", path=path, detail="上海秘密科技有限公司 " + str(folder))

    monkeypatch.setattr(making, "check_backup", refuse)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(BackupRefused):
        make_backup(db_path, folder, create_folder=True)
    from desktop.backup.automatic import AutomaticBackups
    AutomaticBackups._failed(type("Fake", (), {"failures": [], "_report": lambda self, text: None})(),
                             BackupRefused("{file} {detail}", path=folder, detail="上海秘密科技有限公司"))
    assert caplog.records
    assert "秘密" not in caplog.text and str(folder) not in caplog.text


def test_two_backups_in_the_same_second_are_both_kept(db_path, tmp_path):
    first = make_backup(db_path, tmp_path / "b", create_folder=True)
    second = make_backup(db_path, tmp_path / "b")
    third = make_backup(db_path, tmp_path / "b")
    assert len({first.path, second.path, third.path}) == 3
    assert second.path.name == first.path.name.replace(".sqlite", "-2.sqlite")
    assert backups_in(tmp_path / "b", "zonedesk") == [third.path, second.path, first.path]
    assert all(inspect_backup(p).ok for p in (first.path, second.path, third.path))
    assert sha(first.path) == sha(second.path)
