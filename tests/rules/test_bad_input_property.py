"""Arbitrary input thrown at every public service and query (issue 9, point 4): text of any
characters (lone surrogates, NUL, thousands of words), numbers of any size (beyond SQLite's 64
bits, negative, floats, NaN), None and values of the wrong type, each in place of an argument or
of a field of the records the functions take (Bill, EnterpriseFields, LedgerFilter ...).

Each call may answer, or refuse with a ZoneDeskError (a message for the staff); any other
exception is a raw one and fails the test. After the calls, every value the file holds has the
type of its column (no REAL where an integer belongs) and the audit trail is intact.

Deterministic (derandomize) and bounded (EXAMPLES per function), so it runs in seconds.
"""

import dataclasses
import inspect
import shutil
import sqlite3
import types
import typing
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from db import audit
from db.access import Actor
from db.engine import Database
from db.errors import ZoneDeskError
from db.export.table import ExportTable
from db.models import EnterpriseFields, ZoneFields
from db.services import policy
from db.services.certificate_subjects import CertificateRequest
from db.services.certificates import issue_many
from tests.conftest import Staff, firm_fields, valid_uscc
from tests.ledger_data import make_book
from tests.public_functions import scoped_functions

EXAMPLES = 30
FUNCTIONS = scoped_functions()  # the services, the queries, the exports and the rest

WORDS = ("", " ", "land", "electricity", "water", "internet", "little_giant", "loan_guarantee",
         "municipal", "national", "subsidy", "tenancy", "draft", "submitted", "approved",
         "rejected", "valid", "revoked", "month", "quarter", "year", "2026-03", "２０２６-０３",
         "２０２６－１２", "2026-13", "2026-3", "1999-12", "budget_cap_fen", "loan_quota_fen",
         "guarantee_cap_per_firm_fen", "clerk", "reviewer", "admin", "auditor", "clerk1",
         "Z01-2026-000001", "Z02-2026-000001", "ai", "software", "310115", "上海星河",
         "correct horse", "a new secret", "账单不符", "星 河 " * 500, "a " * 1000, "x" * 20_000,
         "\ud800", "名\udfff称", "\x00", "ZD1.AAAA.BBBB", valid_uscc(7),
         "Zone Desk public key\noffice: 某中心\nkey-id: 00\ned25519: AAAA")
NUMBERS = (0, 1, 2, 3, 4, 5, 6, 7, 10, 12, 100, 2026, 1500, 100_000, -1, 2**31, 2**63 - 1,
           2**63, -(2**63) - 1, 10**30, -(10**30))

any_text = st.text(st.characters(exclude_categories=()), max_size=40)
anything = st.one_of(
    st.none(), st.booleans(), st.integers(), st.sampled_from(NUMBERS),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from((1234.5, float("nan"))),
    any_text, st.binary(max_size=8), st.dates(), st.datetimes(),
    st.lists(st.integers(), max_size=3), st.dictionaries(any_text, st.integers(), max_size=2),
    st.builds(object))


@dataclasses.dataclass(frozen=True)
class Build:
    """A record to make inside the call's try: its own checks may refuse it too."""

    cls: type
    values: dict

    def make(self) -> object:
        values = {k: make(v) for k, v in self.values.items()}
        if issubclass(self.cls, BaseModel):
            base = BASES[self.cls]() if self.cls in BASES else {}
            return self.cls.model_construct(**(base | values))  # as if typed in afterwards
        return self.cls(**values)


BASES = {EnterpriseFields: lambda: firm_fields().model_dump(),
         ZoneFields: lambda: {"name": "张江集成电路产业园", "district_code": "310115"}}


def make(value: object) -> object:
    if isinstance(value, Build):
        return value.make()
    if isinstance(value, list):
        return [make(v) for v in value]
    return value


