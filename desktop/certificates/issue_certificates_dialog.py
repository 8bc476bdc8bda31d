"""Issuing certificates: choose the kind, the zone and (for subsidy confirmations) the months; the
firms that may be certified are listed, none ticked; tick, filter as you type, then "Issue N
certificates": the ticked rows shown, never one a filter hides (candidate_table_model.py). A batch
of more than CONFIRM_OVER asks first, naming the count and the total. The batch runs in the background with progress and cancel
(documents/issuing.py); a cancelled batch still hands back the certificates issued before the
cancel, and `issued` carries that BatchOutcome either way."""

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.clock import today_shanghai
from db.errors import ValidationError
from db.money import subsidy_rules as rules
from db.queries.certificates import Candidate, candidates
from db.queries.enterprises import SEARCH_CHARACTERS
from db.queries.policy import policy
from db.queries.reference import ZoneRow, zones
from db.services.certificate_subjects import confirmation_months
from db.services.certificates import CertificateRequest
from desktop import modals
from desktop.certificates.candidate_table_model import CandidateTableModel
from desktop.context import AppContext
from desktop.widgets.field_errors import FieldErrors
from desktop.widgets.form_fields import zone_text
from desktop.widgets.labels import CERTIFICATE_KINDS as KINDS
from desktop.widgets.labels import certificate_label
from desktop.widgets.list_table import Selection, list_table
from desktop.widgets.money_labels import yuan
from documents import issuing

CONFIRM_OVER = 5  # a bigger batch is confirmed first: certificates are never deleted, only revoked


def default_months(closed: list[str]) -> tuple[str, str]:
    """What is final: January to the latest closed month, of that month's year (in January,
    last year's whole year once December is closed); with none closed, this year's January to
    this month."""
    today = today_shanghai()
    this_month = rules.period_of(today)
    final = sorted(p for p in closed if p <= this_month)
    if final:
        return f"{final[-1][:4]}-01", final[-1]
    return f"{today.year:04d}-01", this_month


