"""The Enterprises pane, its firm dialog and the tenancy dialogs, on a real temp database."""

import threading
from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from db import audit, uscc
from db.clock import today_shanghai
from db.queries.enterprises import EnterpriseFilter, enterprise_detail
from db.services.enterprises import update_enterprise
from desktop.enterprises import enterprise_table_model
from desktop.enterprises.enterprise_dialog import EnterpriseDialog
from desktop.enterprises.enterprise_table_model import (
    COL_NAME,
    COL_USCC,
    ID_ROLE,
    USCC_CHECK_ROLE,
    EnterpriseTableModel,
)
from desktop.enterprises.enterprises_pane import EnterprisesPane
from desktop.enterprises.tenancy_dialogs import CloseTenancyDialog, TenancyDialog
from tests.conftest import firm_fields, valid_uscc


@pytest.fixture(autouse=True)
def shown(modal_log):  # noqa: ANN001, ANN201
    return modal_log


@pytest.fixture
def pane(qtbot, context, firms) -> EnterprisesPane:  # noqa: ANN001
    widget = EnterprisesPane(context)
    qtbot.addWidget(widget)
    widget.resize(1280, 640)
    widget.show()
    with qtbot.waitActive(widget):  # shortcuts (Ctrl+N, Ctrl+F) work in the active window only
        widget.activateWindow()
    qtbot.waitUntil(lambda: widget.references is not None and widget.model.count is not None)
    return widget


def names(pane: EnterprisesPane) -> list[str]:
    return [pane.model.index(row, COL_NAME).data() for row in range(pane.model.rowCount())]


def search(qtbot, pane: EnterprisesPane, text: str) -> list[str]:  # noqa: ANN001
    pane.search.setText(text)
    qtbot.waitUntil(lambda: pane.model.filter.text == text.strip() and pane.model.count is not None)
    return names(pane)


def open_firm(qtbot, pane: EnterprisesPane, firm_id: int) -> EnterpriseDialog:  # noqa: ANN001
    pane.open_enterprise(firm_id)
    qtbot.waitUntil(lambda: pane.dialog is not None and pane.dialog.loaded)
    return pane.dialog


# 1
@pytest.mark.parametrize("actor", ["admin"], indirect=True)
def test_typing_filters_the_list(qtbot, pane, firms):  # noqa: ANN001
    assert names(pane) == [f.name for f in firms.all]
    assert pane.count_label.text() == "5 firms"
    assert sorted(search(qtbot, pane, "蓝")) == sorted([firms.lanxin.name, firms.hailan.name])
    assert pane.count_label.text() == "2 firms"
    assert search(qtbot, pane, "云") == [firms.yunyi.name]
    assert pane.count_label.text() == "1 firm"
    fragment = firms.hailan.uscc[9:15]
    expected = [f.name for f in firms.all if fragment in f.uscc]
    assert firms.hailan.name in expected
    assert search(qtbot, pane, fragment.lower()) == expected
    assert search(qtbot, pane, "周强") == [firms.hailan.name]  # the contact person
    assert search(qtbot, pane, "没有这家") == []
    assert pane.count_label.text() == "No firm matches."
    assert len(search(qtbot, pane, "")) == 5


# 2
def test_a_clerk_never_sees_another_zones_firm(qtbot, pane, firms):  # noqa: ANN001
    mine = {f.name for f in firms.in_zone(1)}
    assert set(names(pane)) == mine
    zone_choices = [pane.zone_filter.itemData(i) for i in range(pane.zone_filter.count())]
    assert zone_choices == [None, 1]
    fragments = ["", "蓝", "星", "上海", "周强", firms.hailan.uscc, firms.hailan.uscc[9:15],
                 firms.xingchen.uscc[-6:]]
    for text in fragments:
        for zone_index in range(pane.zone_filter.count()):
            pane.zone_filter.setCurrentIndex(zone_index)
            shown = search(qtbot, pane, text)
            assert set(shown) <= mine, (text, shown)
            assert pane.model.count == len(shown)
    # even a filter the combo never offers: db/ answers nothing
    pane.model.set_filter(EnterpriseFilter(zone_id=2))
    qtbot.waitUntil(lambda: pane.model.count is not None)
    assert pane.model.rowCount() == 0 and pane.model.count == 0


