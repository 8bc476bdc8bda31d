"""Subsidy arithmetic at its edges: rounding half up to the fen, min(bill × rate, cap left),
the rate of the month, the firm's yearly cap, zone budgets and the programme cap.

`Desk` (rates, budgets, firms and entries of a test database) is shared by the other money
tests of this folder.
"""

import sqlite3
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db import audit
from db.access import Actor
from db.engine import Database
from db.errors import ValidationError
from db.models.money import CATEGORIES
from db.money import subsidy_rules as rules
from db.queries.bill_sheet import bill_sheet
from db.services import approvals, limits, policy, subsidies
from db.services.enterprises import FirstTenancy, register_enterprise
from db.services.subsidies import Bill
from tests.conftest import Staff, firm_fields
from tests.rules.raw_sql import raw_connection

YEAR = 2026
# basis points, yearly cap per firm in fen
RATES = {"land": (1000, 50_000_000), "electricity": (1500, 30_000_000), "water": (1000, 5_000_000),
         "internet": (2000, 2_000_000)}
BIG_BUDGET = 100_000_000_000  # 1,000,000,000 yuan: never in the way unless a test lowers it


class Desk:
    """The money side of a test database: the four rates from 2026-01-01, a budget for every
    category of zones 1 and 2 in 2026 (unless told otherwise), and short ways to make entries."""

    _firms = 0

    def __init__(self, db: Database, people: Staff, *, rates: bool = True, budgets: bool = True) -> None:
        self.db, self.people = db, people
        if rates:
            self.set_rates(date(YEAR, 1, 1))
        if budgets:
            for zone_id in (1, 2):
                self.set_budgets(zone_id=zone_id)

    # policy
    def set_rates(self, valid_from: date, **changes: tuple[int, int]) -> None:
        for category, (rate_bp, cap) in (RATES | changes).items():
            policy.set_policy_rate(self.db, actor=self.people.admin, category=category,
                                   valid_from=valid_from, rate_bp=rate_bp, yearly_cap_fen=cap)

    def set_budgets(self, *, zone_id: int = 1, year: int = YEAR, amount_fen: int = BIG_BUDGET,
                    categories: tuple[str, ...] = policy.BUDGET_CATEGORIES) -> None:
        for category in categories:
            policy.set_budget(self.db, actor=self.people.admin, zone_id=zone_id, year=year,
                              category=category, amount_fen=amount_fen)

    # firms and entries
    def firm(self, *, zone_id: int = 1, start_on: date = date(2025, 1, 1), clerk: Actor | None = None) -> int:
        Desk._firms += 1
        clerk = clerk or (self.people.clerk if zone_id == 1 else self.people.clerk2)
        return register_enterprise(self.db, actor=clerk, zone_id=zone_id,
                                   fields=firm_fields(name=f"上海测试{Desk._firms}号科技有限公司"),
                                   tenancy=FirstTenancy("A栋101", 10_000, start_on))

    def save(self, firm: int, category: str, period: str, billed_fen: int, *, zone_id: int = 1,
             actor: Actor | None = None, quantity_x100: int = 0) -> int:
        actor = actor or (self.people.clerk if zone_id == 1 else self.people.clerk2)
        (entry_id,) = subsidies.save_bills(self.db, actor=actor, zone_id=zone_id, period=period,
                                           bills=[Bill(firm, category, billed_fen, quantity_x100)])
        return entry_id

    def submitted(self, firm: int, category: str, period: str, billed_fen: int, *, zone_id: int = 1,
                  actor: Actor | None = None) -> int:
        actor = actor or (self.people.clerk if zone_id == 1 else self.people.clerk2)
        entry_id = self.save(firm, category, period, billed_fen, zone_id=zone_id, actor=actor)
        subsidies.submit_entries(self.db, actor=actor, entry_ids=[entry_id])
        return entry_id

    def approved(self, firm: int, category: str, period: str, billed_fen: int, *, zone_id: int = 1,
                 actor: Actor | None = None, reviewer: Actor | None = None) -> int:
        entry_id = self.submitted(firm, category, period, billed_fen, zone_id=zone_id, actor=actor)
        approvals.approve(self.db, actor=reviewer or self.people.reviewer, entry_ids=[entry_id])
        return entry_id

    def rejected(self, firm: int, category: str, period: str, billed_fen: int) -> int:
        entry_id = self.submitted(firm, category, period, billed_fen)
        approvals.reject(self.db, actor=self.people.reviewer, reason="账单不符", entry_ids=[entry_id])
        return entry_id

    def reversed(self, entry_id: int) -> int:
        """Reverses an approved entry and has the reversal approved; returns the reversal."""
        reversal = subsidies.reverse_entry(self.db, actor=self.people.clerk, entry_id=entry_id,
                                           reason="账单开错")
        approvals.approve(self.db, actor=self.people.reviewer, entry_ids=[reversal])
        return reversal

    # reading the file as it is
    def query(self, sql: str, *values: object) -> list[sqlite3.Row]:
        connection = raw_connection(self.db)
        connection.row_factory = sqlite3.Row
        try:
            return connection.execute(sql, values).fetchall()
        finally:
            connection.close()

    def row(self, table: str, row_id: int) -> dict[str, object] | None:
        rows = self.query(f"SELECT * FROM {table} WHERE id = ?", row_id)
        return dict(rows[0]) if rows else None

    def entry(self, entry_id: int) -> dict[str, object]:
        return self.row("subsidyentry", entry_id)

    def table(self, table: str) -> list[dict[str, object]]:
        return [dict(r) for r in self.query(f"SELECT * FROM {table} ORDER BY 1")]

    def seq(self) -> int:
        return self.query("SELECT coalesce(max(seq), 0) FROM auditevent")[0][0]

    def events_since(self, seq: int) -> list[tuple[str, str, str]]:
        return [tuple(r) for r in self.query(
            "SELECT action, entity_type, entity_id FROM auditevent WHERE seq > ? ORDER BY seq", seq)]

    def cap_used(self, firm: int, category: str, year: int = YEAR) -> int:
        with self.db.reading() as uow:
            return limits.cap_used(uow.session, firm, category, year)

    def audit_ok(self) -> None:
        check = audit.verify(self.db)
        assert check.ok, check


