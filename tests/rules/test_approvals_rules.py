"""Submitting, approving, rejecting and reversing entries: four eyes, whole batches, closed
months, reversals that net to 0, one live entry per firm, category and month, and exactly one
audit event per change on every path."""

from datetime import date

import pytest
from sqlalchemy import text

from db.clock import today_shanghai
from db.errors import ChangedMeanwhile, NotFound, PermissionDenied, ValidationError
from db.money.subsidy_rules import period_of
from db.queries.approvals import approval_queue, budgets_left
from db.services import approvals, auth, policy, staff, subsidies
from db.services.subsidies import Bill
from tests.conftest import PASSWORD
from tests.fixed_clock import moment_of
from tests.rules.raw_sql import REFUSED, UNIQUE, raw_connection
from tests.rules.test_money_rules import YEAR, Desk


@pytest.fixture
def desk(db, people) -> Desk:
    return Desk(db, people)


def _raw(desk: Desk, sql: str, *values: object) -> None:
    connection = raw_connection(desk.db)
    try:
        connection.execute(sql, values)
    finally:
        connection.close()


# --- four eyes --------------------------------------------------------------------------------

def test_a_reviewer_cannot_approve_what_they_entered(desk, db, people):
    """A clerk who typed entries and was then made a reviewer cannot decide them."""
    staff_id = staff.create_staff(db, actor=people.admin, username="chen", display_name="陈静",
                                  role="clerk", zone_ids=[1], password=PASSWORD)
    chen = auth.log_in(db, username="chen", password=PASSWORD)
    own = desk.submitted(desk.firm(), "land", "2026-03", 1_000_000, actor=chen)
    others = desk.submitted(desk.firm(), "land", "2026-03", 1_000_000)
    staff.update_staff(db, actor=people.admin, staff_id=staff_id, expected_version=1,
                       display_name="陈静", role="reviewer", zone_ids=[1])
    seq = desk.seq()
    for batch in ([own], [others, own]):
        with pytest.raises(PermissionDenied, match=f"Entry {own} was entered by you"):
            approvals.approve(db, actor=chen, entry_ids=batch)
        with pytest.raises(PermissionDenied, match="entered by you"):
            approvals.reject(db, actor=chen, reason="x", entry_ids=batch)
    assert desk.entry(others)["status"] == desk.entry(own)["status"] == "submitted"
    assert desk.seq() == seq
    approvals.approve(db, actor=chen, entry_ids=[others])
    approvals.approve(db, actor=people.reviewer, entry_ids=[own])
    assert desk.entry(own)["decided_by"] == people.reviewer.staff_id
    assert desk.entry(others)["decided_by"] == staff_id


def test_an_administrator_who_entered_cannot_approve_either(desk, db, people):
    entry = desk.submitted(desk.firm(), "water", "2026-03", 1_000_000, actor=people.admin)
    with pytest.raises(PermissionDenied, match="another reviewer must decide it"):
        approvals.approve(db, actor=people.admin, entry_ids=[entry])
    approvals.approve(db, actor=people.reviewer, entry_ids=[entry])
    entered = desk.submitted(desk.firm(), "water", "2026-03", 1_000_000)
    approvals.approve(db, actor=people.admin, entry_ids=[entered])  # the clerk's: the admin may
    assert desk.entry(entered)["decided_by"] == people.admin.staff_id


def test_who_may_decide_and_where(desk, db, people, engine):
    zone1 = desk.submitted(desk.firm(), "land", "2026-03", 1_000_000)
    zone2 = desk.submitted(desk.firm(zone_id=2), "land", "2026-03", 1_000_000, zone_id=2)
    for actor in (people.clerk, people.auditor):
        with pytest.raises(PermissionDenied):
            approvals.approve(db, actor=actor, entry_ids=[zone1])
    # on the server, another zone's entry is not even seen
    refused, words = ((NotFound, "Entry 2 no longer exists") if engine == "postgres"
                      else (PermissionDenied, "zone you do not cover"))
    with pytest.raises(refused, match=words):
        approvals.approve(db, actor=people.reviewer, entry_ids=[zone1, zone2])
    assert desk.entry(zone1)["status"] == "submitted"
    with pytest.raises(PermissionDenied):  # nor may a reviewer type bills
        desk.save(desk.firm(), "land", "2026-03", 1, actor=people.reviewer)
    with pytest.raises(NotFound if engine == "postgres" else PermissionDenied):
        subsidies.submit_entries(db, actor=people.clerk2, entry_ids=[zone1])
    assert [i.id for i in approval_queue(db, actor=people.reviewer)] == [zone1]
    assert {i.id for i in approval_queue(db, actor=people.admin)} == {zone1, zone2}


