"""The Audit trail pane on a real database: filters by person, action, firm, zone and days; the
selected event's changes old → new; Verify chain naming the first broken event; Print chain
head… previewing the signed statement; Export… of the list as shown."""

import re
import sqlite3

import openpyxl
import pytest
from PySide6.QtCore import QDate

from db.queries.enterprises import EnterpriseFilter, enterprise_detail, enterprise_page
from db.services import enterprises
from desktop import modals
from desktop.app import install_language
from desktop.audit_trail.audit_model import COL_ACTION, COL_CHANGES, COL_SUBJECT, COL_WHO
from desktop.audit_trail.audit_trail_pane import AuditPane
from tests.conftest import firm_fields
from tests.rules.test_audit_reconcile import behind_the_back


@pytest.fixture
def open_pane(show_pane, people, firms):
    def make(actor=None) -> AuditPane:  # noqa: ANN001
        return show_pane(AuditPane, actor or people.auditor, (1300, 760),
                         ready=lambda p: p.model.rowCount() > 0 and p.model.count is not None
                         and p.zone_filter.count() > 1 and p.person_filter.count() > 1)
    return make


def texts(pane: AuditPane, column: int) -> list[str]:
    return [pane.model.index(r, column).data() for r in range(pane.model.rowCount())]


def settle(qtbot, pane: AuditPane) -> None:
    qtbot.waitUntil(lambda: not pane.model.loading and pane.model.count is not None)


def choose(combo, data) -> None:  # noqa: ANN001
    combo.setCurrentIndex(combo.findData(data))


def test_filters_narrow_the_list(qtbot, open_pane, people, firms):
    pane = open_pane()
    everything = pane.model.count
    assert everything == pane.model.rowCount() > 10
    choose(pane.zone_filter, 2)
    settle(qtbot, pane)
    names = {firms.hailan.name, firms.xingchen.name}
    assert set(texts(pane, COL_SUBJECT)) == names and pane.model.count == 4
    choose(pane.action_filter, "tenancy.open")
    settle(qtbot, pane)
    assert set(texts(pane, COL_ACTION)) == {"Tenancy opened"} and pane.model.count == 2
    assert pane.count_label.text() == "2 event(s)"
    pane.zone_filter.setCurrentIndex(0)
    pane.action_filter.setCurrentIndex(0)
    choose(pane.person_filter, people.clerk.staff_id)
    settle(qtbot, pane)
    assert set(texts(pane, COL_WHO)) == {"张伟 (clerk1)"}
    pane.person_filter.setCurrentIndex(0)
    (row,) = enterprise_page(pane.context.db, actor=people.auditor,
                             flt=EnterpriseFilter(text=firms.lanxin.uscc))
    pane.firm_filter.firm = row
    pane.firm_filter.chosen.emit(row)
    settle(qtbot, pane)
    assert set(texts(pane, COL_SUBJECT)) == {firms.lanxin.name} and pane.model.count == 2
    pane.firm_filter.firm = None
    pane.firm_filter.chosen.emit(None)
    pane.from_filter.setDate(QDate(2026, 11, 23))
    settle(qtbot, pane)
    assert pane.model.count == 0 and pane.count_label.text() == "No event matches."
    pane.from_filter.setDate(QDate(2026, 11, 22))
    pane.to_filter.setDate(QDate(2026, 11, 22))
    settle(qtbot, pane)
    assert 0 < pane.model.count == pane.model.rowCount() == everything
    pane.from_filter.setDate(QDate(2026, 11, 1))
    pane.to_filter.setDate(QDate(2026, 11, 21))
    settle(qtbot, pane)
    assert pane.model.count == 0


def test_the_selected_event_shows_its_changes_old_to_new(qtbot, db, open_pane, people, firms):
    version = enterprise_detail(db, actor=people.admin, enterprise_id=firms.xinghe.id).version
    enterprises.update_enterprise(
        db, actor=people.admin, enterprise_id=firms.xinghe.id, expected_version=version,
        fields=firm_fields(uscc=firms.xinghe.uscc, name="上海星河新名科技有限公司", employees=77,
                           sector_code="ai", industry_code="software", contact_name="赵敏",
                           total_assets_fen=None))
    pane = open_pane()
    newest = pane.model.index(0, COL_CHANGES)
    assert "Name: 上海星河智能科技有限公司 → 上海星河新名科技有限公司" in newest.data()
    assert "Employees:" in newest.data() and "→ 77" in newest.data()
    pane.table.setCurrentIndex(newest)
    detail = pane.detail.toPlainText()
    assert detail.startswith("Event ") and "Firm details changed" in detail
    assert "\nName: 上海星河智能科技有限公司 → 上海星河新名科技有限公司" in detail
    pane.grab().save("/tmp/shots11/audit_pane.png")


