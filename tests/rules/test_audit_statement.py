"""The close of a month's audit: the chain head statement, signed with the database's key, read
back from its PDF (pdftotext, the QR code decoded with zxing-cpp); `verify-audit --anchor` with
its code passes on the untouched file, fails on a rewritten chain, and refuses a forged
signature (exit 2, one sentence)."""

import base64
import json
import sqlite3
from datetime import date, datetime

import pytest
import zxingcpp

from db.audit_statement import is_signed, read_signed, sign_statement
from db.clock import SHANGHAI
from db.errors import PermissionDenied, ValidationError
from db.services import enterprises
from db.services.enterprises import FirstTenancy
from desktop import cli
from documents.audit_statement import render_statement
from documents.certificate_layout import NO_LINE_START
from tests.conftest import firm_fields
from tests.fixed_clock import travel
from tests.rules.test_audit_reconcile import behind_the_back, recompute_chain
from tests.rules.test_certificate_pdf import flat, page_count, page_images, pdf_text


@pytest.fixture
def november(db, people):
    """Two firms registered in November, one in December (Shanghai days)."""
    firms = []
    for moment in (datetime(2026, 11, 3, 9, tzinfo=SHANGHAI), datetime(2026, 11, 30, 23, 50, tzinfo=SHANGHAI),
                   datetime(2026, 12, 1, 0, 10, tzinfo=SHANGHAI)):
        with travel(moment):
            firms.append(enterprises.register_enterprise(
                db, actor=people.clerk, fields=firm_fields(), zone_id=1,
                tenancy=FirstTenancy("A栋1", 1000, date(2025, 1, 1))))
    return firms


def _events(db_path, sql: str, *values):
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(sql, values).fetchall()
    finally:
        connection.close()


@pytest.mark.now("2026-12-02T10:00:00+08:00")
def test_a_months_head_is_its_last_event_signed_and_printed(db, people, november, db_path, tmp_path):
    statement = sign_statement(db, actor=people.auditor, month="2026-11")
    ((last_november, its_hash),) = _events(db_path, "SELECT seq, hash FROM auditevent WHERE entity_type = "
                                           "'tenancy' AND entity_id = (SELECT CAST(id AS TEXT) FROM tenancy"
                                           " WHERE enterprise_id = ?)", november[1])
    assert (statement.seq, statement.chain_hash) == (last_november, its_hash)
    assert statement.month == "2026-11" and statement.printed_by == "审计员 (auditor)"
    assert statement.event_by == "张伟 (clerk1)"
    fields, _payload, _signature = read_signed(statement.code)
    assert fields["seq"] == last_november and fields["by"] == "auditor"
    path = tmp_path / "statement.pdf"
    path.write_bytes(render_statement(statement))
    assert page_count(path) == 1
    text = flat(pdf_text(path))
    for said in ("审计链头声明", f"第{last_november:,}号", its_hash[:32], its_hash[32:],
                 "2026年11月30日", "审计员(auditor)", "张伟(clerk1)", statement.key_id):
        assert flat(said) in text, said
    starts = [line.strip()[:1] for line in pdf_text(path).splitlines() if line.strip()]
    assert not [mark for mark in starts if mark in NO_LINE_START]  # no line begins with 。，）
    (barcode,) = zxingcpp.read_barcodes(page_images(path)[0])
    assert barcode.text == statement.code and is_signed(barcode.text)
    # the printing is in the trail, after the head it states
    assert _events(db_path, "SELECT action, entity_id FROM auditevent ORDER BY seq DESC LIMIT 1") == [
        ("audit.statement", str(last_november))]


def test_now_is_the_newest_event(db, people, november, db_path):
    ((newest,),) = _events(db_path, "SELECT max(seq) FROM auditevent")
    statement = sign_statement(db, actor=people.admin)
    assert statement.seq == newest
    assert statement.month is None


def test_only_auditors_and_administrators_print_it_and_a_month_before_the_trail_has_none(db, people, november):
    with pytest.raises(PermissionDenied):
        sign_statement(db, actor=people.clerk)
    with pytest.raises(ValidationError):
        sign_statement(db, actor=people.auditor, month="2020-01")


