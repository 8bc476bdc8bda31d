"""Every field the program writes into the audit trail reads in words in the audit pane and its
export: a new field that nobody named would show as its stored name (English in a Chinese
screen). Checked over a demo database (firms, tenancies, bills, awards, guarantees, budgets,
rates, closed months, accounts) and a book with certificates issued and revoked."""

import json
import sqlite3
from pathlib import Path

import pytest

from db.audit_words import FIELDS, HIDDEN, changes, plain_text
from db.engine import Database
from db.services.certificates import revoke
from tests.certificate_data import issue_subsidy
from tests.ledger_data import make_book
from tests.rules.raw_sql import raw_connection
from tests.rules.test_demo import demo_path  # noqa: F401 (the module's demo, made once)


@pytest.fixture
def book(db, people):  # noqa: ANN001, ANN201
    return make_book(db, people)


def unnamed_fields(where: Path | Database) -> dict[str, str]:
    """field → an action that wrote it, for every field without words."""
    connection = sqlite3.connect(where) if isinstance(where, Path) else raw_connection(where)
    found: dict[str, str] = {}
    for action, before, after in connection.execute(
            "SELECT action, before_json, after_json FROM auditevent"):
        for values in (json.loads(before), json.loads(after)):
            for name in values or {}:
                if name not in FIELDS and name not in HIDDEN:
                    found.setdefault(name, action)
    connection.close()
    return found


def test_every_field_of_the_demo_has_words(demo_path):  # noqa: F811
    assert unnamed_fields(demo_path) == {}


def test_every_field_of_certificates_has_words(db, people, book):
    issued = issue_subsidy(db, people, book)
    revoke(db, actor=people.reviewer, certificate_id=issued.certificate_id, reason="开错企业")
    found = unnamed_fields(db)
    assert not found, " ".join(sorted(found))


def test_a_rate_reads_exactly():
    shown = plain_text(changes(json.dumps({"rate_bp": 1250}), json.dumps({"rate_bp": 1005})))
    assert shown.endswith("12.50% → 10.05%")
