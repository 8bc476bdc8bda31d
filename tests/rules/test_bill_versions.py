"""Two people typing the same bill: the second save over the first is refused, never lost."""

from datetime import date

import pytest

from db.errors import ChangedMeanwhile
from db.queries.bill_sheet import bill_sheet
from db.services import enterprises, policy, subsidies
from tests.conftest import firm_fields


@pytest.fixture
def firm(db, people):
    policy.set_policy_rate(db, actor=people.admin, category="electricity", valid_from=date(2026, 1, 1),
                           rate_bp=1500, yearly_cap_fen=10_000_000)
    return enterprises.register_enterprise(
        db, actor=people.clerk, fields=firm_fields(), zone_id=1,
        tenancy=enterprises.FirstTenancy("A栋1", 10_000, date(2025, 1, 1)))


def saved(db, actor, firm, amount, seen):
    return subsidies.save_bills(db, actor=actor, zone_id=1, period="2026-11", bills=[
        subsidies.Bill(firm, "electricity", amount, expected_version=seen)])


def cell(db, actor, firm):
    (row,) = [r for r in bill_sheet(db, actor=actor, zone_id=1, period="2026-11").rows
              if r.enterprise_id == firm]
    return row.cells.get("electricity")


def test_the_second_of_two_new_bills_is_refused(db, people, firm):
    assert cell(db, people.clerk, firm) is None and cell(db, people.admin, firm) is None
    saved(db, people.clerk, firm, 100_00, seen=0)
    with pytest.raises(ChangedMeanwhile) as refused:
        saved(db, people.admin, firm, 999_00, seen=0)
    assert refused.value.field == f"{firm}:electricity"
    assert cell(db, people.admin, firm).billed_fen == 100_00


def test_an_edit_over_a_newer_save_is_refused(db, people, firm):
    saved(db, people.clerk, firm, 100_00, seen=0)
    opened = cell(db, people.admin, firm).version  # both open the sheet with version 1
    saved(db, people.clerk, firm, 200_00, seen=opened)
    with pytest.raises(ChangedMeanwhile):
        saved(db, people.admin, firm, 300_00, seen=opened)
    assert cell(db, people.clerk, firm).billed_fen == 200_00
    saved(db, people.admin, firm, 300_00, seen=cell(db, people.admin, firm).version)  # after a reload
    assert cell(db, people.clerk, firm).billed_fen == 300_00
