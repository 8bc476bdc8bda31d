"""What a clerk tries on the bill sheet on day one: paste a block from Excel (each value checked as
if typed, what cannot go in reported), copy cells out, find a firm with Ctrl+F, and a sheet that
opens on the month where work waits."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from db.engine import Database
from db.services import approvals, policy
from db.services.enterprises import FirstTenancy, register_enterprise
from db.services.subsidies import Bill, save_bills, submit_entries
from desktop.bill_sheet.bill_sheet_model import ERROR_ROLE, STATUS_ROLE, column_of
from desktop.bill_sheet.bill_sheet_pane import BillSheetPane
from tests.conftest import firm_fields, valid_uscc
from tests.desktop.test_bill_sheet import cell, entries, go_to, open_pane, row_of

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def rates(db: Database, people) -> None:  # noqa: ANN001
    for category, cap in {"land": 2_000_000, "electricity": 500_000, "water": 100_000}.items():
        policy.set_policy_rate(db, actor=people.admin, category=category, valid_from=date(2026, 1, 1),
                               rate_bp=1500, yearly_cap_fen=cap)


def paste(qtbot, pane: BillSheetPane, text: str) -> None:  # noqa: ANN001
    QApplication.clipboard().setText(text)
    qtbot.keyClick(pane.table, Qt.Key.Key_V, CTRL)


def test_a_block_copied_from_excel_is_pasted_and_checked_as_if_typed(qtbot, db, people, firms, rates,
                                                                      make_context, modal_log):  # noqa: ANN001
    pane = open_pane(qtbot, make_context(people.clerk))
    assert pane.model.rowCount() == 3
    go_to(pane, 0, "electricity")
    # amount, quantity, bill number, and the subsidy column a spreadsheet copy may bring along;
    # thousands separators, full-width digits, a wrong amount, a row beyond the sheet, \r\n
    paste(qtbot, pane, "1,234.50\t３\tE-1\t999\r\n12a\t\t\t\r\n２,０００\t1.5\tE-3\t\r\n77\t\t\t\r\n")
    assert cell(pane, 0, "electricity", "amount") == "1,234.50"
    assert cell(pane, 0, "electricity", "quantity") == "3"
    assert cell(pane, 0, "electricity", "reference") == "E-1"
    assert cell(pane, 0, "electricity", "subsidy") == "185.18"  # computed, never pasted
    assert cell(pane, 1, "electricity", "amount") == "12a"  # kept as typed, marked
    assert "is not an amount" in cell(pane, 1, "electricity", "amount", ERROR_ROLE)
    assert cell(pane, 2, "electricity", "amount") == "2,000.00"
    assert cell(pane, 2, "electricity", "amount", STATUS_ROLE) == "unsaved"
    status = pane.status.text()
    assert "Pasted 9 cell(s)." in status  # blanks too: they clear, as in a spreadsheet
    assert "1 of them are marked wrong" in status
    assert "1 value(s) not pasted: those cells cannot be typed in (the first: " in status
    assert "Electricity subsidy (¥)" in status
    assert "1 value(s) not pasted: they fall outside the sheet." in status
    # the pasted block is selected, from the cell it started at
    assert pane.table.currentIndex() == pane.model.index(0, column_of("electricity", "amount"))
    assert len(pane.table.selectionModel().selectedIndexes()) == 3 * 4

    pane.save()  # nothing is saved while a pasted value is wrong
    qtbot.wait(50)
    assert entries(db) == [] and "marked wrong" in pane.status.text()
    go_to(pane, 1, "electricity")
    paste(qtbot, pane, "300\n")  # one value: just this cell
    assert pane.status.text() == "Pasted 1 cell(s)."
    pane.save()
    qtbot.waitUntil(lambda: len(entries(db)) == 3)
    assert sorted(e.billed_fen for e in entries(db)) == [30_000, 123_450, 200_000]
    assert modal_log.errors == []


def test_cells_are_copied_out_as_tab_separated_lines(qtbot, people, firms, rates, make_context):  # noqa: ANN001
    pane = open_pane(qtbot, make_context(people.clerk))
    go_to(pane, 0, "land")
    paste(qtbot, pane, "1000\t2\tL-1\n2500.5\n")
    # the pasted block stays selected (two rows, amount to subsidy): Ctrl+C copies it out
    go_to(pane, 0, "land")
    qtbot.keyClick(pane.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(pane.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(pane.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(pane.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    QApplication.clipboard().clear()
    qtbot.keyClick(pane.table, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == "1,000.00\t2\tL-1\t150.00\n2,500.50\t\t\t375.08"


def test_pasting_into_a_closed_month_is_reported_not_dropped(qtbot, db, people, firms, rates,
                                                            make_context):  # noqa: ANN001
    policy.close_period(db, actor=people.admin, period="2026-02")
    pane = open_pane(qtbot, make_context(people.clerk), "2026-02")
    go_to(pane, 0, "land")
    paste(qtbot, pane, "100\t200\n")
    assert "Pasted 0 cell(s)." in pane.status.text()
    assert "2 value(s) not pasted: those cells cannot be typed in" in pane.status.text()
    assert not pane.model.edits.has_changes()


def test_ctrl_f_finds_a_firm_by_name_credit_code_or_initials(qtbot, db, people, firms, rates,
                                                             make_context):  # noqa: ANN001
    for n in range(40):  # more rows than the grid shows
        register_enterprise(db, actor=people.admin, fields=firm_fields(
            uscc=valid_uscc(), name=f"上海测试{n:02d}号科技有限公司"), zone_id=1,
            tenancy=FirstTenancy(f"C栋{n}", 8000, date(2025, 1, 1)))
    pane = open_pane(qtbot, make_context(people.clerk))
    assert pane.model.rowCount() == 43
    go_to(pane, 0, "water")
    qtbot.keyClick(pane.table, Qt.Key.Key_F, CTRL)
    assert pane.finder.isVisible() and pane.finder.query.hasFocus()

    pane.finder.query.setText("星河")  # a fragment of the name
    xinghe = row_of(pane, firms.xinghe.id)
    assert pane.table.currentIndex() == pane.model.index(xinghe, column_of("water", "amount"))
    assert pane.table.selected_rows() == [xinghe]
    assert pane.finder.count.text() == "1 of 1"

    pane.finder.query.setText(firms.lanxin.uscc[-7:].lower())  # part of the credit code
    assert pane.table.currentIndex().row() == row_of(pane, firms.lanxin.id)

    pane.finder.query.setText("shcs")  # pinyin initials of 上海测试…
    found = [r for r, row in enumerate(pane.model.sheet.rows) if "测试" in row.name]
    assert pane.table.currentIndex().row() == found[0] and pane.finder.count.text() == "1 of 40"
    qtbot.keyClick(pane.finder.query, Qt.Key.Key_Return)  # Enter: the next one
    assert pane.table.currentIndex().row() == found[1] and pane.finder.count.text() == "2 of 40"
    qtbot.keyClick(pane.finder.query, Qt.Key.Key_F3)  # F3 too
    assert pane.table.currentIndex().row() == found[2]
    qtbot.keyClick(pane.finder.query, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert pane.table.currentIndex().row() == found[1]
    pane.finder.query.setText("shcs 39号")  # every word must match (39 alone may be in a code)
    assert pane.model.sheet.rows[pane.table.currentIndex().row()].name == "上海测试39号科技有限公司"

    pane.finder.query.setText("不存在")
    assert pane.finder.count.text() == "No firm matches “不存在”."
    qtbot.keyClick(pane.finder.query, Qt.Key.Key_Escape)
    assert not pane.finder.isVisible() and pane.table.hasFocus()


def open_first(qtbot, make_context, actor) -> BillSheetPane:  # noqa: ANN001
    """The pane as it opens, on the month it chooses itself."""
    pane = BillSheetPane(make_context(actor))
    qtbot.addWidget(pane)
    pane.resize(1280, 560)
    pane.show()
    qtbot.waitUntil(lambda: pane.model.sheet is not None)
    return pane


@pytest.mark.now("2027-01-01T00:30:00+08:00")  # UTC is still in 2026-12
def test_the_sheet_opens_on_the_month_where_work_waits(qtbot, db, people, firms, rates,
                                                       make_context):  # noqa: ANN001
    save_bills(db, actor=people.clerk, zone_id=1, period="2026-10",
               bills=[Bill(firms.xinghe.id, "land", 10_000), Bill(firms.lanxin.id, "land", 10_000)])
    save_bills(db, actor=people.admin, zone_id=2, period="2026-05",  # not this clerk's zone
               bills=[Bill(firms.hailan.id, "land", 10_000)])
    policy.close_period(db, actor=people.admin, period="2026-04")
    pane = open_first(qtbot, make_context, people.clerk)
    assert (pane.zone_id(), pane.model.sheet.period) == (1, "2026-10")
    assert pane.status.text() == ("The sheet opened on 2026-10, where work waits: 2 drafts not yet "
                                  "submitted, 0 bills sent back.")

    # a bill sent back in an earlier month is older work still; once retyped it waits no more
    ids = save_bills(db, actor=people.clerk, zone_id=1, period="2026-08",
                     bills=[Bill(firms.yunyi.id, "water", 5_000)])
    submit_entries(db, actor=people.clerk, entry_ids=ids)
    approvals.reject(db, actor=people.reviewer, reason="账单编号不符", entry_ids=ids)
    assert open_first(qtbot, make_context, people.clerk).model.sheet.period == "2026-08"
    save_bills(db, actor=people.clerk, zone_id=1, period="2026-08",
               bills=[Bill(firms.yunyi.id, "water", 5_000, bill_reference="W-1")])
    submit_entries(db, actor=people.clerk, entry_ids=[e.id for e in entries(db) if e.status == "draft"
                                                      and e.period == "2026-08"])
    assert open_first(qtbot, make_context, people.clerk).model.sheet.period == "2026-10"

    # a reviewer has no bills to type: the current month, Shanghai's
    assert open_first(qtbot, make_context, people.reviewer).model.sheet.period == "2027-01"
