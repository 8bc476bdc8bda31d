"""Log-in: ten wrong passwords lock an account for 30 minutes, in the file; names stay secret.

The clock is moved with log_in(now=...). The timing check restores the real (OWASP) argon2
parameters for its own duration: it compares an unknown name with a wrong password, a behaviour
check rather than a speed benchmark.
"""

import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError

from db import passwords
from db.engine import Database
from db.errors import LoginRefused
from db.models import StaffAccount
from db.services import auth, staff
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
WRONG = "not the password"

# On a server, the server checks every password (db/server/log_in.py): the program cannot write
# before the server has let a person in, so it counts no failures there and locks nothing; the
# server's own settings slow guessing down (docs/server.md). These are the file's rules.
pytestmark = pytest.mark.sqlite_only("failed log-ins are counted in the file; a server checks passwords itself")


def attempt(db, password, at, username="clerk1"):
    """None when the log-in worked, else the refusal."""
    try:
        auth.log_in(db, username=username, password=password, now=at)
    except LoginRefused as refused:
        return refused
    return None


def account(db, username="clerk1") -> StaffAccount:
    with db.reading() as uow:
        return uow.session.exec(
            StaffAccount.__table__.select().where(StaffAccount.username == username)).one()


def fail(db, times, start=T0):
    for i in range(times):
        refused = attempt(db, WRONG, start + timedelta(seconds=i))
        assert refused is not None and refused.template == "Wrong user name or password."


def test_nine_wrong_passwords_do_not_lock_and_the_right_one_resets_the_count(db, people):
    fail(db, 9)
    assert account(db).failed_attempts == 9
    assert attempt(db, PASSWORD, T0 + timedelta(minutes=1)) is None
    assert account(db).failed_attempts == 0
    fail(db, 9, T0 + timedelta(minutes=2))  # nine more: still not ten in a row
    assert attempt(db, PASSWORD, T0 + timedelta(minutes=3)) is None


def test_ten_wrong_passwords_lock_for_30_minutes(db, people):
    fail(db, 10)
    last = T0 + timedelta(seconds=9)
    locked_until = account(db).locked_until
    assert locked_until is not None
    stored = locked_until if locked_until.tzinfo else locked_until.replace(tzinfo=UTC)
    assert stored == last + timedelta(minutes=30)

    refused = attempt(db, PASSWORD, last + timedelta(minutes=1))
    assert refused is not None and "locked" in refused.message()
    # a wrong password while locked gets the same answer as the right one: guessing during the
    # lock learns nothing (and an unknown name locks alike: see below)
    refused = attempt(db, WRONG, last + timedelta(minutes=2))
    assert refused is not None and "locked" in refused.message()
    refused = attempt(db, PASSWORD, last + timedelta(minutes=29, seconds=59))
    assert refused is not None and "locked" in refused.message()
    # the refusals while locked did not count as (or extend) anything
    assert attempt(db, PASSWORD, last + timedelta(minutes=30, seconds=1)) is None
    assert account(db).locked_until is None


def test_the_lock_shows_its_end_in_shanghai_time(db, people):
    fail(db, 10)  # the lock ends at 01:30:09 UTC = 09:30 in Shanghai
    refused = attempt(db, PASSWORD, T0 + timedelta(minutes=5))
    assert refused.values == {"time": "09:30"}


def test_the_lock_survives_a_restart(db, people, db_path):
    fail(db, 10)
    db.dispose()
    reopened = Database(db_path)
    try:
        refused = attempt(reopened, PASSWORD, T0 + timedelta(minutes=10))
        assert refused is not None and "locked" in refused.message()
        assert attempt(reopened, PASSWORD, T0 + timedelta(minutes=31)) is None
    finally:
        reopened.dispose()


