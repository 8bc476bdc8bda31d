"""Opening a file the program cannot work on as it is: the dialog names the file and the cause and
offers what can be done (open another file, open the newest backup, open it for reading only,
create a database where there is none); a long lock names the action and keeps what was typed."""

import shutil
import sqlite3

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from db.engine import Database
from db.migrate import head_revision
from db.services.enterprises import register_enterprise
from desktop import modals, opening
from desktop.background import BackgroundRunner
from desktop.context import AppContext, ChangeBus
from desktop.enterprises.enterprises_pane import EnterprisesPane
from tests.conftest import firm_fields
from tests.rules.test_bad_files import cut, read_only_view  # noqa: F401 (a fixture)


class Asked:
    """modals.ask_choice replaced: records each (text, choice keys) and answers in turn."""

    def __init__(self, monkeypatch, *answers: str) -> None:  # noqa: ANN001
        self.asked: list[tuple[str, list[str]]] = []
        self.answers = list(answers)
        monkeypatch.setattr(modals, "ask_choice", self._ask)

    def _ask(self, _parent, _title, text, choices):  # noqa: ANN001, ANN202
        self.asked.append((text, [key for key, _label in choices]))
        return self.answers.pop(0) if self.answers else opening.QUIT


def not_sqlite(path):  # noqa: ANN001, ANN201
    path.write_bytes(b"PK\x03\x04" + bytes(5000))
    return path


def test_the_real_dialog_names_the_file_and_cause_and_offers_another_file(qapp, tmp_path, db_path,
                                                                          monkeypatch):
    """The message box itself: its text and buttons, and the one pressed; then the file chosen
    instead is opened."""
    bad = not_sqlite(tmp_path / "notes.sqlite")
    monkeypatch.setattr(modals, "choose_open_path", lambda *_args: db_path)
    seen: dict[str, object] = {}

    def press_open_another() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press_open_another)
            return
        seen["text"] = box.text()
        seen["buttons"] = [b.text() for b in box.buttons()]
        next(b for b in box.buttons() if b.text() == "Open another file…").click()

    QTimer.singleShot(20, press_open_another)
    database = opening.open_chosen(bad, create=False)
    try:
        assert isinstance(database, Database) and database.path == db_path
    finally:
        database.dispose()
    assert str(bad) in seen["text"] and "not a database file" in seen["text"]
    assert "Something went wrong" not in seen["text"]
    assert seen["buttons"] == ["Open another file…", "Quit"]
    assert bad.read_bytes()[:4] == b"PK\x03\x04"  # left as it was


def test_a_newer_file_names_the_versions(qapp, db_path, monkeypatch):
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.commit()
    connection.close()
    asked = Asked(monkeypatch)
    assert opening.open_chosen(db_path, create=True) is None
    (text, keys), = asked.asked
    assert str(db_path) in text and "newer Zone Desk" in text and head_revision() in text
    assert keys == [opening.ANOTHER, opening.QUIT]  # not read-only: its schema is unknown


def test_a_damaged_file_offers_its_newest_backup_for_reading(qapp, db_path, monkeypatch):
    backups = db_path.parent / "backups"
    backups.mkdir()
    backup = backups / "zonedesk-20261120-080000-000000-before-0006.sqlite"
    shutil.copyfile(db_path, backup)
    cut(db_path, db_path, 0.5)
    asked = Asked(monkeypatch, opening.BACKUP)
    database = opening.open_chosen(db_path, create=True)
    try:
        (text, keys), = asked.asked
        assert str(db_path) in text and "damaged" in text and backup.name in text
        assert keys == [opening.BACKUP, opening.ANOTHER, opening.QUIT]
        assert database.path == backup and database.read_only
    finally:
        database.dispose()


def test_a_read_only_medium_is_offered_for_reading_only(qapp, db_path, tmp_path, monkeypatch,
                                                        read_only_view):  # noqa: F811
    folder = tmp_path / "medium"
    folder.mkdir()
    shutil.copyfile(db_path, folder / "office.sqlite")
    path = read_only_view(folder) / "office.sqlite"
    asked = Asked(monkeypatch, opening.READ_ONLY)
    shown: list[str] = []
    monkeypatch.setattr(modals, "show_message", lambda _parent, _title, text: shown.append(text))
    database = opening.open_chosen(path, create=False)
    try:
        (text, keys), = asked.asked
        assert str(path) in text and "read-only" in text
        assert keys == [opening.READ_ONLY, opening.ANOTHER, opening.QUIT]
        assert database.read_only
        opening.announce(None, database)
        assert shown and "reading only" in shown[0]
    finally:
        database.dispose()


def test_a_missing_file_asks_before_creating(qapp, tmp_path, monkeypatch):
    path = tmp_path / "zonedsk.sqlite"
    asked = Asked(monkeypatch)  # Quit
    assert opening.open_chosen(path, create=False) is None and not path.exists()
    (text, keys), = asked.asked
    assert str(path) in text and keys[0] == opening.CREATE
    Asked(monkeypatch, opening.CREATE)
    database = opening.open_chosen(path, create=False)
    database.dispose()
    assert path.exists()


def test_a_long_lock_names_the_action_and_keeps_what_was_typed(qtbot, db, db_path, people,
                                                               modal_log):
    """Another program holds the file: the save waits, then says which action waited, the dialog
    keeps what was typed, and saving again once the file is free works."""
    firm = register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1)
    impatient = Database(db_path, busy_timeout_ms=300)
    context = AppContext(db=impatient, runner=BackgroundRunner(), bus=ChangeBus(), actor=people.clerk)
    pane = EnterprisesPane(context)
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitUntil(lambda: pane.references is not None and pane.model.count is not None)
    pane.open_enterprise(firm)
    qtbot.waitUntil(lambda: pane.dialog is not None and pane.dialog.loaded)
    dialog = pane.dialog
    dialog.form.name.setText("上海星河改名有限公司")
    other = sqlite3.connect(db_path, isolation_level=None)  # another program, writing
    other.execute("BEGIN IMMEDIATE")
    try:
        dialog.save()
        qtbot.waitUntil(lambda: len(modal_log.errors) == 1, timeout=10_000)
    finally:
        other.execute("ROLLBACK")
        other.close()
    message = modal_log.errors[0]
    assert "Saving the firm" in message and str(db_path) in message and "try again" in message
    assert dialog.isVisible() and dialog.form.name.text() == "上海星河改名有限公司"
    assert dialog.save_button.isEnabled()
    dialog.save()
    qtbot.waitUntil(lambda: dialog.status.text() == "Saved.", timeout=10_000)
    assert dialog.form.name.text() == "上海星河改名有限公司"
    qtbot.waitUntil(lambda: not context.runner.busy, timeout=10_000)
    context.runner.stop()
    impatient.dispose()


def test_damage_found_by_the_check_at_opening_is_announced(qtbot, db, people, db_path, modal_log):
    """The file opens (its table of contents reads); the check that runs meanwhile finds broken
    pages, and the person is told at once, with the file named."""
    register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1)
    db.dispose()
    from tests.rules.test_bad_files import root_page, zero_page
    zero_page(db_path, root_page(db_path, "enterprise"))
    database = opening.open_chosen(db_path, create=False)
    try:
        window = QWidget()  # owns the timer that waits for the verdict
        qtbot.addWidget(window)
        opening.announce(window, database)
        qtbot.waitUntil(lambda: len(modal_log.errors) == 1, timeout=10_000)
        assert str(db_path) in modal_log.errors[0] and "damaged" in modal_log.errors[0]
    finally:
        database.dispose()