def test_verify_audit_takes_the_statements_code(db, people, november, db_path, capsys):
    code = sign_statement(db, actor=people.auditor).code
    enterprises.register_enterprise(db, actor=people.clerk, fields=firm_fields(), zone_id=1,
                                    tenancy=FirstTenancy("B栋", 1000, date(2025, 1, 1)))
    db.dispose()
    assert cli.main(["verify-audit", "--db", str(db_path), "--anchor", code]) == 0
    out = capsys.readouterr().out
    assert "exactly as anchored" in out and "signed with this database's key" in out


def test_a_rewritten_chain_fails_against_the_statement(db, people, november, db_path, capsys):
    code = sign_statement(db, actor=people.auditor).code
    db.dispose()
    ((seq, firm),) = _events(db_path, "SELECT seq, entity_id FROM auditevent WHERE action = "
                             "'enterprise.register' ORDER BY seq LIMIT 1")
    behind_the_back(db_path, f"UPDATE enterprise SET employees = 4242 WHERE id = {firm}",
                    "UPDATE auditevent SET after_json = json_set(after_json, '$.employees', 4242) "
                    f"WHERE seq = {seq}")
    recompute_chain(db_path, seq)
    assert cli.main(["verify-audit", "--db", str(db_path)]) == 0  # consistent with itself
    capsys.readouterr()
    assert cli.main(["verify-audit", "--db", str(db_path), "--anchor", code]) == 1
    assert "not the one anchored" in capsys.readouterr().err


def _forged(code: str, change) -> str:  # noqa: ANN001
    prefix, payload, signature = code.split(".")
    fields = json.loads(base64.b32decode(payload + "=" * (-len(payload) % 8)))
    change(fields)
    data = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    return f"{prefix}.{base64.b32encode(data).decode().rstrip('=')}.{signature}"


def test_a_forged_statement_is_refused_in_one_sentence(db, people, november, db_path, capsys):
    """The anchor moved to a rewritten chain's head, the signature kept: exit 2."""
    code = sign_statement(db, actor=people.auditor).code
    db.dispose()
    ((seq,),) = _events(db_path, "SELECT max(seq) FROM auditevent")
    ((head,),) = _events(db_path, "SELECT hash FROM auditevent WHERE seq = ?", seq)
    forged = _forged(code, lambda f: f.update(seq=seq, hash=head))
    assert cli.main(["verify-audit", "--db", str(db_path), "--anchor", forged]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "forged" in err
    assert cli.main(["verify-audit", "--db", str(db_path), "--anchor", code[:-8]]) == 2
    assert "not a chain head statement" in capsys.readouterr().err


def test_a_statement_whose_key_is_not_in_the_file_is_judged_by_its_chain(db, people, november, db_path, capsys):
    """The file's keys replaced (the statement names a key the file does not hold): not called
    forged, exit 1, and its number and hash still compared with the chain."""
    code = sign_statement(db, actor=people.auditor).code
    db.dispose()
    other_key = _forged(code, lambda f: f.update(key="0" * 16))
    assert cli.main(["verify-audit", "--db", str(db_path), "--anchor", other_key]) == 1
    captured = capsys.readouterr()
    said = captured.out + captured.err
    assert "The key that signed this statement is not in this file" in said and "forged" not in said
    assert "exactly as the statement states" in said
    elsewhere = _forged(code, lambda f: f.update(key="0" * 16, hash="ab" * 32))
    assert cli.main(["verify-audit", "--db", str(db_path), "--anchor", elsewhere]) == 1
    said = "".join(capsys.readouterr())
    assert "not in this file" in said and "not the one anchored" in said


def test_a_statements_signature_is_over_its_own_domain(db, people, november, db_path):
    """Signed over a tag and the payload: the bare payload (what a certificate's signature
    covers) does not verify, so neither kind of signature passes for the other."""
    from db.audit_statement import DOMAIN
    from db.certificates.signing import verify_signature
    code = sign_statement(db, actor=people.auditor).code
    fields, payload, signature = read_signed(code)
    ((public,),) = _events(db_path, "SELECT public_key FROM signingkey WHERE key_id = ?", fields["key"])
    assert verify_signature(bytes(public), signature, DOMAIN + payload)
    assert not verify_signature(bytes(public), signature, payload)