# --- batches ----------------------------------------------------------------------------------

def test_a_batch_is_approved_whole_with_one_event_per_entry(desk, db, people):
    firms = [desk.firm() for _ in range(3)]
    seq = desk.seq()
    ids = subsidies.save_bills(db, actor=people.clerk, zone_id=1, period="2026-03", bills=[
        Bill(f, c, 100_000 * (n + 1), 1_000, f"B-{n}")
        for n, (f, c) in enumerate((f, c) for f in firms for c in ("land", "electricity"))])
    assert len(ids) == 6
    assert [e[0] for e in desk.events_since(seq)] == ["entry.draft"] * 6
    # retyping: only the changed bills are saved and audited
    seq = desk.seq()
    again = subsidies.save_bills(db, actor=people.clerk, zone_id=1, period="2026-03", bills=[
        Bill(firms[0], "land", 100_000, 1_000, "B-0"), Bill(firms[0], "electricity", 250_000, 1_000, "B-1")])
    assert again == ids[:2]
    assert desk.events_since(seq) == [("entry.edit_draft", "subsidy_entry", str(ids[1]))]
    assert desk.entry(ids[1])["version"] == 2
    seq = desk.seq()
    assert subsidies.submit_entries(db, actor=people.clerk, entry_ids=ids) == 6
    assert desk.events_since(seq) == [("entry.submit", "subsidy_entry", str(i)) for i in ids]
    seq = desk.seq()
    # an entry named twice (a list clicked twice) is approved once, with one event
    assert approvals.approve(db, actor=people.reviewer, entry_ids=[*ids[:4], ids[0]]) == 4
    assert desk.events_since(seq) == [("entry.approve", "subsidy_entry", str(i)) for i in ids[:4]]
    assert desk.entry(ids[0])["version"] == 3
    seq = desk.seq()
    assert approvals.reject(db, actor=people.reviewer, reason=" 账单缺页 ", entry_ids=ids[4:]) == 2
    assert desk.events_since(seq) == [("entry.reject", "subsidy_entry", str(i)) for i in ids[4:]]
    assert desk.entry(ids[4])["decision_note"] == "账单缺页"
    drafts = subsidies.save_bills(db, actor=people.clerk, zone_id=1, period="2026-04", bills=[
        Bill(f, "water", 1_000) for f in firms])
    seq = desk.seq()
    assert subsidies.delete_drafts(db, actor=people.clerk, entry_ids=drafts) == 3
    assert desk.events_since(seq) == [("entry.delete_draft", "subsidy_entry", str(i)) for i in drafts]
    assert all(desk.entry(i) is None for i in drafts)
    desk.audit_ok()


def test_a_failing_bill_leaves_the_whole_sheet_unsaved(desk, db, people):
    firms = [desk.firm() for _ in range(3)]
    outsider = desk.firm(zone_id=2)
    seq, table = desk.seq(), desk.table("subsidyentry")
    for bad in (Bill(outsider, "land", 100), Bill(firms[2], "land", -1), Bill(firms[2], "gas", 1),
                Bill(firms[2], "land", 100_000_000_001), Bill(firms[2], "land", 1, 0, "x" * 61)):
        with pytest.raises(ValidationError):
            subsidies.save_bills(db, actor=people.clerk, zone_id=1, period="2026-03",
                                 bills=[Bill(firms[0], "land", 100), Bill(firms[1], "land", 100), bad])
    assert desk.seq() == seq and desk.table("subsidyentry") == table


def test_an_entry_needs_a_tenancy_covering_the_month(desk, db, people):
    firm = desk.firm(start_on=date(2026, 3, 31))
    with pytest.raises(ValidationError, match="not a tenant of this zone in 2026-02"):
        desk.save(firm, "land", "2026-02", 100)
    desk.save(firm, "land", "2026-03", 100)  # one day of March is enough


