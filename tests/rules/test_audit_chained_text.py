"""The verifier's quick encoding (audit.chained_text) gives, for every event, the very bytes the
writer hashes (prev_hash, a newline, canonical_bytes(): sorted-key compact JSON), so that every
file written before still verifies: on awkward values, on random text and on every event of a
demo. And the verifier's one quick test per event still finds a change to each hashed column and
a value of a wrong type in each, as the event-by-event judge says it."""

import hashlib
import random
import sqlite3
from datetime import UTC, date, datetime

import pytest

from db import audit
from db.audit import EVENT_COLUMNS, FIELDS, GENESIS, canonical_bytes, chained_text
from tests.rules.test_demo import demo_path  # noqa: F401 (the module's demo, made once)

AWKWARD_TEXTS = [
    "", "星火科技（上海）有限公司", 'say "hi"', "back\\slash", "\\u0041 is not A", "tab\there",
    "line\nbreak\r\n", "".join(chr(c) for c in range(32)), "\x7f\x80\x9f\xa0", "\u2028\u2029",
    "😀 𠮷 astral", "e\u0301 combining", "\ufeffbom", "/slash/", "null", "'single'", "{}[]:,",
]
AWKWARD_VALUES = [
    None, 0, -1, 10**30, -(2**63), 0.1, 1e300, -0.0, 2.5, True, False, date(2026, 2, 28),
    datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), {"嵌套": {"深": [1, "二", None]}},
    [[], {}, ""], {3, 1, 2}, ("a", "b"), *AWKWARD_TEXTS,
]


def expected(row: dict) -> bytes:
    """What the writer hashes: the reference encoding."""
    return row["prev_hash"].encode("ascii") + b"\n" + canonical_bytes(row)


def quick(row: dict) -> bytes:
    return chained_text(row["prev_hash"], *(row[k] for k in FIELDS)).encode()


def awkward_changes() -> list[audit.Change]:
    changes = []
    for n, value in enumerate(AWKWARD_VALUES):
        text = AWKWARD_TEXTS[n % len(AWKWARD_TEXTS)]
        changes.append(audit.Change(f"enterprise.{text}", text, text or n,
                                    {text: value, "n": n}, {"value": value, text: [value]}))
        changes.append(audit.Change("entry.submit", "subsidy_entry", n, None, {"v": value}))
    return changes


def awkward_rows() -> list[dict]:
    rows = []
    for actor_id, name in ((None, "system"), (1, "admin"), (2**62, '管理员 "甲"\\\n')):
        rows += audit.chain(len(rows), rows[-1]["hash"] if rows else GENESIS, actor_id, name,
                            awkward_changes(), at=datetime(2026, 6, 1, tzinfo=UTC))
    return rows


def test_awkward_values_give_the_same_bytes_and_hashes():
    rows = awkward_rows()
    assert len(rows) > 100
    for row in rows:
        assert quick(row) == expected(row), row
        assert hashlib.sha256(quick(row)).hexdigest() == row["hash"]


def test_random_text_gives_the_same_bytes():
    rng = random.Random(14)
    alphabet = ([chr(c) for c in range(0, 0x100)] + list('"\\/{}[],:') * 8 + list("区企业补贴")
                + [chr(c) for c in (0x2028, 0x2029, 0xFFFD, 0xFEFF, 0x1F600, 0x10FFFF)])

    def text() -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
    for seq in range(1, 3001):
        row = {"seq": seq * rng.choice((1, 7919, 10**12)), "at": text(),
               "actor_id": rng.choice((None, 0, rng.randrange(-(2**70), 2**70))),
               "actor_name": text(), "action": text(), "entity_type": text(), "entity_id": text(),
               "before_json": text(), "after_json": text(), "prev_hash": rng.randbytes(32).hex()}
        assert quick(row) == expected(row), row


def test_every_event_of_the_demo_gives_the_same_bytes(demo_path):  # noqa: F811
    connection = sqlite3.connect(demo_path)
    events = connection.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM auditevent ORDER BY seq")
    count = 0
    for values in events:
        row = dict(zip(EVENT_COLUMNS, values, strict=True))
        assert quick(row) == expected(row), row
        assert hashlib.sha256(quick(row)).hexdigest() == row["hash"]
        count += 1
    assert count == connection.execute("SELECT count(*) FROM auditevent").fetchone()[0] > 1000
    connection.close()
    assert audit.verify_connection(sqlite3.connect(demo_path)).ok


@pytest.fixture
def trail() -> sqlite3.Connection:
    """The awkward events in a table without column types (each value stored as given)."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    connection.execute(f"CREATE TABLE auditevent (seq INTEGER PRIMARY KEY, "
                       f"{', '.join(EVENT_COLUMNS[1:])})")
    connection.execute("CREATE TABLE audithead (id INTEGER PRIMARY KEY, seq, hash)")
    rows = awkward_rows()
    connection.executemany(audit._INSERT, rows)
    connection.execute(audit._HEAD, {"seq": rows[-1]["seq"], "hash": rows[-1]["hash"]})
    for sql in audit.TRIGGERS.values():
        connection.execute(sql)
    return connection


def behind_the_back(connection: sqlite3.Connection, sql: str, *values: object) -> None:
    connection.execute("DROP TRIGGER auditevent_no_update")
    connection.execute(sql, values)
    connection.execute(audit.TRIGGERS["auditevent_no_update"])


def test_the_awkward_trail_verifies(trail):
    check = audit.verify_connection(trail)
    assert check.ok and check.events == len(awkward_rows())


CHANGED = [("at", lambda v: v + " "), ("actor_id", lambda v: (v or 0) + 1),
           ("actor_name", lambda v: v + '"'), ("action", lambda v: v + "企"),
           ("entity_type", lambda v: v + "\\"), ("entity_id", lambda v: v + "\u2028"),
           ("before_json", lambda v: " " + v), ("after_json", lambda v: v + "е")]  # Cyrillic


@pytest.mark.parametrize("column,change", CHANGED, ids=[c[0] for c in CHANGED])
@pytest.mark.parametrize("seq", [1, 40, 150])
def test_a_change_to_each_hashed_column_is_found_at_its_event(trail, column, change, seq):
    value = trail.execute(f"SELECT {column} FROM auditevent WHERE seq = ?", (seq,)).fetchone()[0]
    behind_the_back(trail, f"UPDATE auditevent SET {column} = ? WHERE seq = ?", change(value), seq)
    check = audit.verify_connection(trail)
    assert (check.ok, check.first_broken_seq, check.events) == (False, seq, seq - 1)
    assert check.reason == "its content was changed after it was written"


WRONG = [(column, value, kind) for column in EVENT_COLUMNS[1:]
         for value, kind in ((None, "nothing (NULL)"), (b"x", "a binary value (BLOB)"),
                             (7, "a number"), (1.5, "a real number"))
         if not (column == "actor_id" and value in (None, 7))] + [("actor_id", "7", "text")]


@pytest.mark.parametrize("column,value,kind", WRONG, ids=[f"{w[0]}-{w[2]}" for w in WRONG])
def test_a_value_of_a_wrong_type_in_each_column_is_named(trail, column, value, kind):
    behind_the_back(trail, f"UPDATE auditevent SET {column} = ? WHERE seq = 40", value)
    check = audit.verify_connection(trail)
    wanted = "a number" if column == "actor_id" else "text"
    assert (check.ok, check.first_broken_seq, check.events) == (False, 40, 39)
    assert check.reason == f"its column {column} holds {kind} where the program writes {wanted}"
