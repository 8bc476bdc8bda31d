"""The Certificates pane: every certificate of the person's zones, newest first, narrowed as you
type (serial, firm, credit code) and by zone, kind and status. Clerks issue (a batch through the
issue dialog) and reprint (a copy, counted); reviewers revoke with a reason; everyone previews
(nothing counted) and verifies a certificate's signature and status. What the buttons do is in
desktop/certificates/certificate_actions.py."""

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.access import Action
from db.queries.certificates import CertificateFilter, CertificateRow
from db.queries.reference import ZoneRow, zones
from desktop.certificates.certificate_actions import CertificateActions
from desktop.certificates.certificate_table_model import (
    COL_AMOUNT,
    COL_FIRM,
    COL_ISSUED_BY,
    COL_ISSUED_ON,
    COL_KIND,
    COL_PRINTS,
    COL_SERIAL,
    COL_STATUS,
    COL_USCC,
    COL_ZONE,
    KINDS,
    ROW_ROLE,
    STATUSES,
    CertificateTableModel,
    certificate_label,
)
from desktop.context import AppContext
from desktop.verification.verification_pane import VerdictDialog
from desktop.widgets.form_fields import zone_text
from desktop.widgets.list_table import list_table
from desktop.widgets.pdf_preview_dialog import PdfPreviewDialog

DEBOUNCE_MS = 200
REFRESH_ON = ("certificate", "subsidy_entry", "award", "enterprise")
_WIDTHS = {COL_SERIAL: 130, COL_KIND: 190, COL_FIRM: 220, COL_USCC: 160, COL_ZONE: 50,
           COL_AMOUNT: 110, COL_ISSUED_ON: 90, COL_ISSUED_BY: 90, COL_STATUS: 70, COL_PRINTS: 50}


