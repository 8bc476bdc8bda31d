"""`zonedesk verify-audit` on damaged and tampered files: every outcome is one sentence naming
what is wrong and where, never a traceback; exit status 1 when the trail is broken and 2 when the
file cannot be read as a Zone Desk database; and the file it checks is never written (its bytes,
its modification time and the folder around it stay as they were)."""

import hashlib
import os
import random
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from db import audit
from db.audit_verification import BROKEN, INTACT, UNREADABLE, verify_file
from db.services import enterprises
from db.services.enterprises import FirstTenancy
from desktop import cli
from tests.conftest import firm_fields


@pytest.fixture
def office(db, people, db_path):
    """A few firms registered and edited, then the file closed."""
    for n in range(3):
        firm = enterprises.register_enterprise(
            db, actor=people.clerk, fields=(fields := firm_fields()), zone_id=1,
            tenancy=FirstTenancy(f"A栋{n}", 1000, date(2025, 1, 1)))
        enterprises.update_enterprise(db, actor=people.clerk, enterprise_id=firm,
                                      expected_version=1,
                                      fields=firm_fields(uscc=fields.uscc, employees=99))
    db.dispose()
    assert audit.verify(db_path).ok
    return db_path


def sql(*statements: str, triggers_off: bool = True):
    """A damage done with SQL, the audit table's triggers dropped first when asked."""
    def damage(path: Path) -> None:
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            if triggers_off:
                connection.execute("DROP TRIGGER auditevent_no_update")
                connection.execute("DROP TRIGGER auditevent_no_delete")
            for statement in statements:
                connection.execute(statement)
            if triggers_off:
                for trigger in audit.TRIGGERS.values():
                    connection.execute(trigger)
        finally:
            connection.close()
    return damage


def write(data: bytes | None = None, size: int | None = None):
    def damage(path: Path) -> None:
        if size is not None:
            path.write_bytes(path.read_bytes()[:size])
        else:
            path.write_bytes(data)
    return damage


def zero_page_of(table: str):
    def damage(path: Path) -> None:
        connection = sqlite3.connect(path)
        size = connection.execute("PRAGMA page_size").fetchone()[0]
        page = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                  (table,)).fetchone()[0]
        connection.close()
        with path.open("r+b") as handle:
            handle.seek((page - 1) * size)
            handle.write(bytes(size))
    return damage


def scribble(offset: int, length: int):
    def damage(path: Path) -> None:
        with path.open("r+b") as handle:
            handle.seek(offset)
            handle.write(os.urandom(length))
    return damage


