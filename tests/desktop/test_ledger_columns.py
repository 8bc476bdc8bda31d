"""The ledger's columns say what they hold: the bill's number and the reason each in its own
column (a sent-back bill kept both), the amount named as the subsidy, who reviewed it and when,
and the firm's name whole while the figures stay narrow."""

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from db.clock import SHANGHAI
from db.queries.ledger import LedgerFilter, ledger_page
from db.services import approvals
from desktop.ledger.ledger_model import (
    COL_AMOUNT,
    COL_DECIDED_AT,
    COL_DECIDED_BY,
    COL_FIRM,
    COL_NOTE,
    COL_NUMBER,
    COL_QUANTITY,
    COL_REFERENCE,
)
from desktop.ledger.ledger_pane import LedgerPane

REASON = "账单编号与纸质账单不符，请核对后重新录入"
SHOTS = Path("/tmp/shots16")


def _rows(db, actor):  # noqa: ANN001, ANN202
    return {(r.kind, r.id): r for r in ledger_page(db, actor=actor, flt=LedgerFilter())}


def test_the_bill_number_and_the_reason_are_kept_apart(db, people, book):
    approvals.reject(db, actor=people.reviewer, reason=REASON, entry_ids=[book.land_april])
    rows = _rows(db, people.clerk)
    sent_back = rows["subsidy_entry", book.land_april]
    assert (sent_back.reference, sent_back.note) == ("L-0401", REASON)
    assert sent_back.decided_by_name == "王芳"
    assert sent_back.decided_at.replace(second=0, microsecond=0) == datetime(2026, 11, 22, 10, 0, tzinfo=SHANGHAI)
    reversal = rows["subsidy_entry", book.reversal]
    assert reversal.note == "电表读数有误"
    approved = rows["subsidy_entry", book.land_march]
    assert (approved.reference, approved.note, approved.decided_by_name) == ("L-0301", "", "王芳")
    draft = rows["subsidy_entry", book.internet_may]
    assert (draft.reference, draft.decided_by_name, draft.decided_at) == ("N-0501", "", None)
    giant = rows["award", book.giant_award]
    assert (giant.reference, giant.note) == ("沪经信〔2026〕12号", "")


def test_the_pane_shows_each_in_its_column(qtbot, show_pane, db, people, book, qapp):
    approvals.reject(db, actor=people.reviewer, reason=REASON, entry_ids=[book.land_april])
    pane = show_pane(LedgerPane, people.clerk, (1280, 600),
                     lambda p: p.model.totals is not None and not p.model.loading)
    model = pane.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[COL_AMOUNT] == "Subsidy (yuan)"
    assert headers[COL_DECIDED_BY:] == ["Reviewed by", "Reviewed at", "Bill or document no.", "Reason or note"]
    assert model.headerData(COL_AMOUNT, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    row = next(r for r in range(model.rowCount()) if model.index(r, COL_NUMBER).data() == f"S{book.land_april}")
    assert [model.index(row, c).data() for c in (COL_DECIDED_BY, COL_DECIDED_AT, COL_REFERENCE, COL_NOTE)] \
        == ["王芳", "2026-11-22 10:00", "L-0401", REASON]
    assert model.index(row, COL_NOTE).data(Qt.ItemDataRole.ToolTipRole) == REASON
    # the firm's name is not cut, and the quantity does not take its room
    table = pane.table
    assert table.columnWidth(COL_FIRM) >= table.sizeHintForColumn(COL_FIRM)
    assert table.columnWidth(COL_QUANTITY) <= 100 < table.columnWidth(COL_FIRM)
    SHOTS.mkdir(exist_ok=True)
    pane.grab().save(str(SHOTS / "ledger_columns_en.png"))
    import desktop.app
    font = qapp.font()
    desktop.app.install_language(qapp, "zh_CN")
    try:
        qapp.setFont(QFont(desktop.app.load_fonts(), 10))
        chinese = show_pane(LedgerPane, people.clerk, (1280, 600),
                            lambda p: p.model.totals is not None and not p.model.loading)
        chinese.grab().save(str(SHOTS / "ledger_columns_zh.png"))
        chinese.table.horizontalScrollBar().setValue(chinese.table.horizontalScrollBar().maximum())
        chinese.grab().save(str(SHOTS / "ledger_columns_zh_right.png"))
        assert chinese.table.columnWidth(COL_FIRM) >= chinese.table.sizeHintForColumn(COL_FIRM)
    finally:
        desktop.app.install_language(qapp, "en")
        qapp.setFont(font)
