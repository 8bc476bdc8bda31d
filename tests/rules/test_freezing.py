"""Approved (and rejected) entries are frozen: no path inside the program changes or deletes
them. The service layer refuses; an ORM object change, an ORM bulk statement and raw SQL on the
program's own connections are refused by the triggers, and nothing changes. The one allowed
change is linking an approved entry to the approved reversal that cancels it, once, alone.
"""

import sqlite3
from collections.abc import Callable

import pytest
import sqlalchemy.exc
from sqlalchemy import delete, text, update

from db.errors import ChangedMeanwhile, ValidationError
from db.models import Award, SubsidyEntry
from db.services import approvals, awards, subsidies
from db.services.subsidies import Bill
from tests.rules import raw_sql
from tests.rules.test_money_rules import Desk

REFUSED = (*raw_sql.REFUSED, sqlalchemy.exc.OperationalError, sqlite3.OperationalError)


@pytest.fixture
def desk(db, people) -> Desk:
    return Desk(db, people)


def _decided(desk: Desk, status: str) -> int:
    firm = desk.firm()
    if status == "approved":
        return desk.approved(firm, "electricity", "2026-03", 1_000_000)
    return desk.rejected(firm, "electricity", "2026-03", 1_000_000)


# the four ways a change could reach the table from inside the program

def _orm_object(desk: Desk, entry_id: int, operation: str) -> None:
    with desk.db.writing() as uow:
        entry = uow.session.get(SubsidyEntry, entry_id)
        if operation == "update":
            entry.billed_fen += 100
            entry.version += 1
        else:
            uow.session.delete(entry)
        uow.commit()


def _orm_bulk(desk: Desk, entry_id: int, operation: str) -> None:
    with desk.db.writing() as uow:
        if operation == "update":
            uow.session.exec(update(SubsidyEntry).where(SubsidyEntry.id == entry_id)
                             .values(billed_fen=SubsidyEntry.billed_fen + 100))
        else:
            uow.session.exec(delete(SubsidyEntry).where(SubsidyEntry.id == entry_id))
        uow.commit()


def _sql(operation: str) -> str:
    if operation == "update":
        return "UPDATE subsidyentry SET billed_fen = billed_fen + 100 WHERE id = :id"
    return "DELETE FROM subsidyentry WHERE id = :id"


def _raw_connection(desk: Desk, entry_id: int, operation: str) -> None:
    connection = raw_sql.raw_connection(desk.db)
    try:
        connection.execute(_sql(operation), {"id": entry_id})  # autocommit
    finally:
        connection.close()


def _engine_connect(desk: Desk, entry_id: int, operation: str) -> None:
    with desk.db.engine.connect() as connection:
        connection.execute(text(_sql(operation)), {"id": entry_id})
        connection.commit()


PATHS: dict[str, Callable[[Desk, int, str], None]] = {
    "orm object": _orm_object, "orm bulk": _orm_bulk, "raw sqlite3": _raw_connection,
    "engine.connect": _engine_connect,
}


@pytest.mark.parametrize("status", ["approved", "rejected"])
@pytest.mark.parametrize("operation", ["update", "delete"])
@pytest.mark.parametrize("path", list(PATHS))
def test_a_decided_entry_cannot_be_changed_or_deleted_by_any_path(desk, path, operation, status):
    entry_id = _decided(desk, status)
    before, table, seq = desk.entry(entry_id), desk.table("subsidyentry"), desk.seq()
    with pytest.raises(REFUSED) as refused:
        PATHS[path](desk, entry_id, operation)
    expected = "cannot be changed: reverse them" if operation == "update" else "only draft"
    assert expected in str(refused.value)
    assert desk.entry(entry_id) == before
    assert desk.table("subsidyentry") == table and desk.seq() == seq


@pytest.mark.parametrize("path", list(PATHS))
def test_drafts_and_submitted_entries_are_not_frozen(desk, path):
    """The triggers refuse decided rows only (the services guard the rest): here the same four
    paths do work, so the refusals above are the triggers' doing, not a broken path."""
    firm = desk.firm()
    draft = desk.save(firm, "water", "2026-03", 1_000)
    submitted = desk.submitted(firm, "land", "2026-03", 1_000)
    PATHS[path](desk, draft, "update")
    PATHS[path](desk, submitted, "update")
    assert desk.entry(draft)["billed_fen"] == desk.entry(submitted)["billed_fen"] == 1_100
    PATHS[path](desk, draft, "delete")
    assert desk.entry(draft) is None
    with pytest.raises(REFUSED, match="only draft"):  # submitted: on its way to review
        PATHS[path](desk, submitted, "delete")