# 3
def test_a_malformed_code_is_marked_at_once_and_a_fixed_one_saved(qtbot, pane, firms, people, db, db_path):  # noqa: ANN001
    search(qtbot, pane, "星河")
    qtbot.keyClick(pane.search, Qt.Key.Key_Return)  # to the list, first row
    assert pane.table.hasFocus() and pane.current_id() == firms.xinghe.id
    qtbot.keyClick(pane.table, Qt.Key.Key_Return)  # opens it
    qtbot.waitUntil(lambda: pane.dialog is not None and pane.dialog.loaded)
    dialog = pane.dialog
    assert dialog.history.rowCount() == 2  # registered, tenancy opened
    form = dialog.form
    form.uscc.clear()
    qtbot.keyClicks(form.uscc, "91310115MA1K4O")
    assert form.errors.message_of("uscc") == "Character 14 is “O”: a credit code never uses I, O, S, V or Z."
    assert form.uscc.styleSheet()  # the red frame
    form.uscc.clear()
    qtbot.keyClicks(form.uscc, "91310115MA1K4")
    assert form.errors.message_of("uscc") == "A credit code has 18 characters; this one has 13."
    new_code = valid_uscc()
    form.uscc.setText(new_code.lower())  # lower case is forgiven
    assert form.errors.message_of("uscc") == ""
    qtbot.keyClick(form.uscc, Qt.Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: dialog.history.rowCount() == 3)
    assert dialog.history.item(0, 1).text() == people.clerk.username  # as the audit trail names people
    assert dialog.history.item(0, 2).text() == "Details changed"
    assert dialog.history.item(0, 3).text() == f"Credit code (USCC): {firms.xinghe.uscc} → {new_code}"
    assert dialog.status.text() == "Saved."
    assert form.uscc.text() == new_code
    detail = enterprise_detail(db, actor=people.admin, enterprise_id=firms.xinghe.id)
    assert (detail.fields.uscc, detail.version) == (new_code, 2)
    assert audit.verify(db_path).ok
    qtbot.waitUntil(lambda: new_code in [pane.model.index(r, COL_USCC).data()
                                         for r in range(pane.model.rowCount())])


# 4
def test_ctrl_n_registers_a_new_firm(qtbot, pane, firms, people, db):  # noqa: ANN001
    qtbot.keyClick(pane.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: pane.dialog is not None)
    dialog = pane.dialog
    assert dialog.new and dialog.isVisible()
    form = dialog.form
    code = valid_uscc()
    qtbot.keyClicks(form.uscc, code)
    form.name.setText("上海新锐机器人有限公司")  # QTest types ASCII only
    form.sector.setCurrentIndex(form.sector.findData("ai"))
    form.industry.setCurrentIndex(form.industry.findData("software"))
    form.employees.setValue(30)
    qtbot.keyClicks(form.annual_revenue, "500")
    assert form.size_class.text() == "Small"
    form.contact_name.setText("郑华")
    form.unit.setText("B栋201")
    qtbot.keyClicks(form.floor_area, "88.5")
    assert form.zone.currentData() == 1
    qtbot.keyClick(form.floor_area, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "上海新锐机器人有限公司" in names(pane))
    assert pane.dialog is None  # closed once saved
    new_id = pane.model.index(names(pane).index("上海新锐机器人有限公司"), 0).data(ID_ROLE)
    qtbot.waitUntil(lambda: pane.current_id() == new_id)
    detail = enterprise_detail(db, actor=people.clerk, enterprise_id=new_id)
    assert (detail.zone_id, detail.fields.uscc, detail.size_class) == (1, code, "small")
    assert detail.fields.annual_revenue_fen == 500 * 1_000_000
    assert [(t.unit, t.floor_area_dm2) for t in detail.tenancies] == [("B栋201", 8850)]
    qtbot.waitUntil(lambda: pane.count_label.text() == "4 firms")  # the count follows the page