@pytest.fixture
def desk(db, people) -> Desk:
    return Desk(db, people)


# --- the arithmetic ---------------------------------------------------------------------------

@pytest.mark.parametrize(("billed_fen", "rate_bp", "share"), [
    (5, 1000, 1),  # 0.5 fen exactly: up
    (4, 1000, 0),  # 0.4 fen: down
    (15, 1000, 2),  # 1.5: up
    (25, 1000, 3),  # 2.5: up (banker's rounding would give 2)
    (1, 5000, 1),  # 0.5
    (5000, 1, 1),  # 0.5000
    (4999, 1, 0),  # 0.4999: just below half
    (14999, 1, 1),  # 1.4999
    (15000, 1, 2),  # 1.5
    (9999, 1, 1),  # 0.9999
    (1_234_570, 1500, 185_186),  # 185,185.5 fen
    (1_234_569, 1500, 185_185),  # 185,185.35 fen
    (0, 1500, 0),
    (123_456, 0, 0),
    (123_456, 10_000, 123_456),  # 100 %
    (100_000_000_000, 1500, 15_000_000_000),  # 1 billion yuan at 15 %
])
def test_bill_share_rounds_half_up_to_the_fen(billed_fen, rate_bp, share):
    assert rules.bill_share(billed_fen, rate_bp) == share


@given(st.integers(min_value=0, max_value=10**13), st.integers(min_value=0, max_value=10_000))
def test_bill_share_is_decimal_half_up(billed_fen, rate_bp):
    exact = Decimal(billed_fen) * rate_bp / rules.BASIS_POINTS
    assert rules.bill_share(billed_fen, rate_bp) == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@pytest.mark.parametrize(("cap_left", "subsidy"), [
    (10**9, 150_000),  # far from the cap: the share
    (150_001, 150_000),
    (150_000, 150_000),  # the cap reached exactly
    (149_999, 149_999),  # what is left of the cap
    (1, 1),
    (0, 0),  # the cap used up
    (-1, 0),  # already over the cap (lowered since): 0, never negative
    (-10**9, 0),
])
def test_subsidy_is_the_share_within_what_is_left_of_the_cap(cap_left, subsidy):
    assert rules.subsidy(1_000_000, 1500, cap_left) == subsidy


@given(st.integers(min_value=0, max_value=10**13), st.integers(min_value=0, max_value=10_000),
       st.integers(min_value=-10**13, max_value=10**13))
def test_subsidy_never_negative_never_above_the_share_or_the_cap(billed_fen, rate_bp, cap_left):
    amount = rules.subsidy(billed_fen, rate_bp, cap_left)
    assert 0 <= amount <= rules.bill_share(billed_fen, rate_bp)
    assert amount <= max(cap_left, 0)
    assert amount == rules.bill_share(billed_fen, rate_bp) or amount == max(cap_left, 0)


