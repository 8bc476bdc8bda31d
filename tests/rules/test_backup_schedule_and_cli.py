"""When an automatic backup is due (db/backup/schedule.py), and `zonedesk backup` /
`zonedesk restore` for scripts: exit 0 and one line naming the file, or non-zero and one
sentence, and then nothing changed."""

import shutil
import sqlite3
from datetime import timedelta

from db.backup.making import make_backup
from db.backup.naming import backups_in
from db.backup.schedule import changed_since_backup, due_today
from db.clock import utc_now
from db.locations import backup_dir
from db.services import auth, enterprises
from db.startup import open_database
from desktop import cli
from tests.conftest import PASSWORD, firm_fields
from tests.file_contents import digest
from tests.rules.test_audit_tamper import tamper


def test_a_backup_is_due_once_a_day(db, people, db_path, tmp_path, fixed_clock):
    folder = tmp_path / "b"
    assert due_today(db_path, folder, utc_now())
    make_backup(db_path, folder, create_folder=True)
    assert not due_today(db_path, folder, utc_now())
    fixed_clock.shift(timedelta(hours=13, minutes=59))  # 23:59 in Shanghai
    assert not due_today(db_path, folder, utc_now())
    fixed_clock.shift(timedelta(minutes=2))  # the next day
    assert due_today(db_path, folder, utc_now())


def test_a_change_makes_a_backup_due_and_a_log_in_does_not(db, people, db_path, tmp_path):
    folder = tmp_path / "b"
    assert changed_since_backup(db_path, folder)  # no backup yet
    make_backup(db_path, folder, create_folder=True)
    assert not changed_since_backup(db_path, folder)
    auth.log_in(db, username="clerk1", password=PASSWORD)
    assert not changed_since_backup(db_path, folder)
    enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1)
    assert changed_since_backup(db_path, folder)


def test_another_databases_backup_of_the_same_name_does_not_count(db, people, db_path, tmp_path):
    other = tmp_path / "other" / "zonedesk.sqlite"
    open_database(other).dispose()  # a database of its own (its own identity), named alike
    folder = tmp_path / "usb"
    folder.mkdir()
    make_backup(db_path, folder)
    assert not changed_since_backup(db_path, folder)
    assert changed_since_backup(other, folder)


def test_zonedesk_backup_writes_one_and_says_where(db, people, db_path, capsys):
    assert cli.main(["backup", "--db", str(db_path)]) == 0
    out, err = capsys.readouterr()
    (made,) = backups_in(backup_dir(db_path), "zonedesk")
    assert out.strip().startswith(f"Backup written: {made} (") and out.count("\n") == 1
    assert err == ""


def test_zonedesk_backup_to_a_missing_folder_is_refused_in_one_sentence(db, people, db_path,
                                                                         tmp_path, capsys):
    assert cli.main(["backup", "--db", str(db_path), "--to", str(tmp_path / "usb")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "is not there" in err
    assert not (tmp_path / "usb").exists()
    assert cli.main(["backup", "--db", str(tmp_path / "none.sqlite")]) == 2


def test_zonedesk_restore_restores_or_refuses_and_changes_nothing(db, people, db_path, tmp_path,
                                                                  capsys):
    made = make_backup(db_path, tmp_path / "b", create_folder=True).path
    enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1)
    db.dispose()
    tampered = tmp_path / "tampered.sqlite"
    shutil.copyfile(made, tampered)
    tamper(tampered, "UPDATE auditevent SET actor_name = 'someone_else' WHERE seq = 2")
    before = digest(db_path)
    assert cli.main(["restore", "--db", str(db_path), str(tampered)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "does not check out" in err
    assert digest(db_path) == before and not backup_dir(db_path).exists()
    assert cli.main(["restore", "--db", str(db_path), str(made)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"Restored {db_path} from {made}; the file it replaced is kept as ")
    assert out.count("\n") == 1 and err == ""
    connection = sqlite3.connect(db_path)
    assert connection.execute("SELECT count(*) FROM enterprise").fetchone() == (0,)
    assert connection.execute("SELECT actor_name FROM auditevent ORDER BY seq DESC LIMIT 1"
                              ).fetchone() == ("command line",)
    connection.close()
