"""Signing on a server (migration 0017, db/server/signing.py): the office's key is kept by the
server. A clerk logged in with their own password issues certificates through the program, which
the server signs; the same clerk with psql can neither read the private key nor have the server
sign anything the issuing service would not, nor keep a certificate the server did not sign."""

import json

import psycopg
import pytest

from db import audit_statement
from db.certificates import code as certificate_code
from db.errors import PermissionDenied
from db.queries.verification import verify_code
from db.server import signing_body
from db.server.connection import ServerDatabase
from db.services import approvals, auth, key_on_server, staff
from db.services.certificates import CertificateRequest, issue_many, reprint
from db.services.keys import export_public_key
from db.services.own_key import replace_signing_key
from tests.conftest import PASSWORD, Staff
from tests.rules.test_money_rules import YEAR, Desk

MONTH = f"{YEAR}-03"


@pytest.fixture
def office(postgres_server, server_database):  # noqa: ANN001, ANN201
    """A firm of Z01 with an approved bill, clerk01 of Z01 logged in on a PC; what it issued."""
    it = ServerDatabase(postgres_server.url(database=server_database))  # the district's IT
    people = Staff(it)
    desk = Desk(it, people)
    firm = desk.firm()
    entry = desk.submitted(firm, "electricity", MONTH, 1_000_000)
    approvals.approve(it, actor=people.reviewer, entry_ids=[entry])
    staff.create_staff(it, actor=people.admin, username="sign_clerk", display_name="签发员",
                       role="clerk", zone_ids=[1], password=PASSWORD)
    it.dispose()
    pc = ServerDatabase(postgres_server.url(user=None, database=server_database))
    clerk = auth.log_in(pc, username="sign_clerk", password=PASSWORD)
    issued = issue_many(pc, actor=clerk, requests=[
        CertificateRequest("subsidy", firm, 1, MONTH, MONTH)])[0]
    yield pc, clerk, people, issued
    pc.dispose()


def psql(postgres_server, server_database):  # noqa: ANN001, ANN201
    return postgres_server.connect("sign_clerk", PASSWORD, server_database)


def test_the_server_signs_what_the_program_issues(office, postgres_server, server_database):
    pc, clerk, people, issued = office
    assert verify_code(pc, actor=clerk, text=issued.printed.qr_text).outcome == "valid"
    assert verify_code(pc, actor=clerk, text=issued.serial).outcome == "valid"
    copy = reprint(pc, actor=clerk, certificate_id=issued.certificate_id)
    assert copy.qr_text == issued.printed.qr_text and copy.print_number == 2
    with postgres_server.connect(database=server_database) as it:
        key_id, office_name = it.execute(
            "SELECT key_id, office FROM signingkey WHERE own AND retired_at IS NULL").fetchone()
        kept = it.execute("SELECT content FROM certificate WHERE id = %s",
                          (issued.certificate_id,)).fetchone()[0]
        events = it.execute("SELECT action, actor_id FROM auditevent WHERE action LIKE 'key.%'"
                            " ORDER BY seq").fetchall()
    assert json.loads(certificate_code.decode(issued.printed.qr_text)[0])["key"] == key_id
    assert kept == issued.printed.to_json()  # the code printed is the code kept
    assert events == [("key.register", clerk.staff_id)]  # made on the server at the first issue
    assert office_name  # named as the server names it until an administrator names the office


def test_an_auditor_exports_the_office_key_before_anything_was_issued(
        postgres_server, server_database):
    it = ServerDatabase(postgres_server.url(database=server_database))
    people = Staff(it)
    try:
        exported = export_public_key(it, actor=people.auditor)
        with pytest.raises(PermissionDenied):
            replace_signing_key(it, actor=people.clerk, reason="密钥可能被复制")
        new_id = replace_signing_key(it, actor=people.admin, reason="密钥可能被复制")
    finally:
        it.dispose()
    assert exported.startswith("Zone Desk public key")
    with postgres_server.connect(database=server_database) as root:
        events = root.execute("SELECT action, actor_id, entity_id FROM auditevent"
                              " WHERE action LIKE 'key.%' ORDER BY seq").fetchall()
        secrets = root.execute("SELECT count(*) FROM officesecret").fetchone()[0]
    assert [(action, actor) for action, actor, _ in events] == [
        ("key.register", people.auditor.staff_id), ("key.retire", people.admin.staff_id),
        ("key.replace", people.admin.staff_id)]
    assert events[2][2] == new_id and secrets == 2  # the old one kept, retired, signing no more


