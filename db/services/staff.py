"""Staff accounts: administrators create, edit, deactivate, unlock and reset passwords."""

import re

from sqlalchemy.orm import defer
from sqlmodel import delete, func, select

from db import passwords
from db.access import Action, Actor, Role, authorise
from db.arguments import checked
from db.audit import Change, record
from db.clock import utc_now
from db.engine import Database
from db.errors import ChangedMeanwhile, NotFound, ValidationError
from db.models import StaffAccount, StaffZone, Zone
from db.server import roles
from db.server.dialect import is_server
from db.translatable import QT_TRANSLATE_NOOP

_USERNAME = re.compile(r"^[a-z0-9_.\-]{3,32}$")


def password_hash_of(session, staff: StaffAccount) -> str:  # noqa: ANN001
    """What the account's password_hash holds: on a server, which checks passwords itself, a
    mark that no staff role may even read (db/server/roles.py), never a hash."""
    return roles.PASSWORD_KEPT_BY_SERVER if is_server(session) else staff.password_hash


def accounts(session):  # noqa: ANN001, ANN201 (a select of StaffAccount)
    """A select of accounts that never reads password_hash on a server."""
    query = select(StaffAccount)
    return query.options(defer(StaffAccount.password_hash, raiseload=True)) \
        if is_server(session) else query


def snapshot(session, staff: StaffAccount) -> dict[str, object]:  # noqa: ANN001
    """What the audit keeps of an account (never the password hash: its seal)."""
    zones = session.exec(select(StaffZone.zone_id).where(StaffZone.staff_id == staff.id)).all()
    return {"username": staff.username, "display_name": staff.display_name, "role": staff.role,
            "zone_ids": sorted(zones), "active": staff.active, "failed_attempts": staff.failed_attempts,
            "locked_until": staff.locked_until, "version": staff.version,
            "password_seal": passwords.seal(password_hash_of(session, staff))}


def check_password(password: str) -> None:
    if len(password) < passwords.MIN_LENGTH:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "A password needs at least {min} characters."), field="password", min=passwords.MIN_LENGTH)


def _check_role_zones(session, role: str, zone_ids: list[int]) -> None:  # noqa: ANN001
    if role not in {r.value for r in Role}:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Choose a role from the list."), field="role")
    if role in (Role.CLERK, Role.REVIEWER) and not zone_ids:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "A clerk or reviewer needs at least one zone."), field="zone_ids")
    known = set(session.exec(select(Zone.id).where(Zone.id.in_(zone_ids))).all())
    if known != set(zone_ids):
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Choose zones from the list."), field="zone_ids")


def _set_zones(session, staff_id: int, role: str, zone_ids: list[int]) -> None:  # noqa: ANN001
    session.exec(delete(StaffZone).where(StaffZone.staff_id == staff_id))
    if role in (Role.CLERK, Role.REVIEWER):  # administrators and auditors cover every zone
        session.add_all(StaffZone(staff_id=staff_id, zone_id=z) for z in sorted(set(zone_ids)))
    session.flush()


def new_account(session, *, username: str, display_name: str, role: str, zone_ids: list[int],  # noqa: ANN001
                password: str) -> StaffAccount:
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "A user name has 3 to 32 lower-case letters, digits, dots, dashes or underscores."),
            field="username")
    if session.exec(select(StaffAccount.id).where(StaffAccount.username == username)).first():
        raise ValidationError(QT_TRANSLATE_NOOP("db", "This user name is taken."), field="username")
    display_name = display_name.strip()
    if not display_name:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "This field is required."), field="display_name")
    _check_role_zones(session, role, zone_ids)
    check_password(password)
    server = is_server(session)
    kept = roles.PASSWORD_KEPT_BY_SERVER if server else passwords.hash_password(password)
    staff = StaffAccount(username=username, display_name=display_name, role=role,
                         password_hash=kept, created_at=utc_now())
    session.add(staff)
    session.flush()
    _set_zones(session, staff.id, role, zone_ids)
    if server:  # the person's login role, made with the row or not at all
        roles.create_login(session, username, password)
    return staff