class CertificatesPane(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        actor = context.actor
        self.may_issue, self.may_revoke = actor.may(Action.CERTIFICATE_ISSUE), \
            actor.may(Action.CERTIFICATE_REVOKE)
        self.actions = CertificateActions(context, self)
        self._stale = False
        self._keep_selected: int | None = None  # reselected when a refresh brings it back
        title = QLabel(self.tr("Certificates"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.count_label = QLabel()
        self.count_label.setObjectName("certificate_count")
        self.text_filter = QLineEdit()
        self.text_filter.setObjectName("text_filter")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setPlaceholderText(self.tr("Serial, firm or credit code (Ctrl+F)"))
        self.zone_filter = self._combo("zone_filter", self.tr("All zones") if actor.all_zones
                                       else self.tr("All my zones"), [])
        self.kind_filter = self._combo("kind_filter", self.tr("All kinds"),
                                       [(certificate_label(KINDS, k), k) for k in KINDS])
        self.status_filter = self._combo("status_filter", self.tr("Any status"),
                                         [(certificate_label(STATUSES, s), s) for s in STATUSES])
        self.model = CertificateTableModel(context, self)
        self.table = list_table(self.model, "certificates", _WIDTHS)
        self.issue_button = self._button(self.tr("Issue…"), "issue", self.may_issue,
                                         self.actions.open_issue)
        self.reprint_button = self._button(self.tr("Reprint"), "reprint", self.may_issue,
                                           self.reprint_selected)
        self.reprint_button.setToolTip(self.tr("Print a copy: same serial, marked as a copy, counted"))
        self.revoke_button = self._button(self.tr("Revoke…"), "revoke", self.may_revoke,
                                          self.revoke_selected)
        self.verify_button = self._button(self.tr("Verify"), "verify", True, self.verify_selected)
        self.preview_button = self._button(self.tr("Preview"), "preview", True,
                                           self.preview_selected)
        self.preview_button.setToolTip(self.tr("Look at the certificate as issued; nothing is "
                                               "printed or counted"))
        self.status = QLabel()
        self.status.setObjectName("status")
        self._layout(title)
        self.actions.said.connect(self.status.setText)
        self.actions.refused.connect(self._refused)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.text_filter.textChanged.connect(lambda _text: self._debounce.start())
        for combo in (self.zone_filter, self.kind_filter, self.status_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.model.count_changed.connect(self._show_count)
        self.model.modelAboutToBeReset.connect(self._remember_selected)
        self.model.page_loaded.connect(self._reselect)
        self.model.modelReset.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self.preview_selected())
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.text_filter.setFocus(Qt.FocusReason.ShortcutFocusReason))
        context.bus.changed.connect(self._on_changed)
        self._update_buttons()
        self._load_zones()
        self.apply_filter()

    def _combo(self, name: str, everything: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, None)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    def _button(self, text: str, name: str, allowed: bool, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setVisible(allowed)  # db/ refuses the others anyway
        button.clicked.connect(slot)
        return button


    def _layout(self, title: QLabel) -> None:
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addSpacing(12)
        top.addWidget(self.issue_button)
        filters = QHBoxLayout()
        filters.addWidget(self.text_filter, 2)
        for combo in (self.zone_filter, self.kind_filter, self.status_filter):
            filters.addWidget(combo, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.preview_button, self.verify_button, self.reprint_button,
                       self.revoke_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    # --- the list -----------------------------------------------------------------------
    def current_filter(self) -> CertificateFilter:
        return CertificateFilter(text=self.text_filter.text().strip(),
                                 zone_id=self.zone_filter.currentData(),
                                 kind=self.kind_filter.currentData(),
                                 status=self.status_filter.currentData())

    def apply_filter(self) -> None:
        self._debounce.stop()
        flt = self.current_filter()
        if flt != self.model.filter or self.model.count is None:
            self.model.set_filter(flt)

    def _show_count(self, count: int | None) -> None:
        self.count_label.setText(self.tr("Counting…") if count is None else
                                 self.tr("Certificates shown: {count}").format(
                                     count=QLocale().toString(count)))

    def _on_changed(self, kind: str, _id: object) -> None:
        if kind == "zone":
            self._load_zones()
        if kind not in REFRESH_ON:
            return
        if self.isVisible():
            self.model.refresh()
        else:
            self._stale = True  # refreshed when shown again: nobody looks meanwhile

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.model.refresh()

    def _load_zones(self) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: zones(db, actor=actor, only_mine=True),
                                on_success=self._zones_loaded, parent=self)

    def _zones_loaded(self, my_zones: list[ZoneRow]) -> None:
        chosen = self.zone_filter.currentData()
        self.zone_filter.blockSignals(True)
        while self.zone_filter.count() > 1:
            self.zone_filter.removeItem(1)
        for zone in my_zones:
            self.zone_filter.addItem(zone_text(zone), zone.id)
        self.zone_filter.setCurrentIndex(max(0, self.zone_filter.findData(chosen))
                                         if chosen is not None else 0)
        self.zone_filter.blockSignals(False)

    def selected(self) -> CertificateRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def select_serial(self, serial: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row(row).serial == serial:
                self.table.selectRow(row)
                return

    def _remember_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self._keep_selected = row.id

    def _reselect(self) -> None:
        if self._keep_selected is not None and self.selected() is None:
            row = self.model.row_of(self._keep_selected)
            if row >= 0:
                self.table.selectRow(row)
        self._keep_selected = None

    def _update_buttons(self) -> None:
        row = self.selected()
        valid = row is not None and row.status == "valid"
        self.reprint_button.setEnabled(valid)
        self.revoke_button.setEnabled(valid)
        self.verify_button.setEnabled(row is not None)
        self.preview_button.setEnabled(row is not None)

    @property
    def dialog(self) -> QDialog | None:
        return self.actions.dialog

    @property
    def preview(self) -> PdfPreviewDialog | None:
        return self.actions.preview

    @property
    def verdict_dialog(self) -> VerdictDialog | None:
        return self.actions.verdict_dialog

    def _refused(self) -> None:
        self._update_buttons()
        self.model.refresh()

    # --- the buttons --------------------------------------------------------------------
    def reprint_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.reprint_button.setEnabled(False)  # once: back with the refreshed list
            self.actions.reprint(row)

    def preview_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.actions.show_preview(row)

    def verify_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.actions.verify(row)

    def revoke_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.actions.revoke(row)
