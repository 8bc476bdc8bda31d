"""A newcomer's first minutes, end to end on a demo database: log in with a README account, find
a firm by typing part of its name, fix a bad credit code, save, see the change in its history."""

import pytest
from PySide6.QtCore import Qt

from db import audit, demo, uscc
from desktop.context import AppContext, ChangeBus
from desktop.enterprises.enterprise_table_model import COL_NAME, COL_ZONE
from desktop.login.login_dialog import LoginDialog
from desktop.main_window import MainWindow
from tests.conftest import working_copy


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    demo.generate(path, firms=330)  # six firms in each of the 55 zones
    return path


@pytest.fixture
def demo_db(demo_path, tmp_path):
    yield from working_copy(demo_path, tmp_path)


def log_in(qtbot, db, runner, username):  # noqa: ANN001, ANN201
    dialog = LoginDialog(db, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText(username)
    dialog.password.setText(demo.DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    window = MainWindow(AppContext(db=db, runner=runner, bus=ChangeBus(), actor=dialog.actor))
    qtbot.addWidget(window)
    window.show()
    pane = window.show_pane("enterprises")
    qtbot.waitUntil(lambda: pane.model.count is not None, timeout=10_000)
    return window, pane


def shown(pane, column):  # noqa: ANN001, ANN201
    return [pane.model.index(row, column).data() for row in range(pane.model.rowCount())]


def test_a_clerk_finds_a_firm_fixes_its_code_and_sees_the_change(qtbot, demo_db, runner):
    window, pane = log_in(qtbot, demo_db, runner, "clerk01")
    qtbot.waitUntil(lambda: window.signed_in.text() == "办事员 张伟 · Clerk · Z01")
    zone_names = set(shown(pane, COL_ZONE))
    assert len(zone_names) == 1 and next(iter(zone_names)).startswith("黄浦区园区1")  # Z01 only
    first = shown(pane, COL_NAME)[0]
    fragment = first.removeprefix("上海")[:2]  # part of its name, as a person would type it
    pane.search.setText(fragment)
    qtbot.waitUntil(lambda: pane.model.filter.text == fragment and pane.model.count is not None)
    assert first in shown(pane, COL_NAME)
    assert set(shown(pane, COL_ZONE)) == zone_names  # typing never shows another zone's firm

    pane.open_enterprise(pane.model.enterprise_id(shown(pane, COL_NAME).index(first)))
    qtbot.waitUntil(lambda: pane.dialog is not None and pane.dialog.loaded)
    dialog = pane.dialog
    events_before = dialog.history.rowCount()
    dialog.form.uscc.setText("91310101MA1K3YJ2OX")
    assert "never uses I, O, S, V or Z" in dialog.form.errors.message_of("uscc")
    fixed = uscc.make("91310101MA1K3YJ2Q")
    dialog.form.uscc.setText(fixed)
    assert dialog.form.errors.message_of("uscc") == ""
    qtbot.keyClick(dialog.form.uscc, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.history.rowCount() == events_before + 1, timeout=10_000)
    assert dialog.history.item(0, 1).text() == "clerk01"
    assert audit.verify(demo_db.path).ok
