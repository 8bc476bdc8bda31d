"""File → Back up now…, Restore…, Backup folder… (administrators only), with the modals
answered by the test: a backup says where it went, a backup that fails a check is shown with
the reason and cannot be restored, a good one is restored after one more question and the
log-in comes back on the restored file."""

import sqlite3

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel

from db.backup.folder import backup_folder
from db.backup.making import make_backup
from db.services import enterprises
from desktop import modals
from desktop.backup import backup_menu
from desktop.login.desk import Desk
from desktop.main_window import MainWindow
from tests.conftest import firm_fields
from tests.desktop.test_accounts import log_in_at
from tests.file_contents import digest
from tests.rules.test_audit_tamper import tamper


def open_window(qtbot, make_context, actor) -> MainWindow:  # noqa: ANN001
    window = MainWindow(make_context(actor))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("who", ["clerk", "reviewer", "auditor"])
def test_only_administrators_see_the_entries(qtbot, make_context, people, modal_log, who):
    window = open_window(qtbot, make_context, getattr(people, who))
    assert window.findChild(QAction, "back_up_now") is None
    assert window.findChild(QAction, "restore") is None


def test_back_up_now_writes_to_the_chosen_folder_and_says_where(qtbot, make_context, people, db,
                                                               modal_log, tmp_path, monkeypatch):
    window = open_window(qtbot, make_context, people.admin)
    monkeypatch.setattr(modals, "choose_folder", lambda _parent, _title, _start: tmp_path)
    window.findChild(QAction, "back_up_now").trigger()
    qtbot.waitUntil(lambda: bool(modal_log.messages), timeout=10_000)
    (made,) = tmp_path.glob("zonedesk-*.sqlite")
    assert modal_log.messages == [f"The backup was written to {made}."]


def test_the_backup_folder_is_chosen_and_kept(qtbot, make_context, people, db, modal_log, tmp_path,
                                              monkeypatch):
    window = open_window(qtbot, make_context, people.admin)
    monkeypatch.setattr(modals, "choose_folder", lambda _parent, _title, _start: tmp_path)
    window.findChild(QAction, "backup_folder").trigger()
    qtbot.waitUntil(lambda: bool(modal_log.messages), timeout=10_000)
    assert modal_log.messages == [f"The automatic backups now go to {tmp_path}."]
    assert backup_folder(db.path) == tmp_path


def test_a_tampered_backup_is_shown_with_the_reason_and_not_restored(qtbot, make_context, people,
                                                                    db, modal_log, tmp_path,
                                                                    monkeypatch):
    made = make_backup(db.path, tmp_path, create_folder=True).path
    tamper(made, "UPDATE auditevent SET actor_name = 'someone_else' WHERE seq = 2")
    before = digest(db.path)
    window = open_window(qtbot, make_context, people.admin)
    monkeypatch.setattr(modals, "choose_open_path", lambda _parent, _title, _filter: made)
    shown: list[backup_menu.RestoreDialog] = []

    def answer(dialog) -> int:  # noqa: ANN001
        shown.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(backup_menu, "ask_restore", answer)
    modal_log.answer = True
    window.findChild(QAction, "restore").trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    verdict = shown[0].findChild(QLabel, "verdict").text()
    assert verdict.startswith("It cannot be restored:") and "does not check out" in verdict
    assert shown[0].restore_button is None and modal_log.questions == []
    assert window.isVisible() and digest(db.path) == before


def test_restore_from_the_menu_brings_the_log_in_back_on_the_restored_file(qtbot, db, people,
                                                                          modal_log, tmp_path,
                                                                          monkeypatch):
    enterprises.register_enterprise(db, actor=people.admin, fields=firm_fields(name="上海甲科技有限公司"),
                                    zone_id=1)
    made = make_backup(db.path, tmp_path, create_folder=True).path
    enterprises.register_enterprise(db, actor=people.admin, fields=firm_fields(name="上海乙科技有限公司"),
                                    zone_id=1)  # the mistake
    desk = Desk(db)
    desk.start()
    window = log_in_at(qtbot, desk, "admin")
    monkeypatch.setattr(modals, "choose_open_path", lambda _parent, _title, _filter: made)
    shown = []

    def answer(dialog) -> int:  # noqa: ANN001
        shown.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        shown.append({name: dialog.findChild(QLabel, name).text() for name in ("firms", "verdict")})
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(backup_menu, "ask_restore", answer)
    modal_log.answer = True
    window.findChild(QAction, "restore").trigger()
    qtbot.waitUntil(lambda: desk.login_dialog is not None, timeout=20_000)
    assert shown[1]["firms"] == "1" and shown[1]["verdict"].startswith("It checks out")
    assert "everything done since then is undone" in modal_log.questions[0]
    assert modal_log.messages[-1].endswith("Log in again: the accounts and passwords are those "
                                           "of the backup.")
    connection = sqlite3.connect(db.path)
    assert connection.execute("SELECT name FROM enterprise").fetchall() == [("上海甲科技有限公司",)]
    assert connection.execute("SELECT actor_name, entity_id FROM auditevent ORDER BY seq DESC"
                              " LIMIT 1").fetchone() == ("admin", made.name)
    connection.close()
    again = log_in_at(qtbot, desk, "admin")  # the log-in works on the restored file
    assert again.context.db is desk.db and desk.db is not db
    again.close()
    desk.db.dispose()
