"""Logging in to a server: the server checks the password, by a connection as the person.

A wrong password and an unknown name get the same answer from PostgreSQL, as they do from the
program on a file; a right password on a login that was switched off is told as a deactivated
account. Failed attempts are the server's to slow down (pg_hba.conf, `auth_delay`): nobody can
write before the server has let them in, so the program counts nothing here.
"""

import psycopg
from sqlalchemy import text

from db.access import Actor, act_as, load_actor
from db.audit import Change, record
from db.errors import LoginRefused, ServerUnreachable, ValidationError
from db.models import StaffAccount
from db.server.connection import ServerDatabase
from db.services.staff import accounts
from db.translatable import QT_TRANSLATE_NOOP

_SWITCHED_OFF = "not permitted to log in"
_WRONG = ("password authentication failed", "does not exist")


def wrong_name_or_password() -> LoginRefused:
    return LoginRefused(QT_TRANSLATE_NOOP("db", "Wrong user name or password."), field="password")


def deactivated() -> LoginRefused:
    return LoginRefused(QT_TRANSLATE_NOOP(
        "db", "This account has been deactivated. Ask an administrator."), field="username")


def unreachable(error: BaseException) -> ServerUnreachable:
    return ServerUnreachable(QT_TRANSLATE_NOOP(
        "db", "The server could not be reached ({reason}). Check the network, or ask the "
        "district's IT whether the server is running."),
        reason=str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__)


def check_password(db: ServerDatabase, username: str, password: str) -> None:
    """LoginRefused unless the server lets this person in with this password."""
    if not password:
        raise wrong_name_or_password()
    try:
        with psycopg.connect(connect_timeout=10, **db.connection_arguments(username, password)):
            return
    except psycopg.OperationalError as error:
        said = str(error)
        if _SWITCHED_OFF in said:
            raise deactivated() from None
        if any(words in said for words in _WRONG):
            raise wrong_name_or_password() from None
        raise unreachable(error) from None


def log_in(db: ServerDatabase, username: str, password: str) -> Actor:
    """The person, once the server has checked their password; `db` is bound to them (or, when
    its own connection may act for anyone, acts as them action by action)."""
    check_password(db, username, password)
    if not db.acts_for_others():
        db.bind(username, password)
    with db.writing() as uow:
        session = uow.session
        session.execute(text(f'SET LOCAL ROLE "{username}"'))
        staff = session.exec(accounts(session).where(StaffAccount.username == username)).first()
        if staff is None or not staff.active:
            raise deactivated()
        actor = load_actor(session, staff.id)
        assert actor is not None
        act_as(session, actor)
        state = {"failed_attempts": staff.failed_attempts, "locked_until": staff.locked_until}
        record(session, actor, Change("staff.log_in", "staff", staff.id, state, state))
        uow.commit()
    return actor


def change_own_password(db: ServerDatabase, actor: Actor, old_password: str,
                        new_password: str) -> None:
    """The person's own password, on the server: the current one is checked by the server, the
    new one set by the keeper's function (as a SCRAM verifier), and the change audited; the
    program's connection then logs in with the new one."""
    from db.access import current
    from db.server import roles
    from db.services.staff import check_password as long_enough

    with db.writing() as uow:
        session = uow.session
        actor = current(session, actor)  # a deactivated account: PermissionDenied
        try:
            check_password(db, actor.username, old_password)
        except LoginRefused:
            raise ValidationError(QT_TRANSLATE_NOOP("db", "The current password is wrong."),
                                  field="old_password") from None
        long_enough(new_password)
        roles.set_password(session, actor.username, new_password)
        session.execute(text("DELETE FROM onetimepassword WHERE username = current_user"))
        record(session, actor, Change("staff.change_password", "staff", actor.staff_id, None,
                                      {"password": "changed on the server"}))
        uow.commit()
    if db.user == actor.username:
        db.bind(actor.username, new_password)


def must_change_password(db: ServerDatabase, actor: Actor) -> bool:
    """Whether the person logged in with a one-time password (given by `zonedesk server move`),
    which they change before anything else."""
    with db.reading() as uow:
        act_as(uow.session, actor)
        return uow.session.execute(text(
            "SELECT EXISTS (SELECT 1 FROM onetimepassword WHERE username = current_user)")).scalar()
