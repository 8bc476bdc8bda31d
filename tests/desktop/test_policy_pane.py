"""The Policy pane on a real temp database: an administrator sets a rate, a budget (one over the
programme cap refused at the amount field), a programme limit, closes and reopens a month
(audited); a clerk gets no edit actions and db/ refuses them anyway."""

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QPushButton

from db.errors import PermissionDenied
from db.queries.audit import recent_events
from db.queries.policy import policy
from db.services import policy as policy_service
from desktop.policy.policy_dialogs import percent_bp
from desktop.policy.policy_models import BudgetTableModel, RateTableModel
from desktop.policy.policy_pane import PolicyPane
from tests.ledger_data import BUDGET_FEN, YEAR, make_book, set_policy


@pytest.fixture
def open_pane(qtbot, db, people, make_context, modal_log):
    set_policy(db, people)

    def make(actor) -> PolicyPane:
        pane = PolicyPane(make_context(actor))
        qtbot.addWidget(pane)
        pane.resize(1100, 600)
        pane.show()
        qtbot.waitUntil(lambda: pane.rates.rowCount() == 4 and pane.settings.rowCount() == 3
                        and pane.used_loaded)
        return pane
    return make


def cell(model, row: int, column: int) -> str:  # noqa: ANN001
    return model.index(row, column).data()


def save(qtbot, pane: PolicyPane, dialog) -> None:  # noqa: ANN001
    """Saves the dialog and waits until the pane shows what was saved (or the refusal)."""
    with qtbot.waitSignal(pane.context.bus.changed, timeout=3000):
        dialog.save()
    qtbot.waitUntil(lambda: not pane.context.runner.busy)


def actions(pane: PolicyPane) -> list[tuple[str, str]]:
    return sorted((e.action, e.entity_id) for e in recent_events(pane.context.db, actor=pane.context.actor,
                                                                  limit=5))


def test_every_table_shows_yuan_with_separators(open_pane, people, qtmodeltester):
    pane = open_pane(people.admin)
    for model in (pane.rates, pane.budgets, pane.settings, pane.award_rates, pane.closed):
        qtmodeltester.check(model)
    assert [cell(pane.rates, 0, c) for c in range(4)] == ["Land", "2026-01-01", "15.00 %", "¥50,000.00"]
    assert cell(pane.settings, 0, 1) == "¥15,000,000,000.00"
    assert cell(pane.settings, 1, 1) == "¥400,000,000,000.00"
    assert cell(pane.settings, 2, 1) == "¥30,000,000.00"
    assert [cell(pane.award_rates, r, 2) for r in range(2)] == ["¥300,000.00", "¥100,000.00"]
    assert pane.budgets.rowCount() == 9
    assert pane.budget_total.text() == ("All budgets together: ¥8,500,000.00 of the programme cap of"
                                        " ¥15,000,000,000.00")


def test_an_administrator_sets_a_rate(qtbot, db, open_pane, people):
    pane = open_pane(people.admin)
    dialog = pane.new_rate()
    dialog.category.setCurrentIndex(dialog.category.findData("electricity"))
    dialog.valid_from.setDate(QDate(YEAR, 7, 1))
    dialog.share.setText("12.5％")
    dialog.cap.setText("30,000")
    save(qtbot, pane, dialog)
    qtbot.waitUntil(lambda: pane.rates.rowCount() == 5)
    rate = next(r for r in policy(db, actor=people.admin, year=YEAR).rates
                if r.category == "electricity" and r.valid_from == date(YEAR, 7, 1))
    assert (rate.rate_bp, rate.yearly_cap_fen) == (1250, 3_000_000)
    assert ("policy.rate", str(rate.id)) in actions(pane)
    assert pane.dialog is None  # closed on saving


def test_a_share_that_is_not_a_percentage_is_marked_at_its_field(open_pane, people):
    pane = open_pane(people.admin)
    dialog = pane.new_rate()
    dialog.share.setText("fifteen")
    dialog.cap.setText("30,000")
    dialog.save()
    assert dialog.errors.message_of("rate_bp") == "Write the share as a percentage such as 15 or 12.5."
    dialog.share.setText("15")
    dialog.cap.setText("30.000,00")
    dialog.save()
    assert "is not an amount" in dialog.errors.message_of("yearly_cap_fen")
    assert dialog.errors.message_of("rate_bp") == ""
    assert [percent_bp(t) for t in ("15", "12.5 %", "１２．０５", "0.01", "1.234", "-1")] == [
        1500, 1250, 1205, 1, None, None]


