"""Logging in, changing one's own password, and the first administrator of a new database.

Ten wrong passwords in a row lock an account for 30 minutes; the lock is in the file, so it
survives a restart. A wrong current password when changing one's own counts the same as a
wrong log-in password. Names stay secret: a name that is no account is counted and locked
exactly like one (`UnknownName`, migration 0006), an unknown name costs one password
verification too, so neither the answers nor the time taken tell which names exist. While a
name is locked every password, the right one included, is answered "locked until …" and not
counted: the lock stops guessing rather than confirming a guess.
"""

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, delete, func, select

from db import passwords
from db.access import Actor, Role, current, load_actor
from db.arguments import checked
from db.audit import Change, record
from db.clock import SHANGHAI, utc_now
from db.engine import Database
from db.errors import LoginRefused, ValidationError
from db.models import DatabaseIdentity, StaffAccount, UnknownName
from db.server.connection import ServerDatabase
from db.services.own_key import office_name, own_key
from db.services.staff import check_password, new_account, password_hash_of
from db.translatable import QT_TRANSLATE_NOOP

MAX_FAILED_ATTEMPTS = 10
LOCK_DURATION = timedelta(minutes=30)
FORGET_UNKNOWN_AFTER = timedelta(days=1)  # an unknown name's failures, once not locked


@checked
def needs_first_admin(db: Database) -> bool:
    with db.reading() as uow:
        return uow.session.exec(select(func.count()).select_from(StaffAccount)).one() == 0


@checked
def create_first_admin(db: Database, *, username: str, display_name: str, password: str,
                       office: str | None = None) -> Actor:
    """The first account of a new database; refused once any account exists. `office`: the
    name of the office that signs this database's certificates: its key is made now, held in
    that name (else later, in the computer's name, until an administrator names it)."""
    with db.writing() as uow:
        session = uow.session
        if session.exec(select(func.count()).select_from(StaffAccount)).one():
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "This database already has staff accounts: log in instead."), field="username")
        staff = new_account(session, username=username, display_name=display_name,
                            role=Role.ADMIN, zone_ids=[], password=password)
        record(session, None, Change("staff.create_first_admin", "staff", staff.id, None,
                                     {"username": staff.username, "role": staff.role,
                                      "password_seal": passwords.seal(
                                          password_hash_of(session, staff))}))
        if office is not None:  # after the account's own checks; refused, nothing is kept
            own_key(session, actor=load_actor(session, staff.id), office=office_name(office))
        uow.commit()
        actor = load_actor(session, staff.id)
        assert actor is not None
        return actor


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _locked(row: StaffAccount | UnknownName, now: datetime) -> bool:
    return row.locked_until is not None and _aware(row.locked_until) > now


def lock_refusal(locked_until: datetime, field: str) -> LoginRefused:
    until = _aware(locked_until).astimezone(SHANGHAI).strftime("%H:%M")
    return LoginRefused(QT_TRANSLATE_NOOP(
        "db", "Too many wrong passwords: this account is locked until {time}. "
        "An administrator can unlock it sooner."), field=field, time=until)


def _count_failure(session: Session, staff: StaffAccount, actor: Actor | None, failed_action: str,
                   now: datetime) -> bool:
    """One more wrong password in a row, audited; the tenth locks the account (True then)."""
    before = {"failed_attempts": staff.failed_attempts, "locked_until": staff.locked_until}
    staff.failed_attempts += 1
    action = failed_action
    if staff.failed_attempts >= MAX_FAILED_ATTEMPTS:
        staff.locked_until, staff.failed_attempts = now + LOCK_DURATION, 0
        action = "staff.locked"
    record(session, actor, Change(action, "staff", staff.id, before,
                                  {"failed_attempts": staff.failed_attempts,
                                   "locked_until": staff.locked_until}))
    return action == "staff.locked"


def name_digest(session: Session, username: str) -> str:
    """The name as `UnknownName` keeps it: keyed by this file's identity, so that the table
    holds no name (nor a password typed into the name field) and cannot be looked up in a
    precomputed list."""
    identity = session.get(DatabaseIdentity, 1)  # made by migration 0005, kept by triggers
    key = identity.database_id.encode() if identity else b"zone desk"
    return hmac.new(key, username.encode("utf-8"), hashlib.sha256).hexdigest()


def unknown_name(session: Session, username: str) -> UnknownName | None:
    return session.get(UnknownName, name_digest(session, username))


def _count_unknown(session: Session, username: str, now: datetime) -> None:
    """A wrong password for a name that is no account, counted as for an account (not audited:
    there is no one to audit); failures no longer locking are forgotten after a day."""
    session.exec(delete(UnknownName).where(
        col(UnknownName.last_failed_at) < now - FORGET_UNKNOWN_AFTER,
        col(UnknownName.locked_until).is_(None) | (col(UnknownName.locked_until) < now)))
    digest = name_digest(session, username)
    row = session.get(UnknownName, digest) or UnknownName(name_digest=digest, last_failed_at=now)
    row.failed_attempts += 1
    row.last_failed_at = now
    if row.failed_attempts >= MAX_FAILED_ATTEMPTS:
        row.locked_until, row.failed_attempts = now + LOCK_DURATION, 0
    session.add(row)


