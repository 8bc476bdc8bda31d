"""Verifying a certificate's code or serial: valid only byte for byte; revoked with its reason;
forged, tampered, unknown key, not found and unreadable told apart; 10,000 forgeries, none
accepted. (Other databases, key files and zones: tests/rules/test_forgery.py.)"""

import json
import random
from pathlib import Path

import pytest

from db.certificates import code as certificate_code
from db.certificates.signing import database_key, key_id_of
from db.engine import Database
from db.errors import PermissionDenied, ValidationError
from db.queries.keys import public_keys
from db.queries.verification import verify_code
from db.services.certificates import issue_many, revoke
from db.services.keys import export_public_key, import_public_key
from db.services.own_key import office_key
from db.startup import open_database
from tests.certificate_data import issue_subsidy, subsidy_request
from tests.conftest import Staff
from tests.ledger_data import Book, make_book
from tests.rules.raw_sql import office_signer


@pytest.fixture
def book(db: Database, people: Staff) -> Book:
    return make_book(db, people)


def test_a_fresh_certificate_verifies_by_code_and_by_serial(db, people, book):
    issued = issue_subsidy(db, people, book)
    for text in (issued.printed.qr_text, issued.printed.qr_text.lower(),
                 f"  {issued.printed.qr_text}\n", issued.serial, issued.serial.lower()):
        verdict = verify_code(db, actor=people.auditor, text=text)
        assert verdict.outcome == "valid", text
        assert verdict.in_this_database and verdict.serial == issued.serial
    assert verdict.fields["firm"] == "上海星河智能科技有限公司" and verdict.fields["amount"] == 150_000
    assert verdict.printed == issued.printed


def test_revoked_shows_its_reason(db, people, book):
    issued = issue_subsidy(db, people, book)
    revoke(db, actor=people.reviewer, certificate_id=issued.certificate_id, reason="金额有误，已重开")
    for text in (issued.printed.qr_text, issued.serial):
        verdict = verify_code(db, actor=people.clerk, text=text)
        assert (verdict.outcome, verdict.revoked_reason) == ("revoked", "金额有误，已重开")
        assert verdict.revoked_on is not None and verdict.printed.revoked


def test_other_outcomes_are_named(db, people, book):
    issued = issue_subsidy(db, people, book)
    code = issued.printed.qr_text
    flipped = code[:20] + ("A" if code[20] != "A" else "B") + code[21:]
    assert verify_code(db, actor=people.clerk, text=flipped).outcome == "tampered"
    assert verify_code(db, actor=people.clerk, text="Z01-2026-999999").outcome == "not_found"
    assert verify_code(db, actor=people.clerk, text="hello").outcome == "unreadable"
    assert verify_code(db, actor=people.clerk, text="").outcome == "unreadable"
    assert verify_code(db, actor=people.clerk, text="ZD1.ABC").outcome == "tampered"


def test_a_certificate_of_another_office_verifies_once_its_key_is_imported(
        db, people, book, tmp_path: Path):
    # another office: its own file, so its own key
    other_path = tmp_path / "other.sqlite"
    other = open_database(other_path)
    other_people = Staff(other)
    other_book = make_book(other, other_people)
    foreign = issue_many(other, actor=other_people.clerk, requests=[subsidy_request(other_book)])[0]
    other_key = office_key(other)
    exported = export_public_key(other, actor=other_people.auditor, office="浦东新区测试服务中心")
    other.dispose()
    assert verify_code(db, actor=people.clerk, text=foreign.printed.qr_text).outcome == "unknown_key"
    with pytest.raises(PermissionDenied):
        import_public_key(db, actor=people.clerk, text=exported)
    with pytest.raises(ValidationError):
        import_public_key(db, actor=people.admin, text=exported.replace("key-id: ", "key-id: 0"))
    key_id = import_public_key(db, actor=people.admin, text=exported)
    assert key_id == other_key.key_id
    with pytest.raises(ValidationError, match="already"):
        import_public_key(db, actor=people.admin, text=exported)
    verdict = verify_code(db, actor=people.clerk, text=foreign.printed.qr_text)
    assert (verdict.outcome, verdict.in_this_database, verdict.office) == (
        "valid", False, "浦东新区测试服务中心")
    # its serial is not on this file: only its code verifies here
    assert verify_code(db, actor=people.clerk, text=foreign.serial).outcome == "not_found"
    keys = public_keys(db, actor=people.auditor)
    assert [(k.key_id, k.own) for k in keys if not k.own] == [(other_key.key_id, False)]