@pytest.mark.parametrize("change", [
    "status = 'submitted'", "status = 'draft'", "status = 'approved'", "status = 'rejected'",
    "subsidy_fen = subsidy_fen + 1", "decided_by = NULL", "decided_at = NULL",
    "decision_note = 'x'", "version = version + 1", "period = '2026-04'", "bill_reference = 'x'",
    "enterprise_id = enterprise_id", "id = id + 1000", "reverses_id = id", "reason = 'x'",
])
@pytest.mark.parametrize("status", ["approved", "rejected"])
def test_no_column_of_a_decided_entry_changes(desk, change, status):
    entry_id = _decided(desk, status)
    before = desk.entry(entry_id)
    if change == f"status = '{status}'" or change == "enterprise_id = enterprise_id":
        pass  # setting a column to what it is: the row is the same, the trigger lets it be
    else:
        with pytest.raises(REFUSED, match="cannot be changed"):
            _raw(desk, f"UPDATE subsidyentry SET {change} WHERE id = ?", entry_id)
    assert desk.entry(entry_id) == before


def _raw(desk: Desk, sql: str, *values: object) -> None:
    connection = raw_sql.raw_connection(desk.db)
    try:
        connection.execute(sql, values)
    finally:
        connection.close()


def test_the_service_layer_refuses_too(desk, people):
    firm = desk.firm()
    approved = desk.approved(firm, "electricity", "2026-03", 1_000_000)
    rejected = desk.rejected(firm, "water", "2026-03", 1_000_000)
    table, seq = desk.table("subsidyentry"), desk.seq()
    with pytest.raises(ChangedMeanwhile, match="no longer waiting for review"):
        approvals.approve(desk.db, actor=people.reviewer, entry_ids=[approved])
    with pytest.raises(ChangedMeanwhile, match="no longer waiting for review"):
        approvals.approve(desk.db, actor=people.reviewer, entry_ids=[rejected])
    with pytest.raises(ChangedMeanwhile, match="no longer waiting for review"):
        approvals.reject(desk.db, actor=people.reviewer, reason="x", entry_ids=[approved])
    with pytest.raises(ChangedMeanwhile, match="no longer a draft"):
        subsidies.submit_entries(desk.db, actor=people.clerk, entry_ids=[approved])
    with pytest.raises(ChangedMeanwhile, match="no longer a draft"):
        subsidies.submit_entries(desk.db, actor=people.clerk, entry_ids=[rejected])
    with pytest.raises(ValidationError, match="already submitted"):
        subsidies.save_bills(desk.db, actor=people.clerk, zone_id=1, period="2026-03",
                             bills=[Bill(firm, "electricity", 2_000_000)])
    with pytest.raises(ValidationError, match="Only drafts can be deleted"):
        subsidies.delete_drafts(desk.db, actor=people.clerk, entry_ids=[approved])
    with pytest.raises(ValidationError, match="Only drafts can be deleted"):
        subsidies.delete_drafts(desk.db, actor=people.clerk, entry_ids=[rejected])
    with pytest.raises(ValidationError, match="Only an approved entry"):
        subsidies.reverse_entry(desk.db, actor=people.clerk, entry_id=rejected, reason="x")
    assert desk.table("subsidyentry") == table and desk.seq() == seq
    # typing over a rejected bill makes a new entry; the rejected one stays as it was
    (new,) = subsidies.save_bills(desk.db, actor=people.clerk, zone_id=1, period="2026-03",
                                  bills=[Bill(firm, "water", 2_000_000)])
    assert new != rejected
    assert desk.entry(rejected) == next(r for r in table if r["id"] == rejected)


def test_a_batch_with_one_frozen_entry_changes_nothing(desk, people):
    firm = desk.firm()
    approved = desk.approved(firm, "electricity", "2026-03", 1_000_000)
    waiting = [desk.submitted(firm, c, "2026-03", 1_000_000) for c in ("land", "water")]
    table, seq = desk.table("subsidyentry"), desk.seq()
    with pytest.raises(ChangedMeanwhile, match=f"Entry {approved} is no longer waiting"):
        approvals.approve(desk.db, actor=people.reviewer, entry_ids=[*waiting, approved])
    assert desk.table("subsidyentry") == table and desk.seq() == seq


# --- the one allowed change: the link to the reversal ------------------------------------------

def _pending_reversal(desk: Desk, original: int) -> int:
    """A reversal approved behind the service's back, not linked yet (raw SQL, as a test may)."""
    reversal = subsidies.reverse_entry(desk.db, actor=desk.people.clerk, entry_id=original, reason="开错")
    _raw(desk, "UPDATE subsidyentry SET status = 'approved', decided_by = ? WHERE id = ?",
         desk.people.reviewer.staff_id, reversal)
    return reversal


