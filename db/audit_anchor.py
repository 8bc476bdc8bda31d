"""An anchor: the audit chain's head written down outside the file, so that the file can later
be proved unchanged up to that point.

The code is `ZDA1.<seq>.<hash>`: the number of the newest event and its chain hash (64 hex
digits). Each event's hash covers every event before it, so a file whose event <seq> still has
that hash holds exactly the events 1 to <seq> it held when the anchor was taken, even if someone
recomputed the whole chain after editing it. Printing and signing anchors at month close is the
data-out issue's; here are the code, the query that gives the current one and the check.
"""

import re
import sqlite3

from sqlalchemy import text

from db.access import Action, Actor, authorise
from db.engine import Database
from db.errors import ValidationError
from db.translatable import QT_TRANSLATE_NOOP

PREFIX = "ZDA1"
_CODE = re.compile(r"ZDA1\.([1-9][0-9]{0,18})\.([0-9a-f]{64})")


def anchor_code(seq: int, chain_hash: str) -> str:
    return f"{PREFIX}.{seq}.{chain_hash}"


def parse_anchor(code: str) -> tuple[int, str]:
    """(seq, hash) of an anchor code; spaces around it and the case of its letters ignored."""
    found = _CODE.fullmatch(code.strip().replace(" ", "").lower().replace("zda1", PREFIX, 1))
    if found is None:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "This is not an anchor code: it reads ZDA1, the event number and 64 hex "
            "digits, separated by dots."), field="anchor")
    return int(found.group(1)), found.group(2)


def current_anchor(db: Database, *, actor: Actor) -> str | None:
    """The anchor of the file as it is now (None while the trail is empty), for an administrator
    or auditor to write down."""
    with db.reading() as uow:
        authorise(uow.session, actor, Action.AUDIT_READ)
        row = uow.session.connection().execute(text(
            "SELECT seq, hash FROM auditevent ORDER BY seq DESC LIMIT 1")).first()
        return anchor_code(row[0], row[1]) if row else None


def anchor_of(connection: sqlite3.Connection) -> str | None:
    """The anchor of a file whose chain was just verified."""
    row = connection.execute("SELECT seq, hash FROM auditevent ORDER BY seq DESC LIMIT 1").fetchone()
    return anchor_code(row[0], row[1]) if row else None


def anchor_fault(connection: sqlite3.Connection, seq: int, chain_hash: str) -> str | None:
    """Why the file (its chain verified) is not the one anchored, or None when it holds exactly
    the events 1 to `seq` it held then."""
    row = connection.execute("SELECT hash FROM auditevent WHERE seq = ?", (seq,)).fetchone()
    if row is None:
        last = connection.execute("SELECT max(seq) FROM auditevent").fetchone()[0] or 0
        return (f"the anchor names event {seq}, but the trail ends at event {last}: events "
                "anchored were cut off")
    if row[0] != chain_hash:
        return (f"event {seq} no longer has the anchored hash: the file was changed at or "
                "before that event, and its chain recomputed")
    return None
