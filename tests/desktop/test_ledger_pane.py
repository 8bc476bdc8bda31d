"""The Ledger pane on a real temp database: a clerk's zones only, filters, lazy pages, totals to
the fen, a firm's statement by year, new totals after an approval."""

import pytest
from PySide6.QtWidgets import QTreeWidgetItem

from db.services import approvals
from desktop.ledger import ledger_model
from desktop.ledger.firm_statement_dialog import COL_AMOUNT as STATEMENT_AMOUNT
from desktop.ledger.ledger_model import (
    COL_AMOUNT,
    COL_FIRM,
    COL_NUMBER,
    COL_STATUS,
    FEN_ROLE,
    ROW_ROLE,
)
from desktop.ledger.ledger_pane import LedgerPane
from tests.ledger_data import add_last_year


@pytest.fixture
def open_pane(show_pane):  # noqa: ANN001, ANN201
    return lambda actor: show_pane(LedgerPane, actor, (1200, 600), lambda pane: pane.model.totals is not None and not pane.model.loading)


def settle(qtbot, pane: LedgerPane) -> None:
    """Waits for the rows and the totals of the filter shown."""
    qtbot.waitUntil(lambda: pane.model.totals is not None and not pane.model.loading, timeout=5000)


def column(pane: LedgerPane, col: int) -> list[str]:
    return [pane.model.index(r, col).data() for r in range(pane.model.rowCount())]


def test_a_clerk_sees_their_zone_with_totals_to_the_fen(open_pane, people, book, qtmodeltester):
    pane = open_pane(people.clerk)
    qtmodeltester.check(pane.model)
    rows = [pane.model.index(r, 0).data(ROW_ROLE) for r in range(pane.model.rowCount())]
    assert len(rows) == 7 and {r.zone_id for r in rows} == {1}
    assert column(pane, COL_NUMBER) == ["S6", "S5", "S4", "S3", "S2", "S1", "A1"]  # newest first
    assert pane.count_label.text() == "Entries shown: 7"
    # bills 10,000.00 + 2,345.67 - 2,345.67 + 1,000.01 + 10,000.00 + 800.00; amounts
    # 1,500.00 + 351.85 - 351.85 + 150.00 + 1,500.00 + 120.00 + 100,000.00, of which approved
    # 1,500.00 + 150.00 + 100,000.00
    assert pane.totals_label.text() == ("Shown: billed ¥21,800.01 · subsidies and awards ¥103,270.00,"
                                        " of which approved ¥101,650.00")
    assert column(pane, COL_STATUS)[4] == "Approved, reversed"  # S2
    assert pane.model.index(2, COL_AMOUNT).data() == "-351.85"  # S4, its reversal


def test_filters_narrow_the_rows_and_the_totals(qtbot, open_pane, people, book):
    pane = open_pane(people.clerk)
    pane.status_filter.setCurrentIndex(pane.status_filter.findData("approved"))
    pane.category_filter.setCurrentIndex(pane.category_filter.findData("electricity"))
    settle(qtbot, pane)
    amounts = [pane.model.index(r, COL_AMOUNT).data(FEN_ROLE) for r in range(pane.model.rowCount())]
    assert amounts == [-35_185, 35_185]  # an entry and its reversal
    assert pane.totals_label.text() == ("Shown: billed ¥0.00 · subsidies and awards ¥0.00,"
                                        " of which approved ¥0.00")
    pane.category_filter.setCurrentIndex(0)
    pane.status_filter.setCurrentIndex(0)
    pane.month_from.setText("2026-04")
    pane.month_to.setText("2026-05")
    pane.apply_filter()
    settle(qtbot, pane)
    assert column(pane, COL_NUMBER) == ["S6", "S5"]
    assert pane.count_label.text() == "Entries shown: 2"
    pane.firm_filter.setText("蓝芯")  # typed: the list follows after a pause
    pane.month_from.setText("2026-01")
    pane.month_to.setText("2026-12")
    qtbot.waitUntil(lambda: pane.model.filter.firm_text == "蓝芯")
    settle(qtbot, pane)
    assert set(column(pane, COL_FIRM)) == {"上海蓝芯集成电路有限公司"}
    assert column(pane, COL_NUMBER) == ["S3", "A1"]