class IssueCertificatesDialog(QDialog):
    issued = Signal(object)  # the BatchOutcome (cancelled or not)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.loaded = False  # candidates of the current choice are shown
        self.task = None  # the batch on its way
        self._asked = 0
        self._shown_months: tuple[str, str] | None = None
        self.setWindowTitle(self.tr("Issue certificates"))
        self.resize(860, 620)
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for code in KINDS:
            self.kind.addItem(certificate_label(KINDS, code), code)
        self.zone = QComboBox()
        self.zone.setObjectName("zone")
        self.month_from, self.month_to = self._month("period_from"), self._month("period_to")
        self.months_label = QLabel(self.tr("Months"))
        self.to_label = QLabel(self.tr("to"))
        self.errors = FieldErrors()
        self.filter = QLineEdit()
        self.filter.setObjectName("candidate_filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Filter by firm or credit code"))
        self.filter.setMaxLength(SEARCH_CHARACTERS)
        self.all_button = QPushButton(self.tr("Select all"))
        self.none_button = QPushButton(self.tr("Select none"))
        self.model = CandidateTableModel(self)
        self.table = list_table(self.model, "candidates", {0: 300, 1: 170, 2: 120},
                                selection=Selection.ExtendedSelection)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.issue_button = QPushButton()
        self.issue_button.setObjectName("issue")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        for button in (self.all_button, self.none_button, self.issue_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in the filter or a month never issues anything
        self._layout()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.zone.currentIndexChanged.connect(self.reload)
        for line in (self.month_from, self.month_to):
            line.editingFinished.connect(self._months_edited)
            line.returnPressed.connect(self._months_edited)
        self.filter.textChanged.connect(self._filter_changed)
        self.all_button.clicked.connect(lambda: self.model.choose_shown(True))
        self.none_button.clicked.connect(lambda: self.model.choose_shown(False))
        self.model.chosen_changed.connect(self._update_summary)
        self.issue_button.clicked.connect(self.issue)
        self.cancel_button.clicked.connect(self.reject)
        self._kind_changed()
        self._load_choices()

    def _month(self, name: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setPlaceholderText("2026-01")
        line.setMaximumWidth(110)
        return line


    def _layout(self) -> None:
        choice = QGridLayout()
        choice.addWidget(QLabel(self.tr("Kind")), 0, 0)
        choice.addWidget(self.kind, 0, 1)
        choice.addWidget(QLabel(self.tr("Zone")), 0, 2)
        choice.addWidget(self.zone, 0, 3)
        months = QHBoxLayout()
        for widget in (self.month_from, self.to_label, self.month_to):
            months.addWidget(widget)
        months.addStretch(1)
        choice.addWidget(self.months_label, 1, 0)
        choice.addLayout(months, 1, 1, 1, 3)
        choice.addWidget(self.errors.add("period_from", self.month_from), 2, 1, 1, 3)
        choice.addWidget(self.errors.add("period_to", self.month_to), 3, 1, 1, 3)
        choice.addWidget(self.errors.add("kind", self.kind), 4, 1, 1, 3)
        choice.setColumnStretch(1, 1)
        choice.setColumnStretch(3, 1)
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.all_button)
        filters.addWidget(self.none_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(choice)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    # --- what is chosen -----------------------------------------------------------------
    def _load_choices(self) -> None:
        db, actor, year = self.context.db, self.context.actor, today_shanghai().year
        self.context.runner.run(
            lambda _task: (zones(db, actor=actor, only_mine=True),
                           [c.id for c in policy(db, actor=actor, year=year).closed]),
            on_success=self._choices_loaded, parent=self)

    def _choices_loaded(self, result: tuple[list[ZoneRow], list[str]]) -> None:
        my_zones, closed = result
        first, last = default_months(closed)
        self.month_from.setText(first)
        self.month_to.setText(last)
        self.zone.blockSignals(True)
        for zone in my_zones:
            self.zone.addItem(zone_text(zone), zone.id)
        self.zone.blockSignals(False)
        self.reload()

    def _kind_changed(self) -> None:
        subsidy = self.kind.currentData() == "subsidy"
        for widget in (self.months_label, self.month_from, self.to_label, self.month_to):
            widget.setVisible(subsidy)
        if not subsidy:
            self.errors.clear("period_from")
            self.errors.clear("period_to")
        self.reload()

    def _months_edited(self) -> None:
        if self.months() != self._shown_months:
            self.reload()

    def months(self) -> tuple[str, str]:
        return self.month_from.text().strip(), self.month_to.text().strip()

    def _checked_months(self) -> tuple[str, str] | None:
        """The months typed, or None (marked at the field) when they make no sense."""
        self.errors.clear("period_from")
        self.errors.clear("period_to")
        try:
            first, last = confirmation_months(*self.months())
        except ValidationError as error:
            self.errors.mark(error.field, modals.translate_error(error), focus=False)
            return None
        return first, last

    def reload(self) -> None:
        """Asks for the candidates of the kind, zone and months chosen."""
        self._asked += 1
        self.loaded = False
        self.model.set_rows([], keep_ticks=True)  # the ticks of the rows listed again stay
        zone_id, kind = self.zone.currentData(), self.kind.currentData()
        months = ("", "")
        if kind == "subsidy":
            checked = self._checked_months()
            if checked is None:
                return
            months = checked
        self._shown_months = self.months()
        if zone_id is None:
            return
        asked, db, actor = self._asked, self.context.db, self.context.actor
        self.summary.setText(self.tr("Looking for what may be certified…"))
        self.context.runner.run(
            lambda _task: candidates(db, actor=actor, zone_id=zone_id, kind=kind,
                                     period_from=months[0], period_to=months[1]),
            on_success=lambda rows: self._candidates_loaded(asked, rows), parent=self)

    def _candidates_loaded(self, asked: int, rows: list[Candidate]) -> None:
        if asked != self._asked:
            return  # the choice changed meanwhile
        self.model.set_rows(rows)
        self.loaded = True
        self._update_summary()

    def _filter_changed(self, text: str) -> None:
        self.model.set_filter(text)

    def _update_summary(self) -> None:
        chosen = self.model.chosen_candidates()
        count = len(chosen)
        self.issue_button.setText(self.tr("Issue {count} certificates").format(count=count)
                                  if count != 1 else self.tr("Issue 1 certificate"))
        self.issue_button.setEnabled(self.loaded and count > 0 and self.task is None)
        if not self.loaded:
            return
        if not self.model.total():
            self.summary.setText(self.tr("Nothing to certify for this choice."))
            return
        text = self.tr("{count} of {total} chosen").format(count=count, total=self.model.total())
        amounts = [c.amount_fen for c in chosen if c.amount_fen is not None]
        if amounts:
            text += " · " + self.tr("total {amount}").format(amount=yuan(sum(amounts)))
        hidden = self.model.hidden_chosen()
        if hidden:
            text += " · " + self.tr("%n ticked row(s) hidden by the filter will not be issued", "", hidden)
        self.summary.setText(text)

    def requests(self) -> list[CertificateRequest]:
        kind, zone_id = self.kind.currentData(), self.zone.currentData()
        first, last = self.months() if kind == "subsidy" else ("", "")
        return [CertificateRequest(kind, c.enterprise_id, zone_id, first, last, c.award_id)
                for c in self.model.chosen_candidates()]

    # --- issuing ------------------------------------------------------------------------
    def issue(self) -> None:
        requests = self.requests()
        if not requests or self.task is not None or not self.loaded:
            return
        if len(requests) > CONFIRM_OVER and not modals.ask_yes_no(
                self, self.tr("Issue certificates"), self._confirmation(len(requests))):
            return
        db, actor = self.context.db, self.context.actor
        self.issue_button.setEnabled(False)
        self.task = self.context.runner.run_with_progress(
            lambda task: issuing.issue_and_print(db, actor=actor, requests=requests,
                                                 progress=task.report,
                                                 cancelled=lambda: task.cancelled),
            label=self.tr("Issuing {count} certificates…").format(count=len(requests)),
            parent=self, on_success=self._issued, on_failure=self._failed,
            keep_cancelled_outcome=True)

    def _confirmation(self, count: int) -> str:
        kind, zone = self.kind.currentText(), self.zone.currentText()
        amounts = [c.amount_fen for c in self.model.chosen_candidates() if c.amount_fen is not None]
        if amounts:
            return self.tr("Issue {count} certificates ({kind}) for {zone}, certifying {amount} in "
                           "all? Certificates cannot be deleted, only revoked.").format(
                count=count, kind=kind, zone=zone, amount=yuan(sum(amounts)))
        return self.tr("Issue {count} certificates ({kind}) for {zone}? Certificates cannot be "
                       "deleted, only revoked.").format(count=count, kind=kind, zone=zone)

    def reject(self) -> None:
        if self.task is not None:
            return  # a batch is on its way: its outcome (and its PDF) must reach the pane
        super().reject()

    def _issued(self, outcome: issuing.BatchOutcome) -> None:
        self.task = None
        self.context.bus.changed.emit("certificate", None)
        self.issued.emit(outcome)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.task = None
        # the chunks before the failing one were issued: the list shows them
        self.context.bus.changed.emit("certificate", None)
        self._update_summary()
        self.errors.show_failure(self, error)

    def candidate_rows(self) -> list[Candidate]:
        return [self.model.index(r, 0).data(CandidateTableModel.ROW_ROLE)
                for r in range(self.model.rowCount(QModelIndex()))]