def test_an_administrator_unlocks(db, people):
    fail(db, 10)
    assert attempt(db, PASSWORD, T0 + timedelta(minutes=1)) is not None
    staff.unlock_staff(db, actor=people.admin, staff_id=people.clerk.staff_id)
    assert attempt(db, PASSWORD, T0 + timedelta(minutes=2)) is None


def test_a_password_reset_unlocks_too(db, people):
    fail(db, 10)
    staff.reset_password(db, actor=people.admin, staff_id=people.clerk.staff_id,
                         new_password="brand new secret")
    assert attempt(db, "brand new secret", T0 + timedelta(minutes=2)) is None


@pytest.mark.parametrize("earlier_failures", [0, 9, 10, 25], ids=lambda n: f"after {n} failures")
def test_an_unknown_name_gets_the_same_answer_as_a_wrong_password(db, people, earlier_failures):
    """Also once the name is locked (10 and more): a locked name that answered "locked until"
    to any password told that the name exists (issue 9)."""
    for i in range(earlier_failures):
        attempt(db, WRONG, T0 + timedelta(seconds=i))
        attempt(db, WRONG, T0 + timedelta(seconds=i), username="nobody")
    later = T0 + timedelta(minutes=1)
    unknown = attempt(db, WRONG, later, username="nobody")
    wrong = attempt(db, WRONG, later)
    assert unknown is not None and wrong is not None
    assert (unknown.template, unknown.field, unknown.values) == (wrong.template, wrong.field, wrong.values)
    assert (account(db).locked_until is not None) == (earlier_failures + 1 >= 10)


