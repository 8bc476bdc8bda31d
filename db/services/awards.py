"""Awards: a little-giant recognition and the award that follows it, or a loan guarantee.
Same path as subsidies: recorded (draft or submitted at once), approved by a reviewer, frozen,
corrected only by a reversal."""

from datetime import date

from sqlalchemy import text
from sqlmodel import Session, select

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.audit import Change, record
from db.clock import today_shanghai, utc_now
from db.engine import Database
from db.errors import NotFound, ValidationError
from db.models import Award
from db.money import format_fen
from db.services import limits
from db.services import validation as v
from db.services.enterprises import load_for_change
from db.services.enterprises import snapshot as firm_snapshot
from db.services.validation import not_future, optional_text, required_text
from db.translatable import QT_TRANSLATE_NOOP, status_term

LEVELS = ("municipal", "national")


def award_amount(session: Session, level: str, on: date) -> int:
    row = session.connection().execute(text(
        "SELECT amount_fen FROM awardrate WHERE level = :level AND valid_from <= :day"
        " ORDER BY valid_from DESC LIMIT 1"), {"level": level, "day": on.isoformat()}).first()
    if row is None:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "No award amount is set for this level on that date: ask an administrator."),
            field="level")
    return int(row[0])


@checked
def record_little_giant(db: Database, *, actor: Actor, enterprise_id: int, expected_version: int,
                        level: str, recognised_on: date, document_no: str, submit: bool = True) -> int:
    """Records the recognition on the firm (level, date) and the award that follows it, with
    the amount in force on the recognition date. Once per firm and level."""
    if level not in LEVELS:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Choose a level from the list."), field="level")
    with db.writing() as uow:
        session = uow.session
        actor, firm = load_for_change(session, actor, Action.ENTRY_EDIT, enterprise_id, expected_version)
        document_no = required_text(document_no, "document_no", max_length=60)
        not_future(recognised_on, today_shanghai(), "recognised_on")
        if session.exec(select(Award).where(
                Award.enterprise_id == enterprise_id, Award.kind == "little_giant",
                Award.level == level, Award.reverses_id.is_(None), Award.reversed_by_id.is_(None),
                Award.status.in_(("draft", "submitted", "approved")))).first():
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "This firm already has an award for this level."), field="level")
        award = Award(enterprise_id=enterprise_id, zone_id=firm.zone_id, kind="little_giant",
                      level=level, recognised_on=recognised_on, document_no=document_no,
                      amount_fen=award_amount(session, level, recognised_on),
                      status="submitted" if submit else "draft", entered_by=actor.staff_id,
                      entered_at=utc_now())
        session.add(award)
        changes = []
        if (firm.giant_level, firm.giant_recognised_on) != (level, recognised_on):
            before = firm_snapshot(firm)
            firm.giant_level, firm.giant_recognised_on = level, recognised_on
            firm.version += 1
            firm.updated_at = utc_now()
            changes.append(Change("enterprise.recognise", "enterprise", firm.id, before, firm_snapshot(firm)))
        session.flush()
        changes.insert(0, Change("award.record", "award", award.id, None, award.model_dump()))
        record(session, actor, *changes)
        uow.commit()
        return award.id


