"""Changing one's own password: refused for a deactivated or locked account, and a wrong current
password counts like a wrong log-in password (ten in a row lock the account, audited alike).

The lock's clock is moved with `now=...`, as in test_lockout.py.
"""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from db import passwords
from db.errors import LoginRefused, PermissionDenied, ValidationError
from db.models import StaffAccount
from db.services import auth, staff
from tests.conftest import PASSWORD

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
WRONG = "not the password"
NEW = "a brand new secret"


def account(db, username="clerk1") -> StaffAccount:
    with db.reading() as uow:
        return uow.session.exec(
            StaffAccount.__table__.select().where(StaffAccount.username == username)).one()


def events(db, since: int = 0) -> list[tuple[str, str, int | None]]:
    with db.reading() as uow:
        return [tuple(r) for r in uow.session.connection().execute(text(
            "SELECT action, entity_id, actor_id FROM auditevent WHERE seq > :s ORDER BY seq"),
            {"s": since})]


def last_seq(db) -> int:
    with db.reading() as uow:
        return uow.session.connection().execute(
            text("SELECT coalesce(max(seq), 0) FROM auditevent")).scalar()


def change(db, actor, old, at=T0):
    """None when the password was changed, else the refusal."""
    try:
        auth.change_own_password(db, actor=actor, old_password=old, new_password=NEW, now=at)
    except (ValidationError, LoginRefused, PermissionDenied) as refused:
        return refused
    return None


@pytest.mark.sqlite_only("failed log-ins are counted in the file; a server checks passwords itself")
def test_the_right_current_password_changes_it_and_clears_earlier_failures(db, people):
    for i in range(3):
        assert change(db, people.clerk, WRONG, T0 + timedelta(seconds=i)).field == "old_password"
    assert account(db).failed_attempts == 3
    assert change(db, people.clerk, PASSWORD, T0 + timedelta(minutes=1)) is None
    row = account(db)
    assert row.failed_attempts == 0 and passwords.verify(row.password_hash, NEW)
    assert auth.log_in(db, username="clerk1", password=NEW, now=T0 + timedelta(minutes=2))


@pytest.mark.sqlite_only("failed log-ins are counted in the file; a server checks passwords itself")
def test_a_wrong_current_password_counts_like_a_wrong_log_in(db, people):
    since = last_seq(db)
    for i in range(9):
        refused = change(db, people.clerk, WRONG, T0 + timedelta(seconds=i))
        assert refused.template == "The current password is wrong."
    assert account(db).failed_attempts == 9 and account(db).locked_until is None
    clerk_id = str(people.clerk.staff_id)
    assert events(db, since) == [("staff.change_password_failed", clerk_id,
                                  people.clerk.staff_id)] * 9

    refused = change(db, people.clerk, WRONG, T0 + timedelta(seconds=9))  # the tenth
    assert isinstance(refused, LoginRefused) and "locked until" in refused.message()
    assert refused.values == {"time": "09:30"}
    locked_until = account(db).locked_until
    stored = locked_until if locked_until.tzinfo else locked_until.replace(tzinfo=UTC)
    assert stored == T0 + timedelta(seconds=9) + auth.LOCK_DURATION
    assert events(db, since)[-1] == ("staff.locked", clerk_id, people.clerk.staff_id)

    # the lock is the log-in's lock: the right password does not get in until it ends
    with pytest.raises(LoginRefused, match="locked until"):
        auth.log_in(db, username="clerk1", password=PASSWORD, now=T0 + timedelta(minutes=1))
    assert auth.log_in(db, username="clerk1", password=PASSWORD, now=T0 + timedelta(minutes=31))


@pytest.mark.sqlite_only("failed log-ins are counted in the file; a server checks passwords itself")
def test_log_in_failures_and_change_failures_are_one_count(db, people):
    for i in range(5):
        with pytest.raises(LoginRefused):
            auth.log_in(db, username="clerk1", password=WRONG, now=T0 + timedelta(seconds=i))
    for i in range(5):
        change(db, people.clerk, WRONG, T0 + timedelta(seconds=10 + i))
    assert account(db).locked_until is not None


@pytest.mark.sqlite_only("failed log-ins are counted in the file; a server checks passwords itself")
def test_a_locked_account_cannot_change_its_password_even_with_the_right_one(db, people):
    for i in range(auth.MAX_FAILED_ATTEMPTS):
        with pytest.raises(LoginRefused):
            auth.log_in(db, username="clerk1", password=WRONG, now=T0 + timedelta(seconds=i))
    before = account(db)
    since = last_seq(db)
    for old in (PASSWORD, WRONG):
        refused = change(db, people.clerk, old, T0 + timedelta(minutes=5))
        assert isinstance(refused, LoginRefused) and refused.values == {"time": "09:30"}
    after = account(db)
    assert after.password_hash == before.password_hash
    assert after.locked_until == before.locked_until  # not lengthened
    assert events(db, since) == []
    # once the lock has ended, it works
    assert change(db, people.clerk, PASSWORD, T0 + timedelta(minutes=31)) is None


def test_a_deactivated_account_cannot_change_its_password(db, people):
    staff.set_active(db, actor=people.admin, staff_id=people.clerk.staff_id, active=False)
    before = account(db)
    since = last_seq(db)
    refused = change(db, people.clerk, PASSWORD)  # the clerk's window was still open
    assert isinstance(refused, PermissionDenied) and "deactivated" in refused.message()
    assert change(db, people.clerk, WRONG) is not None
    after = account(db)
    assert after.password_hash == before.password_hash
    assert after.failed_attempts == before.failed_attempts
    assert events(db, since) == []


@pytest.mark.sqlite_only("failed log-ins are counted in the file; a server checks passwords itself")
def test_thirty_guesses_no_longer_go_unnoticed(db, people):
    """The probe of the issue: 30 wrong current passwords, then the right one."""
    refusals = [change(db, people.clerk, f"guess number {i}", T0 + timedelta(seconds=i))
                for i in range(30)]
    assert all(r is not None for r in refusals)
    assert sum(isinstance(r, LoginRefused) for r in refusals) == 21  # the tenth on: locked
    assert change(db, people.clerk, PASSWORD, T0 + timedelta(seconds=31)) is not None
    assert passwords.verify(account(db).password_hash, PASSWORD)
