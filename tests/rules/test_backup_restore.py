"""Restoring a backup (db/backup/restoring.py): a backup that fails any check (cut off, not a
database, its audit trail broken) is refused with the reason and nothing changes; a good one
replaces the file after a safety backup, an older one is migrated, and the restore is in the
audit trail. Only an administrator restores or chooses the backup folder."""

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from db import audit, migrate, reference
from db.backup.checking import BackupRefused, inspect_backup
from db.backup.folder import backup_folder, set_backup_folder
from db.backup.making import make_backup
from db.backup.naming import backups_in
from db.backup.restoring import restore
from db.engine import Database
from db.errors import PermissionDenied, ValidationError
from db.locations import backup_dir
from db.services import auth, enterprises
from tests.conftest import PASSWORD, firm_fields
from tests.file_contents import digest
from tests.rules.test_audit_tamper import tamper


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def firm_names(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [r[0] for r in connection.execute("SELECT name FROM enterprise ORDER BY id")]
    finally:
        connection.close()


@pytest.fixture
def yesterday(db, people, db_path, tmp_path) -> Path:
    """A backup holding one firm; then a second firm registered by mistake."""
    enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(name="上海甲科技有限公司"),
                                    zone_id=1)
    made = make_backup(db_path, tmp_path / "saved", create_folder=True)
    enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(name="上海乙科技有限公司"),
                                    zone_id=1)
    return made.path


def test_a_good_backup_is_restored_after_a_safety_backup_and_audited(db, people, db_path, yesterday):
    mistaken = firm_names(db_path)
    db.dispose()
    done = restore(db_path, yesterday, actor=people.admin)
    assert firm_names(db_path) == ["上海甲科技有限公司"]
    assert not done.migrated and done.sha256 == sha(yesterday)
    assert done.safety_backup.parent == backup_dir(db_path)  # the current file, kept first
    assert firm_names(done.safety_backup) == mistaken
    assert not db_path.with_name(db_path.name + "-journal").exists()
    assert not list(db_path.parent.glob(".*partial*"))
    check = audit.verify(db_path)
    assert check.ok
    connection = sqlite3.connect(db_path)
    last = connection.execute("SELECT actor_id, actor_name, action, entity_id, after_json FROM"
                              " auditevent ORDER BY seq DESC LIMIT 1").fetchone()
    connection.close()
    assert last[:4] == (people.admin.staff_id, "admin", "database.restore", yesterday.name)
    facts = json.loads(last[4])
    assert facts["sha256"] == sha(yesterday) and facts["safety_backup"] == done.safety_backup.name
    assert facts["by"] == "管理员"
    assert auth.log_in(Database(db_path), username="admin", password=PASSWORD)


def refused_and_unchanged(db_path: Path, backup: Path, actor, match: str) -> str:  # noqa: ANN001
    before, files = digest(db_path), sorted(p.name for p in db_path.parent.rglob("*"))
    with pytest.raises(BackupRefused, match=match) as refused:
        restore(db_path, backup, actor=actor)
    assert digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.rglob("*")) == files  # no safety backup either
    assert not inspect_backup(backup).ok
    return refused.value.message()