def plausible(hint: object) -> st.SearchStrategy:
    """Values of the annotated type, well formed or not."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is int:
        return st.one_of(st.sampled_from(NUMBERS), st.integers(-(10**20), 10**20))
    if hint is str:
        return st.one_of(st.sampled_from(WORDS), any_text)
    if hint is bool:
        return st.booleans()
    if hint is date:
        return st.one_of(st.sampled_from((date(2026, 3, 1), date(2024, 1, 1), date.min, date.max)),
                         st.dates())
    if hint is datetime:
        return st.datetimes()
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*[values(a) for a in args if a is not type(None)], st.none())
    if origin in (list, tuple) and (origin is list or args[-1] is ...):
        return st.lists(values(args[0]), max_size=4)
    if origin is tuple:
        return st.tuples(*[values(a) for a in args])
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return st.fixed_dictionaries({f.name: values(hints[f.name]) for f in dataclasses.fields(hint)
                                      if f.init}).map(lambda kw, cls=hint: Build(cls, kw))
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        fields = {name: values(info.annotation) for name, info in hint.model_fields.items()}
        return st.lists(st.sampled_from(sorted(fields)), max_size=2, unique=True).flatmap(
            lambda names, cls=hint: st.fixed_dictionaries({n: fields[n] for n in names}).map(
                lambda kw: Build(cls, kw)))
    return st.one_of(st.none(), anything)


def values(hint: object) -> st.SearchStrategy:
    """Mostly values of the annotated type, sometimes anything at all."""
    return st.one_of(plausible(hint), plausible(hint), plausible(hint), anything)


@pytest.fixture(scope="module")
def prepared(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Staff]:
    """Staff, the small book of money, award amounts and a certificate of each zone."""
    path = tmp_path_factory.mktemp("bad-input") / "prepared.sqlite"
    shutil.copyfile(template_db, path)
    database = Database(path)
    people = Staff(database)
    book = make_book(database, people)
    for level, amount in (("municipal", 10_000_000), ("national", 30_000_000)):
        policy.set_award_rate(database, actor=people.admin, level=level,
                              valid_from=date(2020, 1, 1), amount_fen=amount)
    issue_many(database, actor=people.admin, requests=[
        CertificateRequest("tenancy", book.firm_a, 1), CertificateRequest("tenancy", book.firm_d, 2)])
    connection = database.raw_connection()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    database.dispose()
    return path, people


def typed_as_declared(path: Path) -> list[str]:
    """Values whose storage type is not their column's (a REAL in an INTEGER column ...)."""
    wrong = []
    connection = sqlite3.connect(path)
    try:
        tables = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'enterprise_search%' AND name NOT LIKE 'enterprise_grams%'"
            " AND name != 'alembic_version'")]
        for table in tables:
            for _cid, column, declared, *_ in connection.execute(f'PRAGMA table_info("{table}")'):
                kind = declared.upper()
                allowed = ({"integer"} if "INT" in kind or "BOOL" in kind else
                           {"text"} if "CHAR" in kind or "TEXT" in kind or "DATE" in kind else None)
                if allowed is None:
                    continue
                for (found,) in connection.execute(
                        f'SELECT DISTINCT typeof("{column}") FROM "{table}"'
                        f' WHERE "{column}" IS NOT NULL'):
                    if found not in allowed:
                        wrong.append(f"{table}.{column} holds {found}")
    finally:
        connection.close()
    return wrong


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_anything_thrown_at_a_function_gets_an_answer_or_a_message(name, prepared, tmp_path):
    path, people = prepared
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(path, copy)
    database = Database(copy)
    function = FUNCTIONS[name]
    hints = typing.get_type_hints(function)
    parameters = [p for p in inspect.signature(function).parameters if p != "db"]
    actors = [people.admin, people.clerk, people.reviewer, people.auditor]
    raw: list[str] = []

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def throw(data: st.DataObject) -> None:
        arguments = {}
        for parameter in parameters:
            hint = hints.get(parameter, object)
            if hint is Actor:
                arguments[parameter] = data.draw(st.sampled_from(actors), label=parameter)
            elif (parameter in ("cancelled", "folder") and name != "backup.folder.set_backup_folder"
                  or (parameter == "key" and hint is not str)):
                continue  # a callback, a key folder, a signing key: left to their defaults
            else:
                arguments[parameter] = data.draw(values(hint), label=parameter)
        try:
            given = {k: make(v) for k, v in arguments.items()}
            if "db" in inspect.signature(function).parameters:
                answer = function(database, **given)
            else:
                answer = function(**given)
            if isinstance(answer, ExportTable):
                for _row in answer.rows:  # an export reads as it is written
                    pass
        except ZoneDeskError:
            pass
        except Exception as error:  # noqa: BLE001 (what this test counts)
            raw.append(f"{name}: {type(error).__name__}: {str(error)[:120]}")

    try:
        throw()
        assert typed_as_declared(copy) == []
        assert audit.verify(copy).ok
    finally:
        database.dispose()
    assert raw == [], f"{len(raw)} raw exceptions:\n" + "\n".join(raw)
