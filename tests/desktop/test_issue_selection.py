"""The issue dialog issues exactly the rows the person sees ticked: nothing is ticked at first,
ticks survive a reload (other months) as shown, "Select none" unticks every row, hidden or not,
a row a filter hides is never issued, and more than a handful is confirmed first, naming the
count and the total. Issue 16: a reload used to tick every row again and issue them all."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from db.queries.certificates import CertificateFilter, certificate_page
from db.services import approvals, policy, subsidies
from db.services.enterprises import FirstTenancy, register_enterprise
from desktop.certificates.candidate_table_model import CandidateTableModel
from tests.conftest import firm_fields, valid_uscc
from tests.desktop.test_certificates_pane import open_issue_dialog, open_pane  # noqa: F401 (a fixture)

LONG = ("上海超长名称乙号科技有限公司", "上海超长名称甲号科技有限公司")  # in the order listed


@pytest.fixture
def ten_firms(db, people):
    """Ten firms of zone 1 with an approved electricity bill in March (1,000 yuan: 150 yuan of
    subsidy) and one in October (2,000 yuan: 300); two of them named 超长."""
    policy.set_policy_rate(db, actor=people.admin, category="electricity", valid_from=date(2026, 1, 1),
                           rate_bp=1500, yearly_cap_fen=10_000_000)
    policy.set_budget(db, actor=people.admin, zone_id=1, year=2026, category="electricity",
                      amount_fen=100_000_000)
    names = [*LONG, *(f"上海普通{n}号科技有限公司" for n in range(8))]
    firms = [register_enterprise(db, actor=people.admin,
                                 fields=firm_fields(uscc=valid_uscc(400_000_000 + 7919 * n), name=name),
                                 zone_id=1, tenancy=FirstTenancy(f"D栋{n}", 5_000, date(2025, 1, 1)))
             for n, name in enumerate(names)]
    for period, amount in (("2026-03", 1_000_00), ("2026-10", 2_000_00)):
        ids = subsidies.save_bills(db, actor=people.clerk, zone_id=1, period=period,
                                   bills=[subsidies.Bill(f, "electricity", amount) for f in firms])
        subsidies.submit_entries(db, actor=people.clerk, entry_ids=ids)
        approvals.approve(db, actor=people.reviewer, entry_ids=ids)
    return firms


def ticked(dialog) -> list[str]:  # noqa: ANN001
    model = dialog.model
    return [model.index(r, 0).data() for r in range(model.rowCount())
            if model.index(r, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked]


def tick(dialog, row: int) -> None:  # noqa: ANN001
    dialog.model.setData(dialog.model.index(row, CandidateTableModel.COL_FIRM), Qt.CheckState.Checked,
                         Qt.ItemDataRole.CheckStateRole)


def issued(db, people) -> int:  # noqa: ANN001
    return len(certificate_page(db, actor=people.clerk, flt=CertificateFilter(), limit=100))


def test_the_sequence_of_the_issue_issues_one_certificate(qtbot, db, people, ten_firms, open_pane,  # noqa: F811
                                                          modal_log):
    pane = open_pane(people.clerk)
    dialog = open_issue_dialog(qtbot, pane, "subsidy")
    assert dialog.model.total() == 10
    assert ticked(dialog) == [] and dialog.summary.text() == "0 of 10 chosen"  # nothing ticked at first
    assert not dialog.issue_button.isEnabled()
    dialog.none_button.click()
    dialog.filter.setText("超长")
    tick(dialog, 0)
    assert ticked(dialog) == [LONG[0]]
    assert dialog.summary.text() == "1 of 10 chosen · total ¥450.00"
    # another end month: read again, the tick kept as shown, the count and the button with it
    dialog.month_to.setText("2026-09")
    qtbot.keyClick(dialog.month_to, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.loaded and dialog.months() == ("2026-01", "2026-09"), timeout=5000)
    assert [c.name for c in dialog.candidate_rows()] == list(LONG)
    assert ticked(dialog) == [LONG[0]]
    assert dialog.summary.text() == "1 of 10 chosen · total ¥150.00"
    assert dialog.issue_button.text() == "Issue 1 certificate" and dialog.issue_button.isEnabled()
    dialog.filter.clear()
    assert ticked(dialog) == [LONG[0]] and dialog.summary.text() == "1 of 10 chosen · total ¥150.00"
    dialog.issue_button.click()
    qtbot.waitUntil(lambda: pane.preview is not None, timeout=10_000)
    assert issued(db, people) == 1 and modal_log.questions == []


def test_hidden_ticks_are_never_issued_and_a_batch_is_confirmed(qtbot, db, people, ten_firms,
                                                                open_pane, modal_log):  # noqa: F811
    pane = open_pane(people.clerk)
    dialog = open_issue_dialog(qtbot, pane, "subsidy")
    dialog.all_button.click()
    assert len(ticked(dialog)) == 10 and dialog.summary.text() == "10 of 10 chosen · total ¥4,500.00"
    dialog.filter.setText("超长")  # eight ticked rows hidden: said, and not issued
    assert dialog.summary.text() == ("2 of 10 chosen · total ¥900.00 · 8 ticked row(s) hidden by the "
                                     "filter will not be issued")
    assert dialog.issue_button.text() == "Issue 2 certificates"
    assert [r.enterprise_id for r in dialog.requests()] == ten_firms[:2]
    dialog.none_button.click()  # with a filter on: every tick goes, hidden ones too
    dialog.filter.clear()
    assert ticked(dialog) == [] and dialog.summary.text() == "0 of 10 chosen"
    dialog.filter.setText("超长")
    dialog.all_button.click()  # with a filter on: only the rows shown
    dialog.filter.clear()
    assert ticked(dialog) == list(LONG) and dialog.issue_button.text() == "Issue 2 certificates"

    dialog.all_button.click()
    dialog.issue_button.click()  # ten: asked first, and No issues nothing
    question = ("Issue 10 certificates (Subsidy confirmation) for Z01 Huangpu zone 1 (to be confirmed), "
                "certifying ¥4,500.00 in all? Certificates cannot be deleted, only revoked.")
    assert modal_log.questions == [question]
    assert dialog.task is None and dialog.isVisible() and issued(db, people) == 0
    modal_log.answer = True
    dialog.issue_button.click()
    qtbot.waitUntil(lambda: pane.preview is not None, timeout=20_000)
    assert modal_log.questions == [question, question] and issued(db, people) == 10


def test_a_batch_without_amounts_is_confirmed_with_its_count(qtbot, db, people, ten_firms,
                                                             open_pane, modal_log):  # noqa: F811
    dialog = open_issue_dialog(qtbot, open_pane(people.clerk), "tenancy")
    dialog.all_button.click()
    dialog.issue_button.click()
    assert modal_log.questions == ["Issue 10 certificates (Tenancy confirmation) for Z01 Huangpu zone 1 "
                                   "(to be confirmed)? Certificates cannot be deleted, only revoked."]
    assert issued(db, people) == 0