def test_rejection_needs_a_reason(desk, db, people):
    entry = desk.submitted(desk.firm(), "land", "2026-03", 1_000)
    for reason in ("", "   "):
        with pytest.raises(ValidationError, match="Say why"):
            approvals.reject(db, actor=people.reviewer, reason=reason, entry_ids=[entry])
    assert desk.entry(entry)["status"] == "submitted"


def test_a_second_live_entry_for_the_same_firm_category_and_month_is_refused(desk, db, people):
    firm = desk.firm()
    first = desk.submitted(firm, "land", "2026-03", 1_000)
    with pytest.raises(ValidationError, match="already submitted"):
        desk.save(firm, "land", "2026-03", 2_000)
    # the unique index refuses it whatever the path
    row = desk.entry(first)
    columns = [c for c in row if c != "id"]
    insert = (f"INSERT INTO subsidyentry ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})")
    for status in ("draft", "submitted", "approved"):
        with pytest.raises(REFUSED, match=UNIQUE):
            _raw(desk, insert, *[status if c == "status" else row[c] for c in columns])
    _raw(desk, insert, *["rejected" if c == "status" else row[c] for c in columns])  # a rejected one may be
    approvals.reject(db, actor=people.reviewer, reason="重复", entry_ids=[first])
    second = desk.save(firm, "land", "2026-03", 2_000)
    assert second != first


# --- reversals --------------------------------------------------------------------------------

def test_a_reversal_nets_the_original_to_0_and_is_approved_like_any_entry(desk, db, people):
    firm = desk.firm()
    original = desk.approved(firm, "electricity", "2026-03", 1_234_570, reviewer=people.admin)
    seq = desk.seq()
    for reason in ("", "  "):
        with pytest.raises(ValidationError, match="Say why"):
            subsidies.reverse_entry(db, actor=people.clerk, entry_id=original, reason=reason)
    with pytest.raises(PermissionDenied):
        subsidies.reverse_entry(db, actor=people.reviewer, entry_id=original, reason="开错")
    assert desk.seq() == seq
    reversal = subsidies.reverse_entry(db, actor=people.admin, entry_id=original, reason=" 开错 ")
    assert desk.events_since(seq) == [("entry.reverse", "subsidy_entry", str(reversal))]
    row, first = desk.entry(reversal), desk.entry(original)
    assert (row["status"], row["reverses_id"], row["reason"], row["period"]) == ("submitted", original, "开错", "2026-03")
    for column in ("billed_fen", "subsidy_fen", "quantity_x100"):
        assert row[column] + first[column] == 0, column
    assert first["reversed_by_id"] is None  # until the reversal is approved
    # reversed once only, even while the first reversal waits
    with pytest.raises(ValidationError, match="already reversed"):
        subsidies.reverse_entry(db, actor=people.clerk, entry_id=original, reason="again")
    # four eyes: the administrator entered the reversal, so another must approve it
    with pytest.raises(PermissionDenied, match="entered by you"):
        approvals.approve(db, actor=people.admin, entry_ids=[reversal])
    seq = desk.seq()
    approvals.approve(db, actor=people.reviewer, entry_ids=[reversal])
    assert desk.events_since(seq) == [("entry.approve", "subsidy_entry", str(reversal)),
                                      ("entry.reversed", "subsidy_entry", str(original))]
    assert desk.entry(original) == first | {"reversed_by_id": reversal}
    totals = desk.query("SELECT sum(billed_fen), sum(subsidy_fen) FROM subsidyentry WHERE id IN (?, ?)",
                        original, reversal)[0]
    assert tuple(totals) == (0, 0)
    for entry in (original, reversal):
        with pytest.raises(ValidationError, match="reversed"):
            subsidies.reverse_entry(db, actor=people.clerk, entry_id=entry, reason="again")
    # a new entry for the month is accepted now; a second live one is not
    new = desk.save(firm, "electricity", "2026-03", 1_000_000)
    assert desk.entry(new)["subsidy_fen"] == 150_000
    subsidies.submit_entries(db, actor=people.clerk, entry_ids=[new])
    with pytest.raises(ValidationError, match="already submitted"):
        desk.save(firm, "electricity", "2026-03", 1)
    row = desk.entry(new)
    columns = [c for c in row if c != "id"]
    with pytest.raises(REFUSED, match=UNIQUE):
        _raw(desk, f"INSERT INTO subsidyentry ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
             *[row[c] for c in columns])
    desk.audit_ok()


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected"])
def test_only_an_approved_entry_can_be_reversed(desk, db, people, status):
    firm = desk.firm()
    entry = {"draft": desk.save, "submitted": desk.submitted, "rejected": desk.rejected}[status](
        firm, "land", "2026-03", 1_000)
    with pytest.raises(ValidationError, match="Only an approved entry"):
        subsidies.reverse_entry(db, actor=people.clerk, entry_id=entry, reason="开错")


