"""What a firms import and a bills import share: one write transaction for the whole file,
progress and cancel, and the end: rolled back after a dry run or when anything is refused or
waits for a decision; else committed once with the batch's audit event (the file's name and
SHA-256) before the rows' own events.

A pass first runs the rows straight through. When a service refuses a row, that pass is rolled
back and the file is judged again with a savepoint for each row, so that a refused row leaves no
trace and the rows after it are still judged. A file whose rows all pass (the usual case, and
always the import that follows a clean dry run) so pays no savepoints: a quarter of the time.
"""

import dataclasses
import functools
import typing
from collections.abc import Callable, Mapping

from sqlmodel import Session

from db.access import Actor
from db.arguments import Check, checker
from db.audit import Change, record
from db.engine import UnitOfWork
from db.errors import Interrupted, ValidationError, ValidationErrors, ZoneDeskError
from db.importing.source import SourceSheet
from db.importing.verdicts import ImportReport, Reason

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
STEP = 250  # rows between two progress reports (and cancel checks)


def reasons_of(error: ZoneDeskError, columns: Mapping[str, str]) -> list[Reason]:
    """Each error of a refusal, placed at its column: `columns` maps a service's field name
    to the header text of the file's column (none: the row as a whole)."""
    errors = error.errors if isinstance(error, ValidationErrors) else [error]
    return [Reason(each, columns.get(each.field or "", "")) for each in errors]


@functools.cache
def _boundary(cls: type) -> tuple[tuple[str, str, Check], ...]:
    """(attribute, the field a refusal names, its check) of each field of a record a service
    takes (EnterpriseFields, FirstTenancy, Bill): what `@checked` checks at a public service."""
    if dataclasses.is_dataclass(cls):
        hints = typing.get_type_hints(cls)
        return tuple((f.name, f.metadata.get("field", f.name), checker(hints[f.name]))
                     for f in dataclasses.fields(cls))
    return tuple((name, name, checker(info.annotation)) for name, info in cls.model_fields.items())


def unstorable(record: object, column_of: Callable[[str], str]) -> list[Reason]:
    """What the services' public boundary (db/arguments.py) would refuse in a record read from a
    row (a NUL or another character that cannot be stored, an endless text): the import calls
    the services' inner functions, so it checks what `@checked` checks for a typed record."""
    reasons = []
    for name, field, check in _boundary(type(record)):
        try:
            check(getattr(record, name), field)
        except ValidationError as error:
            reasons.append(Reason(error, column_of(field)))
    return reasons


class RowRefused(Exception):
    """A service refused a row in a pass without savepoints: judge the file again with them."""


def judged(run_pass: Callable[[bool], ImportReport]) -> ImportReport:
    """`run_pass(savepoints)` straight through, or again with savepoints if a row is refused."""
    try:
        return run_pass(False)
    except RowRefused:
        return run_pass(True)


class Pass:
    """One pass over a file's rows inside the caller's write transaction."""

    def __init__(self, session: Session, total: int, progress: Progress | None,
                 cancelled: Cancelled | None, *, savepoints: bool = True) -> None:
        self.session = session
        self.savepoints = savepoints
        self.total = total
        self._progress = progress
        self._cancelled = cancelled
        self.changes: list[Change] = []

    def tick(self, done: int) -> None:
        if done % STEP:
            return
        self.stop_if_cancelled()
        if self._progress is not None:
            self._progress(done, self.total)

    def tick_last(self) -> None:
        if self._progress is not None:
            self._progress(self.total, self.total)

    def stop_if_cancelled(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise Interrupted

    def attempt(self, work: Callable[[], list[Change]], columns: Mapping[str, str]) -> list[Reason]:
        """Runs one row's writes in a savepoint: kept (and their changes collected) when they
        succeed, undone when a rule refuses them. Returns the reasons of a refusal ([] if none).
        Without savepoints, a refusal raises RowRefused (the caller's transaction is undone)."""
        if not self.savepoints:
            try:
                self.changes += work()
            except ZoneDeskError:
                raise RowRefused from None
            return []
        savepoint = self.session.begin_nested()
        try:
            changes = work()
        except ZoneDeskError as error:
            savepoint.rollback()
            return reasons_of(error, columns)
        savepoint.commit()
        self.changes += changes
        return []


def finish(uow: UnitOfWork, actor: Actor, report: ImportReport, run: Pass, *, action: str,
           details: Mapping[str, object], dry_run: bool) -> ImportReport:
    """Commits the import when it is no dry run, nothing is refused or waiting, and something
    changes; otherwise the transaction is rolled back when the caller leaves it."""
    report.dry_run = dry_run
    if not dry_run and report.may_commit and run.changes:
        counts = {verdict.value: count for verdict, count in report.counts.items() if count}
        batch = Change(action, "import_file", report.sha256[:16], None, {
            "file": report.file_name, "sha256": report.sha256, "rows": len(report.rows),
            "events": len(run.changes), **counts, **details})
        run.stop_if_cancelled()  # Cancel pressed after the last row: still nothing written
        record(uow.session, actor, batch, *run.changes)
        run.stop_if_cancelled()
        uow.commit()
        report.written = True
    run.tick_last()
    return report


def header_texts(source: SourceSheet, header_row: int) -> tuple[str, ...]:
    row = source.rows[header_row] if header_row < len(source.rows) else []
    return tuple("" if value is None else str(value).strip() for value in row)
