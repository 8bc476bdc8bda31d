"""Forged certificates from other databases on the same PC (issue 9, part 1): a key belongs to
one database; a code signed with this database's key is valid only if this file issued exactly
that serial with exactly that payload; the key file is its user's alone; replacing the key is
an administrator's act, audited, and what the old key signed stays valid.

Every test shares the run's data folder (ZONEDESK_DATA, tests/conftest.py) between the office's
database and the attacker's, as two databases opened on one PC by one user do."""

import json
import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import func, select

from db import audit
from db.certificates import code as certificate_code
from db.certificates import signing
from db.certificates.signing import SigningKeyRefused
from db.engine import Database
from db.errors import PermissionDenied, ValidationError
from db.models import Certificate
from db.queries.keys import public_keys
from db.queries.verification import verify_code
from db.services.certificates import CertificateRequest, issue_many
from db.services.enterprises import FirstTenancy, register_enterprise
from db.services.own_key import office_key, replace_signing_key
from db.startup import open_database
from tests.conftest import Staff, firm_fields, valid_uscc
from tests.ledger_data import register_firms
from tests.rules.raw_sql import office_signer, raw_connection

N = 40  # certificates each attacker's database issues


@pytest.fixture
def firms(db: Database, people: Staff) -> tuple[int, int, int, int]:
    return register_firms(db, people)


def tenancy_certificates(database: Database, actor, firm_ids, count: int) -> list:  # noqa: ANN001
    requests = [CertificateRequest("tenancy", firm_ids[n % 3], 1) for n in range(count)]
    return issue_many(database, actor=actor, requests=requests)


def outcomes(db: Database, actor, codes: list[str]) -> dict[str, int]:  # noqa: ANN001
    found: dict[str, int] = {}
    for text in codes:
        outcome = verify_code(db, actor=actor, text=text).outcome
        found[outcome] = found.get(outcome, 0) + 1
    return found


def attacker_database(path: Path) -> tuple[Database, Staff, list[int]]:
    """`zonedesk --db new.sqlite`: its first administrator, firms that do not exist."""
    database = open_database(path)
    staff = Staff(database)
    fake = [register_enterprise(database, actor=staff.admin, zone_id=1,
                                fields=firm_fields(uscc=valid_uscc(), name=f"上海虚构{n}号科技有限公司"),
                                tenancy=FirstTenancy(f"X栋{n}", 10_000, date(2024, 1, 1)))
            for n in range(3)]
    return database, staff, fake


def copy_of(source: Path, target: Path) -> Path:
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    origin.close()
    copy.close()
    return target


def identity(where: Path | Database) -> str:
    """The database identity of a file, or of a test's database (a file or a server's)."""
    connection = sqlite3.connect(where) if isinstance(where, Path) else raw_connection(where)
    try:
        return connection.execute("SELECT database_id FROM databaseidentity").fetchone()[0]
    finally:
        connection.close()


def test_a_second_database_on_the_same_pc_never_issues_a_valid_certificate_here(
        db, people, firms, tmp_path):
    """The issue's case: 39 of 39 such codes verified as valid. Its own key now: unknown here."""
    ours = tenancy_certificates(db, people.clerk, firms, 1)[0]
    second, staff, fake_firms = attacker_database(tmp_path / "new.sqlite")
    issued = tenancy_certificates(second, staff.admin, fake_firms, N)
    second.dispose()
    found = outcomes(db, people.auditor, [i.printed.qr_text for i in issued])
    assert found == {"unknown_key": N}, found  # 0 valid of N
    assert identity(tmp_path / "new.sqlite") != identity(db)
    assert json.loads(certificate_code.decode(issued[0].printed.qr_text)[0])["key"] != \
        json.loads(certificate_code.decode(ours.printed.qr_text)[0])["key"]
    assert verify_code(db, actor=people.auditor, text=ours.printed.qr_text).outcome == "valid"


@pytest.mark.sqlite_only("a copy of the database file, opened as another database")
def test_a_copy_of_the_database_signs_with_our_key_and_is_refused_as_forged(
        db, people, firms, tmp_path):
    ours = tenancy_certificates(db, people.clerk, firms, 2)
    copy = Database(copy_of(db.path, tmp_path / "copy.sqlite"))
    issued = tenancy_certificates(copy, people.admin, firms, N)  # serials 3 … N + 2, our key
    copy.dispose()
    # the office goes on issuing: its serial 3 (another firm) differs from the copy's serial 3
    third = issue_many(db, actor=people.clerk,
                       requests=[CertificateRequest("tenancy", firms[1], 1)])[0]
    assert third.serial == issued[0].serial and third.printed.qr_text != issued[0].printed.qr_text
    found = outcomes(db, people.auditor, [i.printed.qr_text for i in issued])
    assert found == {"forged": N}, found  # 0 valid of N
    verdict = verify_code(db, actor=people.auditor, text=issued[0].printed.qr_text)
    assert (verdict.fields, verdict.printed, verdict.in_this_database) == ({}, None, False)
    for genuine in (*ours, third):
        assert verify_code(db, actor=people.clerk, text=genuine.printed.qr_text).outcome == "valid"