def test_periods():
    assert rules.parse_period(" 2026-11 ") == "2026-11"
    for bad in ("2026-13", "2026-00", "2026-1", "26-11", "2026/11", "1999-12", ""):
        with pytest.raises(ValidationError):
            rules.parse_period(bad)
    assert rules.period_end("2026-02") == date(2026, 2, 28)
    assert rules.period_end("2028-02") == date(2028, 2, 29)
    assert rules.period_end("2026-12") == date(2026, 12, 31)
    assert rules.period_of(date(2026, 1, 31)) == "2026-01"


# --- the service computes the same ----------------------------------------------------------

def test_the_service_rounds_half_up(desk):
    firm = desk.firm()
    half = desk.save(firm, "electricity", "2026-01", 1_234_570)  # 185,185.5 fen
    below = desk.save(firm, "electricity", "2026-02", 1_234_569)  # 185,185.35 fen
    assert desk.entry(half)["subsidy_fen"] == 185_186
    assert desk.entry(below)["subsidy_fen"] == 185_185
    assert desk.entry(half)["rate_bp"] == 1500


def test_the_cap_is_reached_exactly_and_then_nothing_is_left(desk):
    firm = desk.firm()  # internet: 20 %, 20,000 yuan a year
    ids = [desk.save(firm, "internet", f"2026-{m:02d}", 4_000_000) for m in (1, 2, 3, 4)]
    assert [desk.entry(i)["subsidy_fen"] for i in ids] == [800_000, 800_000, 400_000, 0]
    assert desk.cap_used(firm, "internet") == 2_000_000
    # a bill whose share is exactly what is left takes all of it
    other = desk.firm()
    ids = [desk.save(other, "internet", f"2026-{m:02d}", b) for m, b in ((1, 5_000_000), (2, 5_000_000))]
    assert [desk.entry(i)["subsidy_fen"] for i in ids] == [1_000_000, 1_000_000]
    assert desk.entry(desk.save(other, "internet", "2026-03", 1))["subsidy_fen"] == 0
    # another category, another firm and another year have caps of their own
    assert desk.entry(desk.save(other, "electricity", "2026-03", 1_000_000))["subsidy_fen"] == 150_000
    assert desk.entry(desk.save(desk.firm(), "internet", "2026-03", 5_000_000))["subsidy_fen"] == 1_000_000
    assert desk.entry(desk.save(other, "internet", "2027-01", 5_000_000))["subsidy_fen"] == 1_000_000


def test_a_cap_lowered_below_what_was_taken_gives_0_never_negative(desk, people):
    firm = desk.firm()
    desk.approved(firm, "internet", "2026-01", 4_000_000)
    desk.approved(firm, "internet", "2026-02", 4_000_000)  # 16,000 yuan taken
    desk.set_rates(date(2026, 3, 1), internet=(2000, 1_000_000))  # the cap lowered to 10,000 yuan
    march = desk.save(firm, "internet", "2026-03", 4_000_000)
    assert desk.entry(march)["subsidy_fen"] == 0
    sheet = bill_sheet(desk.db, actor=people.clerk, zone_id=1, period="2026-03")
    (row,) = [r for r in sheet.rows if r.enterprise_id == firm]
    assert row.cap_left_fen["internet"] == -600_000
    assert sheet.subsidy(row, "internet", 4_000_000) == 0


def test_a_rate_applies_from_the_first_day_of_its_month(db, people):
    desk = Desk(db, people, rates=False)
    firm = desk.firm()
    with pytest.raises(ValidationError, match="No subsidy rate"):
        desk.save(firm, "electricity", "2026-02", 1_000_000)
    desk.set_rates(date(2026, 3, 1), electricity=(2000, 30_000_000))
    desk.set_rates(date(2026, 4, 15), electricity=(2500, 30_000_000))
    desk.set_rates(date(2026, 5, 31), electricity=(3000, 30_000_000))
    with db.reading() as uow:
        assert limits.rate_for(uow.session, "electricity", "2026-02") is None
        assert limits.rate_for(uow.session, "electricity", "2026-03").rate_bp == 2000
        assert limits.rate_for(uow.session, "electricity", "2026-04").rate_bp == 2000  # 1 April: still 20 %
        assert limits.rate_for(uow.session, "electricity", "2026-05").rate_bp == 2500
        assert limits.rate_for(uow.session, "electricity", "2026-06").rate_bp == 3000
        assert limits.rate_for(uow.session, "electricity", "2030-06").rate_bp == 3000
    for period, rate_bp in (("2026-03", 2000), ("2026-04", 2000), ("2026-05", 2500), ("2026-06", 3000)):
        entry = desk.entry(desk.save(firm, "electricity", period, 1_000_000))
        assert (entry["rate_bp"], entry["subsidy_fen"]) == (rate_bp, rate_bp * 100), period
    # a rate of the same day replaces the one set before
    desk.set_rates(date(2026, 5, 31), electricity=(1000, 30_000_000))
    assert len(desk.query("SELECT * FROM policyrate WHERE category = 'electricity'")) == 3
    assert desk.entry(desk.save(firm, "electricity", "2026-07", 1_000_000))["rate_bp"] == 1000


