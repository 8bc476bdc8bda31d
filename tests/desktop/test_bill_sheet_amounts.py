"""Amounts on the bill sheet that say what they are: a subsidy of 0.00 says why, a typing slip of
a billion yuan is caught as it is typed, a refusal names the firm and the cell, and no amount is
ever cut off with "…"."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from db.engine import Database
from db.errors import ChangedMeanwhile, ValidationError
from db.money import subsidy_rules as rules
from db.services import policy
from db.services.enterprises import FirstTenancy, register_enterprise
from db.services.subsidies import Bill, save_bills, submit_entries
from desktop.bill_sheet.bill_sheet_model import (
    COL_BILL_TOTAL,
    COL_SUBSIDY_TOTAL,
    ERROR_ROLE,
    SHORTFALL_ROLE,
    cell_at,
    column_of,
)
from tests.conftest import firm_fields, valid_uscc
from tests.desktop.test_bill_sheet import PERIOD, cell, entries, go_to, open_pane, row_of, type_keys


@pytest.fixture
def rates(db: Database, people) -> None:  # noqa: ANN001
    for category, rate, cap in (("land", 1500, 12_000_000), ("electricity", 1500, 10**11),
                                ("water", 0, 100_000)):
        policy.set_policy_rate(db, actor=people.admin, category=category, valid_from=date(2026, 1, 1),
                               rate_bp=rate, yearly_cap_fen=cap)


def test_the_rules_say_why_a_subsidy_is_short():
    why = rules.shortfall(100_000, 1500, 12_000_000, 0, 0, category="land", period="2026-03")
    assert (why.code, why.message()) == ("cap_reached", "Yearly cap of ¥120,000.00 reached")
    assert rules.shortfall(100_000, 1500, 12_000_000, 5_000, 5_000, category="land",
                           period="2026-03").message() == (
        "Limited by the yearly cap of ¥120,000.00: ¥50.00 of it was left.")
    assert rules.shortfall(100_000, 0, 0, 0, 0, category="water", period="2026-03").message() == (
        "The rate for water is 0 % in 2026-03.")
    assert rules.shortfall(100_000, None, 0, 0, 0, category="water", period="2026-03").code == "no_rate"
    assert rules.shortfall(3, 1250, 100, 100, 0, category="land", period="2026-03").message() == (
        "12.5 % of this bill is less than one fen.")
    assert rules.shortfall(100_000, 1500, 12_000_000, 12_000_000, 15_000, category="land",
                           period="2026-03") is None


def test_a_subsidy_of_zero_says_why_on_its_cell(qtbot, db, people, firms, rates, make_context):  # noqa: ANN001
    save_bills(db, actor=people.clerk, zone_id=1, period="2026-02",  # the year's land cap, used up
               bills=[Bill(firms.xinghe.id, "land", 100_000_000)])
    pane = open_pane(qtbot, make_context(people.clerk))
    row = row_of(pane, firms.xinghe.id)
    go_to(pane, row, "land")
    type_keys(qtbot, "1000")
    assert cell(pane, row, "land", "subsidy") == "0.00"
    assert cell(pane, row, "land", "subsidy", SHORTFALL_ROLE) == "Yearly cap of ¥120,000.00 reached"
    assert cell(pane, row, "land", "subsidy", Qt.ItemDataRole.ToolTipRole).startswith(
        "Yearly cap of ¥120,000.00 reached\n")
    go_to(pane, row, "water")
    type_keys(qtbot, "500")
    assert cell(pane, row, "water", "subsidy", SHORTFALL_ROLE) == "The rate for water is 0 % in 2026-03."
    other = row_of(pane, firms.lanxin.id)
    go_to(pane, other, "land")
    type_keys(qtbot, "1000")  # 150.00: nothing to explain
    assert cell(pane, other, "land", "subsidy", SHORTFALL_ROLE) is None
    pane.save()
    qtbot.waitUntil(lambda: len(entries(db)) == 4 and not pane.busy)  # saved: still said
    assert cell(pane, row, "land", "subsidy", SHORTFALL_ROLE) == "Yearly cap of ¥120,000.00 reached"


def test_a_billion_yuan_slip_is_caught_as_it_is_typed_naming_firm_and_cell(qtbot, db, people, firms,
                                                                           rates, make_context,
                                                                           modal_log):  # noqa: ANN001
    pane = open_pane(qtbot, make_context(people.clerk))
    row = row_of(pane, firms.yunyi.id)
    go_to(pane, row, "electricity")
    type_keys(qtbot, "1000000000.01", end=None)  # while it is typed, before Enter
    assert "typing slip" in pane.status.text()
    type_keys(qtbot, "", end=Qt.Key.Key_Return)
    assert "typing slip" in cell(pane, row, "electricity", "amount", ERROR_ROLE)
    assert "typing slip" in cell(pane, row, "electricity", "amount", Qt.ItemDataRole.ToolTipRole)
    assert cell(pane, row, "electricity", "amount", Qt.ItemDataRole.BackgroundRole).color().name() == "#ffd6d6"
    go_to(pane, row, "land")
    type_keys(qtbot, "1000000000")  # a billion itself is a bill
    assert cell(pane, row, "land", "amount", ERROR_ROLE) is None
    modal_log.answer = True
    pane.submit()
    qtbot.wait(50)
    assert entries(db) == [] and modal_log.questions == []
    assert pane.status.text() == (
        "1 cells are marked wrong: correct them first, nothing was saved. 上海云翼低空飞行器有限公司, "
        "Electricity bill (¥) of 2026-03: A bill of more than 1,000,000,000 yuan is surely a typing slip.")


def test_db_refusals_name_the_firm_and_the_cell(db, people, firms, rates):  # noqa: ANN001
    with pytest.raises(ValidationError) as refused:
        save_bills(db, actor=people.clerk, zone_id=1, period=PERIOD,
                   bills=[Bill(firms.lanxin.id, "electricity", 100_000_000_001)])
    assert str(refused.value) == ("上海蓝芯集成电路有限公司, electricity bill of 2026-03: A bill of more "
                                  "than 1,000,000,000 yuan is surely a typing slip.")
    assert refused.value.field == f"{firms.lanxin.id}:electricity"
    ids = save_bills(db, actor=people.clerk, zone_id=1, period=PERIOD, bills=[Bill(firms.lanxin.id, "land", 100)])
    submit_entries(db, actor=people.clerk, entry_ids=ids)
    with pytest.raises(ChangedMeanwhile, match="^上海蓝芯集成电路有限公司, land bill of 2026-03: Entry .* is "
                                               "no longer a draft"):
        submit_entries(db, actor=people.clerk, entry_ids=ids)


def test_no_amount_is_cut_off(qtbot, db, people, firms, rates, make_context):  # noqa: ANN001
    for n in range(30):  # more firms than the grid shows: the widest amounts out of sight
        register_enterprise(db, actor=people.admin, fields=firm_fields(
            uscc=valid_uscc(), name=f"上海祖冲之{n:02d}号科技有限公司"), zone_id=1,
            tenancy=FirstTenancy(f"D栋{n}", 8000, date(2025, 1, 1)))
    pane = open_pane(qtbot, make_context(people.clerk))
    last = pane.model.sheet.rows[-1].enterprise_id
    ids = save_bills(db, actor=people.clerk, zone_id=1, period=PERIOD, bills=[
        Bill(last, "electricity", 99_999_999_999), Bill(last, "land", 99_999_999_999)])
    submit_entries(db, actor=people.clerk, entry_ids=ids)
    pane.reload()
    qtbot.waitUntil(lambda: cell(pane, pane.model.rowCount() - 1, "electricity", "amount") == "999,999,999.99")
    table = pane.table
    assert table.rowAt(table.viewport().height() - 1) < pane.model.rowCount() - 1  # out of sight

    def check() -> None:
        metrics, header = table.fontMetrics(), table.horizontalHeader()
        money = [c for c in range(pane.model.columnCount())
                 if cell_at(c) is None or cell_at(c)[1] in ("amount", "subsidy")]
        for column in money:
            longest = max((pane.model.index(r, column).data() or "" for r in range(pane.model.rowCount())),
                          key=metrics.horizontalAdvance)
            assert header.sectionSize(column) >= metrics.horizontalAdvance(longest), (column, longest)
            assert metrics.elidedText(longest, Qt.TextElideMode.ElideRight, header.sectionSize(column) - 8) \
                == longest, (column, longest)

    check()
    assert "· submitted" in cell(pane, pane.model.rowCount() - 1, "electricity", "subsidy")
    before = table.horizontalHeader().sectionSize(column_of("water", "amount"))
    go_to(pane, 0, "water")
    type_keys(qtbot, "999999999.99")  # typed wider than the column was: it grows
    assert table.horizontalHeader().sectionSize(column_of("water", "amount")) > before
    assert pane.model.index(0, COL_BILL_TOTAL).data() and pane.model.index(0, COL_SUBSIDY_TOTAL).data()
    check()
