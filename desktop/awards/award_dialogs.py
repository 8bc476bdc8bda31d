"""Recording a little-giant award or a loan guarantee: choose a firm of your zones by typing part
of its name or credit code, fill in the rest, save on the database thread. A rule broken in db/
(the once-per-level award, the per-firm guarantee cap, the loan quota) shows at its field."""

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.clock import today_shanghai
from db.errors import ChangedMeanwhile, ValidationError
from db.money import format_fen, parse_yuan
from db.queries.awards import GuaranteeRoom, award_amount_on, guarantee_room
from db.queries.enterprises import (
    EnterpriseRow,
    enterprise_detail,
)
from db.services.awards import LEVELS, record_little_giant, record_loan_guarantee
from desktop import modals
from desktop.context import AppContext
from desktop.widgets.field_errors import FieldErrors, fit_message
from desktop.widgets.firm_picker import FirmPicker
from desktop.widgets.form_fields import date_edit, qdate
from desktop.widgets.labels import GIANT_LEVELS, label


class AwardDialog(QDialog):
    """What both dialogs share: the firm, a form with errors at the fields, "submit for review at
    once", and OK running `work()` on the database thread."""

    def __init__(self, context: AppContext, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.context = context
        self.award_id: int | None = None
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.firm = FirmPicker(context)
        self.firm_note = QLabel(wordWrap=True)
        self.firm_note.setStyleSheet("color: #555;")
        self.submit_now = QCheckBox(self.tr("Submit for review at once"))
        self.submit_now.setChecked(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.firm_note.hide()
        self.add_row("enterprise_id", self.firm, self.tr("Firm")).layout().addWidget(self.firm_note)
        self.firm.chosen.connect(self._firm_chosen)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.submit_now)
        layout.addWidget(self.buttons)

    def add_row(self, name: str, widget: QWidget, title: str) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(self.errors.add(name, widget))
        widget.setObjectName(name)
        self.form.addRow(title, box)
        return box

    def money_field(self, name: str, title: str) -> QLineEdit:
        line = QLineEdit()
        line.setPlaceholderText(self.tr("Yuan, e.g. 5,000,000"))
        line.textChanged.connect(lambda text: self._check_money(name, text))
        self.add_row(name, line, title)
        return line

    def _check_money(self, name: str, text: str) -> None:
        try:
            if text.strip():
                parse_yuan(text, field=name)
        except ValidationError as error:
            self.errors.mark_live(name, modals.translate_error(error))
        else:
            self.errors.clear(name)

    def show_note(self, text: str) -> None:
        """What is known of the chosen firm, under it (as many lines as it needs)."""
        self.firm_note.setText(text)
        self.firm_note.setVisible(bool(text))
        fit_message(self.firm_note)

    def _firm_chosen(self, firm: EnterpriseRow | None) -> None:
        self.errors.clear("enterprise_id")
        self.show_note("")

    def work(self, firm: EnterpriseRow) -> Any:
        """The database call for what was typed (None when a field was marked here)."""
        raise NotImplementedError

    def save(self) -> None:
        self.errors.clear()
        firm = self.firm.firm
        if firm is None:
            self.errors.mark("enterprise_id", self.tr("Choose a firm from the suggestions."))
            return
        try:
            job = self.work(firm)
        except ValidationError as error:
            self._refused(error)
            return
        if job is None:
            return
        self.buttons.setEnabled(False)
        self.context.runner.run(job, on_success=self._saved, on_failure=self._refused, parent=self)

    def _saved(self, award_id: int) -> None:
        self.buttons.setEnabled(True)
        self.award_id = award_id
        self.context.bus.changed.emit("award", award_id)
        if isinstance(self, LittleGiantDialog):  # the firm's level and date changed with it
            self.context.bus.changed.emit("enterprise", self.firm.firm.id)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ChangedMeanwhile):
            modals.show_failure(self, error)
            self._firm_chosen(self.firm.firm)  # reads the firm again
            return
        self.errors.show_failure(self, error)


