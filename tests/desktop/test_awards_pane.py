"""The Awards pane on a real temp database: little-giant awards and loan guarantees recorded,
submitted, approved in the Approvals pane, refused at the field, reversed to a net of 0."""

from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from sqlalchemy import text

from db.clock import today_shanghai
from db.queries.enterprises import enterprise_detail
from db.services.approvals import approve
from db.services.awards import record_little_giant, record_loan_guarantee
from db.services.policy import set_budget
from desktop.approvals.approval_queue_model import ApprovalQueueModel
from desktop.approvals.approvals_pane import ApprovalsPane
from desktop.awards.award_dialogs import AwardDialog, LittleGiantDialog, LoanGuaranteeDialog
from desktop.awards.awards_pane import AwardsPane, AwardTableModel

A = AwardTableModel


def award_sum(db, enterprise_id: int, status: str = "approved") -> int:
    with db.reading() as uow:
        return uow.session.connection().execute(text(
            "SELECT coalesce(sum(amount_fen), 0) FROM award WHERE enterprise_id = :firm"
            " AND status = :status"), {"firm": enterprise_id, "status": status}).scalar_one()


def award_count(db) -> int:
    with db.reading() as uow:
        return uow.session.connection().execute(text("SELECT count(*) FROM award")).scalar_one()


@pytest.fixture
def show(qtbot, make_context, modal_log):
    """show(PaneClass, actor) -> the pane, shown and loaded."""
    def make(pane_class, actor):  # noqa: ANN001, ANN202
        pane = pane_class(make_context(actor))
        qtbot.addWidget(pane)
        pane.resize(1280, 720)
        pane.show()
        qtbot.waitUntil(lambda: pane.loaded)
        return pane
    return make


def cell(pane: AwardsPane, award_id: int, column: int) -> str:
    return pane.model.index(pane.model.row_of(award_id), column).data()


def open_dialog(qtbot, button) -> AwardDialog:  # noqa: ANN001
    pane = button.parentWidget()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert isinstance(pane.dialog, AwardDialog) and pane.dialog.isVisible()
    return pane.dialog


def choose_firm(qtbot, dialog: AwardDialog, typed: str, name: str) -> None:
    """Types part of the name, waits for the suggestions and picks one, as the popup would."""
    dialog.firm.setFocus()
    qtbot.keyClicks(dialog.firm, typed)
    qtbot.waitUntil(lambda: any(name in s for s in dialog.firm._names.stringList()))
    suggestion = next(s for s in dialog.firm._names.stringList() if name in s)
    dialog.firm.completer_.activated.emit(suggestion)
    assert dialog.firm.firm is not None and dialog.firm.firm.name == name


def test_a_national_award_is_recorded_submitted_and_approved(qtbot, db, people, firms, show,
                                                            qtmodeltester, modal_log):
    set_budget(db, actor=people.admin, zone_id=1, year=today_shanghai().year,
               category="little_giant", amount_fen=1_000_000_00)
    pane = show(AwardsPane, people.clerk)
    assert pane.model.rowCount() == 0
    dialog = open_dialog(qtbot, pane.little_giant_button)
    assert isinstance(dialog, LittleGiantDialog)
    choose_firm(qtbot, dialog, "91310115", firms.yunyi.name)  # by its credit code
    qtbot.waitUntil(lambda: dialog.version is not None)
    assert dialog.firm_note.text() == "Not recognised yet."
    dialog.level.setCurrentIndex(dialog.level.findData("national"))
    dialog.recognised_on.setDate(date(2025, 3, 18))
    qtbot.waitUntil(lambda: dialog.amount.text() == "¥300,000.00")  # from the award rate
    dialog.submit_now.setChecked(False)  # a draft first
    qtbot.keyClick(dialog.document_no, Qt.Key.Key_Return)  # empty: refused at the field
    qtbot.waitUntil(lambda: dialog.errors.message_of("document_no") != "")
    assert dialog.errors.message_of("document_no") == "This field is required."
    qtbot.keyClicks(dialog.document_no, "GXB-2025-118")
    qtbot.keyClick(dialog.document_no, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.dialog is None)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
    award_id = pane.model.index(0, 0).data(A.ID_ROLE)
    assert [cell(pane, award_id, c) for c in (A.COL_FIRM, A.COL_KIND, A.COL_LEVEL, A.COL_RECOGNISED,
                                              A.COL_DOCUMENT, A.COL_AMOUNT, A.COL_STATUS)] == [
        firms.yunyi.name, "Little-giant award", "National little giant (小巨人)", "2025-03-18",
        "GXB-2025-118", "300,000.00", "Draft"]
    qtmodeltester.check(pane.model)
    detail = enterprise_detail(db, actor=people.clerk, enterprise_id=firms.yunyi.id)
    assert (detail.fields.giant_level, detail.fields.giant_recognised_on) == ("national", date(2025, 3, 18))
    assert [r.id for r in pane.selected()] == [award_id]  # the new award is selected
    assert pane.submit_button.isEnabled() and not pane.reverse_button.isEnabled()
    qtbot.mouseClick(pane.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cell(pane, award_id, A.COL_STATUS) == "Submitted")

    approvals = show(ApprovalsPane, people.reviewer)
    model = approvals.model
    assert model.rowCount() == 1
    assert model.index(0, ApprovalQueueModel.COL_ITEM).data() == "Little-giant award"
    assert model.index(0, ApprovalQueueModel.COL_AMOUNT).data() == "300,000.00"
    assert approvals.totals.label("shown", "awards").text() == "300,000.00"
    budget = approvals.budget_model
    assert budget.index(0, budget.COL_LEFT).data() == "1,000,000.00"
    approvals.select_all()
    assert budget.index(0, budget.COL_AFTER).data() == "700,000.00"
    modal_log.answer = True  # asked first
    approvals.approve_selected()
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    assert award_sum(db, firms.yunyi.id) == 300_000_00
    pane.reload()  # another window: the clerk's own program would hear of it at its next look
    qtbot.waitUntil(lambda: cell(pane, award_id, A.COL_STATUS) == "Approved")