def test_an_administrator_sets_a_budget_and_the_programme_cap_holds(qtbot, db, open_pane, people,
                                                                    modal_log):
    pane = open_pane(people.admin)
    pane.tables["budgets"].selectRow(0)
    dialog = pane.edit_budget()
    assert (dialog.zone.currentData(), dialog.category.currentData()) == (1, "land")
    assert dialog.amount_line.text() == "1,000,000.00"
    dialog.amount_line.setText("¥2,000,000.50")
    save(qtbot, pane, dialog)
    qtbot.waitUntil(lambda: cell(pane.budgets, 0, BudgetTableModel.COL_BUDGET) == "¥2,000,000.50"
                    and pane.used_loaded)
    assert cell(pane.budgets, 0, BudgetTableModel.COL_LEFT) == "¥2,000,000.50"
    assert pane.budgets.index(0, BudgetTableModel.COL_BUDGET).data(BudgetTableModel.FEN_ROLE) == 200_000_050

    over = pane.new_budget()
    over.zone.setCurrentIndex(over.zone.findData(3))
    over.amount_line.setText("15,000,000,000")
    over.save()
    qtbot.waitUntil(lambda: over.errors.message_of("amount_fen") != "")
    assert over.errors.message_of("amount_fen") == (
        "All budgets together would reach ¥15,009,500,000.50, over the programme cap of "
        "¥15,000,000,000.00 by ¥9,500,000.50.")
    assert over.isVisible() and modal_log.errors == []
    assert {b.zone_id for b in policy(db, actor=people.admin, year=YEAR).budgets} == {1, 2}
    over.reject()


def test_an_administrator_changes_a_programme_limit(qtbot, db, open_pane, people):
    pane = open_pane(people.admin)
    pane.tables["settings"].selectRow(2)
    dialog = pane.edit_setting()
    dialog.value.setText("35,000,000")
    save(qtbot, pane, dialog)
    qtbot.waitUntil(lambda: cell(pane.settings, 2, 1) == "¥35,000,000.00")
    assert ("policy.setting", "guarantee_cap_per_firm_fen") in actions(pane)


def test_an_administrator_closes_and_reopens_a_month(qtbot, open_pane, people):
    pane = open_pane(people.admin)
    dialog = pane.close_month()
    dialog.period.setText(f"{YEAR}-01")
    save(qtbot, pane, dialog)
    qtbot.waitUntil(lambda: pane.closed.rowCount() == 1)
    assert cell(pane.closed, 0, 0) == f"{YEAR}-01" and cell(pane.closed, 0, 1) == "管理员"
    assert ("period.close", f"{YEAR}-01") in actions(pane)

    pane.tables["closed"].selectRow(0)
    assert pane.buttons["reopen_month"].isEnabled()
    reopen = pane.reopen_month()
    reopen.save()
    qtbot.waitUntil(lambda: reopen.errors.message_of("reason") != "")
    assert reopen.errors.message_of("reason") == "This field is required."
    reopen.reason.setPlainText("补录一月份漏报的电费")
    save(qtbot, pane, reopen)
    qtbot.waitUntil(lambda: pane.closed.rowCount() == 0)
    event = next(e for e in recent_events(pane.context.db, actor=people.admin, limit=5)
                 if e.action == "period.reopen")
    assert event.entity_id == f"{YEAR}-01" and event.after["reason"] == "补录一月份漏报的电费"


def test_a_clerk_reads_the_policy_but_gets_no_edit_actions(db, open_pane, people):
    pane = open_pane(people.clerk)
    assert pane.buttons == {}
    assert pane.findChildren(QPushButton) == []
    assert not pane.may_edit and not pane.may_close
    assert {pane.budgets.index(r, 0).data(RateTableModel.ROW_ROLE).zone_id
            for r in range(pane.budgets.rowCount())} == {1}
    with pytest.raises(PermissionDenied):
        policy_service.set_policy_rate(db, actor=people.clerk, category="land", valid_from=date(YEAR, 7, 1),
                                       rate_bp=10_000, yearly_cap_fen=1)
    with pytest.raises(PermissionDenied):
        policy_service.set_budget(db, actor=people.clerk, zone_id=1, year=YEAR, category="land",
                                  amount_fen=BUDGET_FEN * 2)
    with pytest.raises(PermissionDenied):
        policy_service.close_period(db, actor=people.clerk, period=f"{YEAR}-01")


def test_budgets_show_what_they_used_and_have_left(qtbot, db, people, firms, open_pane):
    make_book(db, people, (firms.xinghe.id, firms.lanxin.id, firms.yunyi.id, firms.hailan.id),
              with_policy=False)
    pane = open_pane(people.admin)
    rows = {(pane.budgets.index(r, 0).data(BudgetTableModel.ROW_ROLE).zone_id,
             pane.budgets.index(r, 0).data(BudgetTableModel.ROW_ROLE).category): r
            for r in range(pane.budgets.rowCount())}
    land_1, giant_1 = rows[(1, "land")], rows[(1, "little_giant")]
    assert cell(pane.budgets, land_1, BudgetTableModel.COL_USED) == "¥1,500.00"
    assert cell(pane.budgets, land_1, BudgetTableModel.COL_LEFT) == "¥998,500.00"
    assert cell(pane.budgets, giant_1, BudgetTableModel.COL_USED) == "¥100,000.00"
    assert cell(pane.budgets, rows[(2, "land")], BudgetTableModel.COL_LEFT) == "¥997,000.00"