@checked
def create_staff(db: Database, *, actor: Actor, username: str, display_name: str, role: str,
                 zone_ids: list[int], password: str) -> int:
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.STAFF_CREATE)
        staff = new_account(session, username=username, display_name=display_name, role=role,
                            zone_ids=zone_ids, password=password)
        record(session, actor, Change("staff.create", "staff", staff.id, None, snapshot(session, staff)))
        uow.commit()
        return staff.id


def _load(session, staff_id: int, expected_version: int | None) -> StaffAccount:  # noqa: ANN001
    staff = session.exec(accounts(session).where(StaffAccount.id == staff_id)).first()
    if staff is None:
        raise NotFound(QT_TRANSLATE_NOOP("db", "This account no longer exists."))
    if expected_version is not None and staff.version != expected_version:
        raise ChangedMeanwhile(QT_TRANSLATE_NOOP(
            "db", "Someone else changed this account after you opened it. Reload and try again."))
    return staff


def _active_admins(session) -> int:  # noqa: ANN001
    return session.exec(select(func.count()).select_from(StaffAccount).where(
        StaffAccount.role == Role.ADMIN, StaffAccount.active)).one()


def _an_admin_remains(session, staff: StaffAccount, role: str, active: bool) -> None:  # noqa: ANN001
    """Refused before anything is changed: the last active administrator stays one (on a
    server, an administrator who stopped being one could not write the rest of the change)."""
    if role == Role.ADMIN and active:
        return
    others = session.exec(select(func.count()).select_from(StaffAccount).where(
        StaffAccount.role == Role.ADMIN, StaffAccount.active, StaffAccount.id != staff.id)).one()
    if others == 0:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "At least one active administrator must remain."), field="role")


def _change(db: Database, actor: Actor, action: Action, audit_action: str, staff_id: int,
            expected_version: int | None, apply) -> None:  # noqa: ANN001
    """Loads, checks, applies `apply(session, staff)`, audits and commits one account change."""
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, action)
        staff = _load(session, staff_id, expected_version)
        before = snapshot(session, staff)
        apply(session, staff, actor)
        staff.version += 1
        session.flush()
        if _active_admins(session) == 0:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "At least one active administrator must remain."), field="role")
        record(session, actor, Change(audit_action, "staff", staff.id, before, snapshot(session, staff)))
        uow.commit()


@checked
def update_staff(db: Database, *, actor: Actor, staff_id: int, expected_version: int,
                 display_name: str, role: str, zone_ids: list[int]) -> None:
    def apply(session, staff, _actor) -> None:  # noqa: ANN001
        name = display_name.strip()
        if not name:
            raise ValidationError(QT_TRANSLATE_NOOP("db", "This field is required."), field="display_name")
        _check_role_zones(session, role, zone_ids)
        _an_admin_remains(session, staff, role, staff.active)
        staff.display_name, staff.role = name, role
        _set_zones(session, staff.id, role, zone_ids)
    _change(db, actor, Action.STAFF_EDIT, "staff.edit", staff_id, expected_version, apply)


@checked
def set_active(db: Database, *, actor: Actor, staff_id: int, active: bool) -> None:
    def apply(_session, staff, who) -> None:  # noqa: ANN001
        if not active and staff.id == who.staff_id:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "You cannot deactivate your own account."), field="active")
        _an_admin_remains(_session, staff, staff.role, active)
        staff.active = active
        if is_server(_session):
            roles.set_login(_session, staff.username, active)
    _change(db, actor, Action.STAFF_DEACTIVATE, "staff.activate" if active else "staff.deactivate",
            staff_id, None, apply)


@checked
def unlock_staff(db: Database, *, actor: Actor, staff_id: int) -> None:
    def apply(_session, staff, _actor) -> None:  # noqa: ANN001
        staff.failed_attempts, staff.locked_until = 0, None
    _change(db, actor, Action.STAFF_UNLOCK, "staff.unlock", staff_id, None, apply)


@checked
def reset_password(db: Database, *, actor: Actor, staff_id: int, new_password: str) -> None:
    def apply(session, staff, _actor) -> None:  # noqa: ANN001
        check_password(new_password)
        if is_server(session):
            roles.set_password(session, staff.username, new_password)
        else:
            staff.password_hash = passwords.hash_password(new_password)
        staff.failed_attempts, staff.locked_until = 0, None
    _change(db, actor, Action.STAFF_RESET_PASSWORD, "staff.reset_password", staff_id, None, apply)