@pytest.mark.sqlite_only("a second file claiming the office's identity finds its key file; "
                         "on a server the key never leaves it")
def test_a_database_that_claims_our_identity_signs_only_forgeries(db, people, firms, tmp_path):
    """sqlite3 on the attacker's file: its identity set to the office's, so it finds the
    office's key file and signs with it; the office refuses every such code."""
    tenancy_certificates(db, people.clerk, firms, 1)
    path = tmp_path / "claims.sqlite"
    second, staff, fake_firms = attacker_database(path)
    second.dispose()
    connection = sqlite3.connect(path)
    connection.execute("DROP TRIGGER databaseidentity_fixed")
    connection.execute("UPDATE databaseidentity SET database_id = ?", (identity(db),))
    connection.commit()
    connection.close()
    second = Database(path)
    issued = tenancy_certificates(second, staff.admin, fake_firms, N)
    assert office_key(second).key_id == office_key(db).key_id  # the office's own key indeed
    second.dispose()
    found = outcomes(db, people.reviewer, [i.printed.qr_text for i in issued])
    assert found == {"forged": N}, found


def test_a_script_signing_with_our_key_makes_only_forgeries(db, people, firms):
    """Our private key used outside the services: serials never issued, other zones and
    years, and a serial issued here with any field changed."""
    issued = tenancy_certificates(db, people.clerk, firms, 1)[0]
    key = office_signer(db)
    payload, _ = certificate_code.decode(issued.printed.qr_text)
    fields = json.loads(payload)
    codes = []
    for zone in ("Z01", "Z02", "Z55"):
        for year in (2025, 2026, 2027):
            for seq in (1, 2, 999_999):
                codes.append({**fields, "serial": f"{zone}-{year}-{seq:06d}"})
    codes += [{**fields, name: value} for name, value in (
        ("firm", "上海不存在科技有限公司"), ("uscc", "91310115MA1K3YJ20B"), ("amount", 1),
        ("issued", "2026-01-01"), ("kind", "subsidy"), ("facts", {}), ("issuer", "某中心"))]
    texts = []
    for changed in codes:
        data = certificate_code.canonical(changed)
        if data != payload:
            texts.append(certificate_code.encode(data, key.sign(data)))
    found = outcomes(db, people.admin, texts)
    assert found == {"forged": len(texts)}, found
    assert verify_code(db, actor=people.admin, text=issued.printed.qr_text).outcome == "valid"


# --- the key file ---------------------------------------------------------------------------

KEY_FILE = "the key file on the PC; on a server the key never leaves it (tests/server)"

@pytest.fixture
def own_folder(monkeypatch, tmp_path) -> Path:
    """A data folder of this test's own, where its key files can be damaged safely."""
    folder = tmp_path / "data"
    monkeypatch.setenv("ZONEDESK_DATA", str(folder))
    return folder


def certificate_count(db: Database) -> int:
    with db.reading() as uow:
        return uow.session.exec(select(func.count()).select_from(Certificate)).one()


@pytest.mark.sqlite_only(KEY_FILE)
def test_the_key_file_is_named_for_its_database_and_readable_by_its_user_alone(
        db, people, firms, own_folder):
    tenancy_certificates(db, people.clerk, firms, 1)
    database_id = identity(db)
    path = own_folder / "keys" / f"signing-key-{database_id}.pem"
    assert [p.name for p in (own_folder / "keys").iterdir()] == [path.name]
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    assert oct(path.parent.stat().st_mode & 0o777) == oct(0o700)
    assert path.read_bytes().startswith(f"Zone Desk signing key of database {database_id}".encode())
    assert office_key(db).key_id == json.loads(certificate_code.decode(
        tenancy_certificates(db, people.clerk, firms, 1)[0].printed.qr_text)[0])["key"]

    os.chmod(path.parent, 0o755)  # the folder opened up: closed again at the next reading
    signing._cache.clear()
    tenancy_certificates(db, people.clerk, firms, 1)
    assert oct(path.parent.stat().st_mode & 0o777) == oct(0o700)

    os.chmod(path, 0o644)  # the key itself readable by others: it may have been copied
    signing._cache.clear()
    before = certificate_count(db)
    with pytest.raises(SigningKeyRefused, match="could be read by other users"):
        tenancy_certificates(db, people.clerk, firms, 1)
    assert certificate_count(db) == before


