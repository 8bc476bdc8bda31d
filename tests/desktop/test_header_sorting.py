"""A click on a column's header sorts the list: in SQL for the paged firms list (every page in
that order, ties by id), in memory for the short lists; the header shows the arrow."""

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from db.errors import ValidationError
from db.queries.enterprises import EnterpriseFilter, enterprise_page
from desktop.enterprises import enterprise_table_model
from desktop.enterprises.enterprise_table_model import COL_CONTACT, COL_NAME, COL_USCC
from desktop.enterprises.enterprises_pane import EnterprisesPane
from desktop.staff.staff_pane import StaffPane, StaffTableModel


def click_header(qtbot, table, column: int) -> None:  # noqa: ANN001
    header = table.horizontalHeader()
    point = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
                   header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)


def column(model, col: int) -> list[str]:  # noqa: ANN001
    return [model.index(row, col).data() for row in range(model.rowCount())]


def test_the_firms_query_sorts_by_a_listed_column_only(db, people, firms):
    by_name = enterprise_page(db, actor=people.admin, flt=EnterpriseFilter(), sort=("name", False))
    assert [r.name for r in by_name] == sorted(f.name for f in firms.all)
    backwards = enterprise_page(db, actor=people.admin, flt=EnterpriseFilter(text="上海"),
                                sort=("contact", True))
    assert [r.contact_name for r in backwards] == sorted((r.contact_name for r in by_name), reverse=True)
    # pages follow the order: the second page goes on where the first stopped
    pages = [enterprise_page(db, actor=people.admin, flt=EnterpriseFilter(), sort=("zone", True),
                             offset=offset, limit=2) for offset in (0, 2, 4)]
    ids = [r.id for page in pages for r in page]
    assert ids == [firms.hailan.id, firms.xingchen.id, firms.xinghe.id, firms.lanxin.id, firms.yunyi.id]
    # a clerk's zone (rows read and searched one by one) sorts alike
    assert [r.name for r in enterprise_page(db, actor=people.clerk, flt=EnterpriseFilter(text="shanghai"),
                                            sort=("name", True))] \
        == sorted((f.name for f in firms.in_zone(1)), reverse=True)
    with pytest.raises(ValidationError):
        enterprise_page(db, actor=people.admin, flt=EnterpriseFilter(), sort=("e.id; DROP TABLE x", False))


@pytest.mark.parametrize("actor", ["admin"], indirect=True)
def test_clicking_a_header_sorts_the_firms_in_the_database(qtbot, context, firms, monkeypatch):
    monkeypatch.setattr(enterprise_table_model, "PAGE_SIZE", 2)  # so that more pages follow
    pane = EnterprisesPane(context)
    qtbot.addWidget(pane)
    pane.resize(1280, 640)
    pane.show()
    model, header = pane.model, pane.table.horizontalHeader()
    qtbot.waitUntil(lambda: model.count == 5)
    assert header.sortIndicatorSection() == -1  # registration order at first

    def click(col: int) -> None:
        click_header(qtbot, pane.table, col)
        qtbot.waitUntil(lambda: not model.loading and model.rowCount() >= 2)
        while model.canFetchMore(model.index(-1, -1)):
            model.fetchMore(model.index(-1, -1))
            qtbot.waitUntil(lambda: not model.loading)

    click(COL_NAME)
    assert header.sortIndicatorSection() == COL_NAME
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert column(model, COL_NAME) == sorted(f.name for f in firms.all)
    click(COL_NAME)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert column(model, COL_NAME) == sorted((f.name for f in firms.all), reverse=True)
    click(COL_USCC)
    assert column(model, COL_USCC) == sorted(f.uscc for f in firms.all)
    # the sort stays while the person filters
    pane.search.setText("星")
    qtbot.waitUntil(lambda: model.filter.text == "星" and model.count == 2)
    assert column(model, COL_USCC) == sorted(f.uscc for f in firms.all if "星" in f.name)
    click(COL_CONTACT)
    assert column(model, COL_CONTACT) == ["吴静", "赵敏"]  # by code point, as stored
    Path("/tmp/shots16").mkdir(exist_ok=True)
    pane.grab().save("/tmp/shots16/firms_sorted_by_contact.png")


@pytest.mark.parametrize("actor", ["admin"], indirect=True)
def test_clicking_a_header_sorts_a_short_list(qtbot, context, people):
    pane = StaffPane(context)
    qtbot.addWidget(pane)
    pane.resize(1100, 500)
    pane.show()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 5)
    given = column(pane.model, StaffTableModel.COL_USERNAME)
    click_header(qtbot, pane.table, StaffTableModel.COL_USERNAME)
    assert column(pane.model, StaffTableModel.COL_USERNAME) == sorted(given)
    click_header(qtbot, pane.table, StaffTableModel.COL_USERNAME)
    assert column(pane.model, StaffTableModel.COL_USERNAME) == sorted(given, reverse=True)
    assert pane.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_the_ledger_sorts_both_kinds_together_in_the_database(db, people, book):
    from db.queries.ledger import LedgerFilter, ledger_page
    flt = LedgerFilter()
    by_amount = ledger_page(db, actor=people.clerk, flt=flt, sort=("amount", True))
    assert [r.amount_fen for r in by_amount] == [10_000_000, 150_000, 150_000, 35_185, 15_000, 12_000, -35_185]
    assert [r.kind for r in by_amount][:1] == ["award"]  # the award among the entries, by its amount
    # paged by offset, in the same order
    pages = [ledger_page(db, actor=people.clerk, flt=flt, sort=("amount", True), offset=o, limit=3)
             for o in (0, 3, 6)]
    assert [(r.kind, r.id) for page in pages for r in page] == [(r.kind, r.id) for r in by_amount]
    by_month = ledger_page(db, actor=people.admin, flt=flt, sort=("month", False))
    assert [r.period for r in by_month] == sorted(r.period for r in by_month)
    with pytest.raises(ValidationError):
        ledger_page(db, actor=people.clerk, flt=flt, sort=("x.id", False))


def test_clicking_a_ledger_header_sorts_it(qtbot, show_pane, people, book):
    from desktop.ledger.ledger_model import COL_AMOUNT, COL_FIRM, COL_NOTE, FEN_ROLE
    from desktop.ledger.ledger_pane import LedgerPane
    pane = show_pane(LedgerPane, people.clerk, (1280, 600),
                     lambda p: p.model.totals is not None and not p.model.loading)
    model, header = pane.model, pane.table.horizontalHeader()

    def click(col: int) -> None:
        click_header(qtbot, pane.table, col)
        qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 7)

    click(COL_AMOUNT)
    amounts = [model.index(r, COL_AMOUNT).data(FEN_ROLE) for r in range(model.rowCount())]
    assert amounts == sorted(amounts)
    click(COL_AMOUNT)
    assert [model.index(r, COL_AMOUNT).data(FEN_ROLE) for r in range(model.rowCount())] \
        == sorted(amounts, reverse=True)
    click(COL_FIRM)
    assert column(model, COL_FIRM) == sorted(column(model, COL_FIRM))
    assert header.sortIndicatorSection() == COL_FIRM
    click_header(qtbot, pane.table, COL_NOTE)  # free text: not sorted, the arrow stays
    assert header.sortIndicatorSection() == COL_FIRM
