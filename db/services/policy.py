"""What administrators set: subsidy rates, budgets, programme limits, award amounts, and the
closing and reopening of months. Policies change, so all of it is data, dated where it applies."""

from datetime import date

from sqlalchemy import text
from sqlmodel import Session, select

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.audit import Change, record
from db.clock import utc_now
from db.engine import Database
from db.errors import ValidationError
from db.models import AwardRate, Budget, ClosedPeriod, PolicyRate, ProgrammeSetting, Zone
from db.models.money import CATEGORIES
from db.money import format_fen
from db.money import subsidy_rules as rules
from db.services import validation as v
from db.services.validation import required_text
from db.translatable import QT_TRANSLATE_NOOP, category_term

SETTINGS = ("budget_cap_fen", "loan_quota_fen", "guarantee_cap_per_firm_fen")
BUDGET_CATEGORIES = (*CATEGORIES, "little_giant")


@checked
def set_policy_rate(db: Database, *, actor: Actor, category: str, valid_from: date, rate_bp: int,
                    yearly_cap_fen: int) -> int:
    """The rate from `valid_from` on (a new dated row, or the one of that day replaced)."""
    if category not in CATEGORIES:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Unknown category {category}."),
                              field="category", category=category_term(category))
    if not 0 <= rate_bp <= 10_000:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "The share of the bill is between 0 % and 100 %."), field="rate_bp")
    v.amount(yearly_cap_fen, "yearly_cap_fen")
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.POLICY_EDIT)
        rate = session.exec(select(PolicyRate).where(PolicyRate.category == category,
                                                     PolicyRate.valid_from == valid_from)).first()
        before = rate.model_dump() if rate else None
        if rate is None:
            rate = PolicyRate(category=category, valid_from=valid_from, rate_bp=rate_bp,
                              yearly_cap_fen=yearly_cap_fen)
            session.add(rate)
        else:
            rate.rate_bp, rate.yearly_cap_fen, rate.version = rate_bp, yearly_cap_fen, rate.version + 1
        session.flush()
        record(session, actor, Change("policy.rate", "policy_rate", rate.id, before, rate.model_dump()))
        uow.commit()
        return rate.id


def _budget_total(session: Session, leaving_out: int | None) -> int:
    return int(session.connection().execute(text(
        "SELECT coalesce(sum(amount_fen), 0) FROM budget WHERE id IS DISTINCT FROM :id"),
        {"id": leaving_out}).scalar())


@checked
def set_budget(db: Database, *, actor: Actor, zone_id: int, year: int, category: str,
               amount_fen: int) -> int:
    """A zone's budget for a year and category; all budgets together stay within the
    programme cap."""
    if category not in BUDGET_CATEGORIES:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Unknown category {category}."),
                              field="category", category=category_term(category))
    v.amount(amount_fen, "amount_fen")
    v.year(year)
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.POLICY_EDIT)
        if session.get(Zone, zone_id) is None:
            raise ValidationError(QT_TRANSLATE_NOOP("db", "Choose a zone from the list."), field="zone_id")
        budget = session.exec(select(Budget).where(Budget.zone_id == zone_id, Budget.year == year,
                                                   Budget.category == category)).first()
        cap = session.get(ProgrammeSetting, "budget_cap_fen").value
        total = _budget_total(session, budget.id if budget else None) + amount_fen
        if total > cap:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "All budgets together would reach ¥{total}, over the programme cap of ¥{cap} "
                "by ¥{over}."), field="amount_fen", total=format_fen(total), cap=format_fen(cap),
                over=format_fen(total - cap))
        before = budget.model_dump() if budget else None
        if budget is None:
            budget = Budget(zone_id=zone_id, year=year, category=category, amount_fen=amount_fen)
            session.add(budget)
        else:
            budget.amount_fen, budget.version = amount_fen, budget.version + 1
        session.flush()
        record(session, actor, Change("policy.budget", "budget", budget.id, before, budget.model_dump()))
        uow.commit()
        return budget.id


@checked
def set_programme_setting(db: Database, *, actor: Actor, key: str, value_fen: int) -> None:
    if key not in SETTINGS:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Unknown setting."), field="key")
    v.amount(value_fen, "value")
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.POLICY_EDIT)
        if key == "budget_cap_fen" and _budget_total(session, None) > value_fen:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "The budgets already given out total ¥{total}: the cap cannot be lower."),
                field="value", total=format_fen(_budget_total(session, None)))
        setting = session.get(ProgrammeSetting, key)
        before = setting.model_dump()
        setting.value, setting.version = value_fen, setting.version + 1
        session.flush()
        record(session, actor, Change("policy.setting", "programme_setting", key, before, setting.model_dump()))
        uow.commit()


@checked
def set_award_rate(db: Database, *, actor: Actor, level: str, valid_from: date, amount_fen: int) -> int:
    if level not in ("municipal", "national"):
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Choose a level from the list."), field="level")
    v.amount(amount_fen, "amount_fen")
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.POLICY_EDIT)
        rate = session.exec(select(AwardRate).where(AwardRate.level == level,
                                                    AwardRate.valid_from == valid_from)).first()
        before = rate.model_dump() if rate else None
        if rate is None:
            rate = AwardRate(level=level, valid_from=valid_from, amount_fen=amount_fen)
            session.add(rate)
        else:
            rate.amount_fen, rate.version = amount_fen, rate.version + 1
        session.flush()
        record(session, actor, Change("policy.award_rate", "award_rate", rate.id, before, rate.model_dump()))
        uow.commit()
        return rate.id


@checked
def close_period(db: Database, *, actor: Actor, period: str) -> None:
    """From now on the month accepts no new, changed, approved or reversed entry."""
    period = rules.parse_period(period)
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.PERIOD_CLOSE)
        if session.get(ClosedPeriod, period) is not None:
            raise ValidationError(QT_TRANSLATE_NOOP("db", "{period} is already closed."),
                                  field="period", period=period)
        session.add(ClosedPeriod(period=period, closed_by=actor.staff_id, closed_at=utc_now()))
        session.flush()
        record(session, actor, Change("period.close", "period", period, None, {"closed": True}))
        uow.commit()


@checked
def reopen_period(db: Database, *, actor: Actor, period: str, reason: str) -> None:
    period = rules.parse_period(period)
    reason = required_text(reason, "reason", max_length=500)
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.PERIOD_CLOSE)
        closed = session.get(ClosedPeriod, period)
        if closed is None:
            raise ValidationError(QT_TRANSLATE_NOOP("db", "{period} is not closed."),
                                  field="period", period=period)
        session.delete(closed)
        session.flush()
        record(session, actor, Change("period.reopen", "period", period, {"closed": True},
                                      {"closed": False, "reason": reason}))
        uow.commit()
