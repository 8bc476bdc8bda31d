"""A bill the reviewer sends back comes back to the clerk's sheet, marked, with the reason; the
correction is a new draft (then submitted), and the rejected row stays in the record as it was."""

from datetime import date

import pytest

from db.errors import ZoneDeskError
from db.models import SubsidyEntry
from db.queries.bill_sheet import bill_sheet
from db.services import approvals, enterprises, policy, subsidies
from tests.conftest import firm_fields

PERIOD = "2026-10"
REASON = "账单编号与纸质账单不符，请核对后重新录入"


@pytest.fixture
def firm(db, people):
    policy.set_policy_rate(db, actor=people.admin, category="electricity", valid_from=date(2026, 1, 1),
                           rate_bp=1500, yearly_cap_fen=10_000_000)
    policy.set_budget(db, actor=people.admin, zone_id=1, year=2026, category="electricity",
                      amount_fen=100_000_000)
    return enterprises.register_enterprise(
        db, actor=people.clerk, fields=firm_fields(), zone_id=1,
        tenancy=enterprises.FirstTenancy("A栋1", 10_000, date(2025, 1, 1)))


def submitted(db, actor, firm, amount, reference):
    (entry_id,) = subsidies.save_bills(db, actor=actor, zone_id=1, period=PERIOD, bills=[
        subsidies.Bill(firm, "electricity", amount, 0, reference)])
    subsidies.submit_entries(db, actor=actor, entry_ids=[entry_id])
    return entry_id


def sheet_cell(db, actor, firm):
    (row,) = [r for r in bill_sheet(db, actor=actor, zone_id=1, period=PERIOD).rows
              if r.enterprise_id == firm]
    return row.cells.get("electricity")


def stored(db, entry_id):
    with db.reading() as uow:
        return uow.session.get(SubsidyEntry, entry_id).model_dump()


def test_a_rejected_bill_comes_back_to_the_sheet_with_its_reason(db, people, firm):
    rejected = submitted(db, people.clerk, firm, 2_000_00, "E-2610-7")
    approvals.reject(db, actor=people.reviewer, reason=REASON, entry_ids=[rejected])
    cell = sheet_cell(db, people.clerk, firm)
    assert cell is not None and cell.status == "rejected" and cell.sent_back
    assert (cell.entry_id, cell.reason, cell.billed_fen, cell.bill_reference) == (
        rejected, REASON, 2_000_00, "E-2610-7")
    # the reviewer reads the same sheet the same way
    assert sheet_cell(db, people.reviewer, firm).reason == REASON


def test_the_correction_is_a_new_entry_and_the_rejected_row_stays_as_it_was(db, people, firm):
    rejected = submitted(db, people.clerk, firm, 2_000_00, "E-2610-7")
    approvals.reject(db, actor=people.reviewer, reason=REASON, entry_ids=[rejected])
    before = stored(db, rejected)
    for refused in (subsidies.delete_drafts, subsidies.submit_entries):  # no path reuses the row
        with pytest.raises(ZoneDeskError):
            refused(db, actor=people.clerk, entry_ids=[rejected])
    # the sheet hands a sent-back bill's save as a new bill (nothing live to expect)
    corrected = submitted(db, people.clerk, firm, 2_100_00, "E-2610-8")
    assert corrected != rejected
    assert stored(db, rejected) == before  # frozen: status, amounts and reason untouched
    cell = sheet_cell(db, people.clerk, firm)
    assert (cell.entry_id, cell.status, cell.billed_fen, cell.reason) == (corrected, "submitted", 2_100_00, "")
    assert stored(db, corrected)["subsidy_fen"] == 31_500  # 15 % of 2,100 yuan
    # sent back twice: the latest rejection is the one shown
    approvals.reject(db, actor=people.reviewer, reason="金额有误", entry_ids=[corrected])
    assert (sheet_cell(db, people.clerk, firm).entry_id, sheet_cell(db, people.clerk, firm).reason) == (
        corrected, "金额有误")
    approvals.approve(db, actor=people.reviewer, entry_ids=[submitted(db, people.clerk, firm, 2_050_00, "")])
    assert sheet_cell(db, people.clerk, firm).status == "approved"
    assert stored(db, rejected) == before

