"""The Approvals pane on a real temp database: a reviewer decides what clerks submitted, with the
budget left in view; a batch is all or nothing; nobody approves their own entries."""

from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from db.models import SubsidyEntry
from db.services.approvals import approve
from db.services.policy import set_budget, set_policy_rate
from db.services.subsidies import Bill, reverse_entry, save_bills, submit_entries
from desktop.approvals.approval_queue_model import OWN, RED, ApprovalQueueModel, BudgetTableModel
from desktop.approvals.approvals_pane import ApprovalsPane

PERIOD = "2025-11"
Q, B = ApprovalQueueModel, BudgetTableModel


def audit_count(db) -> int:
    with db.reading() as uow:
        return uow.session.connection().execute(text("SELECT count(*) FROM auditevent")).scalar_one()


def entry(db, entry_id: int) -> SimpleNamespace:
    """The entry as the file has it now (plain values)."""
    with db.reading() as uow:
        return SimpleNamespace(**uow.session.get(SubsidyEntry, entry_id).model_dump())


def set_policy(db, people, *, budget_yuan: int) -> None:
    """Half of each bill back, 100,000 yuan a year per firm; the zone-1 electricity budget."""
    for category in ("electricity", "water"):
        set_policy_rate(db, actor=people.admin, category=category, valid_from=date(2024, 1, 1),
                        rate_bp=5000, yearly_cap_fen=100_000_00)
    set_budget(db, actor=people.admin, zone_id=1, year=2025, category="electricity",
               amount_fen=budget_yuan * 100)
    set_budget(db, actor=people.admin, zone_id=1, year=2025, category="water", amount_fen=50_000_00)


def submit_bills(db, actor, bills: list[tuple[int, str, int]]) -> list[int]:
    """(firm id, category, bill in yuan) -> the ids of the submitted entries."""
    ids = save_bills(db, actor=actor, zone_id=1, period=PERIOD,
                     bills=[Bill(firm, category, yuan * 100) for firm, category, yuan in bills])
    submit_entries(db, actor=actor, entry_ids=ids)
    return ids


@pytest.fixture
def open_pane(show_pane):  # noqa: ANN001, ANN201
    return lambda actor: show_pane(ApprovalsPane, actor, (1200, 760), lambda pane: pane.loaded, active=True)


def select(pane: ApprovalsPane, *ids: int) -> None:
    pane.table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for entry_id in ids:
        row = pane.model.row_of(("subsidy_entry", entry_id))
        assert row >= 0, entry_id
        pane.table.selectionModel().select(pane.model.index(row, 0), flags)


def budget_cell(pane: ApprovalsPane, category_text: str, column: int) -> str:
    model = pane.budget_model
    row = next(r for r in range(model.rowCount()) if model.index(r, B.COL_ITEM).data() == category_text)
    return model.index(row, column).data()


