"""The log says when the log-in dialog (or the first administrator's) is on screen: a support
person, and the test of the installed program (tests/packaging), see the program got that far.
The line names nobody."""

import logging

from desktop.login.desk import FIRST_ADMIN_SHOWN, LOG_IN_SHOWN, Desk
from desktop.login.login_dialog import FirstAdminDialog, LoginDialog


def test_the_log_says_the_log_in_dialog_is_shown(qtbot, db, people, caplog):  # noqa: ANN001
    desk = Desk(db)
    with caplog.at_level(logging.INFO, logger="desktop.login.desk"):
        desk.start()
    assert isinstance(desk.login_dialog, LoginDialog) and desk.login_dialog.isVisible()
    assert [record.getMessage() for record in caplog.records] == [LOG_IN_SHOWN]
    desk.login_dialog.reject()


def test_on_a_new_database_it_says_the_first_administrators_dialog_is_shown(qtbot, db, caplog):  # noqa: ANN001
    desk = Desk(db)
    with caplog.at_level(logging.INFO, logger="desktop.login.desk"):
        desk.start()
    assert isinstance(desk.login_dialog, FirstAdminDialog)
    assert [record.getMessage() for record in caplog.records] == [FIRST_ADMIN_SHOWN]
    desk.login_dialog.reject()
