"""What the Awards pane reads: the little-giant awards and loan guarantees of the actor's zones
with their status and reversal links, the room left under the guarantee limits for a firm, and
the award amount a level carries on a date."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import select

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.engine import Database
from db.errors import ValidationError
from db.models import Award, Enterprise, StaffAccount, Zone
from db.queries.enterprises import readable_enterprise
from db.services import limits
from db.services.awards import LEVELS, award_amount


@dataclass(frozen=True)
class AwardRow:
    id: int
    zone_id: int
    zone_name: str
    enterprise_id: int
    firm_name: str
    uscc: str
    kind: str  # little_giant | loan_guarantee
    level: str  # municipal | national ('' for a guarantee)
    recognised_on: date | None
    document_no: str
    bank: str
    loan_fen: int
    term_months: int
    amount_fen: int  # the award paid, or the amount guaranteed (negative for a reversal)
    status: str  # draft | submitted | approved | rejected
    reverses_id: int | None
    reversed_by_id: int | None
    pending_reversal_id: int | None  # a reversal waiting for review (draft or submitted)
    reason: str  # why a reversal was asked
    decision_note: str  # why it was rejected
    entered_by_name: str
    entered_at: datetime

    @property
    def reversible(self) -> bool:
        """An approved original not yet reversed, with no reversal under way."""
        return (self.status == "approved" and self.reverses_id is None
                and self.reversed_by_id is None and self.pending_reversal_id is None)


@dataclass(frozen=True)
class GuaranteeRoom:
    guaranteed_fen: int  # what the firm's guarantees already take (drafts and pending included)
    cap_fen: int  # per firm, in total
    loans_fen: int  # all guaranteed loans of the programme (a clerk's or reviewer's: of their
    # own zones; other zones' loans are not theirs to read, even summed)
    quota_fen: int

    @property
    def firm_left_fen(self) -> int:
        return max(0, self.cap_fen - self.guaranteed_fen)


@checked
def awards(db: Database, *, actor: Actor, zone_id: int | None = None,
           enterprise_id: int | None = None) -> list[AwardRow]:
    """The awards of the actor's zones (or of one zone, one firm), newest first."""
    with db.reading() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.MONEY_READ)
        query = (select(Award, Enterprise.name, Enterprise.uscc, Zone.name, StaffAccount.display_name)
                 .join(Enterprise, Enterprise.id == Award.enterprise_id)
                 .join(Zone, Zone.id == Award.zone_id)
                 .join(StaffAccount, StaffAccount.id == Award.entered_by)
                 .order_by(Award.id.desc()))
        if not actor.all_zones:
            query = query.where(Award.zone_id.in_(sorted(actor.zone_ids)))
        if zone_id is not None:
            query = query.where(Award.zone_id == zone_id)
        if enterprise_id is not None:
            query = query.where(Award.enterprise_id == enterprise_id)
        found = session.exec(query).all()
        pending = {award.reverses_id: award.id for award, *_ in found
                   if award.reverses_id is not None and award.status in ("draft", "submitted")}
        return [AwardRow(
            award.id, award.zone_id, zone_name, award.enterprise_id, firm_name, uscc, award.kind,
            award.level, award.recognised_on, award.document_no, award.bank, award.loan_fen,
            award.term_months, award.amount_fen, award.status, award.reverses_id,
            award.reversed_by_id, pending.get(award.id), award.reason, award.decision_note,
            staff_name, award.entered_at) for award, firm_name, uscc, zone_name, staff_name in found]


@checked
def guarantee_room(db: Database, *, actor: Actor, enterprise_id: int) -> GuaranteeRoom:
    with db.reading() as uow:
        session = uow.session
        readable_enterprise(session, actor, enterprise_id)
        actor = authorise(session, actor, Action.MONEY_READ)
        loans = limits.loans_guaranteed(session, zone_ids=None if actor.all_zones else actor.zone_ids)
        return GuaranteeRoom(limits.guaranteed_for_firm(session, enterprise_id),
                             limits.setting(session, "guarantee_cap_per_firm_fen"),
                             loans, limits.setting(session, "loan_quota_fen"))


@checked
def award_amount_on(db: Database, *, actor: Actor, level: str, on: date) -> int | None:
    """The little-giant award of a level recognised on a date; None when none is set."""
    if level not in LEVELS:
        return None
    with db.reading() as uow:
        session = uow.session
        authorise(session, actor, Action.MONEY_READ)
        try:
            return award_amount(session, level, on)
        except ValidationError:
            return None
