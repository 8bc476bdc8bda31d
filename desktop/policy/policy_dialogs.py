"""The administrator's policy dialogs: a subsidy rate, a budget, a programme limit, an award
amount, closing a month and reopening one. Each saves through db/services/policy.py on the
database thread; a rule broken there is shown at its field (the programme cap at the amount)."""

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.access import Actor
from db.engine import Database
from db.errors import ValidationError
from db.money import format_fen, parse_yuan
from db.money.subsidy_rules import parse_period
from db.queries.reference import ZoneRow
from db.services import policy
from desktop.context import AppContext
from desktop.widgets.field_errors import FieldErrors
from desktop.widgets.form_fields import date_edit, zone_text
from desktop.widgets.money_labels import CATEGORIES, LEVELS, SETTINGS, money_label

_PERCENT = re.compile(r"^(\d{1,3})(?:\.(\d{1,2}))?$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

Save = Callable[[Database, Actor], Any]


class PolicyDialog(QDialog):
    """A form whose fields are named as db/ names them; `prepare()` reads them into the call
    to make (raising ValidationError at a field for what cannot be read)."""

    def __init__(self, context: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        widget.setObjectName(name)
        self.form.addRow(label, widget)
        self.form.addRow("", self.errors.add(name, widget))
        return widget

    def amount(self, text: str, field: str) -> int:
        return parse_yuan(text, field=field)

    def prepare(self) -> Save:
        raise NotImplementedError

    def show_error(self, error: BaseException) -> None:
        """The reason at its field; the dialog grows to the lines the reason needs."""
        self.errors.show_failure(self, error)
        self.layout().activate()
        needed = self.layout().totalHeightForWidth(self.width()) if self.layout().hasHeightForWidth() \
            else self.sizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def save(self) -> None:
        self.errors.clear()
        try:
            call = self.prepare()
        except ValidationError as error:
            self.show_error(error)
            return
        db, actor = self.context.db, self.context.actor
        self.buttons.setEnabled(False)
        self.context.runner.run(lambda _task: call(db, actor), on_success=self._saved,
                                on_failure=self._refused, parent=self)

    def _saved(self, _result: object) -> None:
        self.buttons.setEnabled(True)
        self.context.bus.changed.emit("policy", None)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.show_error(error)


def percent_bp(text: str) -> int | None:
    """'15', '15 %', '12.5', full-width '１５％' -> basis points (1500); None for anything else
    (more than two decimals, letters, a negative share)."""
    match = _PERCENT.match(text.strip().translate(_FULL_WIDTH).replace(" ", "").removesuffix("%"))
    if not match:
        return None
    return int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))


def _combo(items: list[tuple[str, object]], chosen: object = None) -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    return combo