def test_the_cap_counts_the_years_live_entries_and_frees_rejected_ones(desk):
    firm = desk.firm()
    draft = desk.save(firm, "internet", "2026-01", 2_500_000)  # 5,000 yuan each
    submitted = desk.submitted(firm, "internet", "2026-02", 2_500_000)
    approved = desk.approved(firm, "internet", "2026-03", 2_500_000)
    rejected = desk.rejected(firm, "internet", "2026-04", 2_500_000)
    assert desk.cap_used(firm, "internet") == 1_500_000  # draft, submitted, approved; not rejected
    assert desk.entry(rejected)["subsidy_fen"] == 500_000
    may = desk.save(firm, "internet", "2026-05", 5_000_000)
    assert desk.entry(may)["subsidy_fen"] == 500_000  # the rejected one's share is free again
    with desk.db.reading() as uow:
        # the draft being retyped does not count against itself
        assert limits.cap_used(uow.session, firm, "internet", YEAR, leaving_out=may) == 1_500_000
    retyped = desk.save(firm, "internet", "2026-05", 1_000_000)
    assert retyped == may and desk.entry(may)["subsidy_fen"] == 200_000
    assert desk.cap_used(firm, "internet", 2027) == 0
    assert {draft, submitted, approved} < {r["id"] for r in desk.table("subsidyentry")}


def test_an_approved_reversal_frees_the_cap(desk):
    firm = desk.firm()
    first = desk.approved(firm, "internet", "2026-01", 10_000_000)  # the whole cap
    assert desk.entry(desk.save(firm, "internet", "2026-02", 1_000_000))["subsidy_fen"] == 0
    reversal = subsidies.reverse_entry(desk.db, actor=desk.people.clerk, entry_id=first, reason="开错")
    assert desk.cap_used(firm, "internet") == 2_000_000  # a reversal waiting for review frees nothing
    approvals.approve(desk.db, actor=desk.people.reviewer, entry_ids=[reversal])
    assert desk.cap_used(firm, "internet") == 0
    assert desk.entry(desk.save(firm, "internet", "2026-02", 1_000_000))["subsidy_fen"] == 200_000


def test_the_bill_sheet_computes_what_the_service_will_save(desk, people):
    firm, other = desk.firm(), desk.firm()
    desk.approved(firm, "internet", "2026-01", 6_000_000)  # 12,000 of 20,000 yuan
    march = desk.approved(firm, "internet", "2026-03", 2_500_000)  # 5,000 more
    desk.reversed(march)  # ... given back
    desk.save(firm, "water", "2026-03", 1_000_000)
    desk.approved(other, "internet", "2026-02", 9_000_000)  # 18,000 yuan
    sheet = bill_sheet(desk.db, actor=people.clerk, zone_id=1, period="2026-03")
    rows = {r.enterprise_id: r for r in sheet.rows}
    assert rows[firm].cap_left_fen["internet"] == 800_000  # the reversed March entry nets to 0
    assert rows[other].cap_left_fen["internet"] == 200_000
    assert rows[firm].cap_left_fen["water"] == 5_000_000  # this month's own draft not counted
    assert set(rows[firm].cells) == {"water"}  # the reversed entry is no longer the month's entry
    for typed in (1, 4_000_000, 4_000_002, 4_000_003, 9_999_999):
        for enterprise_id, row in rows.items():
            expected = sheet.subsidy(row, "internet", typed)
            saved = desk.save(enterprise_id, "internet", "2026-03", typed)
            assert desk.entry(saved)["subsidy_fen"] == expected, (enterprise_id, typed)


# --- budgets ----------------------------------------------------------------------------------