def lock_of(session: Session, username: str, now: datetime) -> datetime | None:
    """Until when the name typed at log-in is locked, whether it is an account or not."""
    staff = session.exec(select(StaffAccount).where(StaffAccount.username == username)).first()
    row = staff or unknown_name(session, username)
    if row is not None and _locked(row, now):
        return row.locked_until
    return None


def wrong_name_or_password() -> LoginRefused:
    return LoginRefused(QT_TRANSLATE_NOOP("db", "Wrong user name or password."), field="password")


def check_log_in(session: Session, username: str, password: str,
                 now: datetime) -> tuple[StaffAccount | None, bool]:
    """The account of the name typed (None: no account) and whether the password is its own,
    after the one password verification every name costs; LoginRefused while the name is
    locked: any password, right or wrong, known name or not, gets the same answer."""
    staff = session.exec(select(StaffAccount).where(StaffAccount.username == username)).first()
    ok = passwords.verify(staff.password_hash if staff else None, password)
    locked_until = lock_of(session, username, now)
    if locked_until is not None:
        raise lock_refusal(locked_until, "password")
    return staff, ok


@checked
def log_in(db: Database, *, username: str, password: str, now: datetime | None = None) -> Actor:
    """The signed-in actor, or LoginRefused saying why (without telling which names exist)."""
    now = _aware(now) if now is not None else utc_now()
    username = username.strip().lower()
    if isinstance(db, ServerDatabase):  # the server checks the password
        from db.server.log_in import log_in as log_in_to_server
        return log_in_to_server(db, username, password)
    with db.writing() as uow:
        session = uow.session
        staff, ok = check_log_in(session, username, password, now)
        if staff is None:
            _count_unknown(session, username, now)
            uow.commit()
            raise wrong_name_or_password()
        before = {"failed_attempts": staff.failed_attempts, "locked_until": staff.locked_until}
        if not ok:
            _count_failure(session, staff, None, "staff.log_in_failed", now)
            uow.commit()
            raise wrong_name_or_password()
        if not staff.active:
            raise LoginRefused(QT_TRANSLATE_NOOP(
                "db", "This account has been deactivated. Ask an administrator."), field="username")
        staff.failed_attempts, staff.locked_until = 0, None
        rehashed = passwords.needs_rehash(staff.password_hash)
        if rehashed:
            staff.password_hash = passwords.hash_password(password)
        actor = load_actor(session, staff.id)
        assert actor is not None
        after = {"failed_attempts": 0, "locked_until": None}
        if rehashed:
            after["password_seal"] = passwords.seal(staff.password_hash)
        record(session, actor, Change("staff.log_in", "staff", staff.id, before, after))
        uow.commit()
        return actor


@checked
def must_change_password(db: Database, actor: Actor) -> bool:
    """Whether the person logged in with a one-time password (`zonedesk server move` gives
    them on a server), to be replaced before anything else. Never on a file."""
    if isinstance(db, ServerDatabase):
        from db.server.log_in import must_change_password as one_time_on_server
        return one_time_on_server(db, actor)
    return False


@checked
def change_own_password(db: Database, *, actor: Actor, old_password: str, new_password: str,
                        now: datetime | None = None) -> None:
    """Refused for a deactivated or locked account; a wrong current password counts as a wrong
    log-in password (the tenth in a row locks the account)."""
    now = _aware(now) if now is not None else utc_now()
    if isinstance(db, ServerDatabase):  # the server checks and keeps passwords
        from db.server.log_in import change_own_password as change_on_server
        change_on_server(db, actor, old_password, new_password)
        return
    with db.writing() as uow:
        session = uow.session
        actor = current(session, actor)  # a deactivated account: PermissionDenied
        staff = session.get(StaffAccount, actor.staff_id)
        assert staff is not None
        if _locked(staff, now):
            raise lock_refusal(staff.locked_until, "old_password")
        if not passwords.verify(staff.password_hash, old_password):
            locked = _count_failure(session, staff, actor, "staff.change_password_failed", now)
            uow.commit()
            if locked:
                raise lock_refusal(staff.locked_until, "old_password")
            raise ValidationError(QT_TRANSLATE_NOOP("db", "The current password is wrong."),
                                  field="old_password")
        check_password(new_password)
        before = {"failed_attempts": staff.failed_attempts, "locked_until": staff.locked_until,
                  "version": staff.version}
        staff.password_hash = passwords.hash_password(new_password)
        staff.failed_attempts, staff.locked_until = 0, None
        staff.version += 1
        record(session, actor, Change("staff.change_password", "staff", staff.id, before,
                                      {"failed_attempts": 0, "locked_until": None,
                                       "version": staff.version,
                                       "password_seal": passwords.seal(staff.password_hash)}))
        uow.commit()