def test_a_new_firm_with_a_bad_amount_stays_open(qtbot, pane, shown):  # noqa: ANN001
    pane.new_enterprise()
    qtbot.waitUntil(lambda: pane.dialog is not None)
    form = pane.dialog.form
    qtbot.keyClicks(form.registered_capital, "12.3.4")
    assert form.errors.message_of("registered_capital_fen") == "The amount has more than one decimal point."
    form.name.setText("上海某某有限公司")
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    assert pane.dialog.isVisible() and form.name.text() == "上海某某有限公司"
    assert form.errors.message_of("registered_capital_fen")
    form.registered_capital.setText("100")
    assert form.sector.currentIndex() == -1  # chosen, never defaulted
    qtbot.keyClick(form.name, Qt.Key.Key_Return)  # db/ names the field to fix
    qtbot.waitUntil(lambda: form.errors.message_of("sector_code") == "Choose a sector from the list.")
    form.sector.setCurrentIndex(0)
    form.industry.setCurrentIndex(form.industry.findData("other"))
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.errors.message_of("uscc") != "")
    assert form.errors.message_of("sector_code") == ""
    assert pane.dialog.isVisible() and not shown.errors and form.name.text() == "上海某某有限公司"


# 5
def test_a_failed_check_character_asks_and_saves_as_unconfirmed(qtbot, pane, firms, people, db, shown):  # noqa: ANN001
    dialog = open_firm(qtbot, pane, firms.yunyi.id)
    good = valid_uscc()
    pilot = good[:17] + next(c for c in uscc.ALPHABET if c != good[17])
    dialog.form.uscc.setText(pilot)
    assert "should be" in dialog.form.errors.message_of("uscc")  # orange: a warning
    dialog.save()
    qtbot.waitUntil(lambda: len(shown.questions) == 1)
    assert "A reviewer will then be asked" in shown.questions[0]
    assert dialog.isVisible() and dialog.form.uscc.text() == pilot
    assert enterprise_detail(db, actor=people.admin, enterprise_id=firms.yunyi.id).version == 1
    shown.answer = True
    dialog.save()
    qtbot.waitUntil(lambda: dialog.uscc_state.text() == "Check failed: awaiting a reviewer")
    assert len(shown.questions) == 2
    detail = enterprise_detail(db, actor=people.admin, enterprise_id=firms.yunyi.id)
    assert (detail.fields.uscc, detail.uscc_check) == (pilot, "unconfirmed")
    assert not dialog.confirm_button.isVisible()  # a clerk does not confirm
    row = names(pane).index(firms.yunyi.name)
    qtbot.waitUntil(lambda: pane.model.index(row, COL_USCC).data(USCC_CHECK_ROLE) == "unconfirmed")
    assert pane.model.index(row, COL_USCC).data(Qt.ItemDataRole.DecorationRole) is not None


@pytest.mark.parametrize("actor", ["reviewer"], indirect=True)
def test_a_reviewer_reads_and_confirms_a_code(qtbot, pane, firms, people, db):  # noqa: ANN001
    good = valid_uscc()
    pilot = good[:17] + next(c for c in uscc.ALPHABET if c != good[17])
    update_enterprise(db, actor=people.clerk, enterprise_id=firms.lanxin.id, expected_version=1,
                      fields=firm_fields(uscc=pilot, name=firms.lanxin.name, sector_code="ic",
                                         industry_code="industry", giant_level="none"),
                      accept_uscc_warning=True)
    assert not pane.new_button.isVisible()
    dialog = open_firm(qtbot, pane, firms.lanxin.id)
    assert not dialog.form.isEnabled() and dialog.save_button is None
    assert dialog.confirm_button.isVisible()
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.uscc_state.text() == "Check failed: confirmed by a reviewer")
    assert not dialog.confirm_button.isVisible()
    assert dialog.history.item(0, 2).text() == "Credit code confirmed"


