"""The desktop on a server (`zonedesk --db postgresql://server/zonedesk`): the log-in as the
person, whom the server checks; their window, scoped by the server; what belongs to a file (its
backups) left out; a one-time password changed before the window opens."""

import psycopg
import pytest
from PySide6.QtGui import QAction

from db.server.connection import ServerDatabase
from db.services import auth, staff
from desktop import modals
from desktop.login.desk import Desk
from desktop.main_window import MainWindow
from desktop.server_launch import address_problem
from tests.conftest import PASSWORD


@pytest.fixture
def shown(monkeypatch):  # noqa: ANN001, ANN201
    """What would have been shown in a message box, recorded instead of waiting for a click."""
    said: list[str] = []
    monkeypatch.setattr(modals, "show_message", lambda _parent, _title, text: said.append(text))
    monkeypatch.setattr(modals, "show_error", lambda _parent, text: said.append(text))
    monkeypatch.setattr(modals, "show_failure", lambda _parent, error: said.append(str(error)))
    return said


@pytest.fixture
def office(postgres_server, server_database):  # noqa: ANN001, ANN201
    """An administrator and a clerk of Z01, made as an office's administrator makes them."""
    db = ServerDatabase(postgres_server.url(database=server_database))
    admin = auth.create_first_admin(db, username="admin01", display_name="管理员", password=PASSWORD)
    staff.create_staff(db, actor=admin, username="clerk01", display_name="张伟", role="clerk",
                       zone_ids=[1], password=PASSWORD)
    db.dispose()
    return postgres_server.url(user=None, database=server_database)  # the PCs' address


def _desk(url: str) -> tuple[Desk, ServerDatabase]:
    program = ServerDatabase(url)
    desk = Desk(program)
    desk.start()
    return desk, program


def _log_in(qtbot, desk: Desk, username: str, password: str = PASSWORD) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: desk.login_dialog is not None and desk.login_dialog.isVisible())
    dialog = desk.login_dialog
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.submit()


def _window(qtbot, desk: Desk) -> MainWindow:  # noqa: ANN001
    qtbot.waitUntil(lambda: desk.window is not None and desk.window.isVisible(), timeout=15_000)
    return desk.window


def test_the_person_logs_in_to_the_server_and_works_as_themselves(qtbot, office, shown):
    desk, program = _desk(office)
    try:
        assert program.user is None  # nobody yet: the address names no one
        _log_in(qtbot, desk, "clerk01", "not my password")
        dialog = desk.login_dialog
        qtbot.waitUntil(lambda: dialog.errors.message_of("password") != "")
        assert dialog.errors.message_of("password") == "Wrong user name or password."
        assert desk.window is None and program.user is None

        _log_in(qtbot, desk, "clerk01")
        window = _window(qtbot, desk)
        assert program.user == "clerk01"  # the program's connections are the person's own
        with program.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT session_user").scalar() == "clerk01"
        qtbot.waitUntil(lambda: window.signed_in.text() == "张伟 · Clerk · Z01")
        assert "bill_sheet" in window.pane_keys
        window.close()
    finally:
        program.dispose()
    assert shown == []


def test_an_administrator_has_no_file_backups_and_verifies_the_trail(qtbot, office, shown):
    desk, program = _desk(office)
    try:
        _log_in(qtbot, desk, "admin01")
        window = _window(qtbot, desk)
        names = {a.objectName() for a in window.menuBar().actions()[0].menu().actions()}
        assert "log_out" in names
        assert window.findChild(QAction, "back_up_now") is None
        assert not any("back" in name or "restore" in name for name in names), names
        # the audit trail verified from its pane, on the server, as the administrator reads it
        pane = window.show_pane("audit_trail")
        pane.verify_chain()
        qtbot.waitUntil(lambda: bool(shown), timeout=15_000)
        assert len(shown) == 1 and shown[0].startswith("The audit chain is intact: 7 events verified"), shown
        shown.clear()
        window.close()
    finally:
        program.dispose()
    assert shown == []


def test_a_one_time_password_is_changed_before_the_window_opens(qtbot, postgres_server,
                                                                 server_database, office, shown):
    with postgres_server.connect(database=server_database) as connection:  # as `server move`
        connection.execute("INSERT INTO onetimepassword (username) VALUES ('clerk01')")
    desk, program = _desk(office)
    try:
        _log_in(qtbot, desk, "clerk01")
        qtbot.waitUntil(lambda: desk.password_dialog is not None and desk.password_dialog.isVisible())
        change = desk.password_dialog
        assert desk.window is None and change.reason is not None
        change.reject()  # not now: the log-in comes back, no window
        qtbot.waitUntil(lambda: desk.login_dialog is not None and desk.login_dialog.isVisible())
        assert desk.window is None

        _log_in(qtbot, desk, "clerk01")
        qtbot.waitUntil(lambda: desk.password_dialog is not None and desk.password_dialog.isVisible())
        change = desk.password_dialog
        change.old_password.setText(PASSWORD)
        change.new_password.setText("my own horse 7")
        change.repeat.setText("my own horse 7")
        change.submit()
        window = _window(qtbot, desk)
        assert shown == ["Your password has been changed. Use the new one from now on."]
        window.close()
    finally:
        program.dispose()
    postgres_server.connect("clerk01", "my own horse 7", server_database).close()
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        postgres_server.connect("clerk01", PASSWORD, server_database)
    with postgres_server.connect(database=server_database) as connection:
        assert connection.execute("SELECT count(*) FROM onetimepassword").fetchone() == (0,)


@pytest.mark.parametrize("url", ["postgresql://clerk01@server/zonedesk",
                                 "postgresql://clerk01:secret@server/zonedesk"])
def test_an_address_with_a_name_or_password_is_refused(url):
    assert address_problem(url) == (
        "The server address names a person or holds a password. Leave them out "
        "(postgresql://server/zonedesk): each person logs in with their own name and password.")


def test_an_address_without_either_is_taken():
    assert address_problem("postgresql://server.example/zonedesk") is None
    assert address_problem("postgresql:///zonedesk") is None


def test_a_server_address_on_the_command_line_or_in_the_environment_opens_the_server(monkeypatch):
    from desktop import cli, server_launch

    opened: list[tuple[str, str]] = []
    monkeypatch.setattr(server_launch, "launch_on_server",
                        lambda url, language: opened.append((url, language)) or 0)
    monkeypatch.delenv("ZONEDESK_DB", raising=False)
    assert cli.main(["--db", "postgresql://server.example/zonedesk"]) == 0
    monkeypatch.setenv("ZONEDESK_DB", "postgresql://db.office/zonedesk")
    assert cli.main(["--lang", "en"]) == 0
    assert opened == [("postgresql://server.example/zonedesk", "zh_CN"),
                      ("postgresql://db.office/zonedesk", "en")]
