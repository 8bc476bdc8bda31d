"""Tenancies: a firm opens one in a zone, closes it when it leaves, or moves to another zone.

Dates are inclusive: a tenancy covers start_on to end_on. A move on day D ends the old tenancy
on D-1 and starts the new one on D. A firm has at most one open tenancy (also a unique index).
"""

from datetime import date, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import select

from db.access import Action, Actor, require
from db.arguments import checked
from db.audit import Change, record
from db.clock import utc_now
from db.engine import Database
from db.errors import ValidationError
from db.models import Enterprise, Tenancy, Zone
from db.server.dialect import is_server
from db.services.enterprises import FirstTenancy, _new_tenancy, load_for_change, snapshot
from db.translatable import QT_TRANSLATE_NOOP


def _open_tenancy_of(session, enterprise_id: int) -> Tenancy | None:  # noqa: ANN001
    return session.exec(select(Tenancy).where(Tenancy.enterprise_id == enterprise_id,
                                              Tenancy.end_on.is_(None))).first()


def _refuse_overlap(session, enterprise_id: int, start_on: date) -> None:  # noqa: ANN001
    """A new tenancy starts after every earlier one ended."""
    ends = session.exec(select(Tenancy.end_on).where(Tenancy.enterprise_id == enterprise_id,
                                                     Tenancy.end_on.is_not(None))).all()
    last_end = max(ends, default=None)
    if last_end is not None and start_on <= last_end:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "The start date must be after the last tenancy ended ({date})."),
            field="start_on", date=last_end.isoformat())


def _zone(session, zone_id: int) -> Zone:  # noqa: ANN001
    zone = session.get(Zone, zone_id)
    if zone is None or not zone.active:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Choose a zone from the list."), field="zone_id")
    return zone


@checked
def open_tenancy(db: Database, *, actor: Actor, enterprise_id: int, expected_version: int,
                 zone_id: int, tenancy: FirstTenancy) -> int:
    """A firm without an open tenancy takes a unit in one of the actor's zones."""
    with db.writing() as uow:
        session = uow.session
        actor, enterprise = load_for_change(session, actor, Action.TENANCY_OPEN, enterprise_id,
                                            expected_version)
        opened, changes = open_tenancy_in(session, actor, enterprise, zone_id=zone_id, tenancy=tenancy)
        record(session, actor, *changes)
        uow.commit()
        return opened.id


def open_tenancy_in(session, actor: Actor, enterprise: Enterprise, *, zone_id: int,  # noqa: ANN001
                    tenancy: FirstTenancy) -> tuple[Tenancy, list[Change]]:
    """The opening itself, inside the caller's transaction, for a firm whose checks were made
    (`load_for_change`): the tenancy dialog and a firms import. Returns it and what to audit."""
    require(actor, Action.TENANCY_OPEN, enterprise.zone_id)
    require(actor, Action.TENANCY_OPEN, zone_id)
    _zone(session, zone_id)
    if _open_tenancy_of(session, enterprise.id) is not None:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "The firm already has an open tenancy: close it or move the firm."), field="zone_id")
    _refuse_overlap(session, enterprise.id, tenancy.start_on)
    before = snapshot(enterprise)
    opened = _new_tenancy(session, enterprise.id, zone_id, tenancy)
    enterprise.zone_id, enterprise.status = zone_id, "active"
    enterprise.version += 1
    enterprise.updated_at = utc_now()
    return opened, [Change("tenancy.open", "tenancy", opened.id, None, opened.model_dump()),
                    Change("enterprise.edit", "enterprise", enterprise.id, before, snapshot(enterprise))]


@checked
def close_tenancy(db: Database, *, actor: Actor, enterprise_id: int, expected_version: int,
                  end_on: date) -> None:
    """The firm leaves its zone: its open tenancy ends on `end_on` and it is marked moved out."""
    with db.writing() as uow:
        session = uow.session
        actor, enterprise = load_for_change(session, actor, Action.TENANCY_CLOSE, enterprise_id,
                                            expected_version)
        current = _open_tenancy_of(session, enterprise_id)
        if current is None:
            raise ValidationError(QT_TRANSLATE_NOOP("db", "The firm has no open tenancy."), field="end_on")
        if end_on < current.start_on:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "The end date cannot be before the tenancy started ({date})."),
                field="end_on", date=current.start_on.isoformat())
        tenancy_before, firm_before = current.model_dump(), snapshot(enterprise)
        current.end_on = end_on
        current.version += 1
        enterprise.status = "moved_out"
        enterprise.version += 1
        enterprise.updated_at = utc_now()
        record(session, actor,
               Change("tenancy.close", "tenancy", current.id, tenancy_before, current.model_dump()),
               Change("enterprise.edit", "enterprise", enterprise.id, firm_before, snapshot(enterprise)))
        uow.commit()


def _hand_over(session, enterprise: Enterprise, to_zone_id: int, now: datetime) -> None:  # noqa: ANN001
    """The firm's row takes the new zone. On a server the person may not write a row that then
    leaves their sight, so the server's zonedesk_hand_over (migration 0014) writes it, under the
    same conditions, and the object is given what it wrote."""
    if not is_server(session):
        enterprise.zone_id, enterprise.status = to_zone_id, "active"
        enterprise.version += 1
        enterprise.updated_at = now
        return
    session.flush()  # the new tenancy first: the server moves a firm into an open tenancy only
    version = session.execute(text("SELECT zonedesk_hand_over(current_user::text, :firm, :zone, :at)"),
                              {"firm": enterprise.id, "zone": to_zone_id, "at": now}).scalar_one()
    for field, value in (("zone_id", to_zone_id), ("status", "active"), ("version", version),
                         ("updated_at", now)):
        set_committed_value(enterprise, field, value)


@checked
def move_enterprise(db: Database, *, actor: Actor, enterprise_id: int, expected_version: int,
                    to_zone_id: int, tenancy: FirstTenancy) -> int:
    """Moves a firm to another zone on tenancy.start_on: the old tenancy ends the day before,
    the new one opens, and the new zone's staff look after the firm from then on.

    The actor must cover the zone the firm leaves; the zone it moves to may be any active zone
    (the staff who see the firm go are the ones who record it)."""
    with db.writing() as uow:
        session = uow.session
        actor, enterprise = load_for_change(session, actor, Action.TENANCY_MOVE, enterprise_id,
                                            expected_version)
        if to_zone_id == enterprise.zone_id:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "The firm is already in this zone: choose another."), field="zone_id")
        _zone(session, to_zone_id)
        current = _open_tenancy_of(session, enterprise_id)
        changes = []
        if current is not None:
            if tenancy.start_on <= current.start_on:
                raise ValidationError(QT_TRANSLATE_NOOP(
                    "db", "The move date must be after the current tenancy started ({date})."),
                    field="start_on", date=current.start_on.isoformat())
            before = current.model_dump()
            current.end_on = tenancy.start_on - timedelta(days=1)
            current.version += 1
            session.flush()
            changes.append(Change("tenancy.close", "tenancy", current.id, before, current.model_dump()))
        else:
            _refuse_overlap(session, enterprise_id, tenancy.start_on)
        firm_before = snapshot(enterprise)
        opened = _new_tenancy(session, enterprise_id, to_zone_id, tenancy)
        _hand_over(session, enterprise, to_zone_id, utc_now())
        changes += [Change("tenancy.open", "tenancy", opened.id, None, opened.model_dump()),
                    Change("enterprise.move", "enterprise", enterprise.id, firm_before,
                           snapshot(enterprise))]
        record(session, actor, *changes)
        uow.commit()
        return opened.id
