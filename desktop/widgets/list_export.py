"""Export… on a list pane, and the words of exported lists.

db/export hands a list's rows with coded columns (a status 'approved', a role 'clerk'); `spoken`
says them in the program's language, the same labels the panes show (desktop/widgets/labels.py,
money_labels.py); `header_texts` translates the headers ("export" context). The command line
uses both with the Chinese translation installed, so the words of a file have one source.

`export_list` asks where to save (XLSX by default, CSV by the suffix), then writes the columns
the pane shows, in the order shown, with the pane's header texts, on the database thread with a
progress dialog and a cancel button, and says in the pane's status line what was written. From a
demo database (db/queries/demo_data.py) the proposed name ends （演示数据） and a workbook's sheets
say 演示数据 (documents/demo_mark.py).
"""

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHeaderView, QWidget

from db.export.table import ExportTable
from db.first_look import DEMO_DATA
from db.queries.demo_data import is_demo
from desktop import modals
from desktop.background import Task
from desktop.context import AppContext
from desktop.widgets.audit_words import action_text, changes_text, subject_text
from desktop.widgets.labels import (
    CERTIFICATE_KINDS,
    CERTIFICATE_STATUSES,
    GIANT_LEVELS,
    ROLES,
    SIZE_CLASSES,
    STATUSES,
    certificate_label,
    label,
)
from desktop.widgets.money_labels import CATEGORIES, money_label
from desktop.widgets.money_labels import STATUSES as MONEY_STATUSES
from documents.list_export import writer_for


def _tr(text: str) -> str:
    return QCoreApplication.translate("export", text)


def _reversal(code: object) -> str:
    name, _, number = str(code or "").partition(":")
    if name == "reverses":
        return QCoreApplication.translate("export", "Reverses #{id}").format(id=number)
    if name == "reversed_by":
        return QCoreApplication.translate("export", "Reversed by #{id}").format(id=number)
    if name == "pending":
        return QCoreApplication.translate("export", "Reversal #{id} waiting for review").format(id=number)
    return ""


def _zone_state(code: object) -> str:
    if code == "inactive":
        return QCoreApplication.translate("export", "Inactive")
    if code == "provisional":
        return QCoreApplication.translate("export", "To be confirmed")
    return QCoreApplication.translate("export", "Confirmed")


# column key → how its stored code reads
WORDS: dict[str, Callable[[object], str]] = {
    "size_class": lambda c: label(SIZE_CLASSES, c),
    "giant_level": lambda c: "" if c in (None, "", "none") else label(GIANT_LEVELS, c),
    "firm_status": lambda c: label(STATUSES, c),
    "category": lambda c: money_label(CATEGORIES, c),
    "entry_status": lambda c: money_label(MONEY_STATUSES, c),
    "certificate_kind": lambda c: certificate_label(CERTIFICATE_KINDS, c),
    "certificate_status": lambda c: certificate_label(CERTIFICATE_STATUSES, c),
    "role": lambda c: label(ROLES, c),
    "core_tech": lambda v: QCoreApplication.translate("export", "Yes") if v else "",
    "account_active": lambda v: (QCoreApplication.translate("export", "Active") if v
                                 else QCoreApplication.translate("export", "Deactivated")),
    "staff_zones": lambda v: QCoreApplication.translate("export", "All zones") if v == "*" else v,
    "zone_state": _zone_state,
    "reversal": _reversal,
    # the audit trail's (db/export/audit_source.py)
    "audit_action": action_text,
    "audit_subject": subject_text,
    "audit_changes": lambda c: changes_text(tuple(c), lines=False),
}


def spoken(table: ExportTable) -> ExportTable:
    """The table with its coded columns in words (rows still streamed)."""
    words = [(n, WORDS[c.key]) for n, c in enumerate(table.columns) if c.key in WORDS]
    if not words:
        return table

    def say(row: tuple) -> tuple:
        values = list(row)
        for n, word in words:
            values[n] = word(values[n])
        return tuple(values)
    return ExportTable(table.name, table.columns, table.total, _mapped(table, say))


def _mapped(table: ExportTable, change: Callable[[tuple], tuple]):  # noqa: ANN202 (a generator)
    try:
        for row in table.rows:
            yield change(row)
    finally:
        close = getattr(table.rows, "close", None)
        if close is not None:
            close()


def arranged(table: ExportTable, keys: Sequence[str]) -> ExportTable:
    """Only the columns of `keys`, in that order."""
    where = {c.key: n for n, c in enumerate(table.columns)}
    picked = [where[k] for k in keys]
    return ExportTable(table.name, tuple(table.columns[n] for n in picked), table.total,
                       _mapped(table, lambda row: tuple(row[n] for n in picked)))


def header_texts(table: ExportTable) -> list[str]:
    return [_tr(c.header) for c in table.columns]


def shown_columns(header: QHeaderView, keys: Sequence[str | None]) -> list[tuple[int, str]]:
    """(logical section, key) of each section shown, in the order shown (sections moved by the
    person, hidden ones left out; a section without a key is not exported)."""
    chosen = []
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        if not header.isSectionHidden(logical) and logical < len(keys) and keys[logical]:
            chosen.append((logical, keys[logical]))
    return chosen


def export_list(pane: QWidget, context: AppContext, header: QHeaderView, keys: Sequence[str | None],
                source: Callable[[], ExportTable], suggested: str,
                done: Callable[[int, Path], None]) -> None:
    """Asks for a file and writes `source()` (called on the database thread; it captures the
    pane's filter) there, the columns as `header` shows them; `done(rows, path)` afterwards.
    Whether the database is a demo is asked first, on the database thread."""
    context.runner.run(lambda _task: is_demo(context.db), parent=pane, on_success=lambda demo: (
        _export(pane, context, header, keys, source, suggested, done, demo=demo)))


def _export(pane: QWidget, context: AppContext, header: QHeaderView, keys: Sequence[str | None],
            source: Callable[[], ExportTable], suggested: str, done: Callable[[int, Path], None],
            *, demo: bool) -> None:
    if demo:
        suggested = f"{suggested}（{DEMO_DATA}）"
    path = modals.choose_save_path(pane, QCoreApplication.translate("export", "Export list"),
                                   f"{suggested}.xlsx", QCoreApplication.translate(
                                       "export", "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"))
    if path is None:
        return
    if not path.suffix:
        path = path.with_suffix(".xlsx")
    write = writer_for(path)
    if write is None:
        modals.show_error(pane, QCoreApplication.translate(
            "export", "A list can be exported as .xlsx or .csv only, not as {suffix}.").format(
                suffix=path.suffix))
        return
    columns = shown_columns(header, keys)
    model = header.model()
    headers = [str(model.headerData(logical, Qt.Orientation.Horizontal)) for logical, _key in columns]
    chosen = [key for _logical, key in columns]

    def work(task: Task) -> int:
        table = arranged(spoken(source()), chosen)
        return write(table, path, headers=headers, progress=task.report,
                     cancelled=lambda: task.cancelled, demo=demo)

    def failed(error: BaseException) -> None:
        if isinstance(error, OSError):
            modals.show_error(pane, QCoreApplication.translate(
                "export", "{file} could not be written: {reason}").format(
                    file=str(path), reason=error.strerror or str(error)))
        else:
            modals.show_failure(pane, error)

    context.runner.run_with_progress(
        work, label=QCoreApplication.translate("export", "Exporting the list…"), parent=pane,
        on_success=lambda rows: done(rows, path), on_failure=failed)

