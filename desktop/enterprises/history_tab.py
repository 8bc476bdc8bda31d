"""A firm's history tab: the audit events about the firm and its tenancies, newest first, in
Shanghai time; for each change of details, every field changed with its old and new value
("Name: 上海旧名科技有限公司 → 上海新名科技有限公司"), read from the event's before/after."""

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from db import money
from db.clock import to_shanghai
from db.queries import reference
from db.queries.audit import AuditRow
from db.services.validation import format_area_dm2
from desktop.enterprises.enterprise_form import FIELD_LABELS, MONEY, field_label
from desktop.widgets.form_fields import References, choice_text, zone_text
from desktop.widgets.labels import GIANT_LEVELS, SIZE_CLASSES, STATUSES, USCC_CHECKS, label

ACTIONS = {
    "enterprise.register": QT_TRANSLATE_NOOP("EnterpriseDialog", "Registered"),
    "enterprise.edit": QT_TRANSLATE_NOOP("EnterpriseDialog", "Details changed"),
    "enterprise.move": QT_TRANSLATE_NOOP("EnterpriseDialog", "Moved to another zone"),
    "enterprise.confirm_uscc": QT_TRANSLATE_NOOP("EnterpriseDialog", "Credit code confirmed"),
    "tenancy.open": QT_TRANSLATE_NOOP("EnterpriseDialog", "Tenancy opened"),
    "tenancy.close": QT_TRANSLATE_NOOP("EnterpriseDialog", "Tenancy closed"),
}
_LABELLED = {"giant_level": GIANT_LEVELS, "size_class": SIZE_CLASSES, "status": STATUSES,
             "uscc_check": USCC_CHECKS}
EMPTY = "—"


def _form_order(name: str) -> int:
    """Fields in the order the form shows them."""
    order = list(FIELD_LABELS)
    return order.index(name) if name in order else len(order)


class HistoryTab(QTableWidget):
    COL_TIME, COL_BY, COL_ACTION, COL_CHANGES = range(4)

    def __init__(self, references: References | None = None) -> None:
        super().__init__(0, 4)
        self.references = references
        self.setObjectName("history")
        self.setHorizontalHeaderLabels([self.tr("Time"), self.tr("By"), self.tr("Action"), self.tr("Changes")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(self.COL_CHANGES, QHeaderView.ResizeMode.Stretch)

    def set_rows(self, events: list[AuditRow]) -> None:
        self.setRowCount(len(events))
        for row, event in enumerate(events):
            at = to_shanghai(datetime.fromisoformat(event.at)).strftime("%Y-%m-%d %H:%M:%S")
            action = QCoreApplication.translate("EnterpriseDialog", ACTIONS.get(event.action, event.action))
            changes = self._changes(event)
            for column, text in enumerate((at, event.actor_name, action, changes)):
                item = QTableWidgetItem(text)
                if column == self.COL_CHANGES and changes:
                    item.setToolTip(changes)
                self.setItem(row, column, item)
        for column in (self.COL_TIME, self.COL_BY, self.COL_ACTION):
            self.resizeColumnToContents(column)
        self.resizeRowsToContents()

    def _changes(self, event: AuditRow) -> str:
        after = event.after or {}
        if event.entity_type == "tenancy":
            if event.before is None:
                return self.tr("Unit {unit}, {area} m², from {start}").format(
                    unit=after.get("unit", ""), area=format_area_dm2(int(after.get("floor_area_dm2", 0))),
                    start=after.get("start_on", ""))
            return self.tr("Ended on {date}").format(date=after.get("end_on") or "")
        if event.before is None:
            return ""
        return "\n".join(self.tr("{field}: {old} → {new}").format(
            field=field_label(name), old=self.value(name, event.before.get(name)),
            new=self.value(name, after.get(name))) for name in sorted(event.changed_fields(), key=_form_order))

    def value(self, name: str, value: object) -> str:
        """A stored value as the form shows it: money in 万元, codes by their names."""
        if value is None or value == "":
            return EMPTY
        if name in MONEY:
            return money.format_wan_yuan(int(value))
        if name == "core_tech":
            return self.tr("Yes") if value else self.tr("No")
        if name in _LABELLED:
            return label(_LABELLED[name], str(value))
        if name == "industry_code":
            return next((choice_text(c) for c in reference.industries() if c.code == value), str(value))
        if self.references is not None:
            if name == "sector_code":
                return next((choice_text(c) for c in self.references.sectors if c.code == value), str(value))
            if name == "zone_id":
                return next((zone_text(z) for z in self.references.all_zones if z.id == value), str(value))
        return str(value)