def test_a_rejected_reversal_can_be_asked_again(desk, db, people):
    original = desk.approved(desk.firm(), "land", "2026-03", 1_000)
    first = subsidies.reverse_entry(db, actor=people.clerk, entry_id=original, reason="开错")
    approvals.reject(db, actor=people.reviewer, reason="不必冲销", entry_ids=[first])
    assert desk.entry(original)["reversed_by_id"] is None
    second = subsidies.reverse_entry(db, actor=people.clerk, entry_id=original, reason="还是开错")
    approvals.approve(db, actor=people.reviewer, entry_ids=[second])
    assert desk.entry(original)["reversed_by_id"] == second


# --- closed months ----------------------------------------------------------------------------

@pytest.mark.now("2026-11-22T10:00:00+08:00")
def test_a_closed_month_accepts_no_new_changed_approved_or_reversed_entry(desk, db, people):
    firm = desk.firm()
    approved = desk.approved(firm, "land", "2026-03", 1_000_000)
    submitted = desk.submitted(firm, "electricity", "2026-03", 1_000_000)
    draft = desk.save(firm, "water", "2026-03", 1_000_000)
    seq = desk.seq()
    policy.close_period(db, actor=people.admin, period="2026-03")
    assert desk.events_since(seq) == [("period.close", "period", "2026-03")]
    with pytest.raises(ValidationError, match="already closed"):
        policy.close_period(db, actor=people.admin, period="2026-03")
    table, seq = desk.table("subsidyentry"), desk.seq()
    closed = "2026-03 is closed"
    with pytest.raises(ValidationError, match=closed):
        desk.save(firm, "internet", "2026-03", 1_000)
    with pytest.raises(ValidationError, match=closed):
        desk.save(firm, "water", "2026-03", 2_000)
    with pytest.raises(ValidationError, match=closed):
        subsidies.submit_entries(db, actor=people.clerk, entry_ids=[draft])
    with pytest.raises(ValidationError, match=closed):
        subsidies.delete_drafts(db, actor=people.clerk, entry_ids=[draft])
    with pytest.raises(ValidationError, match=closed):
        approvals.approve(db, actor=people.reviewer, entry_ids=[submitted])
    with pytest.raises(ValidationError, match=closed):
        approvals.reject(db, actor=people.reviewer, reason="x", entry_ids=[submitted])
    assert desk.table("subsidyentry") == table and desk.seq() == seq
    # the triggers refuse it too, whatever the path
    for sql in ("UPDATE subsidyentry SET billed_fen = 5 WHERE id = ?",
                "UPDATE subsidyentry SET status = 'approved' WHERE id = ?",
                "DELETE FROM subsidyentry WHERE id = ?"):
        for entry in (draft, submitted):
            with pytest.raises(REFUSED, match="this month is closed"):
                _raw(desk, sql, entry)
    row = desk.entry(draft)
    columns = [c for c in row if c not in ("id", "category")]
    with pytest.raises(REFUSED, match="this month is closed"):
        _raw(desk, f"INSERT INTO subsidyentry (category, {', '.join(columns)}) VALUES"
             f" ('internet', {', '.join('?' * len(columns))})", *[row[c] for c in columns])
    with pytest.raises(REFUSED, match="this month is closed"):  # nor moved out of it
        _raw(desk, "UPDATE subsidyentry SET period = '2026-04' WHERE id = ?", draft)
    assert desk.table("subsidyentry") == table
    # reversing an entry of the closed month posts the reversal into the current open month
    reversal = subsidies.reverse_entry(db, actor=people.clerk, entry_id=approved, reason="开错")
    assert desk.entry(reversal)["period"] == "2026-11"
    approvals.approve(db, actor=people.reviewer, entry_ids=[reversal])
    assert desk.entry(approved)["reversed_by_id"] == reversal  # the link reaches the closed month
    assert desk.entry(approved) == next(r for r in table if r["id"] == approved) | {"reversed_by_id": reversal}
    # ... unless that month is closed too
    second = desk.approved(firm, "internet", "2026-02", 1_000_000)
    policy.close_period(db, actor=people.admin, period="2026-02")
    policy.close_period(db, actor=people.admin, period="2026-11")
    with pytest.raises(ValidationError, match="2026-11 is closed"):
        subsidies.reverse_entry(db, actor=people.clerk, entry_id=second, reason="开错")
    # reopening is an administrator's act, with a reason, audited
    with pytest.raises(PermissionDenied):
        policy.reopen_period(db, actor=people.reviewer, period="2026-03", reason="补录")
    with pytest.raises(ValidationError):
        policy.reopen_period(db, actor=people.admin, period="2026-03", reason=" ")
    with pytest.raises(ValidationError, match="not closed"):
        policy.reopen_period(db, actor=people.admin, period="2026-05", reason="补录")
    seq = desk.seq()
    policy.reopen_period(db, actor=people.admin, period="2026-03", reason="补录一张账单")
    assert desk.events_since(seq) == [("period.reopen", "period", "2026-03")]
    after = desk.query("SELECT before_json, after_json, actor_id FROM auditevent WHERE seq = ?", seq + 1)[0]
    assert '"closed":true' in after[0] and '"reason":"补录一张账单"' in after[1]
    assert after[2] == people.admin.staff_id
    approvals.approve(db, actor=people.reviewer, entry_ids=[submitted])
    subsidies.submit_entries(db, actor=people.clerk, entry_ids=[draft])
    desk.audit_ok()