@checked
def record_loan_guarantee(db: Database, *, actor: Actor, enterprise_id: int, bank: str,
                          loan_fen: int, term_months: int, guaranteed_fen: int,
                          submit: bool = True) -> int:
    """A bank loan the programme guarantees: the guaranteed part is at most the loan, the firm's
    guarantees at most the per-firm cap in total, all guaranteed loans within the quota."""
    with db.writing() as uow:
        session = uow.session
        actor, firm = load_for_change(session, actor, Action.ENTRY_EDIT, enterprise_id, None)
        bank = required_text(bank, "bank", max_length=100)
        if loan_fen <= 0:
            raise ValidationError(QT_TRANSLATE_NOOP("db", "Enter the loan amount."), field="loan_fen")
        v.amount(loan_fen, "loan_fen")
        if not 1 <= term_months <= 360:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "The term is 1 to 360 months."), field="term_months")
        if not 0 < guaranteed_fen <= loan_fen:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "The guaranteed amount must be more than 0 and at most the loan."),
                field="amount_fen")
        cap = limits.setting(session, "guarantee_cap_per_firm_fen")
        already = limits.guaranteed_for_firm(session, enterprise_id)
        if already + guaranteed_fen > cap:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "The firm's guarantees would reach ¥{total}, over the ¥{cap} limit by ¥{over}."),
                field="amount_fen", total=format_fen(already + guaranteed_fen), cap=format_fen(cap),
                over=format_fen(already + guaranteed_fen - cap))
        quota = limits.setting(session, "loan_quota_fen")
        if limits.loans_guaranteed(session) + loan_fen > quota:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "The guaranteed loans would exceed the programme quota of ¥{quota}."),
                field="loan_fen", quota=format_fen(quota))
        award = Award(enterprise_id=enterprise_id, zone_id=firm.zone_id, kind="loan_guarantee",
                      bank=bank, loan_fen=loan_fen, term_months=term_months, amount_fen=guaranteed_fen,
                      status="submitted" if submit else "draft", entered_by=actor.staff_id,
                      entered_at=utc_now())
        session.add(award)
        session.flush()
        record(session, actor, Change("award.record", "award", award.id, None, award.model_dump()))
        uow.commit()
        return award.id


@checked
def submit_awards(db: Database, *, actor: Actor, award_ids: list[int]) -> int:
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.ENTRY_SUBMIT)
        changes = []
        for award_id in award_ids:
            award = session.get(Award, award_id)
            if award is None:
                raise NotFound(QT_TRANSLATE_NOOP("db", "Entry {id} no longer exists."), id=award_id)
            authorise(session, actor, Action.ENTRY_SUBMIT, award.zone_id)
            if award.status != "draft":
                raise ValidationError(QT_TRANSLATE_NOOP(
                    "db", "Entry {id} is no longer a draft (it is {status}): reload and try again."),
                    id=award.id, status=status_term(award.status))
            before = award.model_dump()
            award.status, award.version = "submitted", award.version + 1
            changes.append(Change("award.submit", "award", award.id, before, award.model_dump()))
        session.flush()
        if changes:
            record(session, actor, *changes)
        uow.commit()
        return len(changes)


@checked
def reverse_award(db: Database, *, actor: Actor, award_id: int, reason: str) -> int:
    """The reversal of an approved award: amounts negated, submitted for review."""
    reason = optional_text(reason, "reason", max_length=500)
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Say why the entry is reversed."), field="reason")
    with db.writing() as uow:
        session = uow.session
        original = session.get(Award, award_id)
        if original is None:
            raise NotFound(QT_TRANSLATE_NOOP("db", "Entry {id} no longer exists."), id=award_id)
        actor = authorise(session, actor, Action.ENTRY_REVERSE, original.zone_id)
        if original.status != "approved" or original.reverses_id is not None:
            raise ValidationError(QT_TRANSLATE_NOOP("db", "Only an approved entry can be reversed."),
                                  field="reason")
        if original.reversed_by_id is not None or session.exec(select(Award).where(
                Award.reverses_id == original.id,
                Award.status.in_(("draft", "submitted", "approved")))).first():
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "This entry is already reversed, or its reversal awaits review."), field="reason")
        reversal = Award(
            enterprise_id=original.enterprise_id, zone_id=original.zone_id, kind=original.kind,
            level=original.level, recognised_on=original.recognised_on,
            document_no=original.document_no, bank=original.bank, loan_fen=-original.loan_fen,
            term_months=original.term_months, amount_fen=-original.amount_fen, status="submitted",
            reverses_id=original.id, reason=reason, entered_by=actor.staff_id, entered_at=utc_now())
        session.add(reversal)
        session.flush()
        record(session, actor, Change("award.reverse", "award", reversal.id, None, reversal.model_dump()))
        uow.commit()
        return reversal.id
