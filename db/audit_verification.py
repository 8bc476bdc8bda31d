"""`zonedesk verify-audit`: the whole verdict on a file, in sentences, with its exit status.

0 — the trail is intact and the rows agree with it (and with the anchor, when one is given);
1 — the trail is broken, a row differs from it, or the file is not the one anchored (a signed
    statement of another database included, or one signed by a key the file does not hold: its
    number and hash are still compared with the chain, and that verdict said too);
2 — the file cannot be read as a Zone Desk database (missing, empty, not SQLite, damaged,
    another program's, written by a newer Zone Desk), or the anchor given cannot be trusted: it
    is not an anchor code, or a chain head statement's signature does not verify with the
    file's key of that id (forged or altered: it proves nothing, so nothing is said about the file).

The anchor is a plain code (ZDA1, db/audit_anchor.py) or a signed chain head statement's code
(ZDS1, db/audit_statement.py).

The file is opened read-only (db/database_file.py) and never written; every outcome is one
sentence naming what is wrong and where, never a traceback.
"""

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from db import audit
from db.access import Action, Actor, authorise
from db.audit_anchor import anchor_fault, anchor_of, parse_anchor
from db.audit_reading import ServerReading, reading
from db.audit_statement import (
    FORGED,
    UNKNOWN_KEY,
    is_signed,
    read_signed,
    signed_anchor_fault,
)
from db.database_file import FileKind, examine, examining_connection
from db.errors import ValidationError

if TYPE_CHECKING:
    from db.server.connection import ServerDatabase

log = logging.getLogger(__name__)

INTACT, BROKEN, UNREADABLE = 0, 1, 2
SHOWN = 20  # differences listed one by one; the rest counted


@dataclass(frozen=True)
class Verification:
    status: int
    sentences: tuple[str, ...]
    anchor: str | None = None  # the anchor of the file as verified, when intact


def _unreadable(path: Path, kind: FileKind, cause: str = "", revision: str | None = None) -> str:
    return {
        FileKind.MISSING: f"{path}: no such file.",
        FileKind.EMPTY: f"{path} is empty: it holds no Zone Desk database and no audit trail.",
        FileKind.NOT_SQLITE: f"{path} is not a Zone Desk database: it is not an SQLite file at all.",
        FileKind.FOREIGN: f"{path} is another program's database, not a Zone Desk one.",
        FileKind.DAMAGED: f"{path} is damaged ({cause}): its audit trail cannot be read.",
        FileKind.NEWER: f"{path} was written by a newer Zone Desk (schema {revision}): verify it "
                        "with that version.",
    }[kind]


def _read_anchor(anchor: str | None) -> tuple[tuple | None, tuple[int, str] | None]:
    """(the signed statement's parts, the anchored seq and hash); ValidationError when the
    anchor is not one."""
    if anchor is None:
        return None, None
    if is_signed(anchor):
        signed = read_signed(anchor)
        return signed, (signed[0]["seq"], signed[0]["hash"])
    return None, parse_anchor(anchor)


def verify_server(database: "ServerDatabase", anchor: str | None = None, *,
                  actor: "Actor | None" = None) -> Verification:
    """The same verdict on a server's database, read through its engine in one snapshot
    (db/audit_reading.py). What only a file can suffer (not SQLite, damaged pages, a newer
    schema's file) is not asked: the server keeps its own files sound.

    Read as the person logged in (`actor`, `zonedesk verify-audit --user`): only those who read
    the whole trail, administrators and auditors, may ask, since the server shows anyone else
    only their zones' rows (PermissionDenied)."""
    try:
        signed, anchored = _read_anchor(anchor)
    except ValidationError as error:
        return Verification(UNREADABLE, (error.message(),))
    if actor is not None:
        with database.reading() as uow:
            authorise(uow.session, actor, Action.AUDIT_READ)
    with reading(database.engine) as connection:
        return _verdict(connection, anchor, signed, anchored)


