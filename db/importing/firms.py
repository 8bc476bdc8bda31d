"""Importing firms with their tenancy: each row goes through the firm dialog's own services
(`register_in`, `update_in`, `open_tenancy_in`) in one write transaction, a savepoint a row.

A dry run rolls everything back and says what each row would do; the import itself runs the
very same pass and commits only when no row is refused and every decision is made. A firm is
matched on its credit code: new → registered (with its tenancy when the row has one); known →
its details updated when they differ; the same → unchanged. Tenancies are opened for a firm
that has none; an open tenancy that differs from the row is refused (moves and changes of a
tenancy are made in the firm's window, where their dates are asked).
"""

from collections.abc import Container, Iterable

from sqlalchemy import text
from sqlmodel import select

from db import uscc
from db.access import Action, Actor, authorise
from db.audit import Change, to_json
from db.audit_words import FieldChange, changes
from db.engine import Database
from db.errors import ValidationError
from db.importing.fields import FIRM_FIELDS
from db.importing.firm_rows import FirmReader, FirmRow, Vocabulary
from db.importing.headers import find_columns
from db.importing.names import KnownFirm, NameIndex
from db.importing.running import Cancelled, Pass, Progress, finish, header_texts, judged
from db.importing.source import SourceSheet
from db.importing.verdicts import Decision, ImportReport, Reason, RowVerdict, Verdict
from db.models import Enterprise, EnterpriseFields, Tenancy
from db.services.enterprises import register_in, snapshot, update_in
from db.services.tenancies import open_tenancy_in
from db.services.validation import format_area_dm2
from db.translatable import QT_TRANSLATE_NOOP

Accepted = frozenset[tuple[int, Decision]]
_CHUNK = 500  # credit codes a query asks for
_NOT_SHOWN = {"uscc_check", "size_class", "status"}  # derived, or said otherwise


class _Known:
    """What the database holds of the file's firms, read at once: every firm's name (for the
    close-name question), and the firms whose credit codes the file names with their open
    tenancies, held for the session (so that each row needs no query of its own)."""

    def __init__(self, session, codes: set[str]) -> None:  # noqa: ANN001
        self.names = NameIndex()
        rows = session.connection().execute(text("SELECT id, zone_id, name, uscc FROM enterprise"))
        known = set()
        for enterprise_id, zone_id, name, code in rows:
            self.names.add(KnownFirm(enterprise_id, zone_id, name, code))
            if code in codes:
                known.add(code)
        self.firms: dict[str, Enterprise] = {}
        self.tenancies: dict[int, Tenancy] = {}
        wanted = sorted(known)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            firms = session.exec(select(Enterprise).where(Enterprise.uscc.in_(chunk))).all()
            self.firms.update((firm.uscc, firm) for firm in firms)
            self.tenancies.update((t.enterprise_id, t) for t in session.exec(select(Tenancy).where(
                Tenancy.enterprise_id.in_([firm.id for firm in firms]), Tenancy.end_on.is_(None))).all())


def _differences(before: dict[str, object] | None, after: dict[str, object]) -> tuple[FieldChange, ...]:
    """What changes, as the audit trail will say it."""
    return tuple(c for c in changes(to_json(before) if before is not None else None, to_json(after))
                 if c.field not in _NOT_SHOWN)


def import_firms(db: Database, *, actor: Actor, source: SourceSheet, default_zone_id: int | None = None,
                 accepted: Iterable[tuple[int, Decision]] = (), dry_run: bool = True,
                 progress: Progress | None = None, cancelled: Cancelled | None = None) -> ImportReport:
    """Judges (dry run) or imports every row of `source`. `accepted`: the decisions made,
    (row number, decision). Raises ValidationError when the file as a whole cannot be read
    (no header, a required column missing); Interrupted when cancelled (nothing written)."""
    accepted = frozenset(accepted)
    return judged(lambda savepoints: _import(db, actor, source, default_zone_id, accepted, dry_run,
                                             progress, cancelled, savepoints))


def _import(db: Database, actor: Actor, source: SourceSheet, default_zone_id: int | None,  # noqa: PLR0913
            accepted: Accepted, dry_run: bool, progress: Progress | None, cancelled: Cancelled | None,
            savepoints: bool) -> ImportReport:
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.ENTERPRISE_CREATE)
        columns = find_columns(source.rows, FIRM_FIELDS)
        headers = header_texts(source, columns.header_row)
        reader = FirmReader(Vocabulary.load(session), columns.columns, headers, default_zone_id)
        report = ImportReport("firms", source.file_name, source.sha256, source.encoding,
                              (source.sheet,) if source.sheet else (), headers, columns.unknown, [])
        data = source.rows[columns.header_row + 1:]
        run = Pass(session, len(data), progress, cancelled, savepoints=savepoints)
        rows = [reader.read(columns.header_row + n + 2, values) for n, values in enumerate(data)
                if any(value is not None for value in values)]
        known = _Known(session, {uscc.normalise(row.fields.uscc) for row in rows if row.fields})
        seen: dict[str, int] = {}
        for done, row in enumerate(rows):
            run.tick(done)
            report.rows.append(_judge(run, actor, reader, row, known, seen, accepted))
        return finish(uow, actor, report, run, action="import.firms", dry_run=dry_run,
                      details={"sheet": source.sheet})


def _refused(row: FirmRow, reasons: list[Reason]) -> RowVerdict:
    return RowVerdict(row.number, Verdict.REFUSED, row.label, reasons)


