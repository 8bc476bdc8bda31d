"""What the firm and tenancy forms share: the reference lists they choose from and date fields.
(Answers that arrive after a form was closed are dropped by the BackgroundRunner.)"""

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QEvent, QSignalBlocker, Qt
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

from db.access import Actor
from db.clock import today_shanghai
from db.engine import Database
from db.queries import reference
from db.queries.reference import Choice, ZoneRow
from desktop.widgets.labels import is_chinese


@dataclass(frozen=True)
class References:
    """The lists the forms choose from, loaded once on the database thread."""

    my_zones: list[ZoneRow]  # the zones the person covers (all of them for admins, auditors)
    all_zones: list[ZoneRow]
    sectors: list[Choice]


def load_references(db: Database, actor: Actor) -> References:
    every = reference.zones(db, actor=actor)
    return References([z for z in every if actor.covers(z.id)], every, reference.sectors(db))


def zone_text(zone: ZoneRow) -> str:
    return f"{zone.code} {zone.name if is_chinese() else zone.name_en or zone.name}"


def choice_text(choice: Choice) -> str:
    return choice.name if is_chinese() else choice.name_en or choice.name


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateEdit(QDateEdit):
    """A date box that shows nothing while it is switched off (setEnabled(False)): a date in a
    box that does not apply reads as an answer. Its date is kept and shown again when it is
    switched on; date() and setDate() work on the kept date meanwhile. (A box disabled only
    because its whole form is read-only still shows its date.)"""

    def __init__(self, day: QDate) -> None:
        super().__init__(day)
        self._kept: QDate | None = None
        self.setSpecialValueText(" ")  # shown at the minimum date, where an off box is put

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:
            off = self.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
            if off and self._kept is None:
                self._kept = super().date()
                with QSignalBlocker(self):
                    super().setDate(self.minimumDate())
            elif not off and self._kept is not None:
                kept, self._kept = self._kept, None
                with QSignalBlocker(self):
                    super().setDate(kept)

    def date(self) -> QDate:
        return self._kept if self._kept is not None else super().date()

    def setDate(self, day: QDate) -> None:  # noqa: N802 (Qt's name)
        if self._kept is None:
            super().setDate(day)
        else:
            self._kept = max(min(day, self.maximumDate()), self.minimumDate())
            self.dateChanged.emit(self._kept)


def date_edit(day: date | None = None) -> QDateEdit:
    edit = DateEdit(qdate(day or today_shanghai()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class OptionalDate(QWidget):
    """A date that may be unknown: a check box, and the date when it is ticked."""

    def __init__(self, check_text: str) -> None:
        super().__init__()
        self.known = QCheckBox(check_text)
        self.edit = date_edit()
        self.edit.setMaximumDate(qdate(today_shanghai()))
        self.edit.setEnabled(False)
        self.known.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.known)
        layout.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return self.edit.date().toPython() if self.known.isChecked() else None

    def set_value(self, day: date | None) -> None:
        self.known.setChecked(day is not None)
        self.edit.setDate(qdate(day or today_shanghai()))