@pytest.mark.parametrize("actor", ["auditor"], indirect=True)
def test_an_auditor_sees_everything_read_only(qtbot, pane, firms):  # noqa: ANN001
    assert len(names(pane)) == 5 and not pane.new_button.isVisible()
    qtbot.keyClick(pane.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert pane.dialog is None
    dialog = open_firm(qtbot, pane, firms.hailan.id)
    assert not dialog.form.isEnabled() and dialog.save_button is None
    tab = dialog.tenancies
    assert tab.table.rowCount() == 1
    assert not tab.move_button.isVisibleTo(tab) and not tab.close_button.isVisibleTo(tab)


# 6
def test_a_save_over_a_newer_save_is_refused_and_nothing_overwritten(qtbot, pane, firms, people, db, shown):  # noqa: ANN001
    dialog = open_firm(qtbot, pane, firms.xinghe.id)
    theirs = "上海星河智能科技（集团）有限公司"
    update_enterprise(db, actor=people.admin, enterprise_id=firms.xinghe.id, expected_version=1,
                      fields=firm_fields(uscc=firms.xinghe.uscc, name=theirs))
    dialog.form.name.setText("上海星河改名有限公司")
    qtbot.keyClick(dialog.form.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(shown.errors) == 1)
    assert shown.errors[0].startswith("Someone else saved this firm after you opened it.")
    assert dialog.isVisible() and dialog.banner.isVisible()
    assert dialog.form.name.text() == "上海星河改名有限公司"  # what was typed is still there
    assert enterprise_detail(db, actor=people.admin, enterprise_id=firms.xinghe.id).fields.name == theirs
    dialog.reload_button.click()
    qtbot.waitUntil(lambda: dialog.form.name.text() == theirs)
    assert not dialog.banner.isVisible() and dialog.detail.version == 2


def test_esc_with_changes_asks_before_closing(qtbot, pane, firms, shown):  # noqa: ANN001
    dialog = open_firm(qtbot, pane, firms.xinghe.id)
    qtbot.keyClick(dialog.form.name, Qt.Key.Key_Escape)  # nothing changed: closes at once
    assert not dialog.isVisible() and not shown.questions
    dialog = open_firm(qtbot, pane, firms.xinghe.id)
    qtbot.keyClicks(dialog.form.name, "X")
    qtbot.keyClick(dialog.form.name, Qt.Key.Key_Escape)
    assert len(shown.questions) == 1 and dialog.isVisible()
    shown.answer = True
    qtbot.keyClick(dialog.form.name, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


# 7
def test_a_clerk_moves_a_firm_to_another_zone(qtbot, pane, firms, people, db, shown):  # noqa: ANN001
    dialog = open_firm(qtbot, pane, firms.xinghe.id)
    dialog.tabs.setCurrentWidget(dialog.tenancies)
    assert dialog.tenancies.table.rowCount() == 1 and dialog.tenancies.move_button.isVisible()
    dialog.tenancies.move_button.click()
    move = dialog.tenancies.dialog
    assert isinstance(move, TenancyDialog) and move.isVisible()
    assert move.zone.findData(1) == -1  # not the zone it is in
    move.zone.setCurrentIndex(move.zone.findData(2))
    move.unit.setText("C栋301")
    move.floor_area.setText("abc")
    assert move.errors.message_of("floor_area") == "Enter the floor area in square metres, e.g. 120.5."
    move.floor_area.setText("200")
    move.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: pane.dialog is None)  # it left the clerk's zones
    assert shown.messages == ["The firm is now in a zone you do not cover, so it leaves your list."]
    qtbot.waitUntil(lambda: firms.xinghe.name not in names(pane) and len(names(pane)) == 2)
    detail = enterprise_detail(db, actor=people.admin, enterprise_id=firms.xinghe.id)
    assert detail.zone_id == 2
    assert [(t.zone_id, t.unit, t.end_on) for t in detail.tenancies] == [
        (2, "C栋301", None), (1, "A栋101", today_shanghai() - timedelta(days=1))]


@pytest.mark.parametrize("actor", ["admin"], indirect=True)
def test_an_admin_closes_a_tenancy_and_opens_another(qtbot, pane, firms, people, db):  # noqa: ANN001
    dialog = open_firm(qtbot, pane, firms.hailan.id)
    tab = dialog.tenancies
    dialog.tabs.setCurrentWidget(tab)
    assert tab.close_button.isVisible() and not tab.open_button.isVisible()
    tab.close_button.click()
    assert isinstance(tab.dialog, CloseTenancyDialog)
    tab.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.detail.status == "moved_out")
    assert tab.table.item(0, 4).text() == today_shanghai().isoformat()
    assert tab.open_button.isVisible() and not tab.close_button.isVisible()
    assert dialog.history.item(0, 2).text() in ("Tenancy closed", "Details changed")
    tab.open_button.click()
    opening = tab.dialog
    opening.zone.setCurrentIndex(opening.zone.findData(2))
    opening.unit.setText("D栋9")
    opening.floor_area.setText("50")
    opening.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # same day as it closed
    qtbot.waitUntil(lambda: opening.errors.message_of("start_on") != "")
    assert opening.isVisible()
    opening.start_on.setDate(opening.start_on.date().addDays(1))
    opening.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.detail.status == "active" and len(dialog.detail.tenancies) == 2)


