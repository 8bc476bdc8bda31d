"""Little-giant awards and loan guarantees: the amount in force on the recognition date, once
per firm and level, guarantees within the loan, the per-firm total and the programme quota,
the little-giant budget, reversals, and one audit event per change."""

from datetime import date

import pytest

from db.clock import today_shanghai
from db.errors import ChangedMeanwhile, PermissionDenied, ValidationError
from db.services import approvals, awards, limits, policy
from tests.rules.raw_sql import REFUSED, UNIQUE, raw_connection
from tests.rules.test_money_rules import Desk

YUAN = 100
MILLION = 1_000_000 * YUAN


@pytest.fixture
def desk(db, people) -> Desk:
    desk = Desk(db, people, budgets=False)
    desk.set_budgets(year=today_shanghai().year, categories=("little_giant",), amount_fen=10 * MILLION)
    return desk


def _version(desk: Desk, firm: int) -> int:
    return desk.row("enterprise", firm)["version"]


def giant(desk: Desk, firm: int, level: str = "municipal", on: date = date(2026, 5, 31), *,
          submit: bool = True) -> int:
    return awards.record_little_giant(desk.db, actor=desk.people.clerk, enterprise_id=firm,
                                      expected_version=_version(desk, firm), level=level,
                                      recognised_on=on, document_no="沪经信企〔2026〕12号", submit=submit)


def guarantee(desk: Desk, firm: int, guaranteed_fen: int, loan_fen: int | None = None, **kw) -> int:
    return awards.record_loan_guarantee(desk.db, actor=desk.people.clerk, enterprise_id=firm,
                                        bank=kw.get("bank", "上海银行"), loan_fen=loan_fen or guaranteed_fen,
                                        term_months=kw.get("term_months", 36),
                                        guaranteed_fen=guaranteed_fen, submit=kw.get("submit", True))


def approve(desk: Desk, *award_ids: int) -> None:
    approvals.approve(desk.db, actor=desk.people.reviewer, award_ids=list(award_ids))


# --- little giants ----------------------------------------------------------------------------

def test_the_award_is_the_amount_in_force_on_the_recognition_date(desk, db, people):
    before_change, on_change, after_change = desk.firm(), desk.firm(), desk.firm()
    policy.set_award_rate(db, actor=people.admin, level="municipal", valid_from=date(2026, 6, 1),
                          amount_fen=150_000 * YUAN)
    a = giant(desk, before_change, on=date(2026, 5, 31))
    b = giant(desk, on_change, on=date(2026, 6, 1))
    c = giant(desk, after_change, on=date(2026, 9, 30))
    national = giant(desk, before_change, "national", date(2025, 1, 1))
    assert [desk.row("award", i)["amount_fen"] for i in (a, b, c, national)] == [
        100_000 * YUAN, 150_000 * YUAN, 150_000 * YUAN, 300_000 * YUAN]
    assert desk.row("award", a)["recognised_on"] == "2026-05-31"
    firm = desk.row("enterprise", on_change)
    assert (firm["giant_level"], firm["giant_recognised_on"]) == ("municipal", "2026-06-01")
    with pytest.raises(ValidationError, match="No award amount"):  # before the policy
        giant(desk, desk.firm(), on=date(2024, 11, 30))
    with pytest.raises(ValidationError):  # not in the future
        giant(desk, desk.firm(), on=date.fromordinal(today_shanghai().toordinal() + 1))
    with pytest.raises(ValidationError, match="level"):
        giant(desk, desk.firm(), level="district")
    with pytest.raises(ChangedMeanwhile):  # a stale firm is not recognised over someone's save
        awards.record_little_giant(db, actor=people.clerk, enterprise_id=on_change, expected_version=1,
                                   level="national", recognised_on=date(2026, 7, 1), document_no="x")