def test_a_database_key_is_made_once(tmp_path: Path):
    """(Who may read it: tests/rules/test_forgery.py.)"""
    key = database_key("a" * 32, tmp_path / "data", create=True)
    assert database_key("a" * 32, tmp_path / "data").key_id == key.key_id == key_id_of(key.public_raw)
    assert database_key("a" * 32, tmp_path / "data", fresh=True).key_id == key.key_id
    assert key.database_id == "a" * 32
    assert database_key("b" * 32, tmp_path / "data") is None  # made only when asked
    assert database_key("b" * 32, tmp_path / "data", create=True).key_id != key.key_id


# --- forgeries -----------------------------------------------------------------------------

def _forgeries(code: str, rng: random.Random, count: int) -> list[str]:
    payload, signature = certificate_code.decode(code)
    fields = json.loads(payload)
    b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    made: list[str] = []
    seen = {code}
    while len(made) < count:
        before = len(made)
        kind = rng.randrange(6)
        if kind == 0:  # one bit of the payload
            data = bytearray(payload)
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            made.append(certificate_code.encode(bytes(data), signature))
        elif kind == 1:  # one to three bits of the signature
            data = bytearray(signature)
            for _ in range(rng.randint(1, 3)):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            made.append(certificate_code.encode(payload, bytes(data)))
        elif kind == 2:  # a field edited, written canonically again, the old signature kept
            edited = dict(fields)
            name = rng.choice(["amount", "firm", "serial", "uscc", "issued", "issuer", "kind"])
            edited[name] = (edited[name] + rng.randint(1, 10**6) if name == "amount"
                            else str(edited[name]) + rng.choice("0A上"))
            made.append(certificate_code.encode(certificate_code.canonical(edited), signature))
        elif kind == 3:  # the same fields, serialised another way
            style = rng.randrange(4)
            if style == 0:
                text = json.dumps(fields, ensure_ascii=False, sort_keys=True)  # with spaces
            elif style == 1:
                text = json.dumps(fields, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
            elif style == 2:
                items = list(fields.items())
                rng.shuffle(items)
                text = json.dumps(dict(items), ensure_ascii=False, separators=(",", ":"))
                if text.encode() == payload:
                    continue
            else:  # whitespace JSON allows, somewhere after a comma or a colon
                text = certificate_code.canonical(fields).decode()
                places = [i + 1 for i, c in enumerate(text) if c in ",:"]
                at = rng.choice(places)
                text = text[:at] + rng.choice([" ", "\n", "\t", "  ", "\r\n"]) + text[at:]
            made.append(certificate_code.encode(text.encode("utf-8"), signature))
        elif kind == 4:  # one character of the printed code changed
            position = rng.randrange(4, len(code))
            if code[position] == ".":
                continue
            replacement = rng.choice(b32.replace(code[position], ""))
            made.append(code[:position] + replacement + code[position + 1:])
        else:  # a field added or a duplicate key, the old signature kept
            text = certificate_code.canonical(fields).decode()
            extra = f'"{rng.choice(["zz", "amount", "v", "note", "facts"])}":{rng.randint(0, 10**9)},'
            made.append(certificate_code.encode(("{" + extra + text[1:]).encode(), signature))
        if len(made) > before and made[-1] in seen:
            made.pop()  # each forgery counted once
        elif len(made) > before:
            seen.add(made[-1])
    return made


def test_ten_thousand_forgeries_are_all_refused(db, people, book):
    issued = issue_subsidy(db, people, book)
    rng = random.Random(20261122)
    forgeries = _forgeries(issued.printed.qr_text, rng, 10_000)
    assert len(set(forgeries)) == 10_000 and issued.printed.qr_text not in forgeries
    outcomes: dict[str, int] = {}
    for text in forgeries:
        verdict = verify_code(db, actor=people.reviewer, text=text)
        outcomes[verdict.outcome] = outcomes.get(verdict.outcome, 0) + 1
    assert "valid" not in outcomes and "revoked" not in outcomes, outcomes
    assert outcomes.get("tampered", 0) >= 9_000, outcomes
    # and the genuine code still verifies
    assert verify_code(db, actor=people.reviewer, text=issued.printed.qr_text).outcome == "valid"


def test_a_code_signed_with_our_key_but_not_as_issued_is_forged(db, people, book):
    """Even a correct signature is not enough: a payload differing from the one kept for the
    serial (a second signing of an altered certificate) is refused. Signed with this database's
    own key, that is a forgery with our key (before issue 9 it was called tampered)."""
    issued = issue_subsidy(db, people, book)
    key = office_signer(db)
    payload, _ = certificate_code.decode(issued.printed.qr_text)
    fields = json.loads(payload)
    fields["amount"] = fields["amount"] * 10
    forged = certificate_code.canonical(fields)
    text = certificate_code.encode(forged, key.sign(forged))
    assert verify_code(db, actor=people.clerk, text=text).outcome == "forged"
