"""A bill the reviewer sends back is in the clerk's sheet again: marked sent back, coloured, with
the reviewer's reason on the cell; typed again and submitted, it is a new entry, and the
rejected one stays in the record as it was."""

from PySide6.QtCore import Qt

from db.services import approvals
from db.services.subsidies import Bill, save_bills, submit_entries
from desktop.bill_sheet.bill_sheet_model import STATUS_ROLE, column_of
from tests.desktop.test_bill_sheet import (  # noqa: F401 (rates: a fixture)
    PERIOD,
    cell,
    entries,
    go_to,
    open_pane,
    rates,
    row_of,
    type_keys,
)

REASON = "账单编号与纸质账单不符，请核对后重新录入"


def test_a_sent_back_bill_is_back_in_the_sheet_and_is_corrected(qtbot, db, people, firms, rates,  # noqa: F811
                                                                make_context, modal_log):  # noqa: ANN001
    firm = firms.lanxin.id
    (rejected,) = save_bills(db, actor=people.clerk, zone_id=1, period=PERIOD,
                             bills=[Bill(firm, "electricity", 2_000_00, 1_500_00, "E-2603-7")])
    submit_entries(db, actor=people.clerk, entry_ids=[rejected])
    approvals.reject(db, actor=people.reviewer, reason=REASON, entry_ids=[rejected])
    before = next(e for e in entries(db) if e.id == rejected)

    pane = open_pane(qtbot, make_context(people.clerk))
    row = row_of(pane, firm)
    assert cell(pane, row, "electricity", "amount", STATUS_ROLE) == "rejected"
    assert cell(pane, row, "electricity", "amount") == "2,000.00"  # what was sent back, to correct
    assert cell(pane, row, "electricity", "reference") == "E-2603-7"
    assert cell(pane, row, "electricity", "subsidy") == "300.00 · sent back"
    tooltip = cell(pane, row, "electricity", "amount", Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Sent back by the reviewer: " + REASON)
    assert cell(pane, row, "electricity", "amount", Qt.ItemDataRole.BackgroundRole).color().name() == "#fde0c5"
    assert pane.model.index(row, column_of("electricity", "amount")).flags() & Qt.ItemFlag.ItemIsEditable
    assert pane.totals.text() == "Sheet total for 3 firms: bills ¥0.00, subsidies ¥0.00"  # not counted

    go_to(pane, row, "electricity", "amount")  # the keyboard's way to the reason: under the grid
    assert pane.status.text() == f"{firms.lanxin.name}: {tooltip}"
    go_to(pane, row, "land")
    assert pane.status.text() == ""
    go_to(pane, row, "electricity", "reference")
    type_keys(qtbot, "E-2603-8")  # the bill number corrected, the amount kept
    assert cell(pane, row, "electricity", "amount", STATUS_ROLE) == "unsaved"
    assert pane.totals.text() == "Sheet total for 3 firms: bills ¥2,000.00, subsidies ¥300.00"
    modal_log.answer = True
    qtbot.keyClick(pane.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(entries(db)) == 2 and not pane.busy)
    assert modal_log.questions == ["Submit 1 bills for review? Submitted bills can no longer be typed over."]
    old, new = entries(db)
    assert old == before  # the rejected row is untouched
    assert (new.status, new.billed_fen, new.bill_reference, new.quantity_x100) == (
        "submitted", 2_000_00, "E-2603-8", 1_500_00)
    qtbot.waitUntil(lambda: cell(pane, row, "electricity", "amount", STATUS_ROLE) == "submitted")
    assert REASON not in (cell(pane, row, "electricity", "amount", Qt.ItemDataRole.ToolTipRole) or "")


def test_a_sent_back_bill_typed_again_as_it_was_is_a_new_draft(qtbot, db, people, firms, rates,  # noqa: F811
                                                                make_context, modal_log):  # noqa: ANN001
    firm = firms.xinghe.id
    (rejected,) = save_bills(db, actor=people.clerk, zone_id=1, period=PERIOD,
                             bills=[Bill(firm, "water", 300_00)])
    submit_entries(db, actor=people.clerk, entry_ids=[rejected])
    approvals.reject(db, actor=people.reviewer, reason="请附纸质账单", entry_ids=[rejected])
    pane = open_pane(qtbot, make_context(people.clerk))
    row = row_of(pane, firm)
    go_to(pane, row, "water")
    type_keys(qtbot, "300")  # the reviewer was wrong: the same bill, sent again
    assert cell(pane, row, "water", "amount", STATUS_ROLE) == "unsaved"
    qtbot.keyClick(pane.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(entries(db)) == 2 and not pane.busy)
    assert [(e.status, e.billed_fen) for e in entries(db)] == [("rejected", 300_00), ("draft", 300_00)]
    assert not modal_log.errors