def test_a_guarantee_over_the_firm_cap_is_refused_at_the_field(qtbot, db, people, firms, show):
    record_loan_guarantee(db, actor=people.clerk, enterprise_id=firms.lanxin.id, bank="上海银行",
                          loan_fen=40_000_000_00, term_months=36, guaranteed_fen=25_000_000_00)
    pane = show(AwardsPane, people.clerk)
    assert pane.model.rowCount() == 1
    assert cell(pane, pane.model.index(0, 0).data(A.ID_ROLE), A.COL_LOAN) == "40,000,000.00"
    count = award_count(db)
    dialog = open_dialog(qtbot, pane.guarantee_button)
    assert isinstance(dialog, LoanGuaranteeDialog)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.errors.message_of("enterprise_id") == "Choose a firm from the suggestions."
    dialog.firm.setFocus()
    qtbot.keyClicks(dialog.firm, firms.lanxin.uscc.lower())  # the whole code: chosen without a click
    qtbot.waitUntil(lambda: dialog.firm.firm is not None)
    assert dialog.firm.firm.id == firms.lanxin.id
    qtbot.waitUntil(lambda: "25,000,000.00" in dialog.firm_note.text())
    assert dialog.firm_note.text() == ("Guaranteed for this firm so far: ¥25,000,000.00 of "
                                       "¥30,000,000.00 (¥5,000,000.00 left).")
    dialog.bank.setText("招商银行上海分行")
    qtbot.keyClicks(dialog.loan, "12.3.4")  # marked as typed
    assert dialog.errors.message_of("loan_fen") == "The amount has more than one decimal point."
    dialog.loan.setText("¥10,000,000")
    assert dialog.errors.message_of("loan_fen") == ""
    dialog.guaranteed.setText("８，０００，０００")  # full width, as a Chinese IME types it
    qtbot.keyClick(dialog.guaranteed, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.errors.message_of("amount_fen") != "")
    assert dialog.errors.message_of("amount_fen") == (
        "The firm's guarantees would reach ¥33,000,000.00, over the ¥30,000,000.00 limit by "
        "¥3,000,000.00.")
    assert dialog.isVisible() and award_count(db) == count
    dialog.guaranteed.setText("5,000,000")  # exactly what is left
    qtbot.keyClick(dialog.guaranteed, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.dialog is None)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2)
    new = pane.selected()[0]
    assert (new.bank, new.loan_fen, new.term_months, new.amount_fen, new.status) == (
        "招商银行上海分行", 10_000_000_00, 36, 5_000_000_00, "submitted")