class LittleGiantDialog(AwardDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Record a little-giant award"), parent)
        self.version: int | None = None  # of the chosen firm, as read
        self.level = QComboBox()
        for code in LEVELS:
            self.level.addItem(label(GIANT_LEVELS, code), code)
        self.recognised_on = date_edit()
        self.recognised_on.setMaximumDate(qdate(today_shanghai()))
        self.document_no = QLineEdit()
        self.document_no.setMaxLength(60)
        self.document_no.setPlaceholderText(self.tr("e.g. 沪经信企〔2026〕12号"))
        self.amount = QLabel()
        self.amount.setObjectName("award_amount")
        self.add_row("level", self.level, self.tr("Level"))
        self.add_row("recognised_on", self.recognised_on, self.tr("Recognised on"))
        self.add_row("document_no", self.document_no, self.tr("Document number"))
        self.form.addRow(self.tr("Award"), self.amount)
        self.level.currentIndexChanged.connect(self._ask_amount)
        self.recognised_on.dateChanged.connect(self._ask_amount)
        self.document_no.returnPressed.connect(self.save)
        self._ask_amount()

    def _ask_amount(self) -> None:
        db, actor = self.context.db, self.context.actor
        level, on = self.level.currentData(), self.recognised_on.date().toPython()
        self.context.runner.run(lambda _task: award_amount_on(db, actor=actor, level=level, on=on),
                                on_success=lambda fen: self._show_amount(level, on, fen), parent=self)

    def _show_amount(self, level: str, on: date, fen: int | None) -> None:
        if (level, on) != (self.level.currentData(), self.recognised_on.date().toPython()):
            return  # changed again meanwhile
        self.amount.setText(self.tr("No award amount is set for this level on that date.")
                            if fen is None else f"¥{format_fen(fen)}")

    def _firm_chosen(self, firm: EnterpriseRow | None) -> None:
        super()._firm_chosen(firm)
        self.version = None
        if firm is None:
            return
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: enterprise_detail(db, actor=actor, enterprise_id=firm.id),
                                on_success=self._firm_read, on_failure=self._refused, parent=self)

    def _firm_read(self, detail: Any) -> None:
        if self.firm.firm is None or self.firm.firm.id != detail.id:
            return
        self.version, fields = detail.version, detail.fields
        self.show_note(self.tr("Not recognised yet.") if fields.giant_level == "none" else self.tr(
            "Now: {level}, recognised on {day}.").format(level=label(GIANT_LEVELS, fields.giant_level),
                                                          day=fields.giant_recognised_on or ""))

    def work(self, firm: EnterpriseRow) -> Any:
        if self.version is None:
            self.errors.mark("enterprise_id", self.tr("The firm is still being read: try again."))
            return None
        db, actor, version = self.context.db, self.context.actor, self.version
        level, on = self.level.currentData(), self.recognised_on.date().toPython()
        document_no, submit = self.document_no.text(), self.submit_now.isChecked()
        return lambda _task: record_little_giant(
            db, actor=actor, enterprise_id=firm.id, expected_version=version, level=level,
            recognised_on=on, document_no=document_no, submit=submit)


class LoanGuaranteeDialog(AwardDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Record a loan guarantee"), parent)
        self.bank = QLineEdit()
        self.bank.setMaxLength(100)
        self.add_row("bank", self.bank, self.tr("Bank"))
        self.loan = self.money_field("loan_fen", self.tr("Loan amount"))
        self.term = QSpinBox(minimum=1, maximum=360, value=36)
        self.term.setSuffix(self.tr(" months"))
        self.add_row("term_months", self.term, self.tr("Term"))
        self.guaranteed = self.money_field("amount_fen", self.tr("Guaranteed amount"))
        self.guaranteed.returnPressed.connect(self.save)

    def _firm_chosen(self, firm: EnterpriseRow | None) -> None:
        super()._firm_chosen(firm)
        if firm is not None:
            db, actor = self.context.db, self.context.actor
            self.context.runner.run(lambda _task: guarantee_room(db, actor=actor, enterprise_id=firm.id),
                                    on_success=self._room_read, parent=self)

    def _room_read(self, room: GuaranteeRoom) -> None:
        if self.firm.firm is not None:
            self.show_note(self.tr(
                "Guaranteed for this firm so far: ¥{so_far} of ¥{cap} (¥{left} left).").format(
                so_far=format_fen(room.guaranteed_fen), cap=format_fen(room.cap_fen),
                left=format_fen(room.firm_left_fen)))

    def work(self, firm: EnterpriseRow) -> Any:
        loan = parse_yuan(self.loan.text(), field="loan_fen")
        guaranteed = parse_yuan(self.guaranteed.text(), field="amount_fen")
        db, actor = self.context.db, self.context.actor
        bank, term, submit = self.bank.text(), self.term.value(), self.submit_now.isChecked()
        return lambda _task: record_loan_guarantee(
            db, actor=actor, enterprise_id=firm.id, bank=bank, loan_fen=loan, term_months=term,
            guaranteed_fen=guaranteed, submit=submit)

