"""The Staff pane on a real temp database: create, deactivate, unlock, reset, read-only."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from db.errors import LoginRefused
from db.queries.enterprises import EnterpriseFilter, count_enterprises
from db.queries.reference import zones
from db.services import auth, enterprises
from desktop import modals
from desktop.context import AppContext, ChangeBus
from desktop.staff.staff_dialog import ResetPasswordDialog, StaffDialog
from desktop.staff.staff_pane import StaffPane, StaffTableModel
from tests.conftest import PASSWORD, firm_fields


@pytest.fixture
def answers(monkeypatch):
    """Every modal replaced: messages collected, questions answered from `answers["yes"]`."""
    record: dict[str, object] = {"yes": True, "asked": [], "shown": []}
    monkeypatch.setattr(modals, "show_error", lambda _p, text: record["shown"].append(text))
    monkeypatch.setattr(modals, "show_message", lambda _p, _t, text: record["shown"].append(text))

    def ask(_parent, _title, question):
        record["asked"].append(question)
        return record["yes"]
    monkeypatch.setattr(modals, "ask_yes_no", ask)
    return record


@pytest.fixture
def open_pane(qtbot, db, runner, answers):
    def make(actor, rows: int = 5) -> StaffPane:
        pane = StaffPane(AppContext(db=db, runner=runner, bus=ChangeBus(), actor=actor))
        qtbot.addWidget(pane)
        pane.resize(1000, 500)
        pane.show()
        with qtbot.waitActive(pane):  # shortcuts (Ctrl+N) work in the active window only
            pane.activateWindow()
        qtbot.waitUntil(lambda: pane.model.rowCount() == rows)
        return pane
    return make


def text_of(pane: StaffPane, staff_id: int, column: int) -> str:
    return pane.model.index(pane.model.row_of(staff_id), column).data()


def click_ok(qtbot, buttons: QDialogButtonBox) -> None:
    ok = buttons.button(QDialogButtonBox.StandardButton.Save) or buttons.button(
        QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_the_list_and_the_buttons_of_an_administrator(open_pane, people, qtmodeltester):
    pane = open_pane(people.admin)
    qtmodeltester.check(pane.model)
    assert text_of(pane, people.clerk.staff_id, StaffTableModel.COL_ROLE) == "Clerk"
    assert text_of(pane, people.clerk.staff_id, StaffTableModel.COL_ZONES) == "Z01"
    assert text_of(pane, people.auditor.staff_id, StaffTableModel.COL_ZONES) == "All zones"
    assert pane.new_button.isEnabled() and not pane.edit_button.isEnabled()
    pane.select_staff(people.admin.staff_id)  # one may not deactivate oneself
    assert pane.edit_button.isEnabled() and not pane.active_button.isEnabled()
    assert not pane.unlock_button.isEnabled()  # nothing locked
    pane.filter.setText("z02")
    assert pane.model.rowCount() == 1 and pane.model.index(0, 0).data() == "clerk2"
    qtmodeltester.check(pane.model)


def test_admin_creates_a_clerk_who_logs_in_scoped_to_their_zones(qtbot, open_pane, people, db):
    enterprises.register_enterprise(db, actor=people.admin, fields=firm_fields(), zone_id=1,
                                    tenancy=enterprises.FirstTenancy("A101", 10000, date(2025, 1, 1)))
    enterprises.register_enterprise(db, actor=people.admin, fields=firm_fields(), zone_id=3,
                                    tenancy=enterprises.FirstTenancy("B202", 10000, date(2025, 1, 1)))
    pane = open_pane(people.admin)
    qtbot.keyClick(pane, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Ctrl+N
    dialog = pane.dialog
    assert isinstance(dialog, StaffDialog) and dialog.isVisible()
    dialog.username.setText("zhao.min")
    dialog.display_name.setText("赵敏")
    dialog.role.setCurrentIndex(dialog.role.findData("admin"))
    assert not dialog.zones.isEnabled()  # administrators cover every zone
    dialog.role.setCurrentIndex(dialog.role.findData("clerk"))
    assert dialog.zones.isEnabled()
    dialog.set_zones({3, 4})
    dialog.password.setText("secret pass 1")
    dialog.repeat.setText("secret pass 1")
    click_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 6)
    assert pane.dialog is None
    new_id = next(r.id for r in pane.model._all if r.username == "zhao.min")
    assert text_of(pane, new_id, StaffTableModel.COL_ZONES) == "Z03 Z04"
    clerk = auth.log_in(db, username="zhao.min", password="secret pass 1")
    assert clerk.role == "clerk" and clerk.zone_ids == {3, 4}
    assert [z.code for z in zones(db, actor=clerk, only_mine=True)] == ["Z03", "Z04"]
    assert count_enterprises(db, actor=clerk, flt=EnterpriseFilter()) == 1  # not zone 1's firm


def test_the_form_shows_its_errors_at_the_fields(qtbot, open_pane, people):
    pane = open_pane(people.admin)
    pane.new_account()
    dialog = pane.dialog
    dialog.username.setText("clerk1")  # taken
    dialog.display_name.setText("重名")
    dialog.password.setText("secret pass 1")
    dialog.repeat.setText("secret pass 2")
    dialog.save()
    assert "differ" in dialog.errors.message_of("repeat")
    dialog.repeat.setText("secret pass 1")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors.message_of("username") != "")
    assert "taken" in dialog.errors.message_of("username")
    dialog.username.setText("new.clerk")
    dialog.save()  # a clerk without a zone
    qtbot.waitUntil(lambda: dialog.errors.message_of("zone_ids") != "")
    assert dialog.isVisible() and pane.model.rowCount() == 5


def test_admin_edits_an_account(qtbot, open_pane, people, db):
    pane = open_pane(people.admin)
    pane.select_staff(people.clerk2.staff_id)
    qtbot.mouseClick(pane.edit_button, Qt.MouseButton.LeftButton)
    dialog = pane.dialog
    assert dialog.display_name.text() == "李娜"
    dialog.role.setCurrentIndex(dialog.role.findData("reviewer"))
    dialog.set_zones({2, 5})
    click_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: text_of(pane, people.clerk2.staff_id, StaffTableModel.COL_ZONES) == "Z02 Z05")
    assert text_of(pane, people.clerk2.staff_id, StaffTableModel.COL_ROLE) == "Reviewer"


def test_deactivation_is_confirmed_and_then_refuses_log_in(qtbot, open_pane, people, db, answers):
    pane = open_pane(people.admin)
    pane.select_staff(people.clerk2.staff_id)
    assert pane.active_button.text() == "Deactivate" and pane.active_button.isEnabled()
    answers["yes"] = False
    qtbot.mouseClick(pane.active_button, Qt.MouseButton.LeftButton)
    assert len(answers["asked"]) == 1 and "李娜" in answers["asked"][0]
    assert not pane.context.runner.busy  # "No": nothing was done
    answers["yes"] = True
    qtbot.mouseClick(pane.active_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: text_of(pane, people.clerk2.staff_id,
                                    StaffTableModel.COL_ACTIVE) == "Deactivated")
    assert pane.active_button.text() == "Reactivate"
    with pytest.raises(LoginRefused, match="deactivated"):
        auth.log_in(db, username="clerk2", password=PASSWORD)
    qtbot.mouseClick(pane.active_button, Qt.MouseButton.LeftButton)  # no question to reactivate
    qtbot.waitUntil(lambda: text_of(pane, people.clerk2.staff_id, StaffTableModel.COL_ACTIVE) == "Active")
    assert len(answers["asked"]) == 2
    assert auth.log_in(db, username="clerk2", password=PASSWORD).username == "clerk2"


def test_a_locked_account_is_shown_and_unlocked(qtbot, open_pane, people, db):
    for _ in range(auth.MAX_FAILED_ATTEMPTS):
        with pytest.raises(LoginRefused):
            auth.log_in(db, username="clerk1", password="wrong password")
    with pytest.raises(LoginRefused, match="locked"):
        auth.log_in(db, username="clerk1", password=PASSWORD)
    pane = open_pane(people.admin)
    locked = text_of(pane, people.clerk.staff_id, StaffTableModel.COL_LOCKED)
    assert locked.startswith("20") and len(locked) == len("2026-11-22 14:30")
    pane.select_staff(people.clerk.staff_id)
    assert pane.unlock_button.isEnabled()
    qtbot.mouseClick(pane.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: text_of(pane, people.clerk.staff_id, StaffTableModel.COL_LOCKED) == "")
    assert not pane.unlock_button.isEnabled()
    assert "unlocked" in pane.notice.text()
    assert auth.log_in(db, username="clerk1", password=PASSWORD).username == "clerk1"


def test_reset_password(qtbot, open_pane, people, db):
    pane = open_pane(people.admin)
    pane.select_staff(people.reviewer.staff_id)
    qtbot.mouseClick(pane.reset_button, Qt.MouseButton.LeftButton)
    dialog = pane.dialog
    assert isinstance(dialog, ResetPasswordDialog)
    dialog.password.setText("short")
    dialog.repeat.setText("short")
    click_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: dialog.errors.message_of("password") != "")
    dialog.password.setText("a new secret")
    dialog.repeat.setText("a new secret")
    click_ok(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: pane.dialog is None)
    assert auth.log_in(db, username="reviewer1", password="a new secret").role == "reviewer"
    with pytest.raises(LoginRefused):
        auth.log_in(db, username="reviewer1", password=PASSWORD)


def test_an_auditor_reads_the_list_only(qtbot, open_pane, people):
    pane = open_pane(people.auditor)
    for button in (pane.new_button, pane.edit_button, pane.active_button, pane.unlock_button,
                   pane.reset_button):
        assert not button.isVisible()
    pane.select_staff(people.clerk.staff_id)
    assert not pane.edit_button.isEnabled() and not pane.reset_button.isEnabled()
    pane.table.activated.emit(pane.model.index(0, 0))
    qtbot.keyClick(pane, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert pane.dialog is None
    assert "Read-only" in pane.notice.text()