class RateDialog(PolicyDialog):
    """A rate from a date on: a new dated rate, or the one of that day changed."""

    def __init__(self, context: AppContext, category: str = "land", valid_from: date | None = None,
                 rate_bp: int | None = None, cap_fen: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Subsidy rate"), parent)
        self.category = self.add_field("category", self.tr("Category"), _combo(
            [(money_label(CATEGORIES, c), c) for c in ("land", "electricity", "water", "internet")],
            category))
        self.valid_from = self.add_field("valid_from", self.tr("Valid from"), date_edit(valid_from))
        self.share = self.add_field("rate_bp", self.tr("Share of the bill (%)"), QLineEdit(
            "" if rate_bp is None else f"{rate_bp // 100}.{rate_bp % 100:02d}"))
        self.cap = self.add_field("yearly_cap_fen", self.tr("Yearly cap per firm (yuan)"), QLineEdit(
            "" if cap_fen is None else format_fen(cap_fen)))
        self.share.setFocus()

    def prepare(self) -> Save:
        category, valid_from = self.category.currentData(), self.valid_from.date().toPython()
        rate_bp = percent_bp(self.share.text())
        if rate_bp is None:
            raise ValidationError(self.tr("Write the share as a percentage such as 15 or 12.5."),
                                  field="rate_bp")
        cap = self.amount(self.cap.text(), "yearly_cap_fen")
        return lambda db, actor: policy.set_policy_rate(
            db, actor=actor, category=category, valid_from=valid_from, rate_bp=rate_bp,
            yearly_cap_fen=cap)


class BudgetDialog(PolicyDialog):
    """A zone's budget for a year and category (set anew, or changed)."""

    def __init__(self, context: AppContext, zones: list[ZoneRow], year: int, *, zone_id: int | None = None,
                 category: str = "land", amount_fen: int | None = None, total_fen: int = 0,
                 cap_fen: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Budget"), parent)
        self.zone = self.add_field("zone_id", self.tr("Zone"), _combo(
            [(zone_text(z), z.id) for z in zones], zone_id))
        self.year = self.add_field("year", self.tr("Year"), QSpinBox())
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.category = self.add_field("category", self.tr("Category"), _combo(
            [(money_label(CATEGORIES, c), c) for c in policy.BUDGET_CATEGORIES], category))
        self.amount_line = self.add_field("amount_fen", self.tr("Budget (yuan)"), QLineEdit(
            "" if amount_fen is None else format_fen(amount_fen)))
        note = QLabel(self.tr("All budgets together: {total} of the programme cap of {cap}.").format(
            total=format_fen(total_fen, symbol=True), cap=format_fen(cap_fen, symbol=True)))
        note.setObjectName("budget_note")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.form.addRow("", note)
        self.amount_line.setFocus()

    def prepare(self) -> Save:
        zone_id, year, category = self.zone.currentData(), self.year.value(), self.category.currentData()
        amount = self.amount(self.amount_line.text(), "amount_fen")
        return lambda db, actor: policy.set_budget(db, actor=actor, zone_id=zone_id, year=year,
                                                   category=category, amount_fen=amount)


class SettingDialog(PolicyDialog):
    def __init__(self, context: AppContext, key: str, value_fen: int, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Programme limit"), parent)
        self.key = key
        self.form.addRow(self.tr("Limit"), QLabel(money_label(SETTINGS, key)))
        self.value = self.add_field("value", self.tr("Amount (yuan)"), QLineEdit(format_fen(value_fen)))
        self.value.setFocus()

    def prepare(self) -> Save:
        key, value = self.key, self.amount(self.value.text(), "value")
        return lambda db, actor: policy.set_programme_setting(db, actor=actor, key=key, value_fen=value)


class AwardRateDialog(PolicyDialog):
    def __init__(self, context: AppContext, level: str = "municipal", valid_from: date | None = None,
                 amount_fen: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Little-giant award amount"), parent)
        self.level = self.add_field("level", self.tr("Level"), _combo(
            [(money_label(LEVELS, lv), lv) for lv in ("municipal", "national")], level))
        self.valid_from = self.add_field("valid_from", self.tr("Valid from"), date_edit(valid_from))
        self.amount_line = self.add_field("amount_fen", self.tr("Award (yuan)"), QLineEdit(
            "" if amount_fen is None else format_fen(amount_fen)))
        self.amount_line.setFocus()

    def prepare(self) -> Save:
        level, valid_from = self.level.currentData(), self.valid_from.date().toPython()
        amount = self.amount(self.amount_line.text(), "amount_fen")
        return lambda db, actor: policy.set_award_rate(db, actor=actor, level=level,
                                                       valid_from=valid_from, amount_fen=amount)


class CloseMonthDialog(PolicyDialog):
    def __init__(self, context: AppContext, period: str, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Close a month"), parent)
        self.period = self.add_field("period", self.tr("Month"), QLineEdit(period))
        note = QLabel(self.tr("A closed month accepts no new, changed, approved or reversed entry. "
                              "Reversals of its entries are posted in the current month."))
        note.setWordWrap(True)
        self.form.addRow("", note)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Close month"))

    def prepare(self) -> Save:
        period = parse_period(self.period.text())
        return lambda db, actor: policy.close_period(db, actor=actor, period=period)


class ReopenMonthDialog(PolicyDialog):
    def __init__(self, context: AppContext, period: str, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Reopen a month"), parent)
        self.period = self.add_field("period", self.tr("Month"), QLineEdit(period))
        self.reason = self.add_field("reason", self.tr("Why it is reopened"), QPlainTextEdit())
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Reopen month"))
        self.reason.setFocus()

    def prepare(self) -> Save:
        period, reason = parse_period(self.period.text()), self.reason.toPlainText()
        return lambda db, actor: policy.reopen_period(db, actor=actor, period=period, reason=reason)