def test_a_mistyped_month_is_marked_at_its_field(qtbot, open_pane, people, book):
    pane = open_pane(people.clerk)
    shown = pane.model.filter
    pane.month_from.setText("2026-13")
    pane.apply_filter()
    assert pane.errors.message_of("month_from") == "A month is written like 2026-11."
    assert pane.model.filter == shown
    pane.month_from.setText("2026-06")
    pane.month_to.setText("2026-05")
    pane.apply_filter()
    assert pane.errors.message_of("month_to") == "The first month comes after the last."
    pane.month_to.setText("")
    pane.apply_filter()
    assert pane.errors.message_of("month_to") == ""
    settle(qtbot, pane)
    assert column(pane, COL_NUMBER) == ["A1"]  # decided in November


def test_pages_load_as_the_list_scrolls(qtbot, monkeypatch, open_pane, people, book, qtmodeltester):
    asked: list[tuple[object, int]] = []
    real_page = ledger_model.ledger_page

    def page(db, *, actor, flt, after, limit):  # noqa: ANN001, ANN202
        asked.append((after, limit))
        return real_page(db, actor=actor, flt=flt, after=after, limit=limit)

    monkeypatch.setattr(ledger_model, "PAGE_SIZE", 3)
    monkeypatch.setattr(ledger_model, "ledger_page", page)
    pane = open_pane(people.auditor)
    assert pane.model.totals.count == 8
    # the view asks for more while it has room: page after page, never all at once
    qtbot.waitUntil(lambda: pane.model.rowCount() == 8)
    assert asked == [(None, 3), (("subsidy_entry", 5), 3), (("subsidy_entry", 2), 3)]
    assert not pane.model.canFetchMore(pane.model.index(-1, -1))
    assert column(pane, COL_NUMBER) == ["S7", "S6", "S5", "S4", "S3", "S2", "S1", "A1"]
    qtmodeltester.check(pane.model)


def test_the_statement_groups_the_firm_by_year(qtbot, db, open_pane, people, book, firms):
    add_last_year(db, people, firms.xinghe.id)
    pane = open_pane(people.clerk)
    assert not pane.statement_button.isEnabled()
    pane.table.selectRow(column(pane, COL_NUMBER).index("S5"))  # the April land of 星河
    assert pane.statement_button.isEnabled()
    pane.statement_button.click()
    dialog = pane.statement
    qtbot.waitUntil(lambda: dialog.statement is not None)
    assert dialog.heading.text() == f"上海星河智能科技有限公司 ({firms.xinghe.uscc})"
    years = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
    assert [item.text(0) for item in years] == [
        "2026: subsidies approved ¥1,500.00 · awards approved ¥0.00 · waiting for review ¥1,500.00",
        "2025: subsidies approved ¥333.34 · awards approved ¥0.00"]
    lines: list[QTreeWidgetItem] = [years[0].child(i) for i in range(years[0].childCount())]
    assert [ln.text(STATEMENT_AMOUNT) for ln in lines] == ["1,500.00", "351.85", "-351.85", "1,500.00"]
    assert years[1].childCount() == 1
    assert dialog.summary.text() == "Approved in all years: subsidies ¥1,833.34, awards ¥0.00."
    dialog.reject()
    qtbot.waitUntil(lambda: pane.statement is None)


def test_an_approval_elsewhere_shows_in_the_totals(qtbot, db, open_pane, people, book):
    pane = open_pane(people.clerk)
    approvals.approve(db, actor=people.reviewer, entry_ids=[book.land_april])
    pane.context.bus.changed.emit("subsidy_entry", book.land_april)
    qtbot.waitUntil(lambda: "of which approved ¥103,150.00" in pane.totals_label.text())
    assert column(pane, COL_STATUS)[1] == "Approved"  # S5


def test_a_hidden_ledger_catches_up_when_shown(qtbot, db, open_pane, people, book):
    pane = open_pane(people.clerk)
    pane.hide()
    approvals.approve(db, actor=people.reviewer, entry_ids=[book.land_april])
    pane.context.bus.changed.emit("subsidy_entry", book.land_april)
    qtbot.wait(50)
    assert not pane.model.loading and column(pane, COL_STATUS)[1] == "Submitted"  # not asked yet
    pane.show()
    qtbot.waitUntil(lambda: column(pane, COL_STATUS)[1] == "Approved")
    qtbot.waitUntil(lambda: "of which approved ¥103,150.00" in pane.totals_label.text())