@pytest.mark.parametrize("moment", ["2026-11-22T10:00:00+08:00", "2027-01-01T00:30:00+08:00"])
def test_the_current_month_is_where_a_reversal_of_a_closed_month_goes(desk, db, people, fixed_clock,
                                                                      moment):
    fixed_clock.move_to(moment_of(moment))
    original = desk.approved(desk.firm(), "land", "2026-01", 1_000)
    policy.close_period(db, actor=people.admin, period="2026-01")
    reversal = subsidies.reverse_entry(db, actor=people.clerk, entry_id=original, reason="开错")
    assert desk.entry(reversal)["period"] == period_of(today_shanghai())


# --- the queue --------------------------------------------------------------------------------

def test_the_queue_shows_what_waits_with_the_budget_left(db, people):
    desk = Desk(db, people, budgets=False)
    desk.set_budgets(categories=("land",), amount_fen=10_000_000)
    firm = desk.firm()
    desk.approved(firm, "land", "2026-01", 20_000_000)  # 20,000 yuan of 100,000
    waiting = [desk.submitted(firm, "land", f"2026-0{m}", 10_000_000) for m in (2, 3)]
    desk.save(firm, "land", "2026-04", 1)  # a draft: not in the queue
    queue = approval_queue(db, actor=people.reviewer)
    assert [(i.id, i.amount_fen, i.billed_fen, i.category) for i in queue] == [
        (waiting[0], 1_000_000, 10_000_000, "land"), (waiting[1], 1_000_000, 10_000_000, "land")]
    assert approval_queue(db, actor=people.reviewer, category="water") == []
    assert approval_queue(db, actor=people.reviewer, zone_id=2) == []
    (left,) = budgets_left(db, actor=people.reviewer, items=queue)
    assert (left.zone_id, left.year, left.category, left.budget_fen, left.used_fen, left.left_fen) == (
        1, YEAR, "land", 10_000_000, 2_000_000, 8_000_000)
    with db.engine.connect() as connection:  # the queue's total is what approval would take
        total = connection.execute(text("SELECT sum(subsidy_fen) FROM subsidyentry WHERE status = 'submitted'")).scalar()
    assert total == sum(i.amount_fen for i in queue)


def test_the_loser_of_a_race_is_told_to_reload(desk, db, people):
    entry = desk.submitted(desk.firm(), "land", "2026-03", 1_000)
    approvals.approve(db, actor=people.reviewer, entry_ids=[entry])
    with pytest.raises(ChangedMeanwhile) as lost:
        approvals.approve(db, actor=people.admin, entry_ids=[entry])
    assert "no longer waiting for review" in lost.value.message()
    assert "reload" in lost.value.message()