def verify_file(path: str | Path, anchor: str | None = None) -> Verification:
    path = Path(path)
    try:
        signed, anchored = _read_anchor(anchor)
    except ValidationError as error:
        return Verification(UNREADABLE, (error.message(),))
    state = examine(path)
    if state.kind not in (FileKind.CURRENT, FileKind.OLDER, FileKind.NO_TRAIL):
        return Verification(UNREADABLE, (_unreadable(path, state.kind, state.cause, state.revision),))
    try:
        connection = examining_connection(path)
    except sqlite3.DatabaseError as error:
        log.warning("verify-audit could not open %s: %s", path, error)
        return Verification(UNREADABLE, (f"{path} cannot be opened for reading ({error}).",))
    try:
        problems = _integrity_problems(connection)
        if problems:
            first = problems[0].rstrip(".")
            return Verification(UNREADABLE, (
                f"{path} is damaged: SQLite's integrity check finds {len(problems):,} "
                f"problem{'s' if len(problems) > 1 else ''}, the first: {first}.",))
        return _verdict(connection, anchor, signed, anchored)
    except sqlite3.DatabaseError as error:
        log.warning("verify-audit could not read %s: %s", path, error)
        return Verification(UNREADABLE, (f"{path} is damaged: reading it failed ({error}).",))
    finally:
        connection.close()


def _verdict(connection: "sqlite3.Connection | ServerReading", anchor: str | None,
             signed: tuple | None, anchored: tuple[int, str] | None) -> Verification:
    """The verdict on a database whose file (if any) is sound: the statement's signature, the
    chain, the anchor, the rows against the trail."""
    unknown_key: tuple[str, ...] = ()  # the statement's key is not the file's: said first
    if signed is not None:
        distrust = signed_anchor_fault(connection, *signed)
        if distrust is not None and distrust[0] == UNKNOWN_KEY:
            unknown_key = (distrust[1],)
        elif distrust is not None:
            return Verification(UNREADABLE if distrust[0] == FORGED else BROKEN, (distrust[1],))
    check = audit.verify_connection(connection)
    if not check.ok:
        return Verification(BROKEN, (*unknown_key, check.sentence()))
    if anchor is not None:
        fault = anchor_fault(connection, *anchored)
        if fault:
            return Verification(BROKEN, (*unknown_key,
                                         f"The file is not the one anchored: {fault}."))
    as_stated = (f"It holds events 1 to {anchored[0]:,} exactly as the statement states.",
                 ) if unknown_key else ()
    reconciled = audit.reconcile_connection(connection, check.events)
    if not reconciled.ok:
        said = _differences(reconciled) if reconciled.mismatches else (reconciled.sentence(),)
        return Verification(BROKEN, (*unknown_key, *as_stated, *said))
    if unknown_key:
        return Verification(BROKEN, (*unknown_key, check.sentence(), *as_stated))
    sentences = [check.sentence()]
    if anchor is not None:
        if signed is not None:
            sentences.append(f"The chain head statement is signed with this database's key "
                             f"{signed[0]['key']}.")
        sentences.append(f"It holds events 1 to {anchored[0]:,} exactly as anchored.")
    return Verification(INTACT, tuple(sentences), anchor_of(connection))


def _integrity_problems(connection: sqlite3.Connection) -> list[str]:
    """What PRAGMA integrity_check finds, one problem a line (its "*** in database main ***"
    headings left out); empty when the file is sound."""
    rows = [str(r[0]) for r in connection.execute("PRAGMA integrity_check").fetchall()]
    if rows == ["ok"]:
        return []
    lines = [line.strip() for row in rows for line in row.splitlines()]
    return [line for line in lines if line and not line.startswith("***")] or rows


def _differences(check: audit.AuditCheck) -> tuple[str, ...]:
    """One sentence for one difference; for several, a sentence that counts them and one for
    each (the first SHOWN), each naming the row, the field, what it holds and what was recorded."""
    found = check.mismatches
    verified = f"The database's rows differ from its audit trail ({check.events:,} events verified)"
    if len(found) == 1:
        return (f"{verified}: {found[0].sentence()}",)
    head = (f"{verified} in {len(found):,}{' or more' if len(found) >= 1000 else ''} places, "
            "each edited behind the program's back:")
    listed = tuple(m.sentence() for m in found[:SHOWN])
    rest = (f"... and {len(found) - SHOWN:,} more.",) if len(found) > SHOWN else ()
    return (head, *listed, *rest)
