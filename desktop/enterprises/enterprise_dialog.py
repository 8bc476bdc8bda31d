"""One firm, new or existing: its details (saved on the database thread), and for an existing
firm its tenancies and its history. Nothing typed is lost when db/ refuses a save: the dialog
stays open, the reason shows at the field (or in a message), and the person tries again."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.access import Action
from db.errors import ChangedMeanwhile, NotFound, UsccCheckWarning, ValidationError, ZoneDeskError
from db.models import EnterpriseFields
from db.queries.audit import AuditRow, enterprise_history
from db.queries.enterprises import EnterpriseDetail, enterprise_detail
from db.services.enterprises import confirm_uscc, register_enterprise, unusual, update_enterprise
from desktop import modals
from desktop.context import AppContext
from desktop.enterprises.enterprise_form import EnterpriseForm, field_label
from desktop.enterprises.history_tab import HistoryTab
from desktop.enterprises.tenancy_dialogs import TenanciesTab
from desktop.widgets.form_fields import References
from desktop.widgets.labels import USCC_CHECKS, label


class EnterpriseDialog(QDialog):
    """enterprise_id None: a new firm (saved, the dialog closes); else the firm, loaded on the
    database thread (`loaded` turns True), saved in place and reloaded."""

    def __init__(self, context: AppContext, references: References, enterprise_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.references, self.enterprise_id = context, references, enterprise_id
        self.new = enterprise_id is None
        self.detail: EnterpriseDetail | None = None
        self.loaded = self.new
        self.editable = context.actor.may(Action.ENTERPRISE_CREATE if self.new else Action.ENTERPRISE_EDIT)
        self._saving = False
        self.form = EnterpriseForm(references, new=self.new)
        self.form.setEnabled(self.editable and self.loaded)
        self.banner = QFrame()
        self.banner.setObjectName("changed_banner")
        self.banner.setStyleSheet("#changed_banner { background: #fff9ec; border: 1px solid #ef8f00; }")
        banner_text = QLabel(self.tr("Someone else saved this firm after you opened it. What you typed "
                                     "is still here; reload to see their changes, then make yours again."))
        banner_text.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.setAutoDefault(False)
        self.reload_button.clicked.connect(self.reload)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(banner_text, 1)
        banner_layout.addWidget(self.reload_button)
        self.banner.hide()
        self.status = QLabel()
        self.status.setObjectName("status")
        self.form.edited.connect(self._edited)
        self.uscc_state = QLabel()
        self.uscc_state.setStyleSheet("color: #8a5300;")
        self.confirm_button = QPushButton(self.tr("Confirm credit code"))
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.confirm_uscc)
        self.confirm_button.hide()
        self.buttons = QDialogButtonBox()
        self.save_button: QPushButton | None = None
        if self.editable:
            self.save_button = self.buttons.addButton(
                self.tr("Register") if self.new else self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
            self.save_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel if self.new
                               else QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        self.tabs: QTabWidget | None = None
        if self.new:
            self.setWindowTitle(self.tr("New firm"))
            layout.addWidget(self.form)
        else:
            self.setWindowTitle(self.tr("Firm"))
            self.tenancies = TenanciesTab(context, references)
            self.tenancies.changed.connect(self.reload)
            self.history = HistoryTab(references)
            self.tabs = QTabWidget()
            self.tabs.addTab(self.form, self.tr("Details"))
            self.tabs.addTab(self.tenancies, self.tr("Tenancies"))
            self.tabs.addTab(self.history, self.tr("History"))
            layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.uscc_state)
        bottom.addWidget(self.confirm_button)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self._baseline = self.form.state()
        self.form.uscc.setFocus()
        if not self.new:
            self.reload()

    # --- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        db, actor, enterprise_id = self.context.db, self.context.actor, self.enterprise_id
        self.status.setText(self.tr("Loading…"))
        self.context.runner.run(
            lambda _task: (enterprise_detail(db, actor=actor, enterprise_id=enterprise_id),
                           enterprise_history(db, actor=actor, enterprise_id=enterprise_id)),
            on_success=self._loaded, on_failure=self._load_failed, parent=self)

    def _loaded(self, result: tuple[EnterpriseDetail, list[AuditRow]]) -> None:
        detail, history = result
        self.detail, self.loaded = detail, True
        self.form.errors.clear()
        self.form.set_fields(detail.fields)
        self.form.check_all()
        self.form.setEnabled(self.editable)
        self._baseline = self.form.state()
        self.tenancies.set_detail(detail)
        self.history.set_rows(history)
        self.banner.hide()
        self.setWindowTitle(self.tr("Firm: {name}").format(name=detail.fields.name))
        self.uscc_state.setText("" if detail.uscc_check == "ok" else label(USCC_CHECKS, detail.uscc_check))
        self.confirm_button.setVisible(detail.uscc_check == "unconfirmed"
                                       and self.context.actor.may(Action.USCC_CONFIRM))
        if self.status.text() == self.tr("Loading…"):
            self.status.clear()

    def _load_failed(self, error: BaseException) -> None:
        self.status.clear()
        if isinstance(error, NotFound) and self.loaded:  # moved to a zone the person does not cover
            modals.show_message(self, self.tr("Firm moved"), self.tr(
                "The firm is now in a zone you do not cover, so it leaves your list."))
        else:
            modals.show_failure(self, error)
        self.done(QDialog.DialogCode.Rejected)

    # --- saving -------------------------------------------------------------------------
    def _edited(self) -> None:
        if self.status.text() == self.tr("Saved."):  # it no longer describes what is shown
            self.status.clear()

    def _confirm_unusual(self, fields: EnterpriseFields) -> bool:
        """Values allowed but so large that they are likely a typing slip: asked once."""
        slips = unusual(fields)
        if not slips:
            return True
        listed = "\n".join(f"{field_label(name)}: {self.form.inputs[name].text()}"
                           if name != "employees" else f"{field_label(name)}: {fields.employees:,}"
                           for name in slips)
        return modals.ask_yes_no(self, self.tr("Unusually large values"), self.tr(
            "These values are unusually large for a firm:\n{values}\n\nSave them as they are?").format(
            values=listed))

    def save(self, accept_warning: bool = False) -> None:
        if not self.editable or not self.loaded or self._saving:
            return
        self.form.errors.clear()
        self.form.check_all()  # what is said as one types (a warning) stays with the refusals
        db, actor = self.context.db, self.context.actor
        try:
            fields = self.form.fields()
            if self.new:
                zone_id, tenancy = self.form.zone_id(), self.form.tenancy()
        except ValidationError as error:
            self._show_at_field(error)
            return
        if not accept_warning and not self._confirm_unusual(fields):
            return
        if self.new:
            if zone_id is None:
                self.form.errors.mark("zone_id", self.tr("You cover no zone: ask an administrator."))
                return
            job = lambda _task: register_enterprise(  # noqa: E731
                db, actor=actor, fields=fields, zone_id=zone_id, tenancy=tenancy,
                accept_uscc_warning=accept_warning)
        else:
            enterprise_id, version = self.detail.id, self.detail.version
            job = lambda _task: update_enterprise(  # noqa: E731
                db, actor=actor, enterprise_id=enterprise_id, expected_version=version, fields=fields,
                accept_uscc_warning=accept_warning)
        self._set_saving(True)
        self.context.runner.run(job, on_success=self._saved,
                                on_failure=lambda error: self._refused(error, accept_warning), parent=self)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.status.setText(self.tr("Saving…") if saving else "")
        if self.save_button is not None:
            self.save_button.setEnabled(not saving)

    def _saved(self, result: int) -> None:
        self._set_saving(False)
        if self.new:
            self.enterprise_id = result
            self.context.bus.changed.emit("enterprise", result)
            self.done(QDialog.DialogCode.Accepted)
            return
        self.context.bus.changed.emit("enterprise", self.detail.id)
        self.reload()
        self.status.setText(self.tr("Saved."))

    def _refused(self, error: BaseException, warning_accepted: bool) -> None:
        self._set_saving(False)
        if isinstance(error, UsccCheckWarning) and not warning_accepted:
            self._show_at_field(error)
            question = self.tr("{reason}\n\nSave this code anyway? A reviewer will then be asked to "
                               "confirm it against the business licence.")
            if self.context.actor.may(Action.USCC_CONFIRM):
                question = self.tr("{reason}\n\nSave this code anyway? You confirm that it matches "
                                   "the business licence.")
            if modals.ask_yes_no(self, self.tr("Credit code check failed"),
                                 question.format(reason=modals.translate_error(error))):
                self.save(accept_warning=True)
            return
        if isinstance(error, ChangedMeanwhile):
            modals.show_error(self, modals.translate_error(error))
            self.banner.show()
            return
        if not (isinstance(error, ZoneDeskError) and self._show_at_field(error)):
            modals.show_failure(self, error)

    def _show_at_field(self, error: ZoneDeskError) -> bool:
        if self.tabs is not None and error.field in self.form.inputs:
            self.tabs.setCurrentWidget(self.form)
        return self.form.show_error(error)

    def confirm_uscc(self) -> None:
        db, actor, detail = self.context.db, self.context.actor, self.detail
        if detail is None:
            return
        self.context.runner.run(
            lambda _task: confirm_uscc(db, actor=actor, enterprise_id=detail.id,
                                       expected_version=detail.version),
            on_success=self._saved, on_failure=lambda error: self._refused(error, True), parent=self)

    # --- closing ------------------------------------------------------------------------
    def has_changes(self) -> bool:
        return self.editable and self.loaded and self.form.state() != self._baseline

    def reject(self) -> None:
        """Esc or Close: asks first when something typed would be lost."""
        if self.has_changes() and not modals.ask_yes_no(self, self.tr("Discard changes"), self.tr(
                "You have changed this firm without saving. Close it and lose the changes?")):
            return
        super().reject()
