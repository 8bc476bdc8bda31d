"""The words of an import's verdicts, shared by the import dialog and `zonedesk import`: each
verdict's name, a row's reasons and changes in one line, and the file of refused rows the office
fixes and imports again."""

from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from db.importing.source import SourceSheet
from db.importing.verdicts import Decision, ImportReport, Reason, RowVerdict, Verdict
from desktop.modals import translate_error
from desktop.widgets.audit_words import changes_text
from documents.refused_rows import write_refused_rows, write_refused_sheets


def verdict_text(verdict: Verdict) -> str:
    return {
        Verdict.CREATE: QCoreApplication.translate("import", "New"),
        Verdict.UPDATE: QCoreApplication.translate("import", "Update"),
        Verdict.UNCHANGED: QCoreApplication.translate("import", "Unchanged"),
        Verdict.KEPT: QCoreApplication.translate("import", "Kept as it is"),
        Verdict.REFUSED: QCoreApplication.translate("import", "Refused"),
        Verdict.DECISION: QCoreApplication.translate("import", "Needs a decision"),
    }[verdict]


def decision_text(decision: Decision) -> str:
    if decision is Decision.USCC_CHECK:
        return QCoreApplication.translate("import", "Credit code checked against the licence")
    return QCoreApplication.translate("import", "Another firm than the one with the close name")


def reason_text(reason: Reason) -> str:
    message = translate_error(reason.error)
    if not reason.column:
        return message
    return QCoreApplication.translate("import", "{column}: {message}").format(
        column=reason.column, message=message)


def row_text(row: RowVerdict) -> str:
    """What the row's verdict says: its reasons, else its changes, on one line."""
    if row.reasons:
        return "; ".join(reason_text(reason) for reason in row.reasons)
    if row.verdict is Verdict.UPDATE:
        return changes_text(row.changes, "enterprise", lines=False)
    return ""


def counts_text(report: ImportReport) -> str:
    parts = [f"{verdict_text(verdict)} {count:,}" for verdict, count in report.counts.items() if count]
    return QCoreApplication.translate("import", "{rows} rows: {counts}").format(
        rows=f"{len(report.rows):,}", counts=", ".join(parts) or "0")


def refused_file_for(path: Path) -> Path:
    """Where the refused rows of `path` are written: beside it."""
    return path.with_name(QCoreApplication.translate("import", "{name} - refused rows.xlsx").format(
        name=path.stem))


def save_refused_rows(report: ImportReport, sources: Sequence[SourceSheet], out: Path) -> int:
    """The refused rows (and those waiting for a decision) as read, each with its reasons: one
    sheet, or one sheet for each sheet of the file that had some (with that sheet's name and
    header row), so that the fixed workbook imports again as the file did."""
    by_sheet = {source.sheet: source for source in sources}
    first = sources[0]
    waiting = [row for row in report.rows if row.verdict in (Verdict.REFUSED, Verdict.DECISION)]

    def rows(of: list[RowVerdict]) -> Iterable[tuple[int, Sequence[object], str]]:
        for row in of:
            source = by_sheet.get(row.sheet, first)
            values = source.rows[row.row - 1] if row.row - 1 < len(source.rows) else []
            yield row.row, values, row_text(row)
    reason = QCoreApplication.translate("import", "Reason")
    number = QCoreApplication.translate("import", "Row in the file")
    if not report.sheet_headers:
        return write_refused_rows(out, report.headers, rows(waiting), reason_header=reason,
                                  row_header=number)
    sheets = [(name, headers, rows([row for row in waiting if row.sheet == name]))
              for name, headers in report.sheet_headers.items()
              if any(row.sheet == name for row in waiting)]
    return write_refused_sheets(out, sheets, reason_header=reason, row_header=number)
