"""Verification respects zone scope (issue 9, part 2, first point): a serial typed by a clerk or
reviewer finds only certificates of their zones (another zone's answers exactly as a serial
never issued: no firm, no USCC, no content); a scanned code carries its own content, so anyone
may check it, and learns nothing beyond what the code holds."""

import json

import pytest

from db.certificates import code as certificate_code
from db.queries.verification import Verdict, verify_code
from db.services.certificates import CertificateRequest, Issued, issue_many, revoke
from tests.ledger_data import make_book

FIRM_D = "上海海蓝生物医药有限公司"  # tests/ledger_data.py: the firm of zone 2
SECRET = "法人代表涉嫌虚报面积"  # a revocation reason, kept for zone 2's staff


@pytest.fixture
def zone2(db, people) -> Issued:  # noqa: ANN001
    book = make_book(db, people)
    return issue_many(db, actor=people.clerk2,
                      requests=[CertificateRequest("subsidy", book.firm_d, 2, "2026-01",
                                                   "2026-10")])[0]


def told(verdict: Verdict) -> str:
    return repr(verdict)


def test_a_typed_serial_of_another_zone_is_not_found_for_a_clerk(db, people, zone2):
    assert zone2.serial.startswith("Z02-")
    never_issued = verify_code(db, actor=people.clerk, text="Z02-2026-000099")
    for who in (people.clerk, people.reviewer):
        for text in (zone2.serial, zone2.serial.lower(), f" {zone2.serial}\n"):
            verdict = verify_code(db, actor=who, text=text)
            assert verdict == Verdict("not_found", zone2.serial)
            assert verdict.__class__ is never_issued.__class__
            assert FIRM_D not in told(verdict) and zone2.printed.uscc not in told(verdict)
    for who in (people.clerk2, people.admin, people.auditor):
        verdict = verify_code(db, actor=who, text=zone2.serial)
        assert (verdict.outcome, verdict.other_zone) == ("valid", False)
        assert verdict.printed == zone2.printed and verdict.fields["firm"] == FIRM_D


def test_a_scanned_code_of_another_zone_verifies_with_only_what_it_holds(db, people, zone2):
    payload, _ = certificate_code.decode(zone2.printed.qr_text)
    in_the_code = json.loads(payload)
    verdict = verify_code(db, actor=people.clerk, text=zone2.printed.qr_text)
    assert (verdict.outcome, verdict.other_zone, verdict.in_this_database) == ("valid", True, True)
    assert verdict.fields == in_the_code and verdict.printed is None
    assert zone2.printed.lines and "billed_fen" not in told(verdict)  # the bills are not in it

    revoke(db, actor=people.admin, certificate_id=zone2.certificate_id, reason=SECRET)
    verdict = verify_code(db, actor=people.reviewer, text=zone2.printed.qr_text)
    assert (verdict.outcome, verdict.other_zone) == ("revoked", True)
    assert (verdict.revoked_reason, verdict.revoked_on, verdict.printed) == ("", None, None)
    assert SECRET not in told(verdict)
    # its own zone and the administrators see the reason
    for who in (people.clerk2, people.admin, people.auditor):
        verdict = verify_code(db, actor=who, text=zone2.printed.qr_text)
        assert (verdict.outcome, verdict.revoked_reason, verdict.other_zone) == (
            "revoked", SECRET, False)
        assert verdict.printed is not None and verdict.printed.revoked
