"""What saving or submitting a bill sheet does, in one background task on the database thread:
save the bills typed as drafts (one transaction: all or nothing), delete the drafts cleared, submit
the drafts wanted for review (one transaction), and read the sheet afresh. No Qt here."""

from dataclasses import dataclass

from db.access import Actor
from db.engine import Database
from db.errors import ZoneDeskError
from db.queries.bill_sheet import BillSheet, bill_sheet
from db.services.subsidies import Bill, delete_drafts, save_bills, submit_entries


@dataclass(frozen=True)
class SheetWrite:
    zone_id: int
    period: str
    bills: list[Bill]  # typed or changed: saved as drafts
    removed: list[int]  # saved drafts cleared: deleted
    submit_drafts: list[int]  # saved drafts to submit (of the rows to submit)
    submit_firms: frozenset[int]  # firms whose newly saved bills are submitted too


@dataclass(frozen=True)
class WriteOutcome:
    saved: int
    removed: int
    submitted: int
    sheet: BillSheet  # read after the writes
    submit_error: ZoneDeskError | None = None  # the drafts were saved, none was submitted


def write_sheet(db: Database, *, actor: Actor, write: SheetWrite) -> WriteOutcome:
    """A refusal while saving raises (nothing saved, the typing stays on screen). A refusal
    while submitting comes back in the outcome, since the drafts are saved by then."""
    ids = save_bills(db, actor=actor, zone_id=write.zone_id, period=write.period,
                     bills=write.bills) if write.bills else []
    removed = delete_drafts(db, actor=actor, entry_ids=write.removed) if write.removed else 0
    wanted = list(dict.fromkeys(write.submit_drafts + [
        entry_id for bill, entry_id in zip(write.bills, ids, strict=True)
        if bill.enterprise_id in write.submit_firms]))
    submitted, refusal = 0, None
    if wanted:
        try:
            submitted = submit_entries(db, actor=actor, entry_ids=wanted)
        except ZoneDeskError as error:
            refusal = error
    sheet = bill_sheet(db, actor=actor, zone_id=write.zone_id, period=write.period)
    return WriteOutcome(len(ids), removed, submitted, sheet, refusal)