def _judge(run: Pass, actor: Actor, reader: FirmReader, row: FirmRow, known: _Known,
           seen: dict[str, int], accepted: Accepted) -> RowVerdict:
    if row.fields is None:
        return _refused(row, row.reasons)
    code = uscc.normalise(row.fields.uscc)
    if code in seen:
        return _refused(row, [Reason(ValidationError(QT_TRANSLATE_NOOP(
            "db", "Row {row} has the same credit code: a firm is imported once."),
            field="uscc", row=seen[code]), reader.column_of("uscc"))])
    seen[code] = row.number
    columns = reader.service_columns
    existing = known.firms.get(code)
    if row.zone_id is None:
        row.zone_id = existing.zone_id if existing is not None else reader.default_zone_id
    if row.zone_id is None:
        return _refused(row, [Reason(ValidationError(QT_TRANSLATE_NOOP(
            "db", "The row names no zone: fill in the zone code, or choose the zone to import "
            "into."), field="zone_id"), columns["zone_id"])])
    if not actor.covers(row.zone_id):
        return _refused(row, [Reason(ValidationError(QT_TRANSLATE_NOOP(
            "db", "This row is for a zone you do not work for: its staff import it."),
            field="zone_id"), columns["zone_id"])])
    if existing is not None:
        return _judge_known(run, actor, row, existing, known.tenancies.get(existing.id), columns,
                            reader.columns)
    waiting = []
    if uscc.judge(code).status == "check_failed" and (row.number, Decision.USCC_CHECK) not in accepted:
        waiting.append((Decision.USCC_CHECK, Reason(uscc.judge(code).error, columns["uscc"])))
    close = known.names.close_to(row.fields.name, code)
    if close is not None and (row.number, Decision.SIMILAR_NAME) not in accepted:
        shown = close.name if close.enterprise_id is None or actor.covers(close.zone_id) else None
        waiting.append((Decision.SIMILAR_NAME, Reason(ValidationError(
            QT_TRANSLATE_NOOP("db", "A firm with a close name is registered already: “{name}”, "
                              "credit code {uscc}. Is this another firm?")
            if shown else QT_TRANSLATE_NOOP("db", "A firm with a close name is registered already "
                                            "in another zone. Is this another firm?"),
            field="name", name=shown or "", uscc=close.uscc if shown else ""), columns["name"])))
    def register() -> list[Change]:
        return register_in(run.session, actor, fields=row.fields, zone_id=row.zone_id,
                           tenancy=row.tenancy, accept_uscc_warning=True)[1]
    reasons = run.attempt(register, columns)
    if reasons:
        return _refused(row, reasons)
    known.names.add(KnownFirm(None, row.zone_id, row.fields.name, code))
    if waiting:
        return RowVerdict(row.number, Verdict.DECISION, row.label, [r for _, r in waiting],
                          decisions=tuple(d for d, _ in waiting))
    return RowVerdict(row.number, Verdict.CREATE, row.label)


def _judge_known(run: Pass, actor: Actor, row: FirmRow, existing: Enterprise,
                 current: Tenancy | None, columns: dict[str, str], present: Container[str]) -> RowVerdict:
    if not actor.covers(existing.zone_id):
        return _refused(row, [Reason(ValidationError(QT_TRANSLATE_NOOP(
            "db", "This credit code is already registered in another zone."), field="uscc"),
            columns["uscc"])])
    session = run.session
    refusal = _tenancy_refusal(existing, current, row, columns)
    if refusal is not None:
        return _refused(row, [refusal])
    before = snapshot(existing)
    opened: list[Tenancy] = []

    # a column the file does not have leaves the firm's value as it is (an empty cell clears it)
    fields = row.fields.model_copy(update={name: getattr(existing, name) for name in
                                           EnterpriseFields.model_fields if name not in present})

    def update() -> list[Change]:
        change = update_in(session, actor, existing, fields=fields)
        changes = [change] if change is not None else []
        if current is None and row.tenancy is not None:
            tenancy, more = open_tenancy_in(session, actor, existing, zone_id=row.zone_id,
                                            tenancy=row.tenancy)
            opened.append(tenancy)
            changes += more
        return changes
    reasons = run.attempt(update, columns)
    if reasons:
        session.refresh(existing)  # the savepoint was undone: so is the firm
        return _refused(row, reasons)
    found = _differences(before, snapshot(existing))
    if opened:
        found += _differences(None, opened[0].model_dump(include={"unit", "floor_area_dm2", "start_on"}))
    return RowVerdict(row.number, Verdict.UPDATE if found else Verdict.UNCHANGED, row.label,
                      changes=found)


def _tenancy_refusal(existing: Enterprise, current: Tenancy | None, row: FirmRow,
                     columns: dict[str, str]) -> Reason | None:
    """A known firm's row may not move it nor change its open tenancy (the firm's window
    does, asking for the dates)."""
    if current is not None and row.zone_id != existing.zone_id:
        return Reason(ValidationError(QT_TRANSLATE_NOOP(
            "db", "The firm is a tenant of another zone: move it in its own window, which asks "
            "for the date of the move."), field="zone_id"), columns["zone_id"])
    if current is None or row.tenancy is None:
        return None
    wanted = (row.tenancy.unit.strip(), row.tenancy.floor_area_dm2, row.tenancy.start_on)
    if wanted != (current.unit, current.floor_area_dm2, current.start_on):
        return Reason(ValidationError(QT_TRANSLATE_NOOP(
            "db", "The firm's tenancy is unit {unit}, {area} m², from {start}: an import does "
            "not change a tenancy. Change it in the firm's window, or write it as it is."),
            field="unit", unit=current.unit, area=format_area_dm2(current.floor_area_dm2),
            start=current.start_on.isoformat()), columns["unit"])
    return None
