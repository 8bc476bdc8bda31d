"""The monthly bill sheet's writes: save bills as drafts, submit them, delete drafts, and ask
for the reversal of an approved entry. Approval lives in db/services/approvals.py."""

from dataclasses import dataclass

from sqlmodel import Session, select

from db.access import Action, Actor, authorise, require
from db.arguments import checked
from db.audit import Change, record
from db.clock import today_shanghai, utc_now
from db.engine import Database
from db.errors import ChangedMeanwhile, NotFound, ValidationError, ZoneDeskError
from db.models import Enterprise, SubsidyEntry
from db.models.money import CATEGORIES
from db.money import subsidy_rules as rules
from db.services import limits
from db.services import validation as v
from db.translatable import QT_TRANSLATE_NOOP, category_term, status_term

MAX_BILL_FEN = 100_000_000_000  # 1 billion yuan: a typing slip, not a bill
MAX_BILL_REFERENCE = 60  # characters of a bill's number


@dataclass(frozen=True)
class Bill:
    """One cell of the bill sheet: a firm's bill for a category in the sheet's month."""

    enterprise_id: int
    category: str
    billed_fen: int
    quantity_x100: int = 0
    bill_reference: str = ""
    # what the typist saw: 0 = no entry yet, n = the draft at version n; None = no check (scripts)
    expected_version: int | None = None


def snapshot(entry: SubsidyEntry) -> dict[str, object]:
    return entry.model_dump()


def live_entry(session: Session, enterprise_id: int, zone_id: int, category: str,
               period: str) -> SubsidyEntry | None:
    """The entry that stands in a sheet's cell (a draft, submitted or approved original), or None."""
    return session.exec(select(SubsidyEntry).where(
        SubsidyEntry.enterprise_id == enterprise_id, SubsidyEntry.zone_id == zone_id,
        SubsidyEntry.category == category, SubsidyEntry.period == period,
        SubsidyEntry.reverses_id.is_(None), SubsidyEntry.reversed_by_id.is_(None),
        SubsidyEntry.status.in_(("draft", "submitted", "approved")))).first()


def check_bill_amount(billed_fen: int, field: str | None = None) -> None:
    """A bill's amount as db/ accepts it: the bill sheet checks it as the cell is typed too."""
    if billed_fen < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "A bill cannot be negative."), field=field)
    if billed_fen > MAX_BILL_FEN:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "A bill of more than 1,000,000,000 yuan is surely a typing slip."), field=field)


def _firm_name(session: Session, actor: Actor, enterprise_id: int) -> str | int:
    """The firm's name, or its number when another zone's (its name is not the actor's to read)."""
    firm = session.get(Enterprise, enterprise_id)
    return firm.name if firm is not None and actor.covers(firm.zone_id) else enterprise_id


def _at_bill(session: Session, actor: Actor, error: ZoneDeskError, enterprise_id: int,
             category: str, period: str) -> ZoneDeskError:
    """The same refusal, naming the firm and the cell (category, month) it is about."""
    return type(error)(QT_TRANSLATE_NOOP("db", "{firm}, {category} bill of {period}: {reason}"),
                       field=error.field, firm=_firm_name(session, actor, enterprise_id),
                       category=category_term(category), period=period, reason=error)


def _check_bill(session: Session, actor: Actor, bill: Bill, zone_id: int, period: str) -> None:
    field = f"{bill.enterprise_id}:{bill.category}"
    if bill.category not in CATEGORIES:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Unknown category {category}."),
                              field=field, category=category_term(bill.category))
    try:
        check_bill_amount(bill.billed_fen, field)
        if bill.quantity_x100 < 0:
            raise ValidationError(QT_TRANSLATE_NOOP("db", "A bill cannot be negative."), field=field)
        v.at_most(bill.quantity_x100, v.MAX_QUANTITY_X100, field, f"{v.MAX_QUANTITY_X100 // 100:,}")
        if len(bill.bill_reference) > MAX_BILL_REFERENCE:
            raise ValidationError(QT_TRANSLATE_NOOP("db", "At most {max} characters."), field=field,
                                  max=MAX_BILL_REFERENCE)
    except ValidationError as error:
        raise _at_bill(session, actor, error, bill.enterprise_id, bill.category, period) from error
    if not limits.tenancy_covers(session, bill.enterprise_id, zone_id, period):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "{name} is not a tenant of this zone in {period}: no entry can be made."),
            field=field, name=_firm_name(session, actor, bill.enterprise_id), period=period)


