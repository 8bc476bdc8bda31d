"""The monthly bill sheet: a clerk types a month of bills with the keyboard, sees each subsidy as
it is typed and the totals to the fen, saves drafts, submits; wrong amounts are marked at their
cell and nothing is half-saved; submitted and approved bills, months without a rate and closed
months are read-only."""

from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlmodel import select

from db.engine import Database
from db.models import SubsidyEntry
from db.services import approvals, policy
from db.services.enterprises import FirstTenancy, register_enterprise
from db.services.subsidies import Bill, save_bills, submit_entries
from desktop.bill_sheet.bill_sheet_cells import QuantityError, format_quantity, parse_quantity
from desktop.bill_sheet.bill_sheet_model import (
    COL_BILL_TOTAL,
    COL_SUBSIDY_TOTAL,
    ERROR_ROLE,
    FEN_ROLE,
    STATUS_ROLE,
    column_of,
)
from desktop.bill_sheet.bill_sheet_pane import BillSheetPane
from tests.conftest import firm_fields, valid_uscc

PERIOD = "2026-03"
CAPS = {"land": 2_000_000, "electricity": 500_000, "water": 100_000}  # fen a firm a year; no Internet rate


@pytest.fixture
def rates(db: Database, people) -> None:  # noqa: ANN001
    for category, cap in CAPS.items():
        policy.set_policy_rate(db, actor=people.admin, category=category, valid_from=date(2026, 1, 1),
                               rate_bp=1500, yearly_cap_fen=cap)


def open_pane(qtbot, context, period: str = PERIOD) -> BillSheetPane:  # noqa: ANN001
    pane = BillSheetPane(context)
    qtbot.addWidget(pane)
    pane.resize(1280, 560)
    pane.show()
    qtbot.waitExposed(pane)
    qtbot.waitUntil(lambda: pane.model.sheet is not None)
    pane.month.setDate(QDate.fromString(period + "-01", "yyyy-MM-dd"))
    qtbot.waitUntil(lambda: pane.model.sheet is not None and pane.model.sheet.period == period)
    pane.activateWindow()
    pane.table.setFocus()
    return pane


def row_of(pane: BillSheetPane, firm_id: int) -> int:
    return next(i for i, row in enumerate(pane.model.sheet.rows) if row.enterprise_id == firm_id)


def go_to(pane: BillSheetPane, row: int, category: str, part: str = "amount") -> None:
    pane.table.setCurrentIndex(pane.model.index(row, column_of(category, part)))


