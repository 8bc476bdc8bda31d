"""The approved totals kept by triggers equal the approved entries, reversals netted, whatever
path approved them (the approval service, a bulk load of approved rows)."""

import sqlite3
from datetime import date

from db.services import approvals, enterprises, policy, subsidies
from tests.conftest import firm_fields


def by_entries(path) -> dict:
    with sqlite3.connect(path) as connection:
        return {row[:3]: row[3] for row in connection.execute(
            "SELECT zone_id, period, category, sum(subsidy_fen) FROM subsidyentry"
            " WHERE status = 'approved' GROUP BY 1, 2, 3")}


def by_totals(path) -> dict:
    with sqlite3.connect(path) as connection:
        return {row[:3]: row[3] for row in connection.execute(
            "SELECT zone_id, period, category, amount_fen FROM approvedtotal")}


def test_totals_follow_approvals_and_reversals(db, db_path, people):
    firm = enterprises.register_enterprise(
        db, actor=people.clerk, fields=firm_fields(), zone_id=1,
        tenancy=enterprises.FirstTenancy("A栋1", 10_000, date(2025, 1, 1)))
    for category in ("electricity", "water"):
        policy.set_policy_rate(db, actor=people.admin, category=category, valid_from=date(2026, 1, 1),
                               rate_bp=1500, yearly_cap_fen=10_000_000)
        policy.set_budget(db, actor=people.admin, zone_id=1, year=2026, category=category,
                          amount_fen=100_000_000)
    ids = []
    for month, amount in (("2026-03", 123_456), ("2026-04", 99_999)):
        ids += subsidies.save_bills(db, actor=people.clerk, zone_id=1, period=month, bills=[
            subsidies.Bill(firm, "electricity", amount), subsidies.Bill(firm, "water", amount // 3)])
    subsidies.submit_entries(db, actor=people.clerk, entry_ids=ids)
    approvals.approve(db, actor=people.reviewer, entry_ids=ids[:3])
    approvals.reject(db, actor=people.reviewer, entry_ids=ids[3:], reason="bill unreadable")
    assert by_totals(db_path) == by_entries(db_path) != {}
    reversal = subsidies.reverse_entry(db, actor=people.clerk, entry_id=ids[0], reason="wrong meter")
    approvals.approve(db, actor=people.reviewer, entry_ids=[reversal])
    totals = by_totals(db_path)
    assert totals == by_entries(db_path)
    assert totals[(1, "2026-03", "electricity")] == 0  # the entry and its reversal net out
    assert totals[(1, "2026-04", "electricity")] == 15_000  # 99,999 fen × 15 %, half up


def test_rows_loaded_already_approved_are_counted(db, db_path, people):
    firm = enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1)
    with sqlite3.connect(db_path) as connection:
        connection.executemany(
            "INSERT INTO subsidyentry (enterprise_id, zone_id, category, period, quantity_x100,"
            " billed_fen, subsidy_fen, rate_bp, bill_reference, status, reason, entered_by,"
            " entered_at, decided_by, decided_at, decision_note, version) VALUES"
            " (?, 1, ?, ?, 0, 10000, 1000, 1000, '', 'approved', '', ?, '2026-01-01', ?,"
            " '2026-01-02', '', 1)",
            [(firm, category, month, people.clerk.staff_id, people.reviewer.staff_id)
             for category, month in (("land", "2026-01"), ("land", "2026-02"), ("water", "2026-02"))])
    assert by_totals(db_path) == by_entries(db_path) == {
        (1, "2026-01", "land"): 1000, (1, "2026-02", "land"): 1000, (1, "2026-02", "water"): 1000}
