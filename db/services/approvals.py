"""Reviewers approve or reject submitted entries and awards: a batch is one transaction, all
approved or none, with the reason for the one that failed.

Never one's own entry (four eyes); never beyond the budget left (the message says by how much);
never in a closed month. An approved reversal links the original to it, netting both to 0.
"""

from collections import defaultdict
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, select

from db.access import Action, Actor, authorise, require
from db.arguments import checked
from db.audit import Change, record
from db.clock import today_shanghai, utc_now
from db.engine import Database
from db.errors import ChangedMeanwhile, NotFound, PermissionDenied, ValidationError
from db.models import Award, SubsidyEntry, Zone
from db.money import format_fen
from db.money import subsidy_rules as rules
from db.services import certificates, limits
from db.services import validation as v
from db.translatable import QT_TRANSLATE_NOOP, category_term, status_term

Item = SubsidyEntry | Award


_LOAD_CHUNK = 500  # ids read together (within SQLite's bound parameters)


def _load(session: Session, actor: Actor, model: type[Item], ids: list[int]) -> list[Item]:
    """The items, read together (one query per chunk, not one a row: on a server each is a
    round trip through row-level security), then checked one by one in the order given; an id
    given twice is one item (decided once, with one event)."""
    ids = list(dict.fromkeys(ids))
    found: dict[int, Item] = {}
    for first in range(0, len(ids), _LOAD_CHUNK):
        chunk = ids[first:first + _LOAD_CHUNK]
        found.update((item.id, item) for item in session.exec(
            select(model).where(model.id.in_(chunk))).all())
    open_periods: set[str] = set()
    items = []
    for item_id in ids:
        item = found.get(item_id)
        if item is None:
            raise NotFound(QT_TRANSLATE_NOOP("db", "Entry {id} no longer exists."), id=item_id)
        require(actor, Action.ENTRY_DECIDE, item.zone_id)
        if item.status != "submitted":
            raise ChangedMeanwhile(QT_TRANSLATE_NOOP(
                "db", "Entry {id} is no longer waiting for review (it is {status}): reload the queue."),
                id=item.id, status=status_term(item.status))
        if item.entered_by == actor.staff_id:
            raise PermissionDenied(QT_TRANSLATE_NOOP(
                "db", "Entry {id} was entered by you: another reviewer must decide it."), id=item.id)
        if isinstance(item, SubsidyEntry) and item.period not in open_periods:
            limits.refuse_closed(session, item.period)
            open_periods.add(item.period)
        items.append(item)
    return items


def _decide(session: Session, items: list[Item], actor: Actor, status: str, note: str,
            now: datetime) -> list[tuple[dict, dict]]:
    """Each item decided, its (before, after) returned for the trail. Written in one UPDATE per
    kind and chunk rather than one a row: on a server, each statement passes row-level security
    and the rules' triggers' set-up once (the same rows and values as row by row); the objects
    then hold what was written, as if flushed."""
    decided = {"status": status, "decided_by": actor.staff_id, "decided_at": now,
               "decision_note": note}
    pairs = []
    for item in items:
        before = item.model_dump()
        pairs.append((before, before | decided | {"version": before["version"] + 1}))
    for model in (SubsidyEntry, Award):
        ids = [item.id for item in items if isinstance(item, model)]
        for first in range(0, len(ids), _LOAD_CHUNK):
            session.execute(update(model).where(model.id.in_(ids[first:first + _LOAD_CHUNK]))
                            .values(**decided, version=model.version + 1)
                            .execution_options(synchronize_session=False))
    for item, (_before, after) in zip(items, pairs, strict=True):
        for field in (*decided, "version"):
            set_committed_value(item, field, after[field])
    return pairs