def test_the_link_to_the_reversal_is_allowed_once_and_alone(desk):
    firm = desk.firm()
    original = desk.approved(firm, "electricity", "2026-03", 1_000_000)
    reversal = _pending_reversal(desk, original)
    other = desk.approved(firm, "water", "2026-03", 1_000_000)
    before = desk.entry(original)
    # with another column changed: refused
    with pytest.raises(REFUSED, match="cannot be changed"):
        _raw(desk, "UPDATE subsidyentry SET reversed_by_id = ?, version = version + 1 WHERE id = ?",
             reversal, original)
    with pytest.raises(REFUSED, match="cannot be changed"):
        _raw(desk, "UPDATE subsidyentry SET reversed_by_id = ?, decision_note = 'x' WHERE id = ?",
             reversal, original)
    # to an entry that does not reverse it: refused
    with pytest.raises(REFUSED, match="cannot be changed"):
        _raw(desk, "UPDATE subsidyentry SET reversed_by_id = ? WHERE id = ?", other, original)
    with pytest.raises(REFUSED, match="cannot be changed"):
        _raw(desk, "UPDATE subsidyentry SET reversed_by_id = ? WHERE id = ?", original, original)
    assert desk.entry(original) == before
    # alone: allowed, once
    _raw(desk, "UPDATE subsidyentry SET reversed_by_id = ? WHERE id = ?", reversal, original)
    assert desk.entry(original) == before | {"reversed_by_id": reversal}
    for target in (other, None, reversal):
        with pytest.raises(REFUSED, match="cannot be changed"):
            _raw(desk, "UPDATE subsidyentry SET reversed_by_id = ? WHERE id = ?", target, original)
    assert desk.entry(original)["reversed_by_id"] == reversal


def test_no_link_to_a_reversal_still_waiting_for_review_or_on_a_rejected_entry(desk):
    firm = desk.firm()
    original = desk.approved(firm, "electricity", "2026-03", 1_000_000)
    waiting = subsidies.reverse_entry(desk.db, actor=desk.people.clerk, entry_id=original, reason="开错")
    with pytest.raises(REFUSED, match="cannot be changed"):
        _raw(desk, "UPDATE subsidyentry SET reversed_by_id = ? WHERE id = ?", waiting, original)
    rejected = desk.rejected(firm, "water", "2026-03", 1_000_000)
    with pytest.raises(REFUSED, match="cannot be changed"):
        _raw(desk, "UPDATE subsidyentry SET reversed_by_id = ? WHERE id = ?", waiting, rejected)
    assert desk.entry(original)["reversed_by_id"] is None and desk.entry(rejected)["reversed_by_id"] is None


# --- awards: the same triggers ----------------------------------------------------------------

def _approved_guarantee(desk: Desk) -> int:
    award = awards.record_loan_guarantee(desk.db, actor=desk.people.clerk, enterprise_id=desk.firm(),
                                         bank="中国银行", loan_fen=100_000_000, term_months=12,
                                         guaranteed_fen=50_000_000)
    approvals.approve(desk.db, actor=desk.people.reviewer, award_ids=[award])
    return award


@pytest.mark.parametrize("path", ["orm object", "orm bulk", "raw sqlite3", "engine.connect"])
def test_an_approved_award_cannot_be_changed_or_deleted(desk, path):
    award_id = _approved_guarantee(desk)
    before = desk.row("award", award_id)
    for operation in ("update", "delete"):
        with pytest.raises(REFUSED):
            if path == "orm object":
                with desk.db.writing() as uow:
                    award = uow.session.get(Award, award_id)
                    if operation == "update":
                        award.amount_fen += 1
                    else:
                        uow.session.delete(award)
                    uow.commit()
            elif path == "orm bulk":
                with desk.db.writing() as uow:
                    statement = (update(Award).values(amount_fen=Award.amount_fen + 1)
                                 if operation == "update" else delete(Award))
                    uow.session.exec(statement.where(Award.id == award_id))
                    uow.commit()
            else:
                sql = ("UPDATE award SET amount_fen = amount_fen + 1 WHERE id = :id"
                       if operation == "update" else "DELETE FROM award WHERE id = :id")
                if path == "raw sqlite3":
                    _raw(desk, sql.replace(":id", "?"), award_id)
                else:
                    with desk.db.engine.connect() as connection:
                        connection.execute(text(sql), {"id": award_id})
                        connection.commit()
    assert desk.row("award", award_id) == before
    with pytest.raises(ChangedMeanwhile):
        approvals.approve(desk.db, actor=desk.people.reviewer, award_ids=[award_id])
    with pytest.raises(ValidationError, match="no longer a draft"):
        awards.submit_awards(desk.db, actor=desk.people.clerk, award_ids=[award_id])