def test_the_real_parameters_are_owasps():
    """Checked in a fresh interpreter, since the tests' conftest makes hashing cheap."""
    code = ("from db import passwords as p; h = p._hasher;"
            "print(h.time_cost, h.memory_cost, h.parallelism, h.type.name, p.prepare().split('$')[3])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    assert out.stdout.split() == ["2", "19456", "1", "ID", "m=19456,t=2,p=1"]


def test_nothing_is_hashed_at_import():
    """The program's start waits for its imports: the unknown name's hash is made later, once."""
    code = ("import argon2; made = [];"
            "real = argon2.PasswordHasher.hash;"
            "argon2.PasswordHasher.hash = lambda self, *a, **k: made.append(1) or real(self, *a, **k);"
            "import desktop.cli, db.passwords, db.services.auth;"
            "print(len(made)); db.passwords.prepare(); db.passwords.prepare(); print(len(made))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    assert out.stdout.split() == ["0", "1"]


def test_an_unknown_name_takes_about_as_long_as_a_wrong_password(db, people, monkeypatch):
    owasp = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", owasp)
    monkeypatch.setattr(passwords, "_dummy_hash", owasp.hash("unknown user"))
    staff.reset_password(db, actor=people.admin, staff_id=people.clerk.staff_id,
                         new_password=PASSWORD)  # stored with the real cost too
    assert "m=19456,t=2,p=1" in account(db).password_hash

    def timed(username):
        started = time.perf_counter()
        assert attempt(db, WRONG, T0, username=username) is not None
        return time.perf_counter() - started

    timed("nobody")  # warm up
    unknown, wrong = [], []
    for _ in range(5):  # interleaved, so that a busy moment of the machine hits both
        unknown.append(timed("nobody"))
        wrong.append(timed("clerk1"))
    unknown_median, wrong_median = statistics.median(unknown), statistics.median(wrong)
    ratio = max(unknown_median, wrong_median) / min(unknown_median, wrong_median)
    assert ratio < 2, (unknown, wrong)


def test_a_hash_with_other_parameters_is_replaced_at_the_next_log_in(db, people, monkeypatch):
    older = PasswordHasher(time_cost=1, memory_cost=16, parallelism=2)
    with monkeypatch.context() as m:
        m.setattr(passwords, "_hasher", older)
        staff.reset_password(db, actor=people.admin, staff_id=people.clerk.staff_id,
                             new_password=PASSWORD)
    old_hash = account(db).password_hash
    assert "m=16,t=1,p=2" in old_hash and passwords.needs_rehash(old_hash)

    assert attempt(db, WRONG, T0) is not None
    assert account(db).password_hash == old_hash  # a failed log-in re-hashes nothing

    assert attempt(db, PASSWORD, T0) is None
    new_hash = account(db).password_hash
    assert new_hash != old_hash
    assert not passwords.needs_rehash(new_hash)
    assert passwords.verify(new_hash, PASSWORD)
    with pytest.raises(VerifyMismatchError):
        PasswordHasher().verify(new_hash, WRONG)
    assert attempt(db, PASSWORD, T0) is None  # and it still lets the person in


def unknown_rows(db_path) -> list[tuple]:
    with sqlite3.connect(db_path) as connection:
        return connection.execute(
            "SELECT name_digest, failed_attempts, locked_until FROM unknownname").fetchall()


def test_a_name_that_is_no_account_locks_alike_and_is_kept_only_as_a_digest(db, people, db_path):
    """Without this the lock itself told the names apart: a known name answered "locked", an
    unknown one "wrong"; and answering a locked name's wrong guesses as "wrong" let anyone go on
    guessing through the lock until "locked" confirmed the right password."""
    name = "ghost.of.zone"
    for i in range(auth.MAX_FAILED_ATTEMPTS):
        refused = attempt(db, WRONG, T0 + timedelta(seconds=i), username=name)
        assert refused is not None and refused.template == "Wrong user name or password."
    fail(db, auth.MAX_FAILED_ATTEMPTS)  # the account, at the same moments

    later = T0 + timedelta(minutes=5)
    ghost = attempt(db, WRONG, later, username=name)
    clerk_wrong = attempt(db, WRONG, later)
    clerk_right = attempt(db, PASSWORD, later)
    answers = {(r.template, r.field, tuple(sorted(r.values.items())))
               for r in (ghost, clerk_wrong, clerk_right)}
    assert len(answers) == 1 and "locked until" in ghost.message()

    [(digest, attempts, locked_until)] = unknown_rows(db_path)
    assert len(digest) == 64 and locked_until is not None and attempts == 0
    raw = b"".join(Path(f"{db_path}{end}").read_bytes() for end in ("", "-wal")
                   if Path(f"{db_path}{end}").exists())
    assert name.encode() not in raw and WRONG.encode() not in raw

    # the lock ends for both after 30 minutes
    after = T0 + auth.LOCK_DURATION + timedelta(seconds=30)
    assert attempt(db, WRONG, after, username=name).template == "Wrong user name or password."
    assert attempt(db, PASSWORD, after) is None


def test_an_unknown_names_failures_are_forgotten_a_day_after_its_last(db, people, db_path):
    for i in range(3):
        attempt(db, WRONG, T0 + timedelta(seconds=i), username="typo1")
    assert [row[1] for row in unknown_rows(db_path)] == [3]
    attempt(db, WRONG, T0 + timedelta(days=1, minutes=1), username="typo2")
    assert [row[1] for row in unknown_rows(db_path)] == [1]  # typo1's row went


def test_reading_only_a_locked_name_answers_the_same_lock(db, people):
    """The read-only log-in (a full disk, a read-only medium) reads the same locks."""
    from db.services import log_in_to_read

    with time_machine.travel(T0, tick=False):
        for _ in range(auth.MAX_FAILED_ATTEMPTS):
            attempt(db, WRONG, T0, username="nobody")
        fail(db, auth.MAX_FAILED_ATTEMPTS)
        answers = []
        for name, password in (("nobody", WRONG), ("clerk1", WRONG), ("clerk1", PASSWORD)):
            with pytest.raises(LoginRefused) as refused:
                log_in_to_read.log_in_to_read(db, username=name, password=password)
            answers.append(refused.value.message())
    assert len(set(answers)) == 1 and "locked until" in answers[0]
