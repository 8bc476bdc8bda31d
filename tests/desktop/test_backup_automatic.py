"""The automatic backups (desktop/backup/automatic.py): one at the first start of each day,
one on quitting only when anything but log-ins changed, off the UI thread; a missing folder is
said in the status bar and the log (without the folder's name) and keeps the earlier backups."""

import logging
from datetime import timedelta

import pytest

from db.backup.folder import set_backup_folder
from db.backup.making import make_backup
from db.backup.naming import backups_in
from db.locations import backup_dir
from db.services import enterprises
from desktop.backup.automatic import AutomaticBackups
from desktop.login.desk import Desk
from tests.conftest import firm_fields
from tests.desktop.test_accounts import log_in_at


def run_desk(qtbot, db, work=None) -> tuple[Desk, AutomaticBackups]:  # noqa: ANN001
    """Starts the program's desk with automatic backups; logs the clerk in and calls work(),
    or cancels the log-in; waits until the program has ended."""
    backups = AutomaticBackups(db.path)
    desk = Desk(db, backups=backups)
    ended: list[bool] = []
    desk.finished.connect(lambda: ended.append(True))
    desk.start()
    if work is None:
        qtbot.waitUntil(lambda: desk.login_dialog is not None)
        desk.login_dialog.reject()
    else:
        window = log_in_at(qtbot, desk, "clerk1")
        work(window)
        window.close()
    qtbot.waitUntil(lambda: ended == [True], timeout=20_000)
    return desk, backups


def names(db) -> list[str]:  # noqa: ANN001
    return [p.name for p in backups_in(backup_dir(db.path), db.path.stem)]


def test_a_backup_at_the_first_start_of_each_day_only(qtbot, db, people, modal_log, fixed_clock):
    _desk, backups = run_desk(qtbot, db)
    assert len(backups.made) == 1 and names(db) == [backups.made[0].path.name]
    assert "2026-11-22_10" in names(db)[0]
    fixed_clock.shift(timedelta(hours=3))
    run_desk(qtbot, db)  # again the same day: none
    assert len(names(db)) == 1
    fixed_clock.shift(timedelta(hours=12))  # 01:00 the next day in Shanghai
    _desk, backups = run_desk(qtbot, db)
    assert len(backups.made) == 1 and len(names(db)) == 2 and "2026-11-23_01" in names(db)[0]


def test_quitting_backs_up_only_when_something_changed(qtbot, db, people, modal_log, fixed_clock):
    run_desk(qtbot, db)  # the day's first backup
    fixed_clock.shift(timedelta(minutes=5))
    _desk, backups = run_desk(qtbot, db, work=lambda _window: None)  # a log-in changes nothing
    assert backups.made == [] and len(names(db)) == 1
    fixed_clock.shift(timedelta(minutes=5))

    def register(window) -> None:  # noqa: ANN001
        enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1)

    _desk, backups = run_desk(qtbot, db, work=register)
    assert len(backups.made) == 1 and len(names(db)) == 2
    assert backups.made[0].path.name == names(db)[0]


def test_a_missing_folder_is_said_in_the_status_bar_and_the_log(qtbot, db, people, modal_log,
                                                                 tmp_path, caplog):
    earlier = make_backup(db.path, backup_dir(db.path), create_folder=True).path
    usb = tmp_path / "usb-drive-of-zhang"
    usb.mkdir()
    set_backup_folder(db, actor=people.admin, folder=usb)
    usb.rmdir()  # the drive is not plugged in
    shown: list[str] = []

    def look(window) -> None:  # noqa: ANN001
        qtbot.waitUntil(lambda: "is not there" in window.statusBar().currentMessage())
        shown.append(window.statusBar().currentMessage())

    with caplog.at_level(logging.WARNING):
        _desk, backups = run_desk(qtbot, db, work=look)
    assert "No backup was made" in shown[0] and str(usb) in shown[0]
    assert len(backups.failures) == 2 and backups.made == []  # at the start and at quitting
    assert "automatic backup failed: BackupFailed" in caplog.text
    assert "zhang" not in caplog.text
    assert earlier.exists() and not usb.exists()


@pytest.mark.parametrize("actor", ["clerk"], indirect=True)
def test_the_window_stays_usable_while_a_backup_runs(qtbot, db, people, context, modal_log):
    """The backup runs on its own thread: the windows' database thread answers meanwhile."""
    backups = AutomaticBackups(db.path)
    backups.at_start()
    answered: list[int] = []
    context.runner.run(lambda _task: 42, on_success=answered.append)
    qtbot.waitUntil(lambda: answered == [42])
    qtbot.waitUntil(lambda: not backups.runner.busy, timeout=20_000)
    backups.stop()
    assert len(backups.made) == 1
