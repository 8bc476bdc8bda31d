"""The audit trail as a lazy Qt model (desktop/widgets/paged_model.py): pages of 200 events,
newest first, each page read after the last event held (by key: as fast at the millionth event
as at the first), then the count of all the events the filter matches."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal

from db.export.audit_source import Subject
from db.queries.audit_trail import AuditFilter, TrailRow, audit_page, count_audit
from desktop.context import AppContext
from desktop.widgets.audit_words import action_text, changes_text, subject_text
from desktop.widgets.paged_model import PagedTableModel

PAGE_SIZE = 200
COL_SEQ, COL_AT, COL_WHO, COL_ACTION, COL_SUBJECT, COL_CHANGES = range(6)
# the export's column of each of the list's columns (db/export/audit_source.py)
EXPORT_KEYS = ("seq", "at", "who", "audit_action", "audit_subject", "audit_changes")


def subject_of(row: TrailRow) -> str:
    return subject_text(Subject.of(row))


class AuditTableModel(PagedTableModel[TrailRow, AuditFilter]):
    count_changed = Signal(object)  # int, or None while a new filter's count is unknown

    def __init__(self, context: AppContext, parent: Any = None) -> None:
        super().__init__(context, AuditFilter(), parent)
        self.count: int | None = None
        self._headers = (self.tr("No."), self.tr("Time"), self.tr("By"), self.tr("Action"),
                         self.tr("Firm or record"), self.tr("Changes"))

    def _page_size(self) -> int:
        return PAGE_SIZE  # a module constant: a test pages by twos

    def _page_reader(self, flt: AuditFilter, loaded: list[TrailRow], limit: int) -> Callable[[], list[TrailRow]]:
        db, actor = self._context.db, self._context.actor
        before = loaded[-1].seq if loaded else None
        return lambda: audit_page(db, actor=actor, flt=flt, before=before, limit=limit)

    def _summary_reader(self, flt: AuditFilter) -> Callable[[Callable[[], bool]], object]:
        db, actor = self._context.db, self._context.actor
        return lambda cancelled: count_audit(db, actor=actor, flt=flt, cancelled=cancelled)

    def _summary_changed(self, count: object | None) -> None:
        self.count = count
        self.count_changed.emit(count)

    def refresh(self) -> None:
        self.set_filter(self._filter)  # by key: the newest first again

    def row_of(self, seq: int) -> int | None:
        for row, item in enumerate(self._rows):
            if item.seq == seq:
                return row
        return None

    @staticmethod
    def _text(row: TrailRow, column: int) -> str:
        if column == COL_SEQ:
            return str(row.seq)
        if column == COL_AT:
            return row.at.strftime("%Y-%m-%d %H:%M:%S")
        if column == COL_WHO:
            return row.who
        if column == COL_ACTION:
            return action_text(row.action)
        if column == COL_SUBJECT:
            return subject_of(row)
        return changes_text(row.changes, row.entity_type, lines=False)

    def _style(self, row: TrailRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_CHANGES and row.changes:
            return changes_text(row.changes, row.entity_type)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_SEQ:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
