"""The audit trail as a table: the events the audit pane shows for its filter, newest first,
with its columns, read with the pane's own plan (db/queries/audit_trail.py) and streamed.

Coded columns are handed as codes for the desktop to say in words (desktop/widgets/list_export.py
`spoken`): the action (`audit_action`, an action code), the record (`audit_subject`, a
`Subject`) and the changes (`audit_changes`, an `AuditChanges`). Written without words, each
reads in English (str()).
"""

from collections.abc import Sequence

from sqlalchemy import text

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.audit_words import ACTIONS, ENTITIES, FieldChange, plain_text
from db.engine import Database
from db.engine_words import words
from db.export.streaming import streamed
from db.export.table import Column, ExportTable, Kind
from db.queries.audit_trail import ROW_JOINS, ROW_SQL, AuditFilter, TrailRow, _plan, trail_row
from db.translatable import QT_TRANSLATE_NOOP

AUDIT_COLUMNS = (
    Column("seq", QT_TRANSLATE_NOOP("export", "No."), Kind.INTEGER, 10),
    Column("at", QT_TRANSLATE_NOOP("export", "Time"), Kind.DATETIME, 19),
    Column("who", QT_TRANSLATE_NOOP("export", "By"), Kind.TEXT, 20),
    Column("audit_action", QT_TRANSLATE_NOOP("export", "Action"), Kind.TEXT, 22),
    Column("audit_subject", QT_TRANSLATE_NOOP("export", "Firm or record"), Kind.TEXT, 32),
    Column("audit_changes", QT_TRANSLATE_NOOP("export", "Changes"), Kind.TEXT, 60),
)


class ActionCode(str):
    """An action code that reads as its English words."""

    def __str__(self) -> str:
        return ACTIONS.get(str.__str__(self), str.__str__(self))


class Subject(str):
    """The record an event is about: a firm's or a zone's or an account's name, else its kind
    and number (`kind`, `number`: the words to translate and what goes into them)."""

    kind: str = ""
    number: str = ""

    @classmethod
    def of(cls, row: TrailRow) -> "Subject":
        name = row.firm_name or row.account_name or (row.zone_name if row.entity_type == "zone" else "")
        if name:
            return cls(name)
        words = ENTITIES.get(row.entity_type, row.entity_type + " {id}")
        subject = cls(words.format(id=row.entity_id))
        subject.kind, subject.number = words, row.entity_id
        return subject


class AuditChanges(tuple):
    """The FieldChanges of an event; reads as English lines."""

    def __str__(self) -> str:
        return plain_text(tuple(self))


def subject_of(row: TrailRow) -> Subject:
    return Subject.of(row)


def export_row(row: TrailRow) -> tuple:
    return (row.seq, row.at.replace(tzinfo=None), row.who, ActionCode(row.action), Subject.of(row),
            AuditChanges(row.changes))


def _converted(raw: Sequence[object]) -> tuple:
    return export_row(trail_row(tuple(raw)))


@checked
def audit_table(db: Database, *, actor: Actor, flt: AuditFilter | None = None) -> ExportTable:
    """The events the audit pane shows for `flt` (everything without one), newest first."""
    flt = flt or AuditFilter()
    with db.reading() as uow:
        authorise(uow.session, actor, Action.AUDIT_READ)
        connection = uow.session.connection()
        plan = _plan(connection, flt)
        if plan is None:
            return ExportTable("audit", AUDIT_COLUMNS, 0, iter(()))
        source, where, key, values = plan
        join = words(connection).cross_join
        total = connection.execute(text(f"SELECT count(*) FROM {source} WHERE {where}"),
                                   values).scalar_one()
    sql = (f"SELECT {ROW_SQL} FROM (SELECT {key} AS seq FROM {source} WHERE {where}) AS hit"
           f" {join} auditevent e ON e.seq = hit.seq{ROW_JOINS} ORDER BY e.seq DESC")
    return ExportTable("audit", AUDIT_COLUMNS, int(total), streamed(db, [(sql, values)], _converted))


__all__ = ["AUDIT_COLUMNS", "ActionCode", "AuditChanges", "FieldChange", "Subject", "audit_table", "export_row"]