def another_program(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO customer (name) VALUES ('王先生')")
    connection.commit()
    connection.close()


def empty_sqlite(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 1")
    connection.close()


def missing(path: Path) -> None:
    path.unlink()


INSERT_EVENT = ("INSERT INTO auditevent (seq, at, actor_id, actor_name, action, entity_type, "
                "entity_id, before_json, after_json, prev_hash, hash) VALUES ({seq}, "
                "'2026-01-01T00:00:00.000000Z', 1, 'admin', 'enterprise.edit', 'enterprise', '1', "
                "'null', '{{}}', '{prev}', '{own}')")
ZEROS = "0" * 64

# (name, the damage, the exit status, words the one sentence must hold)
DAMAGES = [
    ("missing", missing, UNREADABLE, ["no such file"]),
    ("empty", write(b""), UNREADABLE, ["empty"]),
    ("zeros", write(bytes(65536)), UNREADABLE, ["not an SQLite file"]),
    ("random bytes", write(os.urandom(65536)), UNREADABLE, ["not an SQLite file"]),
    ("a text file", write("这不是数据库\n".encode() * 100), UNREADABLE, ["not an SQLite file"]),
    ("half a header", write(size=50), UNREADABLE, ["damaged", "cut off"]),
    ("the header only", write(size=100), UNREADABLE, ["damaged", "cut off"]),
    ("cut in half", write(size=40960), UNREADABLE, ["damaged"]),
    ("the first page scribbled", scribble(100, 3000), UNREADABLE, ["damaged"]),
    ("the page size scribbled", scribble(16, 2), UNREADABLE, []),
    ("the audit table's page zeroed", zero_page_of("auditevent"), UNREADABLE, ["damaged"]),
    ("a firm page zeroed", zero_page_of("enterprise"), UNREADABLE, ["damaged"]),
    ("an index's pages orphaned", sql("PRAGMA writable_schema = ON", "DELETE FROM sqlite_master "
                                      "WHERE name = 'ix_enterprise_zone_id'", triggers_off=False),
     UNREADABLE, ["damaged", "integrity check", "never used"]),
    ("another program's database", another_program, UNREADABLE, ["another program"]),
    ("an SQLite file without tables", empty_sqlite, UNREADABLE, ["empty"]),
    ("a newer schema", sql("UPDATE alembic_version SET version_num = '0099'", triggers_off=False),
     UNREADABLE, ["newer Zone Desk", "0099"]),
    ("two schema versions", sql("INSERT INTO alembic_version VALUES ('0001')", triggers_off=False),
     UNREADABLE, ["damaged", "schema version"]),
    ("the audit table dropped", sql("DROP TABLE auditevent", triggers_off=False), BROKEN,
     ["auditevent", "missing"]),
    ("the audit head dropped", sql("DROP TABLE audithead", triggers_off=False), BROKEN,
     ["audithead", "missing"]),
    ("the audit head deleted", sql("DELETE FROM audithead"), BROKEN,
     ["audit head", "deleted"]),
    ("the audit head's hash changed", sql(f"UPDATE audithead SET hash = '{ZEROS}'"), BROKEN,
     ["audit head", "does not match"]),
    ("the audit head's seq as text", sql("UPDATE audithead SET seq = 'many'"), BROKEN,
     ["audit head", "text"]),
    ("an event numbered 0", sql(INSERT_EVENT.format(seq=0, prev=ZEROS, own=ZEROS)), BROKEN,
     ["numbered 0", "starts at 1"]),
    ("a negative event", sql(INSERT_EVENT.format(seq=-5, prev=ZEROS, own=ZEROS)), BROKEN,
     ["numbered -5"]),
    ("a BLOB in an event", sql("UPDATE auditevent SET after_json = CAST(after_json AS BLOB) "
                               "WHERE seq = 3"), BROKEN, ["event 3", "BLOB"]),
    ("text in an event's number", sql("UPDATE auditevent SET actor_id = 'admin' WHERE seq = 4"),
     BROKEN, ["event 4", "actor_id", "text"]),
    ("a number in an event's text", sql("UPDATE auditevent SET actor_name = 42 WHERE seq = 4"),
     BROKEN, ["event 4", "changed"]),  # stored as the text '42': the hash finds it
    ("text that is not UTF-8", sql("UPDATE auditevent SET actor_name = CAST(x'fffe41' AS TEXT) "
                                   "WHERE seq = 5"), BROKEN, ["event 5", "UTF-8"]),
    ("a real number in an event", sql("UPDATE auditevent SET actor_id = 1.5 WHERE seq = 6"),
     BROKEN, ["event 6", "real number"]),
    ("the first event deleted", sql("DELETE FROM auditevent WHERE seq = 1"), BROKEN,
     ["event 1 is missing"]),
    ("a BLOB in a firm's name", sql("UPDATE enterprise SET name = CAST(name AS BLOB) WHERE id = 1",
                                    triggers_off=False), BROKEN, ["enterprise 1", "name", "binary"]),
    ("a trigger weakened", sql("DROP TRIGGER auditevent_no_delete",
                               "CREATE TRIGGER auditevent_no_delete BEFORE DELETE ON auditevent "
                               "WHEN 0 BEGIN SELECT 1; END", triggers_off=False), BROKEN,
     ["auditevent_no_delete", "changed"]),
]


def fingerprint(path: Path) -> tuple:
    """The file's bytes and modification time, and the names of the files beside it."""
    files = sorted(p.name for p in path.parent.iterdir())
    if not path.exists():
        return None, None, files
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns, files


@pytest.mark.parametrize("name,damage,status,words", DAMAGES, ids=[d[0] for d in DAMAGES])
def test_each_damage_is_one_sentence_with_its_exit_status(office, capsys, name, damage, status,
                                                          words):
    damage(office)
    before = fingerprint(office)
    assert cli.main(["verify-audit", "--db", str(office)]) == status  # no traceback: no exception
    out = capsys.readouterr()
    assert out.out == ""
    lines = out.err.strip().splitlines()
    assert len(lines) == 1, lines  # one sentence
    sentence = lines[0]
    assert sentence.endswith(".") and sentence[0].isupper() or sentence.startswith("/"), sentence
    assert all(w in sentence for w in words), sentence
    assert "Traceback" not in sentence and "jumps from 0 to 0" not in sentence
    assert fingerprint(office) == before  # never written, nothing made beside it


def test_messages_name_only_events_that_exist(office):
    """The head deleted names no "event 1"; a changed head hash names no event past the end."""
    last = sqlite3.connect(office).execute("SELECT max(seq) FROM auditevent").fetchone()[0]
    sql("DELETE FROM audithead")(office)
    deleted = audit.verify(office)
    assert deleted.first_broken_seq is None and f"ends at event {last}" in deleted.sentence()
    assert "event 1 " not in deleted.sentence()
    sql(f"INSERT INTO audithead (id, seq, hash) VALUES (1, {last}, '{ZEROS}')",
        triggers_off=False)(office)
    changed = audit.verify(office)
    assert changed.first_broken_seq is None and f"event {last}," in changed.sentence()
    assert f"event {last + 1}" not in changed.sentence()


def test_an_intact_file_is_said_so_and_not_written(office, capsys):
    before = fingerprint(office)
    assert cli.main(["verify-audit", "--db", str(office)]) == INTACT
    out = capsys.readouterr().out
    assert "intact" in out and "agree" in out
    assert fingerprint(office) == before


def test_a_file_open_in_the_program_is_verified_without_writing_it(office, people):
    """With the program's own connection open (its -wal and -shm there), verify-audit reads
    through them and still writes nothing to the file."""
    from db.engine import Database
    running = Database(office)
    try:
        enterprises.register_enterprise(running, actor=people.clerk, fields=firm_fields(), zone_id=1)
        before = hashlib.sha256(office.read_bytes()).hexdigest(), office.stat().st_mtime_ns
        assert cli.main(["verify-audit", "--db", str(office)]) == INTACT
        assert (hashlib.sha256(office.read_bytes()).hexdigest(), office.stat().st_mtime_ns) == before
    finally:
        running.dispose()


def test_the_installed_command_exits_2_on_random_bytes_without_a_traceback(tmp_path):
    path = tmp_path / "noise.sqlite"
    path.write_bytes(os.urandom(10_000))
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "verify-audit", "--db", str(path)],
                          capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 2
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0 and str(path) in done.stderr


def test_random_damage_never_crashes_it_nor_is_written(office, tmp_path):
    """Bytes scribbled, zeroed, flipped or cut anywhere in the file (a fixed seed): every verdict
    is a status and sentences, never an exception, and the file is never written."""
    rng = random.Random(2026)
    original = office.read_bytes()
    for n in range(120):
        data = bytearray(original)
        how = rng.choice(("scribble", "zero", "flip", "cut"))
        if how == "cut":
            data = data[:rng.randrange(len(data))]
        else:
            start = rng.randrange(len(data))
            for i in range(start, min(len(data), start + rng.choice((1, 16, 512, 4096)))):
                data[i] = {"zero": 0, "flip": data[i] ^ 0x10}.get(how, rng.randrange(256))
        path = tmp_path / f"damaged-{n}.sqlite"
        path.write_bytes(bytes(data))
        before = fingerprint(path)
        verdict = verify_file(path)
        assert verdict.status in (INTACT, BROKEN, UNREADABLE) and verdict.sentences
        assert verdict.status != UNREADABLE or len(verdict.sentences) == 1
        assert fingerprint(path) == before, how
