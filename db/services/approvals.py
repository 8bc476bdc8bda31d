"""Reviewers approve or reject submitted entries and awards: a batch is one transaction, all
approved or none, with the reason for the one that failed.

Never one's own entry (four eyes); never beyond the budget left (the message says by how much);
never in a closed month. An approved reversal links the original to it, netting both to 0.
"""

from collections import defaultdict
from datetime import datetime

from sqlmodel import Session

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


def _load(session: Session, actor: Actor, model: type[Item], ids: list[int]) -> list[Item]:
    items = []
    for item_id in ids:
        item = session.get(model, item_id)
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
        if isinstance(item, SubsidyEntry):
            limits.refuse_closed(session, item.period)
        items.append(item)
    return items


def _decide(item: Item, actor: Actor, status: str, note: str, now: datetime) -> tuple[dict, dict]:
    before = item.model_dump()
    item.status, item.decided_by, item.decided_at, item.decision_note = status, actor.staff_id, now, note
    item.version += 1
    return before, item.model_dump()


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
        for item in [*entries, *awards]:
            kind = "subsidy_entry" if isinstance(item, SubsidyEntry) else "award"
            before, after = _decide(item, actor, "approved", "", now)
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
        for item in items:
            kind = "subsidy_entry" if isinstance(item, SubsidyEntry) else "award"
            before, after = _decide(item, actor, "rejected", reason, now)
            changes.append(Change(f"{'entry' if kind == 'subsidy_entry' else 'award'}.reject",
                                  kind, item.id, before, after))
        session.flush()
        if changes:
            record(session, actor, *changes)
        uow.commit()
        return len(items)