@pytest.mark.sqlite_only(KEY_FILE)
def test_a_key_of_another_database_never_signs_here(db, people, firms, own_folder, tmp_path):
    ours = office_key(db)
    second, staff, _ = attacker_database(tmp_path / "new.sqlite")
    theirs = office_key(second)
    second.dispose()
    assert theirs.key_id != ours.key_id and theirs.database_id != ours.database_id
    before = certificate_count(db)
    with pytest.raises(SigningKeyRefused, match="not this database's key"):
        issue_many(db, actor=people.clerk, requests=[CertificateRequest("tenancy", firms[0], 1)],
                   key=theirs)
    # their key file put in place of ours: it names another database
    mine = signing.key_path(ours.database_id)
    mine.write_bytes(signing.key_path(theirs.database_id).read_bytes())
    signing._cache.clear()
    with pytest.raises(SigningKeyRefused, match="made for another database"):
        tenancy_certificates(db, people.clerk, firms, 1)
    # a key made for our identity, but not the key registered on our file
    elsewhere = signing.database_key(ours.database_id, tmp_path / "elsewhere", create=True)
    mine.write_bytes(signing.key_path(ours.database_id, tmp_path / "elsewhere").read_bytes())
    signing._cache.clear()
    for attempt in ({}, {"key": elsewhere}):
        with pytest.raises(SigningKeyRefused, match="not this database's key"):
            issue_many(db, actor=people.clerk, requests=[CertificateRequest("tenancy", firms[0], 1)],
                       **attempt)
    assert certificate_count(db) == before


# --- replacing the key ----------------------------------------------------------------------

def key_in(issued) -> str:  # noqa: ANN001
    return json.loads(certificate_code.decode(issued.printed.qr_text)[0])["key"]


def signed_with(key, issued, serial: str) -> str:  # noqa: ANN001
    """`issued` again under another serial, signed with `key`: what a holder of the key makes."""
    fields = json.loads(certificate_code.decode(issued.printed.qr_text)[0])
    data = certificate_code.canonical({**fields, "serial": serial, "key": key.key_id})
    return certificate_code.encode(data, key.sign(data))


def key_events(db: Database) -> list[tuple]:
    connection = raw_connection(db)
    try:
        return [tuple(row) for row in connection.execute(
            "SELECT action, actor_id, entity_id, after_json FROM auditevent"
            " WHERE action LIKE 'key.%' ORDER BY seq").fetchall()]
    finally:
        connection.close()


def test_replacing_the_key_is_an_administrators_act_and_what_the_old_key_signed_stays_valid(
        db, people, firms, own_folder, engine):
    old_certificate = tenancy_certificates(db, people.clerk, firms, 1)[0]
    old_key = office_key(db)
    old_signer = office_signer(db)  # a copy of the old key, in someone's hands
    for who in (people.clerk, people.reviewer, people.auditor, people.clerk2):
        with pytest.raises(PermissionDenied):
            replace_signing_key(db, actor=who, reason="密钥可能被复制")
    with pytest.raises(ValidationError, match="Say why"):
        replace_signing_key(db, actor=people.admin, reason="  ")
    assert office_key(db).key_id == old_key.key_id and len(key_events(db)) == 1

    new_id = replace_signing_key(db, actor=people.admin, reason="办公电脑送修，密钥可能被复制")
    assert new_id != old_key.key_id
    new_certificate = tenancy_certificates(db, people.clerk, firms, 1)[0]
    assert (key_in(old_certificate), key_in(new_certificate)) == (old_key.key_id, new_id)
    for issued in (old_certificate, new_certificate):
        for text in (issued.printed.qr_text, issued.serial):
            assert verify_code(db, actor=people.clerk, text=text).outcome == "valid", text
    # the old private key is gone from the folder (on a server: kept, never used) and signs
    # here no more
    if engine == "sqlite":
        signing._cache.clear()
        assert signing.database_key(old_key.database_id).key_id == new_id
        assert list((own_folder / "keys").iterdir()) == [signing.key_path(old_key.database_id)]
    with pytest.raises(SigningKeyRefused):
        issue_many(db, actor=people.clerk, requests=[CertificateRequest("tenancy", firms[0], 1)],
                   key=old_key)
    # what someone holding a copy of the old key signs now is forged
    assert verify_code(db, actor=people.clerk, text=signed_with(
        old_signer, old_certificate, "Z01-2026-000099")).outcome == "forged"
    # audited: the old key retired with the reason, the new one registered, by the administrator
    events = key_events(db)
    assert [(action, actor, entity) for action, actor, entity, _ in events] == [
        ("key.register", people.clerk.staff_id, old_key.key_id),
        ("key.retire", people.admin.staff_id, old_key.key_id),
        ("key.replace", people.admin.staff_id, new_id)]
    assert json.loads(events[1][3])["retired_reason"] == "办公电脑送修，密钥可能被复制"
    rows = [(k.key_id, k.own, k.signs_now, k.retired_reason) for k in
            public_keys(db, actor=people.auditor)]
    assert rows == [(new_id, True, True, ""),
                    (old_key.key_id, True, False, "办公电脑送修，密钥可能被复制")]
    assert audit.verify(db).ok