@checked
def save_bills(db: Database, *, actor: Actor, zone_id: int, period: str, bills: list[Bill]) -> list[int]:
    """Saves the typed bills of a sheet as drafts (new, or replacing the draft already there),
    with the subsidy computed here. A firm's entry already submitted or approved is refused:
    it is reviewed, or reversed. All or nothing. Returns the draft ids in the order given."""
    period = rules.parse_period(period)
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.ENTRY_EDIT, zone_id)
        limits.refuse_closed(session, period)
        ids, changes = [], []
        for bill in bills:
            entry, change = save_bill_in(session, actor, bill, zone_id=zone_id, period=period)
            ids.append(entry.id)
            changes += [change] if change is not None else []
        if changes:
            record(session, actor, *changes)
        uow.commit()
        return ids


def save_bill_in(session: Session, actor: Actor, bill: Bill, *, zone_id: int,
                 period: str) -> tuple[SubsidyEntry, Change | None]:
    """One bill saved as a draft inside the caller's transaction, for an actor authorised for
    the zone and a month that is open (`save_bills` checks both once): the bill sheet's save and
    each row of a bills import. Returns the draft and the change to audit (None: unchanged)."""
    require(actor, Action.ENTRY_EDIT, zone_id)
    _check_bill(session, actor, bill, zone_id, period)
    rate = limits.require_rate(session, bill.category, period)
    current = live_entry(session, bill.enterprise_id, zone_id, bill.category, period)
    seen = bill.expected_version
    if seen is not None and (current.version if current is not None else 0) != seen:
        raise _at_bill(session, actor, ChangedMeanwhile(QT_TRANSLATE_NOOP(
            "db", "Someone else saved this bill after you opened the sheet: reload the "
            "sheet to see it, then type yours again."),
            field=f"{bill.enterprise_id}:{bill.category}"), bill.enterprise_id, bill.category, period)
    if current is not None and current.status != "draft":
        raise _at_bill(session, actor, ValidationError(QT_TRANSLATE_NOOP(
            "db", "This bill was already submitted ({status}): it cannot be typed over."),
            field=f"{bill.enterprise_id}:{bill.category}", status=status_term(current.status)),
            bill.enterprise_id, bill.category, period)
    used = limits.cap_used(session, bill.enterprise_id, bill.category, rules.year_of(period),
                           leaving_out=current.id if current else None)
    amount = rules.subsidy(bill.billed_fen, rate.rate_bp, rate.yearly_cap_fen - used)
    values = {"quantity_x100": bill.quantity_x100, "billed_fen": bill.billed_fen,
              "subsidy_fen": amount, "rate_bp": rate.rate_bp,
              "bill_reference": bill.bill_reference.strip()}
    if current is None:
        entry = SubsidyEntry(enterprise_id=bill.enterprise_id, zone_id=zone_id,
                             category=bill.category, period=period, entered_by=actor.staff_id,
                             entered_at=utc_now(), **values)
        session.add(entry)
        session.flush()
        return entry, Change("entry.draft", "subsidy_entry", entry.id, None, snapshot(entry))
    entry, before = current, snapshot(current)
    if all(getattr(entry, k) == v for k, v in values.items()):
        return entry, None
    for key, value in values.items():
        setattr(entry, key, value)
    entry.version += 1
    session.flush()
    return entry, Change("entry.edit_draft", "subsidy_entry", entry.id, before, snapshot(entry))