def test_psql_cannot_read_the_private_key(office, postgres_server, server_database):
    with psql(postgres_server, server_database) as clerk:
        for sql in ("SELECT * FROM officesecret", "SELECT private_key FROM officesecret",
                    "COPY officesecret TO STDOUT"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                clerk.execute(sql)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor make a key of their own
            clerk.execute("SELECT zonedesk_office_key('postgres', 'x', 'stolen', now())")
        assert clerk.execute("SELECT zonedesk_office_key(current_user::text, NULL, NULL, now())"
                             ).fetchone()[0][1] == ""  # asks for the key: gets its id only


def _copy_of(clerk, certificate_id: int, **changed) -> int:  # noqa: ANN001
    """The certificate inserted again by hand, as the next serial, with `changed` columns."""
    row = clerk.execute("SELECT * FROM certificate WHERE id = %s", (certificate_id,))
    names = [column.name for column in row.description]
    values = dict(zip(names, row.fetchone(), strict=True))
    seq = values["seq"] + 1
    values.update({"seq": seq, "serial": values["serial"][:-6] + f"{seq:06d}", "signature": b"",
                   "print_count": 1, "version": 1, **changed})
    del values["id"]
    columns = ", ".join(values)
    marks = ", ".join(["%s"] * len(values))
    new_id = clerk.execute(f"INSERT INTO certificate ({columns}) VALUES ({marks}) RETURNING id",
                           list(values.values())).fetchone()[0]
    clerk.execute("INSERT INTO certificatecover (certificate_id, entry_id) SELECT %s, entry_id"
                  " FROM certificatecover WHERE certificate_id = %s", (new_id, certificate_id))
    return new_id


def test_psql_cannot_have_the_server_sign_what_the_program_would_not(
        office, postgres_server, server_database):
    _, _, _, issued = office
    payload, _ = certificate_code.decode(issued.printed.qr_text)
    fields = json.loads(payload)
    printed = json.loads(issued.printed.to_json())
    seq = int(issued.serial[-6:]) + 1
    serial = issued.serial[:-6] + f"{seq:06d}"
    twice = dict(fields, serial=serial)
    attempts = {
        "ten times the money": dict(twice, amount=fields["amount"] * 10),
        "another firm's name": dict(twice, firm="上海不存在科技有限公司"),
        "another issuer": dict(twice, issuer="某中心"),
        "months never approved": dict(twice, facts={"period_from": f"{YEAR}-01",
                                                    "period_to": MONTH}),
    }
    for what, changed in attempts.items():
        with psql(postgres_server, server_database) as clerk, \
                clerk.transaction(force_rollback=True):
            new_id = _copy_of(clerk, issued.certificate_id,
                              payload=certificate_code.canonical(changed),
                              content=json.dumps(dict(printed, serial=serial, qr_text=""),
                                                 ensure_ascii=False, sort_keys=True))
            with pytest.raises(psycopg.errors.InsufficientPrivilege,
                               match="signing refused") as refused:
                clerk.execute("SELECT zonedesk_sign_certificates(current_user::text, %s)",
                              ([new_id],))
            assert refused, what
    gap = seq + 1  # a serial leaving a gap, the rest as the program makes it
    skipped = issued.serial[:-6] + f"{gap:06d}"
    with psql(postgres_server, server_database) as clerk, clerk.transaction(force_rollback=True):
        new_id = _copy_of(clerk, issued.certificate_id, seq=gap, serial=skipped,
                          payload=certificate_code.canonical(dict(fields, serial=skipped)),
                          content=json.dumps(dict(printed, serial=skipped, qr_text=""),
                                             ensure_ascii=False, sort_keys=True))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="zone's next"):
            clerk.execute("SELECT zonedesk_sign_certificates(current_user::text, %s)", ([new_id],))
    with psql(postgres_server, server_database) as clerk, clerk.transaction(force_rollback=True):
        new_id = _copy_of(clerk, issued.certificate_id, payload=certificate_code.canonical(twice),
                          content=json.dumps(dict(printed, serial=serial, qr_text=""),
                                             ensure_ascii=False, sort_keys=True))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="signed, once"):
            clerk.execute("SELECT zonedesk_sign_certificates(current_user::text, %s)",
                          ([new_id, new_id],))  # twice in one call: two codes for one serial
    # the same certificate as the program makes it is signed (a second confirmation is allowed)
    with psql(postgres_server, server_database) as clerk:
        with pytest.raises(psycopg.errors.IntegrityError, match="left unsigned"):
            with clerk.transaction():  # kept unsigned: refused at commit
                _copy_of(clerk, issued.certificate_id, payload=certificate_code.canonical(twice),
                         content=json.dumps(dict(printed, serial=serial, qr_text=""),
                                            ensure_ascii=False, sort_keys=True))
        with pytest.raises(psycopg.errors.IntegrityError, match="signed by the server"):
            _copy_of(clerk, issued.certificate_id, payload=certificate_code.canonical(twice),
                     signature=bytes(64))  # brought signed
        with pytest.raises(psycopg.errors.IntegrityError, match="cannot be changed"):
            clerk.execute("UPDATE certificate SET signature = %s WHERE id = %s",
                          (bytes(64), issued.certificate_id))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="only a certificate"):
            clerk.execute("SELECT zonedesk_sign_certificates(current_user::text, %s)",
                          ([issued.certificate_id],))  # signed once
        with clerk.transaction():
            new_id = _copy_of(clerk, issued.certificate_id,
                              payload=certificate_code.canonical(twice),
                              content=json.dumps(dict(printed, serial=serial, qr_text=""),
                                                 ensure_ascii=False, sort_keys=True))
            clerk.execute("SELECT zonedesk_sign_certificates(current_user::text, %s)", ([new_id],))
        assert clerk.execute("SELECT count(*) FROM certificate").fetchone()[0] == 2


def test_the_server_and_the_program_agree_on_the_statements_domain_and_the_keys_lock():
    assert signing_body.STATEMENT_DOMAIN == audit_statement.DOMAIN
    assert signing_body.KEY_LOCK == key_on_server.KEY_LOCK
    assert certificate_code.FORMAT_VERSION == 1  # the server's payloads say "v": 1