def test_a_reviewer_approves_a_selection_with_the_budget_in_view(qtbot, db, people, firms, open_pane,
                                                                qtmodeltester, modal_log):
    set_policy(db, people, budget_yuan=100_000)
    ids = submit_bills(db, people.clerk, [(firms.xinghe.id, "electricity", 10_000),
                                          (firms.lanxin.id, "electricity", 20_000),
                                          (firms.yunyi.id, "electricity", 4_000)])
    pane = open_pane(people.reviewer)
    assert pane.model.rowCount() == 3
    qtmodeltester.check(pane.model)
    qtmodeltester.check(pane.budget_model)
    row = pane.model.row_of(("subsidy_entry", ids[1]))
    assert [pane.model.index(row, c).data() for c in (Q.COL_FIRM, Q.COL_ITEM, Q.COL_MONTH, Q.COL_BILLED,
                                                      Q.COL_AMOUNT, Q.COL_ENTERED_BY)] == [
        "上海蓝芯集成电路有限公司", "Electricity", PERIOD, "20,000.00", "10,000.00", "张伟"]
    assert budget_cell(pane, "Electricity", B.COL_BUDGET) == "100,000.00"
    assert budget_cell(pane, "Electricity", B.COL_LEFT) == "100,000.00"
    assert pane.totals.label("shown", "subsidies").text() == "17,000.00"
    assert pane.totals.label("shown", "bills").text() == "34,000.00"

    select(pane, ids[0], ids[1])
    assert pane.totals.label("selected", "count").text() == "2"
    assert pane.totals.label("selected", "subsidies").text() == "15,000.00"
    assert budget_cell(pane, "Electricity", B.COL_SELECTED) == "15,000.00"
    assert budget_cell(pane, "Electricity", B.COL_AFTER) == "85,000.00"
    assert not pane.warning.isVisible()

    before = audit_count(db)
    modal_log.answer = True  # asked first: tests/desktop/test_approval_confirmation.py
    qtbot.keyClick(pane.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # approves
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
    assert pane.status.text() == "2 approved."
    assert [entry(db, i).status for i in ids] == ["approved", "approved", "submitted"]
    assert entry(db, ids[0]).decided_by == people.reviewer.staff_id
    assert audit_count(db) == before + 2  # exactly one event for each approval
    with db.reading() as uow:
        events = uow.session.connection().execute(text(
            "SELECT action, entity_id FROM auditevent ORDER BY seq DESC LIMIT 2")).all()
    assert sorted(events) == sorted(("entry.approve", str(i)) for i in ids[:2])
    qtbot.waitUntil(lambda: budget_cell(pane, "Electricity", B.COL_LEFT) == "85,000.00")
    assert budget_cell(pane, "Electricity", B.COL_USED) == "15,000.00"


def test_a_rejection_needs_a_reason(qtbot, db, people, firms, open_pane):
    set_policy(db, people, budget_yuan=100_000)
    ids = submit_bills(db, people.clerk, [(firms.xinghe.id, "electricity", 10_000),
                                          (firms.lanxin.id, "water", 600)])
    pane = open_pane(people.reviewer)
    select(pane, ids[1])
    qtbot.keyClick(pane.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    dialog = pane.reason_dialog
    assert dialog is not None and dialog.isVisible()
    before = audit_count(db)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # empty: refused at the field
    qtbot.waitUntil(lambda: dialog.errors.message_of("reason") != "")
    assert dialog.errors.message_of("reason") == "Say why the entries are rejected."
    assert dialog.isVisible() and entry(db, ids[1]).status == "submitted"
    dialog.reason.setText("水费单与表读数不符")
    assert dialog.errors.message_of("reason") == ""  # typing clears the mark
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.reason_dialog is None)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
    rejected = entry(db, ids[1])
    assert (rejected.status, rejected.decision_note) == ("rejected", "水费单与表读数不符")
    assert entry(db, ids[0]).status == "submitted"
    assert audit_count(db) == before + 1
    assert pane.status.text() == "1 rejected."


def test_a_batch_over_the_budget_shows_the_overrun_and_approves_none(qtbot, db, people, firms,
                                                                     open_pane, modal_log):
    set_policy(db, people, budget_yuan=12_000)
    ids = submit_bills(db, people.clerk, [(firms.xinghe.id, "electricity", 10_000),
                                          (firms.lanxin.id, "electricity", 20_000),
                                          (firms.yunyi.id, "electricity", 4_000)])
    pane = open_pane(people.reviewer)
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # all shown
    assert len(pane.selected_items()) == 3
    model = pane.budget_model
    assert model.index(0, B.COL_AFTER).data() == "-5,000.00"
    assert model.index(0, B.COL_AFTER).data(B.OVER_ROLE) is True
    assert model.index(0, B.COL_LEFT).data(Qt.ItemDataRole.ForegroundRole).color() == RED
    assert pane.warning.isVisible() and "by ¥5,000.00" in pane.warning.text()
    before = audit_count(db)
    modal_log.answer = True
    qtbot.mouseClick(pane.approve_button, Qt.MouseButton.LeftButton)  # refused by db/
    qtbot.waitUntil(lambda: modal_log.errors != [])
    assert "by ¥5,000.00" in modal_log.errors[0] and "¥12,000.00 left" in modal_log.errors[0]
    assert [entry(db, i).status for i in ids] == ["submitted"] * 3
    assert audit_count(db) == before
    assert pane.model.rowCount() == 3 and len(pane.selected_items()) == 3  # as it was
    select(pane, ids[0], ids[2])  # 7,000 of the 12,000 left: fits
    assert not pane.warning.isVisible()
    pane.approve_selected()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
    assert [entry(db, i).status for i in ids] == ["approved", "submitted", "approved"]


def test_nobody_approves_their_own_entries(qtbot, db, people, firms, open_pane, modal_log):
    set_policy(db, people, budget_yuan=100_000)
    (own,) = submit_bills(db, people.admin, [(firms.xinghe.id, "electricity", 10_000)])
    (other,) = submit_bills(db, people.clerk, [(firms.lanxin.id, "electricity", 2_000)])
    pane = open_pane(people.admin)  # administrators enter and decide
    row = pane.model.row_of(("subsidy_entry", own))
    assert pane.model.index(row, Q.COL_FIRM).data(Q.OWN_ROLE) is True
    assert pane.model.index(row, Q.COL_FIRM).data(Qt.ItemDataRole.ForegroundRole).color() == OWN
    select(pane, own, other)
    assert "entered by you" in pane.warning.text()
    modal_log.answer = True
    pane.approve_selected()
    qtbot.waitUntil(lambda: modal_log.errors != [])
    assert modal_log.errors == [f"Entry {own} was entered by you: another reviewer must decide it."]
    assert entry(db, own).status == "submitted" and entry(db, other).status == "submitted"


def test_filters_and_reversals_in_the_queue(qtbot, db, people, firms, open_pane, modal_log):
    set_policy(db, people, budget_yuan=100_000)
    ids = submit_bills(db, people.clerk, [(firms.xinghe.id, "electricity", 10_000),
                                          (firms.lanxin.id, "water", 600)])
    approve(db, actor=people.reviewer, entry_ids=[ids[0]])
    reversal = reverse_entry(db, actor=people.clerk, entry_id=ids[0], reason="电表读数录错")
    pane = open_pane(people.reviewer)
    assert pane.model.rowCount() == 2
    row = pane.model.row_of(("subsidy_entry", reversal))
    assert pane.model.index(row, Q.COL_AMOUNT).data() == "-5,000.00"
    assert pane.model.index(row, Q.COL_NOTE).data() == f"Reverses #{ids[0]}: 电表读数录错"
    assert pane.model.index(row, Q.COL_AMOUNT).data(Qt.ItemDataRole.FontRole).italic()
    assert pane.totals.label("shown", "subsidies").text() == "-4,700.00"

    qtbot.keyClick(pane.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is pane.search
    qtbot.keyClicks(pane.search, "water")  # the item, in the language shown
    assert pane.model.rowCount() == 1 and pane.count_label.text() == "1 waiting for review"
    pane.search.setText("蓝芯")  # part of a firm's name
    assert pane.model.index(0, Q.COL_FIRM).data() == "上海蓝芯集成电路有限公司"
    pane.search.clear()
    pane.category_filter.setCurrentIndex(pane.category_filter.findData("electricity"))
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
    assert pane.model.index(0, Q.COL_NUMBER).data() == str(reversal)

    select(pane, reversal)  # a reversal gives money back: never over the budget
    modal_log.answer = True
    pane.approve_selected()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 0)
    with db.reading() as uow:
        net = uow.session.connection().execute(text(
            "SELECT sum(subsidy_fen) FROM subsidyentry WHERE status = 'approved'")).scalar_one()
    assert net == 0 and entry(db, ids[0]).reversed_by_id == reversal