def test_a_cut_off_backup_is_refused(db, people, db_path, yesterday, tmp_path):
    cut = tmp_path / "cut.sqlite"
    cut.write_bytes(yesterday.read_bytes()[: yesterday.stat().st_size // 2])
    db.dispose()
    message = refused_and_unchanged(db_path, cut, people.admin, "damaged")
    assert "cut off" in message and str(cut) in message


def test_a_file_that_is_not_a_database_is_refused(db, people, db_path, tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_text("园区服务台 meeting notes\n" * 50, encoding="utf-8")
    db.dispose()
    message = refused_and_unchanged(db_path, text, people.admin, "not a database file at all")
    assert message.startswith(str(text))


@pytest.mark.parametrize("statement", [
    "UPDATE auditevent SET actor_name = 'someone_else' WHERE seq = 3",  # the chain itself
    "UPDATE enterprise SET name = '上海丙科技有限公司'",  # a row behind the trail's back
])
def test_a_tampered_backup_is_refused(db, people, db_path, yesterday, statement):
    tamper(yesterday, statement)
    db.dispose()
    message = refused_and_unchanged(db_path, yesterday, people.admin, "does not check out")
    assert "changed behind the program's back" in message
    assert not inspect_backup(yesterday).ok and inspect_backup(yesterday).firms == 1


def test_a_newer_programs_backup_is_refused(db, people, db_path, yesterday):
    connection = sqlite3.connect(yesterday)
    connection.execute("UPDATE alembic_version SET version_num = '0999'")
    connection.commit()
    connection.close()
    db.dispose()
    refused_and_unchanged(db_path, yesterday, people.admin, "newer Zone Desk")


def database_at(path: Path, revision: str) -> Database:
    from alembic import command

    path.parent.mkdir(parents=True, exist_ok=True)
    database = Database(path)
    config = migrate._config()
    with database.writing_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    raw = database.raw_connection()
    reference.load_if_empty(raw)
    raw.close()
    return database


def test_a_backup_from_an_older_schema_is_restored_and_migrated(tmp_path):
    office = tmp_path / "office" / "zonedesk.sqlite"
    old = database_at(office, "0008")
    admin = auth.create_first_admin(old, username="oldadmin", display_name="旧管理员",
                                    password=PASSWORD)
    enterprises.register_enterprise(old, actor=admin, fields=firm_fields(name="上海旧档科技有限公司"),
                                    zone_id=1)
    old.dispose()
    made = make_backup(office, tmp_path / "old-backups", create_folder=True)
    assert made.path.name.endswith("-r0008.sqlite") and inspect_backup(made.path).ok
    current = Database(office)
    migrate.upgrade(current)  # the same database, now at the newest schema
    enterprises.register_enterprise(current, actor=admin, fields=firm_fields(name="上海新档科技有限公司"),
                                    zone_id=1)
    current.dispose()
    done = restore(office, made.path, actor=admin)
    assert done.migrated and done.revision == "0008" and done.sha256 == sha(made.path)
    assert migrate.current_revision(Database(office)) == migrate.head_revision()
    assert firm_names(office) == ["上海旧档科技有限公司"]
    assert audit.verify(office).ok
    connection = sqlite3.connect(office)
    actor = connection.execute("SELECT actor_id, actor_name FROM auditevent WHERE action ="
                               " 'database.restore'").fetchone()
    connection.close()
    assert actor == (admin.staff_id, "oldadmin")


@pytest.mark.parametrize("who", ["clerk", "auditor", "reviewer"])
def test_only_an_administrator_restores_or_chooses_the_folder(db, people, db_path, yesterday,
                                                             tmp_path, who):
    before = digest(db_path)
    with pytest.raises(PermissionDenied):
        restore(db_path, yesterday, actor=getattr(people, who))
    with pytest.raises(PermissionDenied):
        set_backup_folder(db, actor=getattr(people, who), folder=tmp_path)
    assert digest(db_path) == before and backup_folder(db_path) == backup_dir(db_path)


def test_the_backup_folder_is_kept_in_the_database_and_audited(db, people, db_path, tmp_path):
    assert backup_folder(db_path) == backup_dir(db_path)
    usb = tmp_path / "usb"
    with pytest.raises(ValidationError, match="is not there"):
        set_backup_folder(db, actor=people.admin, folder=usb)
    with pytest.raises(ValidationError, match="whole folder path"):
        set_backup_folder(db, actor=people.admin, folder="relative/folder")
    usb.mkdir()
    assert set_backup_folder(db, actor=people.admin, folder=usb) == usb
    assert backup_folder(db_path) == usb
    assert set_backup_folder(db, actor=people.admin, folder=None) == backup_dir(db_path)
    assert backup_folder(db_path) == backup_dir(db_path)
    connection = sqlite3.connect(db_path)
    events = connection.execute("SELECT actor_name, before_json, after_json FROM auditevent WHERE"
                                " action = 'backup.folder' ORDER BY seq").fetchall()
    connection.close()
    chosen = json.dumps({"value": str(usb)}, separators=(",", ":"), ensure_ascii=False)
    assert events == [("admin", "null", chosen), ("admin", chosen, '{"value":""}')]
    assert audit.verify(db_path).ok
    made = make_backup(db_path, backup_folder(db_path), create_folder=True)
    assert backups_in(backup_dir(db_path), "zonedesk") == [made.path]