def edit_the_first_tenancy_event(db_path) -> int:  # noqa: ANN001
    """An event's content changed behind the program's back (the chain not recomputed)."""
    connection = sqlite3.connect(db_path)
    seq = connection.execute("SELECT min(seq) FROM auditevent WHERE action = 'tenancy.open'").fetchone()[0]
    connection.close()
    behind_the_back(db_path, "UPDATE auditevent SET after_json = replace(after_json, 'A栋', 'B栋')"
                    f" WHERE seq = {seq}")
    return seq


def test_verify_chain_names_the_first_broken_event(qtbot, db, db_path, open_pane, modal_log):
    pane = open_pane()
    pane.verify_chain()
    qtbot.waitUntil(lambda: bool(modal_log.messages or modal_log.errors), timeout=10_000)
    assert modal_log.messages and "intact" in modal_log.messages[0] and not modal_log.errors
    seq = edit_the_first_tenancy_event(db_path)
    pane.verify_chain()
    qtbot.waitUntil(lambda: bool(modal_log.errors), timeout=10_000)
    (said,) = modal_log.errors
    assert f"BROKEN at event {seq}" in said and "changed after it was written" in said
    assert said == pane.status.text()


def test_print_chain_head_previews_the_signed_statement(qtbot, open_pane, monkeypatch, people):
    pane = open_pane(people.admin)
    monkeypatch.setattr(pane, "choose_month", lambda: "2026-11")
    before = pane.model.count
    pane.statement_button.click()
    qtbot.waitUntil(lambda: pane.preview is not None, timeout=10_000)
    assert pane.preview.pdf.startswith(b"%PDF") and pane.preview.page_count == 1
    assert pane.preview.isVisible() and pane.preview.save_button.isVisible()
    assert "Chain head: event" in pane.status.text()
    qtbot.waitUntil(lambda: pane.model.count is not None and pane.model.count > before)
    assert pane.model.index(0, COL_ACTION).data() == "Chain head statement printed"
    pane.preview.close()


def test_nothing_is_printed_when_the_month_is_not_chosen(qtbot, open_pane, monkeypatch):
    pane = open_pane()
    monkeypatch.setattr(pane, "choose_month", lambda: None)
    pane.statement_button.click()
    assert pane.preview is None and not pane.context.runner.busy


def test_export_writes_the_list_as_shown(qtbot, open_pane, monkeypatch, tmp_path, firms):
    pane = open_pane()
    choose(pane.zone_filter, 2)
    settle(qtbot, pane)
    out = tmp_path / "audit.xlsx"
    monkeypatch.setattr(modals, "choose_save_path", lambda *_args: out)
    pane.export_button.click()
    qtbot.waitUntil(lambda: "written" in pane.status.text(), timeout=10_000)
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("No.", "Time", "By", "Action", "Firm or record", "Changes")
    assert len(rows) == 1 + 4
    assert {r[4] for r in rows[1:]} == {firms.hailan.name, firms.xingchen.name}
    assert {r[3] for r in rows[1:]} == {"Firm registered", "Tenancy opened"}
    assert any("Unit: A栋" in (r[5] or "") for r in rows[1:])


@pytest.fixture
def in_chinese(qapp):  # noqa: ANN001, ANN201
    install_language(qapp, "zh_CN")
    yield
    install_language(qapp, "en")  # the other tests read the English source texts


def test_a_broken_chain_is_said_in_chinese_on_a_chinese_screen(qtbot, db_path, open_pane, modal_log,
                                                                in_chinese):
    pane = open_pane()
    seq = edit_the_first_tenancy_event(db_path)
    pane.verify_chain()
    qtbot.waitUntil(lambda: bool(modal_log.errors), timeout=10_000)
    (said,) = modal_log.errors
    assert f"第 {seq} 号记录" in said and "写入后被改动" in said
    assert not re.search("[A-Za-z]", said), said  # not a word of English


def test_rows_edited_behind_the_back_are_said_in_chinese(qtbot, db_path, open_pane, modal_log,
                                                        firms, in_chinese):
    pane = open_pane()
    behind_the_back(db_path, f"UPDATE enterprise SET employees = 999 WHERE id = {firms.hailan.id}")
    pane.verify_chain()
    qtbot.waitUntil(lambda: bool(modal_log.errors), timeout=10_000)
    (said,) = modal_log.errors
    assert "数据与审计记录不符" in said and f"enterprise {firms.hailan.id}" in said
    assert not re.search("[A-Za-z]", said.replace(f"enterprise {firms.hailan.id}", "")), said
