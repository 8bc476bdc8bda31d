"""The Zones pane on a real temp database: listing, filtering, an administrator's edit."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from db.errors import PermissionDenied
from db.models import ZoneFields
from db.queries.audit import recent_events
from db.queries.reference import zones
from db.services.zones import update_zone
from desktop import modals
from desktop.context import AppContext, ChangeBus
from desktop.zones.zone_dialog import ZoneDialog
from desktop.zones.zones_pane import ZonesPane, ZoneTableModel


@pytest.fixture
def shown(monkeypatch):
    """Every modal replaced: messages are collected instead of shown."""
    messages: list[str] = []
    monkeypatch.setattr(modals, "show_error", lambda _parent, text: messages.append(text))
    monkeypatch.setattr(modals, "show_message", lambda _parent, _title, text: messages.append(text))
    return messages


@pytest.fixture
def open_pane(qtbot, db, runner, shown):
    def make(actor) -> ZonesPane:
        pane = ZonesPane(AppContext(db=db, runner=runner, bus=ChangeBus(), actor=actor))
        qtbot.addWidget(pane)
        pane.resize(1100, 700)
        pane.show()
        qtbot.waitUntil(lambda: pane.model.rowCount() == 55)
        return pane
    return make


def cell(pane: ZonesPane, row: int, column: int) -> str:
    return pane.model.index(row, column).data()


def test_all_zones_are_listed_with_the_provisional_mark(open_pane, people, qtmodeltester):
    pane = open_pane(people.clerk)
    qtmodeltester.check(pane.model)
    model = pane.model
    assert [cell(pane, r, ZoneTableModel.COL_CODE) for r in (0, 54)] == ["Z01", "Z55"]
    assert model.index(0, 0).data(ZoneTableModel.ID_ROLE) == 1
    assert cell(pane, 0, ZoneTableModel.COL_DETAILS) == "To be confirmed"
    assert cell(pane, 0, ZoneTableModel.COL_FIRMS) == "0"
    assert model.index(0, ZoneTableModel.COL_DETAILS).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert pane.count.text() == "55 zone(s)"


def test_the_filter_works_as_you_type(open_pane, people, qtmodeltester):
    pane = open_pane(people.auditor)
    pane.filter.setText("Z07")
    assert pane.model.rowCount() == 1 and cell(pane, 0, ZoneTableModel.COL_CODE) == "Z07"
    pane.filter.setText("浦东")  # district name, in Chinese
    pudong = pane.model.rowCount()
    assert 0 < pudong < 55
    assert all(pane.model.index(r, 0).data(ZoneTableModel.ROW_ROLE).district_code == "310115"
               for r in range(pudong))
    pane.filter.setText("PUDONG")  # the English district name, any case
    assert pane.model.rowCount() == pudong
    assert pane.count.text() == f"{pudong} of 55 zones"
    pane.filter.setText("no such zone")
    assert pane.model.rowCount() == 0
    qtmodeltester.check(pane.model)
    pane.filter.clear()
    assert pane.model.rowCount() == 55


def test_sorting_by_a_column(open_pane, people):
    pane = open_pane(people.clerk)
    pane.table.sortByColumn(ZoneTableModel.COL_CODE, Qt.SortOrder.DescendingOrder)
    assert cell(pane, 0, ZoneTableModel.COL_CODE) == "Z55"


def open_dialog(qtbot, pane: ZonesPane, zone_id: int) -> ZoneDialog:
    pane.select_zone(zone_id)
    assert pane.edit_button is not None and pane.edit_button.isEnabled()
    qtbot.mouseClick(pane.edit_button, Qt.MouseButton.LeftButton)
    assert pane.zone_dialog is not None and pane.zone_dialog.isVisible()
    return pane.zone_dialog


def test_admin_edits_and_confirms_a_zone(qtbot, open_pane, people, db):
    pane = open_pane(people.admin)
    dialog = open_dialog(qtbot, pane, 1)
    assert dialog.name.text() == "黄浦区园区1（待核实）" and not dialog.confirmed.isChecked()
    dialog.name.setText("黄浦区中小企业园")
    dialog.name_en.setText("Huangpu SME Park")
    dialog.service_centre.setText("黄浦区中小企业服务中心")
    dialog.phone.setText("021-63210000")
    dialog.confirmed.setChecked(True)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.zone_dialog is None)
    # the program speaks English here (no translator), so the English name is shown
    qtbot.waitUntil(lambda: cell(pane, pane.model.row_of(1), ZoneTableModel.COL_NAME) == "Huangpu SME Park")
    row = pane.model.row_of(1)
    assert cell(pane, row, ZoneTableModel.COL_DETAILS) == "Confirmed"
    assert cell(pane, row, ZoneTableModel.COL_PHONE) == "021-63210000"
    assert pane.selected_zone().id == 1  # the selection survives the reload
    zone = next(z for z in zones(db, actor=people.admin) if z.id == 1)
    assert (zone.name, zone.provisional, zone.version) == ("黄浦区中小企业园", False, 2)
    event = recent_events(db, actor=people.admin, limit=1)[0]
    assert (event.action, event.entity_type, event.entity_id) == ("zone.edit", "zone", "1")
    assert event.after["name"] == "黄浦区中小企业园" and event.before["provisional"] is True


def test_a_bad_phone_number_is_shown_at_the_field(qtbot, open_pane, people, shown):
    pane = open_pane(people.admin)
    dialog = open_dialog(qtbot, pane, 2)
    dialog.phone.setText("call me")
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: dialog.errors.message_of("phone") != "")
    assert "phone number" in dialog.errors.message_of("phone")
    assert dialog.isVisible() and dialog.buttons.isEnabled() and shown == []


def test_a_save_over_someone_elses_newer_save_is_refused(qtbot, open_pane, people, db, shown):
    pane = open_pane(people.admin)
    dialog = open_dialog(qtbot, pane, 3)
    update_zone(db, actor=people.admin, zone_id=3, expected_version=1, provisional=True,
                fields=ZoneFields(name="徐汇区园区", district_code="310104"))
    dialog.name.setText("我的名字")
    dialog.save()
    qtbot.waitUntil(lambda: shown != [])
    assert "Someone else saved this zone" in shown[0]
    assert dialog.isVisible()
    assert next(z for z in zones(db, actor=people.admin) if z.id == 3).name == "徐汇区园区"


def test_a_clerk_reads_but_gets_no_edit_button(qtbot, open_pane, people, db):
    pane = open_pane(people.clerk)
    assert pane.edit_button is None
    assert pane.findChild(QPushButton, "zone_edit") is None
    pane.select_zone(1)
    pane.table.activated.emit(pane.model.index(0, 0))  # Enter or a double-click
    assert pane.zone_dialog is None
    with pytest.raises(PermissionDenied):  # db/ refuses it anyway
        update_zone(db, actor=people.clerk, zone_id=1, expected_version=1, provisional=True,
                    fields=ZoneFields(name="改名", district_code="310101"))


def test_enter_opens_the_dialog_for_an_administrator(qtbot, open_pane, people):
    pane = open_pane(people.admin)
    pane.select_zone(5)
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_Return)
    assert pane.zone_dialog is not None and pane.zone_dialog.zone.code == "Z05"
    pane.zone_dialog.reject()
    qtbot.waitUntil(lambda: pane.zone_dialog is None)