def test_approval_beyond_the_budget_left_is_refused_and_says_by_how_much(db, people):
    desk = Desk(db, people, budgets=False)
    desk.set_budgets(categories=("internet",), amount_fen=1_000_000)  # 10,000 yuan
    firms = [desk.firm() for _ in range(4)]
    desk.approved(firms[0], "internet", "2026-01", 4_000_000)  # 8,000 yuan
    late = desk.submitted(firms[1], "internet", "2026-01", 1_750_000)  # 3,500 yuan asked, 2,000 left
    before, seq = desk.entry(late), desk.seq()
    with pytest.raises(ValidationError) as refused:
        approvals.approve(db, actor=people.reviewer, entry_ids=[late])
    message = refused.value.message()
    assert "by ¥1,500.00" in message and "¥2,000.00 left" in message and "¥3,500.00 asked" in message
    assert refused.value.field == "budget"
    assert desk.entry(late) == before and desk.seq() == seq
    # two entries each within what is left, but not together: the batch is refused whole
    a = desk.submitted(firms[2], "internet", "2026-02", 600_000)  # 1,200 yuan
    b = desk.submitted(firms[3], "internet", "2026-02", 450_000)  # 900 yuan
    with pytest.raises(ValidationError, match="by ¥100.00"):
        approvals.approve(db, actor=people.reviewer, entry_ids=[a, b])
    assert {desk.entry(a)["status"], desk.entry(b)["status"]} == {"submitted"}
    # exactly what is left is allowed, and then nothing is
    approvals.approve(db, actor=people.reviewer, entry_ids=[a])
    one_fen_over = desk.submitted(firms[0], "internet", "2026-03", 400_005)  # 800.01 yuan
    with pytest.raises(ValidationError, match=r"by ¥0\.01 \(¥800\.00 left"):
        approvals.approve(db, actor=people.reviewer, entry_ids=[one_fen_over])
    exact = desk.submitted(firms[2], "internet", "2026-03", 400_000)  # 800 yuan: the last 800
    approvals.approve(db, actor=people.reviewer, entry_ids=[exact])
    with db.reading() as uow:
        assert limits.budget_used(uow.session, 1, YEAR, "internet") == 1_000_000
    with pytest.raises(ValidationError, match=r"by ¥900\.00 \(¥0\.00 left"):
        approvals.approve(db, actor=people.reviewer, entry_ids=[b])
    # a zone without a budget for the year approves nothing
    with pytest.raises(ValidationError, match="by ¥200.00"):
        approvals.approve(db, actor=people.reviewer, entry_ids=[desk.submitted(firms[3], "water", "2026-01", 200_000)])


def test_an_approved_reversal_gives_the_budget_back(db, people):
    desk = Desk(db, people, budgets=False)
    desk.set_budgets(categories=("internet",), amount_fen=800_000)
    first = desk.approved(desk.firm(), "internet", "2026-01", 4_000_000)  # the whole budget
    other = desk.submitted(desk.firm(), "internet", "2026-01", 500_000)
    with pytest.raises(ValidationError, match="budget"):
        approvals.approve(db, actor=people.reviewer, entry_ids=[other])
    desk.reversed(first)
    approvals.approve(db, actor=people.reviewer, entry_ids=[other])
    with db.reading() as uow:
        assert limits.budget_used(uow.session, 1, YEAR, "internet") == 100_000


CAP = 1_500_000_000_000  # 15,000,000,000 yuan


def test_all_budgets_together_stay_within_the_programme_cap(db, people):
    desk = Desk(db, people, rates=False, budgets=False)
    admin = people.admin
    policy.set_budget(db, actor=admin, zone_id=1, year=2026, category="land", amount_fen=CAP - 1_000)
    policy.set_budget(db, actor=admin, zone_id=2, year=2027, category="little_giant", amount_fen=1_000)
    seq = desk.seq()
    with pytest.raises(ValidationError) as refused:
        policy.set_budget(db, actor=admin, zone_id=3, year=2026, category="water", amount_fen=1)
    assert "over the programme cap of ¥15,000,000,000.00 by ¥0.01" in refused.value.message()
    assert desk.seq() == seq and len(desk.table("budget")) == 2
    # changing a budget counts its new amount, not both
    policy.set_budget(db, actor=admin, zone_id=1, year=2026, category="land", amount_fen=CAP - 1_001)
    policy.set_budget(db, actor=admin, zone_id=3, year=2026, category="water", amount_fen=1)
    with pytest.raises(ValidationError, match="by ¥0.01"):
        policy.set_budget(db, actor=admin, zone_id=1, year=2026, category="land", amount_fen=CAP - 1_000)
    # the cap cannot be lowered below the budgets given out; exactly to them it can
    with pytest.raises(ValidationError, match="total ¥15,000,000,000.00"):
        policy.set_programme_setting(db, actor=admin, key="budget_cap_fen", value_fen=CAP - 1)
    policy.set_budget(db, actor=admin, zone_id=3, year=2026, category="water", amount_fen=0)
    policy.set_programme_setting(db, actor=admin, key="budget_cap_fen", value_fen=CAP - 1)
    with pytest.raises(ValidationError, match="by ¥0.01"):
        policy.set_budget(db, actor=admin, zone_id=3, year=2026, category="water", amount_fen=1)
    policy.set_programme_setting(db, actor=admin, key="budget_cap_fen", value_fen=CAP + 100)
    policy.set_budget(db, actor=admin, zone_id=3, year=2026, category="water", amount_fen=101)
    assert sum(b["amount_fen"] for b in desk.table("budget")) == CAP + 100