def test_once_per_firm_and_level(desk, db, people):
    firm = desk.firm()
    first = giant(desk, firm, submit=False)
    for submit in (False, True):
        with pytest.raises(ValidationError, match="already has an award for this level"):
            giant(desk, firm, submit=submit)
    giant(desk, firm, "national", date(2026, 7, 1))  # the other level is another award
    awards.submit_awards(db, actor=people.clerk, award_ids=[first])
    approve(desk, first)
    with pytest.raises(ValidationError, match="already has an award"):
        giant(desk, firm)
    # the unique index refuses it whatever the path
    row = desk.row("award", first)
    columns = [c for c in row if c != "id"]
    connection = raw_connection(db)
    try:
        with pytest.raises(REFUSED, match=UNIQUE):
            connection.execute(f"INSERT INTO award ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                               [("submitted" if c == "status" else row[c]) for c in columns])
    finally:
        connection.close()
    # once reversed, the firm may be awarded again (a corrected recognition)
    reversal = awards.reverse_award(db, actor=people.clerk, award_id=first, reason="文号有误")
    with pytest.raises(ValidationError, match="already has an award"):
        giant(desk, firm)
    approve(desk, reversal)
    again = giant(desk, firm, on=date(2026, 6, 2))
    approvals.reject(db, actor=people.reviewer, reason="重复申报", award_ids=[again])
    giant(desk, firm, on=date(2026, 6, 3))  # a rejected one does not count either


def test_the_little_giant_budget_is_kept(desk, db, people):
    year = today_shanghai().year
    policy.set_budget(db, actor=people.admin, zone_id=1, year=year, category="little_giant",
                      amount_fen=500_000 * YUAN)
    national = giant(desk, desk.firm(), "national")  # 300,000
    municipal = [giant(desk, desk.firm()) for _ in range(3)]  # 100,000 each
    with pytest.raises(ValidationError) as refused:
        approve(desk, national, *municipal)
    assert "by ¥100,000.00 (¥500,000.00 left, ¥600,000.00 asked)" in refused.value.message()
    assert {desk.row("award", i)["status"] for i in (national, *municipal)} == {"submitted"}
    approve(desk, national, *municipal[:2])  # exactly the budget
    with pytest.raises(ValidationError, match=r"by ¥100,000\.00 \(¥0\.00 left"):
        approve(desk, municipal[2])
    reversal = awards.reverse_award(db, actor=people.clerk, award_id=municipal[0], reason="撤销认定")
    approve(desk, reversal)
    approve(desk, municipal[2])


def test_an_award_reversal_nets_to_0_and_needs_four_eyes(desk, db, people):
    firm = desk.firm()
    award = giant(desk, firm, "national")
    with pytest.raises(PermissionDenied):
        approvals.approve(db, actor=people.clerk, award_ids=[award])
    approve(desk, award)
    with pytest.raises(ValidationError, match="Say why"):
        awards.reverse_award(db, actor=people.clerk, award_id=award, reason=" ")
    reversal = awards.reverse_award(db, actor=people.admin, award_id=award, reason="撤销认定")
    with pytest.raises(ValidationError, match="already reversed"):
        awards.reverse_award(db, actor=people.clerk, award_id=award, reason="again")
    with pytest.raises(PermissionDenied, match="entered by you"):
        approvals.approve(db, actor=people.admin, award_ids=[reversal])
    seq = desk.seq()
    approve(desk, reversal)
    assert desk.events_since(seq) == [("award.approve", "award", str(reversal)),
                                      ("award.reversed", "award", str(award))]
    total = desk.query("SELECT sum(amount_fen), sum(loan_fen) FROM award WHERE id IN (?, ?)", award, reversal)[0]
    assert tuple(total) == (0, 0)
    assert desk.row("award", award)["reversed_by_id"] == reversal
    with pytest.raises(ValidationError, match="Only an approved entry"):
        awards.reverse_award(db, actor=people.clerk, award_id=reversal, reason="x")


# --- loan guarantees --------------------------------------------------------------------------

def test_a_guarantee_is_at_most_the_loan(desk, db, people):
    firm = desk.firm()
    seq = desk.seq()
    for guaranteed, loan in ((MILLION + 1, MILLION), (0, MILLION), (-1, MILLION)):
        with pytest.raises(ValidationError, match="at most the loan"):
            guarantee(desk, firm, guaranteed, loan)
    with pytest.raises(ValidationError, match="loan amount"):
        guarantee(desk, firm, 1, -5)
    for term in (0, 361):
        with pytest.raises(ValidationError, match="1 to 360"):
            guarantee(desk, firm, MILLION, term_months=term)
    with pytest.raises(ValidationError):
        guarantee(desk, firm, MILLION, bank="  ")
    assert desk.seq() == seq
    whole = guarantee(desk, firm, MILLION, MILLION)
    part = guarantee(desk, firm, MILLION, 3 * MILLION)
    assert (desk.row("award", part)["loan_fen"], desk.row("award", part)["amount_fen"]) == (3 * MILLION, MILLION)
    assert [e[0] for e in desk.events_since(seq)] == ["award.record", "award.record"]
    connection = raw_connection(db)
    try:  # the table refuses it too
        with pytest.raises(REFUSED, match="guarantee_within_loan"):
            connection.execute("UPDATE award SET amount_fen = loan_fen + 1 WHERE id = ?", (whole,))
    finally:
        connection.close()


def test_a_firm_is_guaranteed_30_million_yuan_at_most_in_total(desk, db, people):
    firm, other = desk.firm(), desk.firm()
    first = guarantee(desk, firm, 10 * MILLION, 20 * MILLION)
    second = guarantee(desk, firm, 15 * MILLION, 15 * MILLION, submit=False)
    approve(desk, first)
    third = guarantee(desk, firm, 5 * MILLION, 8 * MILLION)  # 30,000,000 exactly
    with pytest.raises(ValidationError) as refused:
        guarantee(desk, firm, 1, 10 * MILLION)
    assert "would reach ¥30,000,000.01, over the ¥30,000,000.00 limit by ¥0.01" in refused.value.message()
    guarantee(desk, other, 30 * MILLION)  # each firm has a limit of its own
    approvals.reject(db, actor=people.reviewer, reason="材料不全", award_ids=[third])
    guarantee(desk, firm, 5 * MILLION)  # a rejected guarantee frees its share
    reversal = awards.reverse_award(db, actor=people.clerk, award_id=first, reason="贷款未放款")
    with pytest.raises(ValidationError, match="over the ¥30,000,000.00 limit"):
        guarantee(desk, firm, 10 * MILLION)  # a reversal frees nothing until approved
    approve(desk, reversal)
    guarantee(desk, firm, 10 * MILLION)
    # the limit is the administrator's; approval checks it again
    policy.set_programme_setting(db, actor=people.admin, key="guarantee_cap_per_firm_fen", value_fen=20 * MILLION)
    awards.submit_awards(db, actor=people.clerk, award_ids=[second])
    with pytest.raises(ValidationError, match="would exceed ¥20,000,000.00"):
        approve(desk, second)
    assert desk.row("award", second)["status"] == "submitted"


def test_all_guaranteed_loans_stay_within_the_quota(desk, db, people):
    quota = desk.query("SELECT value FROM programmesetting WHERE key = 'loan_quota_fen'")[0][0]
    assert quota == 400_000 * MILLION  # 400,000,000,000 yuan
    policy.set_programme_setting(db, actor=people.admin, key="loan_quota_fen", value_fen=100 * MILLION)
    first = guarantee(desk, desk.firm(), 10 * MILLION, 60 * MILLION)
    guarantee(desk, desk.firm(), 10 * MILLION, 40 * MILLION)  # 100,000,000 exactly
    late = desk.firm()
    with pytest.raises(ValidationError, match="quota of ¥100,000,000.00"):
        guarantee(desk, late, 1, 1)
    approve(desk, first)
    reversal = awards.reverse_award(db, actor=people.clerk, award_id=first, reason="提前还款")
    approve(desk, reversal)
    waiting = guarantee(desk, late, 10 * MILLION, 60 * MILLION)  # the reversal freed 60,000,000
    # lowered below what is already guaranteed: nothing more is approved
    policy.set_programme_setting(db, actor=people.admin, key="loan_quota_fen", value_fen=99 * MILLION)
    with pytest.raises(ValidationError, match="quota of ¥99,000,000.00"):
        approve(desk, waiting)
    policy.set_programme_setting(db, actor=people.admin, key="loan_quota_fen", value_fen=100 * MILLION)
    approve(desk, waiting)


def test_awards_stay_in_the_clerks_zones(desk, db, people):
    firm = desk.firm()
    with pytest.raises(PermissionDenied):
        awards.record_loan_guarantee(db, actor=people.clerk2, enterprise_id=firm, bank="上海银行",
                                     loan_fen=MILLION, term_months=12, guaranteed_fen=MILLION)
    with pytest.raises(PermissionDenied):
        awards.record_little_giant(db, actor=people.reviewer, enterprise_id=firm,
                                   expected_version=_version(desk, firm), level="municipal",
                                   recognised_on=date(2026, 1, 5), document_no="x")


def test_each_award_change_is_one_audit_event(desk, db, people):
    firm = desk.firm()
    seq = desk.seq()
    award = giant(desk, firm, submit=False)
    assert desk.events_since(seq) == [("award.record", "award", str(award)),
                                      ("enterprise.recognise", "enterprise", str(firm))]
    seq = desk.seq()
    national = giant(desk, firm, "national", date(2026, 5, 31))  # the firm changes level: two changes
    assert [e[0] for e in desk.events_since(seq)] == ["award.record", "enterprise.recognise"]
    seq = desk.seq()
    loans = [guarantee(desk, firm, MILLION, submit=False) for _ in range(2)]
    assert awards.submit_awards(db, actor=people.clerk, award_ids=[award, *loans]) == 3
    assert [e[0] for e in desk.events_since(seq)] == ["award.record"] * 2 + ["award.submit"] * 3
    seq = desk.seq()
    approve(desk, award, national, loans[0])
    approvals.reject(db, actor=people.reviewer, reason="重复", award_ids=[loans[1]])
    assert desk.events_since(seq) == [("award.approve", "award", str(i)) for i in (award, national, loans[0])] \
        + [("award.reject", "award", str(loans[1]))]
    with pytest.raises(ValidationError, match="no longer a draft"):
        awards.submit_awards(db, actor=people.clerk, award_ids=[loans[1]])
    desk.audit_ok()


@pytest.mark.now("2027-01-01T01:00:00+08:00")
def test_an_award_approved_on_new_years_night_counts_in_shanghais_new_year(desk, db, people):
    """01:00 on 1 January 2027 in Shanghai is still 31 December 2026 in UTC, where the time of
    the decision is stored: the award is still checked against, and counted in, the 2027 budget."""
    policy.set_budget(db, actor=people.admin, zone_id=1, year=2027, category="little_giant",
                      amount_fen=150_000 * YUAN)
    first, second = giant(desk, desk.firm()), giant(desk, desk.firm())
    approve(desk, first)
    with pytest.raises(ValidationError, match=r"2027 .* by ¥50,000\.00 \(¥50,000\.00 left"):
        approve(desk, second)
    with db.reading() as uow:
        assert limits.budget_used(uow.session, 1, 2027, "little_giant") == 100_000 * YUAN
        assert limits.budget_used(uow.session, 1, 2026, "little_giant") == 0