def _entries_in_scope(session: Session, actor: Actor, action: Action,
                      entry_ids: list[int]) -> list[SubsidyEntry]:
    entries = []
    for entry_id in entry_ids:
        entry = session.get(SubsidyEntry, entry_id)
        if entry is None:
            raise NotFound(QT_TRANSLATE_NOOP("db", "Entry {id} no longer exists."), id=entry_id)
        require(actor, action, entry.zone_id)
        entries.append(entry)
    return entries


@checked
def submit_entries(db: Database, *, actor: Actor, entry_ids: list[int]) -> int:
    """Drafts -> submitted for review, all or none. Returns how many were submitted."""
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.ENTRY_SUBMIT)
        changes = []
        for entry in _entries_in_scope(session, actor, Action.ENTRY_SUBMIT, entry_ids):
            if entry.status != "draft":
                raise _at_bill(session, actor, ChangedMeanwhile(QT_TRANSLATE_NOOP(
                    "db", "Entry {id} is no longer a draft (it is {status}): reload and try again."),
                    field=f"{entry.enterprise_id}:{entry.category}", id=entry.id,
                    status=status_term(entry.status)), entry.enterprise_id, entry.category, entry.period)
            limits.refuse_closed(session, entry.period)
            before = snapshot(entry)
            entry.status = "submitted"
            entry.version += 1
            session.flush()
            changes.append(Change("entry.submit", "subsidy_entry", entry.id, before, snapshot(entry)))
        if changes:
            record(session, actor, *changes)
        uow.commit()
        return len(changes)


@checked
def delete_drafts(db: Database, *, actor: Actor, entry_ids: list[int]) -> int:
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.ENTRY_EDIT)
        changes = []
        for entry in _entries_in_scope(session, actor, Action.ENTRY_EDIT, entry_ids):
            if entry.status != "draft":
                raise ValidationError(QT_TRANSLATE_NOOP(
                    "db", "Only drafts can be deleted; entry {id} is {status}."),
                    id=entry.id, status=status_term(entry.status))
            limits.refuse_closed(session, entry.period)
            changes.append(Change("entry.delete_draft", "subsidy_entry", entry.id, snapshot(entry), None))
            session.delete(entry)
        session.flush()
        if changes:
            record(session, actor, *changes)
        uow.commit()
        return len(changes)


@checked
def reverse_entry(db: Database, *, actor: Actor, entry_id: int, reason: str) -> int:
    """Asks for the reversal of an approved entry: a new entry with the amounts negated,
    pointing to the original, submitted for review like any entry. Posted in the original's
    month, or in the current month when that one is closed. Returns the reversal's id."""
    reason = v.optional_text(reason, "reason", max_length=500)
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Say why the entry is reversed."), field="reason")
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.ENTRY_REVERSE)
        (original,) = _entries_in_scope(session, actor, Action.ENTRY_REVERSE, [entry_id])
        if original.status != "approved" or original.reverses_id is not None:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "Only an approved entry can be reversed."), field="reason")
        if original.reversed_by_id is not None or session.exec(select(SubsidyEntry).where(
                SubsidyEntry.reverses_id == original.id,
                SubsidyEntry.status.in_(("draft", "submitted", "approved")))).first():
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "This entry is already reversed, or its reversal awaits review."), field="reason")
        period = original.period
        if limits.is_closed(session, period):
            period = rules.period_of(today_shanghai())
            limits.refuse_closed(session, period)
        reversal = SubsidyEntry(
            enterprise_id=original.enterprise_id, zone_id=original.zone_id,
            category=original.category, period=period, quantity_x100=-original.quantity_x100,
            billed_fen=-original.billed_fen, subsidy_fen=-original.subsidy_fen,
            rate_bp=original.rate_bp, bill_reference=original.bill_reference, status="submitted",
            reverses_id=original.id, reason=reason, entered_by=actor.staff_id, entered_at=utc_now())
        session.add(reversal)
        session.flush()
        record(session, actor, Change("entry.reverse", "subsidy_entry", reversal.id, None,
                                      snapshot(reversal)))
        uow.commit()
        return reversal.id