@pytest.mark.sqlite_only(KEY_FILE)
def test_a_lost_key_stops_signing_until_an_administrator_replaces_it(db, people, firms,
                                                                     own_folder):
    issued = tenancy_certificates(db, people.clerk, firms, 1)[0]
    key = office_key(db)
    signing.key_path(key.database_id).unlink()
    signing._cache.clear()  # the next program to start
    with pytest.raises(SigningKeyRefused, match="missing") as refused:
        tenancy_certificates(db, people.clerk, firms, 1)
    assert "An administrator can replace the key" in str(refused.value)
    assert signing.database_key(key.database_id) is None  # not made again behind anyone's back
    replace_signing_key(db, actor=people.admin, reason="密钥文件丢失")
    again = tenancy_certificates(db, people.clerk, firms, 1)[0]
    for certificate in (issued, again):
        assert verify_code(db, actor=people.reviewer, text=certificate.serial).outcome == "valid"


@pytest.mark.sqlite_only(KEY_FILE)
def test_a_replacement_cut_short_is_finished_by_the_next_signature(db, people, firms,
                                                                   own_folder, monkeypatch):
    tenancy_certificates(db, people.clerk, firms, 1)

    def power_cut(*_args: object) -> None:
        raise OSError("the power went off")

    with monkeypatch.context() as patch:
        patch.setattr(signing, "install_replacement", power_cut)
        with pytest.raises(OSError):  # after the database registered the new key
            replace_signing_key(db, actor=people.admin, reason="定期更换")
    signing._cache.clear()
    issued = tenancy_certificates(db, people.clerk, firms, 1)[0]
    assert key_in(issued) == office_key(db).key_id != key_events(db)[0][2]
    assert verify_code(db, actor=people.clerk, text=issued.printed.qr_text).outcome == "valid"


@pytest.mark.sqlite_only("a file of the version before the server (schema 0004), opened again")
def test_an_older_database_retires_the_key_its_computer_shared(db, people, firms, own_folder):
    """A file of the version before (0004): the one key in the data folder signed for every
    database on the computer. Upgraded, the file gets its identity and a key of its own; what
    the shared key signed here stays valid, what it signed elsewhere is forged."""
    from alembic import command

    from db import migrate

    old_certificate = tenancy_certificates(db, people.clerk, firms, 1)[0]
    shared = office_key(db)
    db.dispose()
    with db.writing_engine.begin() as connection:
        config = migrate._config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    db.dispose()
    upgraded = open_database(db.path)
    try:
        assert identity(db.path) != shared.database_id
        new_certificate = tenancy_certificates(upgraded, people.clerk, firms, 1)[0]
        assert key_in(new_certificate) not in (shared.key_id, "")
        for issued in (old_certificate, new_certificate):
            assert verify_code(upgraded, actor=people.clerk,
                               text=issued.printed.qr_text).outcome == "valid"
        elsewhere = signed_with(shared, old_certificate, "Z01-2026-000777")
        assert verify_code(upgraded, actor=people.clerk, text=elsewhere).outcome == "forged"
        with pytest.raises(SigningKeyRefused):
            issue_many(upgraded, actor=people.clerk,
                       requests=[CertificateRequest("tenancy", firms[0], 1)], key=shared)
        retired = [k for k in public_keys(upgraded, actor=people.admin) if not k.signs_now]
        assert [(k.key_id, k.own, k.retired_reason) for k in retired] == [
            (shared.key_id, True, "升级时停用：此密钥曾由本机所有数据库共用")]  # migration 0005
        # the chain holds (the key's first event was written by today's program before the
        # file went back to 0004, so it names fields an event of 0004 did not: not reconciled)
        assert audit.verify(db.path).first_broken_seq is None
    finally:
        upgraded.dispose()