# 8
@pytest.mark.parametrize("actor", ["admin"], indirect=True)
def test_the_model_pages_lazily_and_passes_the_model_tester(qtbot, context, firms, monkeypatch, qtmodeltester):  # noqa: ANN001
    monkeypatch.setattr(enterprise_table_model, "PAGE_SIZE", 2)
    model = EnterpriseTableModel(context)
    model.set_filter(EnterpriseFilter())
    qtbot.waitUntil(lambda: model.count == 5)
    assert model.rowCount() == 2 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())  # one request at a time
    qtbot.waitUntil(lambda: model.rowCount() == 4)
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: model.rowCount() == 5 and not model.loading)
    assert not model.canFetchMore(QModelIndex())
    assert [model.index(r, 0).data(ID_ROLE) for r in range(5)] == [f.id for f in firms.all]
    qtmodeltester.check(model)


@pytest.mark.parametrize("actor", ["admin"], indirect=True)
def test_an_outdated_filters_answer_is_dropped(qtbot, context, firms):  # noqa: ANN001
    model = EnterpriseTableModel(context)
    gate = threading.Event()
    context.runner.run(lambda _task: gate.wait(5))  # the database thread is busy meanwhile
    model.set_filter(EnterpriseFilter(text="蓝"))
    model.set_filter(EnterpriseFilter(text="星"))
    gate.set()
    qtbot.waitUntil(lambda: model.count is not None)
    shown = [model.index(r, COL_NAME).data() for r in range(model.rowCount())]
    assert sorted(shown) == sorted([firms.xinghe.name, firms.xingchen.name]) and model.count == 2


def test_ctrl_f_focuses_the_search_box_and_changes_refresh_the_list(qtbot, pane, firms, people, db, context):  # noqa: ANN001
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is pane.search
    update_enterprise(db, actor=people.admin, enterprise_id=firms.yunyi.id, expected_version=1,
                      fields=firm_fields(uscc=firms.yunyi.uscc, name="上海云翼航空有限公司",
                                         sector_code="low_altitude", industry_code="industry"))
    context.bus.changed.emit("enterprise", firms.yunyi.id)
    qtbot.waitUntil(lambda: "上海云翼航空有限公司" in names(pane))