@pytest.mark.parametrize(("call", "values"), [
    (policy.set_policy_rate, {"category": "fuel", "valid_from": date(2026, 1, 1), "rate_bp": 1, "yearly_cap_fen": 1}),
    (policy.set_policy_rate, {"category": "land", "valid_from": date(2026, 1, 1), "rate_bp": 10_001, "yearly_cap_fen": 1}),
    (policy.set_policy_rate, {"category": "land", "valid_from": date(2026, 1, 1), "rate_bp": -1, "yearly_cap_fen": 1}),
    (policy.set_policy_rate, {"category": "land", "valid_from": date(2026, 1, 1), "rate_bp": 1, "yearly_cap_fen": -1}),
    (policy.set_budget, {"zone_id": 1, "year": 2026, "category": "fuel", "amount_fen": 1}),
    (policy.set_budget, {"zone_id": 1, "year": 2026, "category": "land", "amount_fen": -1}),
    (policy.set_budget, {"zone_id": 9_999, "year": 2026, "category": "land", "amount_fen": 1}),
    (policy.set_programme_setting, {"key": "free_money", "value_fen": 1}),
    (policy.set_programme_setting, {"key": "loan_quota_fen", "value_fen": -1}),
    (policy.set_award_rate, {"level": "district", "valid_from": date(2026, 1, 1), "amount_fen": 1}),
    (policy.set_award_rate, {"level": "national", "valid_from": date(2026, 1, 1), "amount_fen": -1}),
])
def test_bad_policy_values_are_refused(db, people, call, values):
    desk = Desk(db, people, rates=False, budgets=False)
    seq = desk.seq()
    with pytest.raises(ValidationError):
        call(db, actor=people.admin, **values)
    assert desk.seq() == seq


def test_only_administrators_set_policy(db, people):
    from db.errors import PermissionDenied
    for actor in (people.clerk, people.reviewer, people.auditor):
        with pytest.raises(PermissionDenied):
            policy.set_policy_rate(db, actor=actor, category="land", valid_from=date(2026, 1, 1),
                                   rate_bp=1, yearly_cap_fen=1)
        with pytest.raises(PermissionDenied):
            policy.set_budget(db, actor=actor, zone_id=1, year=2026, category="land", amount_fen=1)
        with pytest.raises(PermissionDenied):
            policy.close_period(db, actor=actor, period="2026-01")


def test_each_policy_change_is_one_audit_event(db, people):
    desk = Desk(db, people, rates=False, budgets=False)
    seq = desk.seq()
    desk.set_rates(date(2026, 1, 1))
    policy.set_budget(db, actor=people.admin, zone_id=1, year=2026, category="land", amount_fen=5)
    policy.set_budget(db, actor=people.admin, zone_id=1, year=2026, category="land", amount_fen=6)
    policy.set_programme_setting(db, actor=people.admin, key="loan_quota_fen", value_fen=7)
    policy.set_award_rate(db, actor=people.admin, level="national", valid_from=date(2026, 6, 1),
                          amount_fen=50_000_000)
    policy.close_period(db, actor=people.admin, period="2026-01")
    policy.reopen_period(db, actor=people.admin, period="2026-01", reason="补录")
    assert [e[0] for e in desk.events_since(seq)] == [
        *["policy.rate"] * len(CATEGORIES), "policy.budget", "policy.budget", "policy.setting",
        "policy.award_rate", "period.close", "period.reopen"]
    desk.audit_ok()