def _check_budgets(session: Session, entries: list[SubsidyEntry], awards: list[Award]) -> None:
    wanted: dict[tuple[int, int, str], int] = defaultdict(int)
    for entry in entries:
        wanted[(entry.zone_id, rules.year_of(entry.period), entry.category)] += entry.subsidy_fen
    this_year = today_shanghai().year
    for award in awards:
        if award.kind == "little_giant":
            wanted[(award.zone_id, this_year, "little_giant")] += award.amount_fen
    for (zone_id, year, category), amount in sorted(wanted.items()):
        if amount <= 0:
            continue  # reversals give money back
        budget = limits.budget_of(session, zone_id, year, category)
        left = (budget or 0) - limits.budget_used(session, zone_id, year, category)
        if amount > left:
            zone = session.get(Zone, zone_id)
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "Approving this would exceed the {year} {category} budget of {zone} by "
                "¥{over} (¥{left} left, ¥{wanted} asked)."), field="budget", year=year,
                category=category_term(category), zone=zone.name if zone else zone_id, over=format_fen(amount - left),
                left=format_fen(max(left, 0)), wanted=format_fen(amount))


def _check_guarantees(session: Session, awards: list[Award]) -> None:
    cap = limits.setting(session, "guarantee_cap_per_firm_fen")
    quota = limits.setting(session, "loan_quota_fen")
    batch_loans = sum(a.loan_fen for a in awards if a.kind == "loan_guarantee")
    if batch_loans > 0 and limits.loans_guaranteed(session) > quota:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "The guaranteed loans would exceed the programme quota of ¥{quota}."),
            field="loan_fen", quota=format_fen(quota))
    for award in awards:
        if award.kind == "loan_guarantee" and limits.guaranteed_for_firm(session, award.enterprise_id) > cap:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "The guarantees of this firm would exceed ¥{cap} in total."),
                field="amount_fen", cap=format_fen(cap))


@checked
def approve(db: Database, *, actor: Actor, entry_ids: list[int] = (), award_ids: list[int] = ()) -> int:
    """Approves every item given, or none. Returns how many were approved."""
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.ENTRY_DECIDE)
        entries = _load(session, actor, SubsidyEntry, list(entry_ids))
        awards = _load(session, actor, Award, list(award_ids))
        _check_budgets(session, entries, awards)
        _check_guarantees(session, awards)
        now, changes = utc_now(), []
        decided = _decide(session, [*entries, *awards], actor, "approved", "", now)
        for item, (before, after) in zip([*entries, *awards], decided, strict=True):
            kind = "subsidy_entry" if isinstance(item, SubsidyEntry) else "award"
            changes.append(Change(f"{'entry' if kind == 'subsidy_entry' else 'award'}.approve",
                                  kind, item.id, before, after))
        # the approvals reach the file first: the triggers link an original only to a reversal
        # that is approved
        session.flush()
        for item in [*entries, *awards]:
            if item.reverses_id is not None:
                kind = "subsidy_entry" if isinstance(item, SubsidyEntry) else "award"
                original = session.get(type(item), item.reverses_id)
                original_before = original.model_dump()
                original.reversed_by_id = item.id
                changes.append(Change(f"{'entry' if kind == 'subsidy_entry' else 'award'}.reversed",
                                      kind, original.id, original_before, original.model_dump()))
                reason = certificates.REVERSAL_REASON.format(reason=item.reason)
                changes.extend(certificates.revoke_covering(
                    session, actor, reason=reason,
                    entry_id=original.id if kind == "subsidy_entry" else None,
                    award_id=original.id if kind == "award" else None))
        session.flush()
        if changes:
            record(session, actor, *changes)
        uow.commit()
        return len(entries) + len(awards)


@checked
def reject(db: Database, *, actor: Actor, reason: str, entry_ids: list[int] = (),
           award_ids: list[int] = ()) -> int:
    """Rejects every item given, or none; the reason is required and kept with each."""
    reason = v.optional_text(reason, "reason", max_length=500)
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Say why the entries are rejected."), field="reason")
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.ENTRY_DECIDE)
        items = [*_load(session, actor, SubsidyEntry, list(entry_ids)),
                 *_load(session, actor, Award, list(award_ids))]
        now, changes = utc_now(), []
        decided = _decide(session, items, actor, "rejected", reason, now)
        for item, (before, after) in zip(items, decided, strict=True):
            kind = "subsidy_entry" if isinstance(item, SubsidyEntry) else "award"
            changes.append(Change(f"{'entry' if kind == 'subsidy_entry' else 'award'}.reject",
                                  kind, item.id, before, after))
        session.flush()
        if changes:
            record(session, actor, *changes)
        uow.commit()
        return len(items)
