"""An error from the database never carries the values it was writing (issue 9: a failed
reset_password put an argon2 hash into the log, because SQLAlchemy's error quotes its parameters).

The write is made to fail inside its transaction by a trigger; the error that comes out of the
service is what the desktop would log. tests/desktop/test_log_privacy.py follows it into the log.
"""

from datetime import date

import pytest
from sqlalchemy.exc import DBAPIError

from db import passwords
from db.engine import Database
from db.server import scram
from db.services import staff
from db.services.enterprises import FirstTenancy, register_enterprise
from tests.conftest import firm_fields, valid_uscc
from tests.rules.raw_sql import raw_connection

SECRET = "hunter2 battery staple"
FIRM = "上海密云量子科技有限公司"
PHONE = "021-68889999"
USCC = valid_uscc(777_778)


def refuse_writes(db, table: str, when: str) -> None:  # noqa: ANN001
    connection = raw_connection(db)
    if isinstance(db, Database):
        connection.execute(f"CREATE TRIGGER forced_failure BEFORE {when} ON {table} "
                           "BEGIN SELECT RAISE(ABORT, 'forced failure'); END")
    else:  # the same failure in the server's words
        connection.execute("CREATE FUNCTION forced_failure() RETURNS trigger LANGUAGE plpgsql"
                           " AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$")
        connection.execute(f"CREATE TRIGGER forced_failure BEFORE {when} ON {table}"
                           " FOR EACH ROW EXECUTE FUNCTION forced_failure()")
    connection.close()


def everything_said(error: BaseException) -> str:
    """The error's text and that of every error it was raised from, as a traceback shows it."""
    parts = []
    while error is not None:
        parts.append(f"{type(error).__name__}: {error} {error.args!r}")
        error = error.__cause__ or error.__context__
    return "\n".join(parts)


def test_a_failed_password_reset_does_not_carry_the_hash(db, people, monkeypatch):
    hashes: list[str] = []  # what the password becomes: an argon2 hash, or a server's verifier
    for module, name in ((passwords, "hash_password"), (scram, "verifier")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda password, *more, real=real, **named: (
            hashes.append(real(password, *more, **named)) or hashes[-1]))
    refuse_writes(db, "staffaccount", "UPDATE")
    with pytest.raises(DBAPIError) as raised:
        staff.reset_password(db, actor=people.admin, staff_id=people.clerk.staff_id,
                             new_password=SECRET)
    said = everything_said(raised.value)
    assert "forced failure" in said and "UPDATE staffaccount" in said  # still says what failed
    assert hashes and hashes[0] not in said
    assert "$argon2" not in said and SECRET not in said


def test_a_failed_registration_does_not_carry_the_firm(db, people):
    refuse_writes(db, "enterprise", "INSERT")
    fields = firm_fields(uscc=USCC, name=FIRM, contact_phone=PHONE)
    with pytest.raises(DBAPIError) as raised:
        register_enterprise(db, actor=people.admin, fields=fields, zone_id=1,
                            tenancy=FirstTenancy("A栋909", 12050, date(2024, 1, 1)))
    said = everything_said(raised.value)
    assert "INSERT INTO enterprise" in said
    for data in (USCC, FIRM, PHONE):
        assert data not in said