def test_a_reversed_award_nets_to_zero_once_approved(qtbot, db, people, firms, show, modal_log):
    set_budget(db, actor=people.admin, zone_id=1, year=today_shanghai().year,
               category="little_giant", amount_fen=1_000_000_00)
    version = enterprise_detail(db, actor=people.clerk, enterprise_id=firms.xinghe.id).version
    original = record_little_giant(db, actor=people.clerk, enterprise_id=firms.xinghe.id,
                                   expected_version=version, level="municipal",
                                   recognised_on=date(2025, 1, 10), document_no="沪经信〔2025〕3号")
    approve(db, actor=people.reviewer, award_ids=[original])
    pane = show(AwardsPane, people.clerk)
    pane.table.selectionModel().select(pane.model.index(pane.model.row_of(original), 0),
                                       QItemSelectionModel.SelectionFlag.Select
                                       | QItemSelectionModel.SelectionFlag.Rows)
    assert pane.reverse_button.isEnabled() and not pane.submit_button.isEnabled()
    qtbot.mouseClick(pane.reverse_button, Qt.MouseButton.LeftButton)
    dialog = pane.dialog
    assert "¥100,000.00" in dialog.prompt.text()
    dialog.ok_button.click()  # no reason: refused at the field
    qtbot.waitUntil(lambda: dialog.errors.message_of("reason") != "")
    assert dialog.errors.message_of("reason") == "Say why the entry is reversed."
    dialog.reason.setText("认定文件撤销")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2)
    reversal = next(r for r in (pane.model.index(i, 0).data(A.ROW_ROLE) for i in range(2))
                    if r.id != original)
    assert cell(pane, reversal.id, A.COL_AMOUNT) == "-100,000.00"
    assert cell(pane, reversal.id, A.COL_LINKS) == f"Reverses #{original}"
    assert cell(pane, original, A.COL_LINKS) == f"Reversal #{reversal.id} waiting for review"
    assert not pane.reverse_button.isEnabled()  # one reversal at a time

    approvals = show(ApprovalsPane, people.reviewer)
    row = approvals.model.row_of(("award", reversal.id))
    assert approvals.model.index(row, ApprovalQueueModel.COL_NOTE).data() == (
        f"Reverses #{original}: 认定文件撤销")
    approvals.select_all()
    modal_log.answer = True  # asked first
    approvals.approve_selected()
    qtbot.waitUntil(lambda: approvals.model.rowCount() == 0)
    assert modal_log.errors == []
    assert award_sum(db, firms.xinghe.id) == 0  # 100,000 and -100,000
    pane.reload()
    qtbot.waitUntil(lambda: cell(pane, original, A.COL_LINKS) == f"Reversed by #{reversal.id}")


def test_readers_get_no_buttons_and_the_filter_narrows_by_firm(qtbot, db, people, firms, show):
    for firm in (firms.xinghe, firms.yunyi):
        record_loan_guarantee(db, actor=people.clerk, enterprise_id=firm.id, bank="上海农商银行",
                              loan_fen=1_000_000_00, term_months=12, guaranteed_fen=800_000_00)
    pane = show(AwardsPane, people.auditor)
    for button in (pane.little_giant_button, pane.guarantee_button, pane.submit_button,
                   pane.reverse_button):
        assert button.isHidden()
    assert pane.model.rowCount() == 2 and pane.count_label.text() == "2 awards and guarantees"
    pane.filter.setText("云翼")
    assert pane.model.rowCount() == 1 and pane.count_label.text() == "1 of 2 awards and guarantees"
    assert pane.model.index(0, A.COL_FIRM).data() == firms.yunyi.name
    other_zone = show(AwardsPane, people.clerk2)  # zone 2 sees none of zone 1's
    assert other_zone.model.rowCount() == 0
    assert not other_zone.little_giant_button.isHidden()  # but records its own


def test_an_auditor_reads_the_queue_but_decides_nothing(qtbot, db, people, firms, show):
    record_loan_guarantee(db, actor=people.clerk, enterprise_id=firms.xinghe.id, bank="上海银行",
                          loan_fen=1_000_000_00, term_months=12, guaranteed_fen=800_000_00)
    approvals = show(ApprovalsPane, people.auditor)
    assert approvals.model.rowCount() == 1
    assert approvals.totals.label("shown", "guaranteed").text() == "800,000.00 (on 1,000,000.00)"
    assert approvals.approve_button.isHidden() and approvals.reject_button.isHidden()
    approvals.select_all()
    approvals.approve_selected()  # the shortcut does nothing either
    assert not approvals.context.runner.busy
    with db.reading() as uow:
        assert uow.session.connection().execute(text("SELECT status FROM award")).scalar_one() == "submitted"