def cell(pane: BillSheetPane, row: int, category: str, part: str, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
    return pane.model.index(row, column_of(category, part)).data(role)


def type_keys(qtbot, text: str, end: Qt.Key | None = Qt.Key.Key_Return) -> None:  # noqa: ANN001
    """Types into whatever has the focus, as a person does: the first key opens the cell's
    editor, the others go into it; then Enter (or Tab...) commits."""
    for character in text:
        qtbot.keyClick(QApplication.focusWidget(), character)
    if end is not None:
        qtbot.keyClick(QApplication.focusWidget(), end)
        qtbot.wait(1)  # the delegate commits on the next turn of the event loop


def entries(db: Database) -> list[SimpleNamespace]:
    """The subsidy entries in the file, as plain values."""
    with db.reading() as uow:
        return [SimpleNamespace(**e.model_dump())
                for e in uow.session.exec(select(SubsidyEntry).order_by(SubsidyEntry.id)).all()]


def test_a_clerk_types_part_of_a_sheet_saves_and_submits(qtbot, db, people, firms, rates,
                                                         make_context, modal_log):  # noqa: ANN001
    context = make_context(people.clerk)
    changes = []
    context.bus.changed.connect(lambda kind, id_: changes.append((kind, id_)))
    pane = open_pane(qtbot, context)
    assert [r.enterprise_id for r in pane.model.sheet.rows] != []
    assert {r.enterprise_id for r in pane.model.sheet.rows} == {f.id for f in firms.in_zone(1)}
    first, second = row_of(pane, firms.xinghe.id), row_of(pane, firms.lanxin.id)

    # amount, Tab, quantity, Tab, bill number, Enter: the next firm's amount, as in a spreadsheet
    go_to(pane, first, "land")
    type_keys(qtbot, "8000", Qt.Key.Key_Tab)
    assert pane.table.currentIndex().column() == column_of("land", "quantity")
    type_keys(qtbot, "120.5", Qt.Key.Key_Tab)
    type_keys(qtbot, "L-2603-01")
    assert (pane.table.currentIndex().row(), pane.table.currentIndex().column()) == (
        first + 1, column_of("land", "amount"))
    assert cell(pane, first, "land", "quantity") == "120.5"
    assert cell(pane, first, "land", "reference") == "L-2603-01"
    assert cell(pane, first, "land", "subsidy") == "1,200.00"  # 15 % of 8,000, live

    # Enter moves down the column: the electricity bills of the month, one firm after the other
    go_to(pane, first, "electricity")
    type_keys(qtbot, "1,234.5", end=None)  # the subsidy follows each keystroke, before Enter
    assert cell(pane, first, "electricity", "subsidy") == "185.18"
    assert pane.totals.text() == "Sheet total for 3 firms: bills ¥9,234.50, subsidies ¥1,385.18"
    type_keys(qtbot, "", end=Qt.Key.Key_Return)
    assert pane.table.currentIndex().row() == first + 1
    assert cell(pane, first, "electricity", "amount", FEN_ROLE) == 123_450
    assert cell(pane, first, "electricity", "subsidy", FEN_ROLE) == 18_518  # 18,517.5 fen, half up
    go_to(pane, second, "electricity")
    type_keys(qtbot, "40,000")  # 6,000 yuan at 15 %, over the 5,000-yuan cap: the cap
    assert cell(pane, second, "electricity", "subsidy", FEN_ROLE) == 500_000
    # full-width digits, as a Chinese input method types them
    go_to(pane, second, "water")
    qtbot.keyClick(pane.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText("１２３４．５")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(1)
    assert cell(pane, second, "water", "amount") == "1,234.50"
    assert cell(pane, second, "water", "subsidy", FEN_ROLE) == 18_518

    # Escape puts back what the cell held, subsidy included
    go_to(pane, first, "electricity")
    type_keys(qtbot, "99999", end=None)
    assert cell(pane, first, "electricity", "subsidy") == "5,000.00"
    type_keys(qtbot, "", end=Qt.Key.Key_Escape)
    assert cell(pane, first, "electricity", "amount") == "1,234.50"
    assert cell(pane, first, "electricity", "subsidy", FEN_ROLE) == 18_518

    # row and sheet totals, to the fen
    assert pane.model.index(first, COL_BILL_TOTAL).data(FEN_ROLE) == 800_000 + 123_450
    assert pane.model.index(first, COL_SUBSIDY_TOTAL).data(FEN_ROLE) == 120_000 + 18_518
    assert pane.model.index(second, COL_SUBSIDY_TOTAL).data() == "5,185.18"
    assert pane.totals.text() == "Sheet total for 3 firms: bills ¥50,469.00, subsidies ¥6,570.36"
    assert cell(pane, first, "land", "amount", STATUS_ROLE) == "unsaved"

    qtbot.keyClick(pane.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(entries(db)) == 4 and not pane.busy)
    saved = {(e.enterprise_id, e.category): e for e in entries(db)}
    assert all(e.status == "draft" for e in saved.values())
    land = saved[(firms.xinghe.id, "land")]
    assert (land.billed_fen, land.quantity_x100, land.bill_reference, land.subsidy_fen) == (
        800_000, 12_050, "L-2603-01", 120_000)
    assert saved[(firms.lanxin.id, "electricity")].subsidy_fen == 500_000
    assert cell(pane, first, "land", "amount", STATUS_ROLE) == "draft"
    assert ("subsidy_entry", None) in changes

    # one more bill, unsaved, then Ctrl+Enter: saved and submitted with the drafts in one go
    go_to(pane, first, "water")
    type_keys(qtbot, "300")
    modal_log.answer = True
    qtbot.keyClick(pane.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(entries(db)) == 5 and all(e.status == "submitted" for e in entries(db)))
    assert modal_log.questions == ["Submit 5 bills for review? Submitted bills can no longer be typed over."]
    assert sum(e.subsidy_fen for e in entries(db)) == 657_036 + 4_500
    qtbot.waitUntil(lambda: cell(pane, first, "water", "amount", STATUS_ROLE) == "submitted")
    assert cell(pane, first, "water", "subsidy") == "45.00 · submitted"
    assert not pane.model.index(first, column_of("water", "amount")).flags() & Qt.ItemFlag.ItemIsEditable
    assert pane.totals.text() == "Sheet total for 3 firms: bills ¥50,769.00, subsidies ¥6,615.36"
    assert changes.count(("subsidy_entry", None)) == 2


def test_wrong_amounts_are_marked_at_their_cell_and_nothing_is_saved(qtbot, db, people, firms, rates,
                                                                    make_context, modal_log):  # noqa: ANN001
    pane = open_pane(qtbot, make_context(people.clerk))
    row = row_of(pane, firms.xinghe.id)
    go_to(pane, row, "land")
    type_keys(qtbot, "500")  # a good one: not saved either while others are wrong
    go_to(pane, row, "electricity")
    type_keys(qtbot, "7x", end=None)  # said under the grid as it is typed
    assert "is not an amount" in pane.status.text()
    type_keys(qtbot, "", end=Qt.Key.Key_Escape)
    assert pane.status.text() == "" and cell(pane, row, "electricity", "amount") == ""
    for text, reason in (("12a", "is not an amount"), ("1.2.3", "more than one decimal point"),
                         ("-5", "cannot be negative"), ("1.234", "At most 2 decimal places")):
        go_to(pane, row, "electricity")
        type_keys(qtbot, text)
        assert cell(pane, row, "electricity", "amount") == text  # kept as typed
        assert reason in cell(pane, row, "electricity", "amount", ERROR_ROLE)
        assert reason in cell(pane, row, "electricity", "amount", Qt.ItemDataRole.ToolTipRole)
        background = cell(pane, row, "electricity", "amount", Qt.ItemDataRole.BackgroundRole)
        assert isinstance(background, QBrush) and background.color().name() == "#ffd6d6"
        assert reason in pane.status.text()  # shown under the grid after Enter moved on
        assert cell(pane, row, "electricity", "subsidy") == ""
    go_to(pane, row, "water", "quantity")
    type_keys(qtbot, "3.141")
    assert cell(pane, row, "water", "quantity", ERROR_ROLE) == "At most two decimal places in a quantity."
    assert pane.model.index(row, COL_BILL_TOTAL).data(FEN_ROLE) == 50_000  # the wrong ones left out

    qtbot.keyClick(pane.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    modal_log.answer = True
    pane.submit()
    qtbot.wait(50)
    assert entries(db) == []
    assert "2 cells are marked wrong" in pane.status.text()
    assert modal_log.questions == []

    # corrected: the water quantity without its amount is a mistake of its own, then all saved
    go_to(pane, row, "electricity")
    type_keys(qtbot, "99.9")
    go_to(pane, row, "water", "quantity")
    type_keys(qtbot, "3.14")
    assert "Enter the bill amount" in cell(pane, row, "water", "amount", ERROR_ROLE)
    go_to(pane, row, "water")
    type_keys(qtbot, "10", end=None)  # Ctrl+S in the open cell: committed, then saved
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(entries(db)) == 3)
    assert pane.model.edits.mistakes() == []
    assert sorted((e.category, e.billed_fen, e.quantity_x100) for e in entries(db)) == [
        ("electricity", 9_990, 0), ("land", 50_000, 0), ("water", 1_000, 314)]


def test_the_selected_rows_alone_are_submitted(qtbot, db, people, firms, rates, make_context,
                                                modal_log):  # noqa: ANN001
    save_bills(db, actor=people.clerk, zone_id=1, period=PERIOD, bills=[
        Bill(firms.xinghe.id, "land", 10_000), Bill(firms.xinghe.id, "water", 2_000),
        Bill(firms.lanxin.id, "land", 30_000)])
    pane = open_pane(qtbot, make_context(people.clerk))
    go_to(pane, row_of(pane, firms.xinghe.id), "water")
    qtbot.keyClick(pane.table, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert pane.submit_button.text() == "Submit 1 selected row(s) for review"
    modal_log.answer = True
    qtbot.keyClick(pane.table, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(e.status == "submitted" for e in entries(db)))
    assert sorted((e.enterprise_id, e.category, e.status) for e in entries(db)) == sorted([
        (firms.xinghe.id, "land", "submitted"), (firms.xinghe.id, "water", "submitted"),
        (firms.lanxin.id, "land", "draft")])
    assert modal_log.questions == ["Submit 2 bills for review? Submitted bills can no longer be typed over."]


def test_a_refusal_of_db_is_marked_at_the_bill_and_the_typing_kept(qtbot, db, people, firms, rates,
                                                                  make_context, modal_log):  # noqa: ANN001
    pane = open_pane(qtbot, make_context(people.clerk))
    row = row_of(pane, firms.yunyi.id)
    go_to(pane, row, "land")
    type_keys(qtbot, "250")
    go_to(pane, row, "electricity")
    type_keys(qtbot, "2,000,000,000")  # two billion yuan: a typing slip, says db/
    pane.save()
    qtbot.waitUntil(lambda: not pane.busy and bool(cell(pane, row, "electricity", "amount", ERROR_ROLE)))
    assert "typing slip" in cell(pane, row, "electricity", "amount", ERROR_ROLE)
    assert "typing slip" in pane.status.text()
    assert entries(db) == []  # all or nothing: the good land bill is not saved either
    assert cell(pane, row, "land", "amount") == "250.00"
    assert pane.table.currentIndex().column() == column_of("electricity", "amount")
    assert modal_log.errors == []


def test_clearing_a_draft_removes_it(qtbot, db, people, firms, rates, make_context):  # noqa: ANN001
    save_bills(db, actor=people.clerk, zone_id=1, period=PERIOD,
               bills=[Bill(firms.xinghe.id, "land", 10_000, 500, "X-1")])
    pane = open_pane(qtbot, make_context(people.clerk))
    row = row_of(pane, firms.xinghe.id)
    assert cell(pane, row, "land", "quantity") == "5"
    go_to(pane, row, "land", "amount")
    qtbot.keyClick(pane.table, Qt.Key.Key_Delete)
    assert "Enter the bill amount" in cell(pane, row, "land", "amount", ERROR_ROLE)
    qtbot.keyClick(pane.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(pane.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(pane.table, Qt.Key.Key_Delete)  # the three cells of the bill at once
    assert cell(pane, row, "land", "amount", STATUS_ROLE) == "unsaved"
    assert pane.model.edits.changed_bills() == ([], [entries(db)[0].id])
    pane.save()
    qtbot.waitUntil(lambda: entries(db) == [])


def test_only_tenants_of_the_month_are_in_the_sheet(qtbot, db, people, firms, rates, make_context):  # noqa: ANN001
    later = register_enterprise(db, actor=people.admin, fields=firm_fields(uscc=valid_uscc(), name="上海晚到科技有限公司"),
                                zone_id=1, tenancy=FirstTenancy("B栋201", 8000, date(2026, 4, 15)))
    pane = open_pane(qtbot, make_context(people.clerk))
    shown = {r.enterprise_id for r in pane.model.sheet.rows}
    assert later not in shown and firms.hailan.id not in shown  # not yet a tenant; another zone
    assert pane.model.rowCount() == 3
    assert pane.model.headerData(0, Qt.Orientation.Vertical) == pane.model.sheet.rows[0].name
    pane.month.setDate(QDate(2026, 4, 1))
    qtbot.waitUntil(lambda: pane.model.sheet is not None and pane.model.sheet.period == "2026-04")
    assert later in {r.enterprise_id for r in pane.model.sheet.rows}


def test_submitted_and_approved_bills_are_read_only(qtbot, db, people, firms, rates, make_context):  # noqa: ANN001
    ids = save_bills(db, actor=people.clerk, zone_id=1, period=PERIOD, bills=[
        Bill(firms.xinghe.id, "land", 10_000), Bill(firms.xinghe.id, "electricity", 20_000),
        Bill(firms.xinghe.id, "water", 30_000)])
    submit_entries(db, actor=people.clerk, entry_ids=ids[:2])
    policy.set_budget(db, actor=people.admin, zone_id=1, year=2026, category="land", amount_fen=10**9)
    approvals.approve(db, actor=people.reviewer, entry_ids=ids[:1])
    pane = open_pane(qtbot, make_context(people.clerk))
    row = row_of(pane, firms.xinghe.id)
    editable = [pane.model.index(row, column_of(c, "amount")).flags() & Qt.ItemFlag.ItemIsEditable
                for c in ("land", "electricity", "water")]
    assert [bool(e) for e in editable] == [False, False, True]
    assert cell(pane, row, "land", "subsidy") == "15.00 · approved"
    assert cell(pane, row, "electricity", "subsidy") == "30.00 · submitted"
    assert "reversal" in cell(pane, row, "land", "amount", Qt.ItemDataRole.ToolTipRole)
    go_to(pane, row, "electricity")
    type_keys(qtbot, "5")
    assert cell(pane, row, "electricity", "amount") == "200.00"
    assert not pane.model.edits.has_changes()
    assert pane.totals.text() == "Sheet total for 3 firms: bills ¥600.00, subsidies ¥90.00"


def test_a_category_without_a_rate_cannot_be_typed(qtbot, people, firms, rates, make_context):  # noqa: ANN001
    pane = open_pane(qtbot, make_context(people.clerk))
    index = pane.model.index(0, column_of("internet", "amount"))
    assert index.data() == "no rate"
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert "an administrator must set it" in index.data(Qt.ItemDataRole.ToolTipRole)
    go_to(pane, 0, "internet")
    qtbot.keyClick(pane.table, Qt.Key.Key_Tab)  # Tab skips to the next cell that can be typed in
    assert pane.table.currentIndex() == pane.model.index(1, column_of("land", "amount"))


def test_a_closed_month_is_read_only_with_a_banner(qtbot, db, people, firms, rates, make_context):  # noqa: ANN001
    save_bills(db, actor=people.clerk, zone_id=1, period="2026-02", bills=[Bill(firms.xinghe.id, "land", 10_000)])
    policy.close_period(db, actor=people.admin, period="2026-02")
    pane = open_pane(qtbot, make_context(people.clerk), "2026-02")
    assert pane.banner.isVisible() and "2026-02 is closed" in pane.banner.text()
    model = pane.model
    assert not any(model.index(r, c).flags() & Qt.ItemFlag.ItemIsEditable
                   for r in range(model.rowCount()) for c in range(model.columnCount()))
    assert not pane.save_button.isEnabled() and not pane.submit_button.isEnabled()
    assert cell(pane, row_of(pane, firms.xinghe.id), "land", "amount") == "100.00"


def test_unsaved_bills_are_not_discarded_without_asking(qtbot, people, firms, rates, make_context,
                                                         modal_log):  # noqa: ANN001
    pane = open_pane(qtbot, make_context(people.clerk))
    go_to(pane, 0, "land")
    type_keys(qtbot, "77", end=None)  # still in the cell's editor
    pane.month.setDate(QDate(2026, 4, 1))
    qtbot.waitUntil(lambda: len(modal_log.questions) == 1)
    assert pane.period() == PERIOD and pane.model.sheet.period == PERIOD
    assert cell(pane, 0, "land", "amount") == "77.00"
    modal_log.answer = True
    pane.month.setDate(QDate(2026, 4, 1))
    qtbot.waitUntil(lambda: pane.model.sheet is not None and pane.model.sheet.period == "2026-04")
    assert not pane.model.edits.has_changes()


def test_an_auditor_reads_the_sheet_without_typing(qtbot, people, firms, rates, make_context):  # noqa: ANN001
    pane = open_pane(qtbot, make_context(people.auditor))
    assert pane.zone.count() > 2  # every zone
    assert not pane.save_button.isVisible() and pane.banner.isVisible()
    assert not pane.model.index(0, 0).flags() & Qt.ItemFlag.ItemIsEditable


def test_the_model_passes_the_model_tester(qtbot, qtmodeltester, people, firms, rates, make_context):  # noqa: ANN001
    pane = open_pane(qtbot, make_context(people.clerk))
    go_to(pane, 0, "land")
    type_keys(qtbot, "12a")
    type_keys(qtbot, "300")
    qtmodeltester.check(pane.model)


def test_quantities_are_read_without_float():
    assert parse_quantity("1,234.5") == 123_450
    assert parse_quantity("１２０．５") == 12_050
    assert parse_quantity("") == 0
    assert format_quantity(123_450) == "1,234.5"
    for text in ("-1", "1.2.3", "abc", "1.234", "12,34"):
        with pytest.raises(QuantityError):
            parse_quantity(text)
