"""Logging in, and the first administrator of a new database.

Ten wrong passwords in a row lock an account for 30 minutes; the lock is in the file, so it
survives a restart. An unknown user name costs one password verification too, so that the
time taken does not tell which names exist.
"""

from datetime import UTC, datetime, timedelta

from sqlmodel import func, select

from db import passwords
from db.access import Actor, Role, load_actor
from db.audit import Change, record
from db.clock import SHANGHAI, utc_now
from db.engine import Database
from db.errors import LoginRefused, ValidationError
from db.models import StaffAccount
from db.services.staff import check_password, new_account
from db.translatable import QT_TRANSLATE_NOOP

MAX_FAILED_ATTEMPTS = 10
LOCK_DURATION = timedelta(minutes=30)


def needs_first_admin(db: Database) -> bool:
    with db.reading() as uow:
        return uow.session.exec(select(func.count()).select_from(StaffAccount)).one() == 0


def create_first_admin(db: Database, *, username: str, display_name: str, password: str) -> Actor:
    """The first account of a new database; refused once any account exists."""
    with db.writing() as uow:
        session = uow.session
        if session.exec(select(func.count()).select_from(StaffAccount)).one():
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "This database already has staff accounts: log in instead."), field="username")
        staff = new_account(session, username=username, display_name=display_name,
                            role=Role.ADMIN, zone_ids=[], password=password)
        record(session, None, Change("staff.create_first_admin", "staff", staff.id, None,
                                     {"username": staff.username, "role": staff.role}))
        uow.commit()
        actor = load_actor(session, staff.id)
        assert actor is not None
        return actor


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def log_in(db: Database, *, username: str, password: str, now: datetime | None = None) -> Actor:
    """The signed-in actor, or LoginRefused saying why (without telling which names exist)."""
    now = now or utc_now()
    wrong = LoginRefused(QT_TRANSLATE_NOOP("db", "Wrong user name or password."), field="password")
    with db.writing() as uow:
        session = uow.session
        staff = session.exec(select(StaffAccount).where(
            StaffAccount.username == username.strip().lower())).first()
        if staff is None:
            passwords.verify(None, password)
            raise wrong
        if staff.locked_until is not None and _aware(staff.locked_until) > now:
            passwords.verify(None, password)
            until = _aware(staff.locked_until).astimezone(SHANGHAI).strftime("%H:%M")
            raise LoginRefused(QT_TRANSLATE_NOOP(
                "db", "Too many wrong passwords: this account is locked until {time}. "
                "An administrator can unlock it sooner."), field="password", time=until)
        ok = passwords.verify(staff.password_hash, password)
        before = {"failed_attempts": staff.failed_attempts, "locked_until": staff.locked_until}
        if not ok:
            staff.failed_attempts += 1
            action = "staff.log_in_failed"
            if staff.failed_attempts >= MAX_FAILED_ATTEMPTS:
                staff.locked_until, staff.failed_attempts = now + LOCK_DURATION, 0
                action = "staff.locked"
            record(session, None, Change(action, "staff", staff.id, before,
                                         {"failed_attempts": staff.failed_attempts,
                                          "locked_until": staff.locked_until}))
            uow.commit()
            raise wrong
        if not staff.active:
            raise LoginRefused(QT_TRANSLATE_NOOP(
                "db", "This account has been deactivated. Ask an administrator."), field="username")
        staff.failed_attempts, staff.locked_until = 0, None
        if passwords.needs_rehash(staff.password_hash):
            staff.password_hash = passwords.hash_password(password)
        actor = load_actor(session, staff.id)
        assert actor is not None
        record(session, actor, Change("staff.log_in", "staff", staff.id, before,
                                      {"failed_attempts": 0, "locked_until": None}))
        uow.commit()
        return actor


def change_own_password(db: Database, *, actor: Actor, old_password: str, new_password: str) -> None:
    with db.writing() as uow:
        session = uow.session
        staff = session.get(StaffAccount, actor.staff_id)
        if staff is None or not passwords.verify(staff.password_hash, old_password):
            raise ValidationError(QT_TRANSLATE_NOOP("db", "The current password is wrong."),
                                  field="old_password")
        check_password(new_password)
        staff.password_hash = passwords.hash_password(new_password)
        staff.version += 1
        record(session, actor, Change("staff.change_password", "staff", staff.id, None, None))
        uow.commit()
