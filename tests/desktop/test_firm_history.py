"""A firm's history tab shows, for each change of its details, every field changed with its old
and its new value, as the form shows them (money in 万元, codes by their names)."""

from pathlib import Path

from PySide6.QtCore import Qt

from db.queries.enterprises import enterprise_detail
from db.services.enterprises import update_enterprise
from desktop.enterprises.enterprises_pane import EnterprisesPane
from desktop.enterprises.history_tab import HistoryTab

SHOTS = Path("/tmp/shots16")


def test_each_changed_field_shows_its_old_and_new_value(qtbot, show_pane, db, people, firms):
    firm = firms.xinghe
    detail = enterprise_detail(db, actor=people.admin, enterprise_id=firm.id)
    fields = detail.fields.model_copy(update={
        "name": "上海星河未来科技有限公司", "registered_capital_fen": 5_000 * 1_000_000,
        "sector_code": "ic", "contact_phone": "", "core_tech": True, "core_tech_note": "芯片封装专利"})
    update_enterprise(db, actor=people.clerk, enterprise_id=firm.id, expected_version=detail.version,
                      fields=fields)
    pane = show_pane(EnterprisesPane, people.clerk, (1280, 640),
                     lambda p: p.references is not None and p.model.count is not None)
    pane.open_enterprise(firm.id)
    qtbot.waitUntil(lambda: pane.dialog is not None and pane.dialog.loaded)
    history: HistoryTab = pane.dialog.history
    assert history.item(0, HistoryTab.COL_ACTION).text() == "Details changed"
    lines = history.item(0, HistoryTab.COL_CHANGES).text().split("\n")
    assert sorted(lines) == sorted([
        "Name: 上海星河智能科技有限公司 → 上海星河未来科技有限公司",
        f"Registered capital (10,000 yuan): {_capital(detail)} → 5,000",
        "Sector: Artificial intelligence → Integrated circuits",
        "Contact phone: 021-55551234 → —",
        "Core technology: No → Yes",
        "Core technology note: — → 芯片封装专利",
    ]), lines
    assert history.item(0, HistoryTab.COL_CHANGES).data(Qt.ItemDataRole.ToolTipRole) == "\n".join(lines)
    assert history.rowHeight(0) >= len(lines) * history.fontMetrics().height()  # every line shows
    pane.dialog.tabs.setCurrentWidget(history)
    pane.dialog.resize(900, 600)
    SHOTS.mkdir(exist_ok=True)
    pane.dialog.grab().save(str(SHOTS / "firm_history_en.png"))


def _capital(detail) -> str:  # noqa: ANN001
    from db.money import format_wan_yuan
    fen = detail.fields.registered_capital_fen
    return "—" if fen is None else format_wan_yuan(fen)


def test_values_read_as_the_form_shows_them(qapp):
    tab = HistoryTab()
    assert tab.value("annual_revenue_fen", 12_345_000_000) == "12,345"
    assert tab.value("giant_level", "national") == "National little giant (小巨人)"
    assert tab.value("status", "moved_out") == "Moved out"
    assert tab.value("founded_on", "2020-05-01") == "2020-05-01"
    assert tab.value("name_en", "") == "—"
    assert tab.value("zone_id", 3) == "3"  # without the reference lists: as stored
