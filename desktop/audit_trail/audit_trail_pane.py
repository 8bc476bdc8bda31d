"""The Audit trail pane (administrators and auditors): every event, newest first, narrowed by
person, action, firm, zone and Shanghai days; the selected event's changes old → new under the
list; Verify chain (in the background, with progress: the first broken event named with what is
wrong with it); Print chain head… (the signed statement of a month's close, previewed to print
or save); Export… (the list as shown)."""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QDateEdit, QInputDialog, QPlainTextEdit, QWidget

from db import audit
from db.audit_statement import sign_statement
from db.audit_words import ACTIONS
from db.clock import today_shanghai
from db.errors import Interrupted
from db.export.audit_source import audit_table
from db.export.table import ExportTable
from db.money.subsidy_rules import months_before, period_of
from db.queries.audit_trail import AuditFilter, TrailRow, trail_people
from db.queries.demo_data import is_demo
from db.queries.reference import zones
from desktop import modals
from desktop.audit_trail.audit_model import (
    COL_ACTION,
    COL_AT,
    COL_SEQ,
    COL_SUBJECT,
    COL_WHO,
    EXPORT_KEYS,
    AuditTableModel,
    subject_of,
)
from desktop.context import AppContext
from desktop.widgets import audit_words
from desktop.widgets.audit_words import action_text, changes_text, verdict_text
from desktop.widgets.firm_picker import FirmPicker
from desktop.widgets.form_fields import zone_text
from desktop.widgets.list_pane import ListPane
from desktop.widgets.pdf_preview_dialog import PdfPreviewDialog
from documents.audit_statement import render_statement

_WIDTHS = {COL_SEQ: 70, COL_AT: 140, COL_WHO: 150, COL_ACTION: 170, COL_SUBJECT: 220}
NO_DAY = QDate(2000, 1, 1)  # the date fields' "any day"


class AuditPane(ListPane):
    REFRESH_ON = ("enterprise", "zone", "staff", "entry", "award", "certificate", "policy")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, AuditTableModel(context), table="audit_trail", widths=_WIDTHS,
                         stretch=5, count_name="audit_count", parent=parent)
        self.title.setText(self.tr("Audit trail"))
        self.preview: PdfPreviewDialog | None = None
        self.verify_button = self.add_action(self.tr("Verify chain"), "verify_chain", self.verify_chain)
        self.statement_button = self.add_action(self.tr("Print chain head…"), "print_head",
                                                self.print_chain_head)
        self.export_button = self.add_export(self._export_source, EXPORT_KEYS, self.tr("audit trail"))
        self.person_filter = self.add_combo("person_filter", self.tr("Anyone"))
        actions = sorted(((action_text(code), code) for code in ACTIONS), key=lambda item: item[0])
        self.action_filter = self.add_combo("action_filter", self.tr("Any action"), actions, stretch=2)
        self.firm_filter = FirmPicker(context)
        self.firm_filter.setObjectName("firm_filter")
        self.firm_filter.setPlaceholderText(self.tr("Any firm: type part of its name or credit code"))
        self.firm_filter.setClearButtonEnabled(True)
        self.firm_filter.chosen.connect(lambda _firm: self.apply_filter())
        self.filters.addWidget(self.firm_filter, 3)
        self.zone_filter = self.add_combo("zone_filter", self.tr("All zones"))
        self.from_filter = self._date_field("from_filter", self.tr("From: any day"))
        self.to_filter = self._date_field("to_filter", self.tr("To: any day"))
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("detail")
        self.detail.setReadOnly(True)
        self.detail.setMaximumHeight(130)
        self.detail.setPlaceholderText(self.tr("Select an event to see what it changed."))
        self.body.addWidget(self.detail)
        self.model.count_changed.connect(self._show_count)
        self.table.selectionModel().currentRowChanged.connect(lambda _now, _before: self._show_detail())
        self.assemble()
        self._load_choices()
        self.apply_filter()

    def _date_field(self, name: str, any_day: str) -> QDateEdit:
        field = QDateEdit()
        field.setObjectName(name)
        field.setCalendarPopup(True)
        field.setDisplayFormat("yyyy-MM-dd")
        field.setMinimumDate(NO_DAY)
        field.setSpecialValueText(any_day)  # shown at the minimum: no limit
        field.setDate(NO_DAY)
        field.dateChanged.connect(lambda _day: self.apply_filter())
        self.filters.addWidget(field, 1)
        return field

    @staticmethod
    def _day(field: QDateEdit) -> date | None:
        return None if field.date() == NO_DAY else field.date().toPython()

    def _load_choices(self) -> None:
        db, actor = self.context.db, self.context.actor
        self.context.runner.run(lambda _task: (trail_people(db, actor=actor), zones(db, actor=actor)),
                                on_success=self._choices_loaded, parent=self)

    def _choices_loaded(self, loaded: tuple) -> None:
        people, all_zones = loaded
        self.refill(self.person_filter, [(f"{p.display_name} ({p.username})", p.id) for p in people])
        self.refill(self.zone_filter, [(zone_text(z), z.id) for z in all_zones])
        audit_words.ZONE_NAMES.update({z.id: zone_text(z) for z in all_zones})
        self.model.layoutChanged.emit()  # the zones' names in the changes shown

    # --- the list -----------------------------------------------------------------------
    def current_filter(self) -> AuditFilter:
        firm = self.firm_filter.firm
        return AuditFilter(actor_id=self.person_filter.currentData(),
                           action=self.action_filter.currentData(),
                           enterprise_id=firm.id if firm is not None else None,
                           zone_id=self.zone_filter.currentData(),
                           date_from=self._day(self.from_filter), date_to=self._day(self.to_filter))

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())
        self._show_detail()

    def refresh(self) -> None:
        self.model.refresh()

    def _export_source(self) -> Callable[[], ExportTable]:
        db, actor, flt = self.context.db, self.context.actor, self.model.filter
        return lambda: audit_table(db, actor=actor, flt=flt)

    def _show_count(self, count: int | None) -> None:
        if count is None:
            self.count_label.setText(self.tr("Counting…"))
        elif count == 0:
            self.count_label.setText(self.tr("No event matches."))
        else:
            self.count_label.setText(self.tr("%n event(s)", "", count).replace(
                str(count), QLocale().toString(count)))

    def current_event(self) -> TrailRow | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _show_detail(self) -> None:
        event = self.current_event()
        if event is None:
            self.detail.clear()
            return
        head = self.tr("Event {seq} · {at} · {who} · {action} · {subject}").format(
            seq=event.seq, at=event.at.strftime("%Y-%m-%d %H:%M:%S"), who=event.who,
            action=action_text(event.action), subject=subject_of(event))
        said = changes_text(event.changes, event.entity_type) or self.tr("No field changed.")
        self.detail.setPlainText(f"{head}\n{said}")

    # --- verifying the chain ------------------------------------------------------------
    def verify_chain(self) -> None:
        db = self.context.db  # a file, or a server (read as the auditor or administrator)

        def work(task) -> audit.AuditCheck:  # noqa: ANN001 (desktop.background.Task)
            def progress(done: int, total: int) -> None:
                task.report(done, total)
                if task.cancelled:
                    raise Interrupted("the verification was cancelled")
            check = audit.verify(db, progress=progress)
            if task.cancelled:  # while the rows were reconciled with it
                raise Interrupted("the verification was cancelled")
            return check

        self.status.setText(self.tr("Verifying the audit chain…"))
        self.context.runner.run_with_progress(
            work, label=self.tr("Verifying the audit chain…"), parent=self,
            on_success=self._verified, on_failure=self._verify_failed,
            keep_cancelled_outcome=True)  # Cancel's Interrupted clears the status line

    def _verified(self, check: audit.AuditCheck) -> None:
        self.verdict = check
        if check.ok:
            text = self.tr("The audit chain is intact: {count} events verified, and the "
                           "database's rows agree with it.").format(count=QLocale().toString(check.events))
            self.status.setText(text)
            modals.show_message(self, self.tr("Audit chain intact"), text)
            return
        count = QLocale().toString(check.events)
        if check.mismatches:  # the chain holds; rows were edited behind the program's back
            first = check.mismatches[0]
            text = self.tr("The audit chain holds ({count} events verified), but the database's "
                           "rows differ from it in %n place(s), the first at {where}: they were edited "
                           "behind the program's back.", "", len(check.mismatches)).format(
                               count=count, where=f"{first.table} {first.key}")
        else:
            where = (verdict_text(check.where_words) if check.where_words else
                     self.tr("event {seq}").format(seq=check.first_broken_seq)
                     if check.first_broken_seq is not None and not check.where else check.where)
            reason = verdict_text(check.reason_words) if check.reason_words else check.reason
            text = self.tr("The audit chain is BROKEN at {where}: {reason}. {count} events before "
                           "it verified.").format(where=where, reason=reason, count=count)
        self.status.setText(text)
        modals.show_error(self, text)

    def _verify_failed(self, error: BaseException) -> None:
        self.status.setText("")
        if not isinstance(error, Interrupted):
            modals.show_failure(self, error)

    # --- the chain head statement -------------------------------------------------------
    def choose_month(self) -> str | None:
        """The month whose close is printed ("" for the head as it is now), or None."""
        this_month = period_of(today_shanghai())
        months = months_before(this_month, 12)
        now = self.tr("Now (the newest event)")
        choices = [now] + [self.tr("End of {month}").format(month=m) for m in reversed(months)]
        chosen, accepted = QInputDialog.getItem(self, self.tr("Print chain head"), self.tr(
            "Which chain head is printed?"), choices, 1 if months else 0, False)
        if not accepted:
            return None
        return "" if chosen == now else list(reversed(months))[choices.index(chosen) - 1]

    def print_chain_head(self) -> None:
        month = self.choose_month()
        if month is None:
            return
        db, actor = self.context.db, self.context.actor
        self.status.setText(self.tr("Signing the chain head…"))
        self.context.runner.run(
            lambda _task: self._signed(db, actor, month or None),
            on_success=self._show_statement, parent=self)

    @staticmethod
    def _signed(db, actor, month: str | None) -> tuple:  # noqa: ANN001
        statement = sign_statement(db, actor=actor, month=month)
        return statement, render_statement(statement, demo=is_demo(db))

    def _show_statement(self, made: tuple) -> None:
        statement, pdf = made
        self.status.setText(self.tr("Chain head: event {seq}, hash {hash}.").format(
            seq=statement.seq, hash=statement.chain_hash))
        self.preview = PdfPreviewDialog(pdf, title=self.tr("Chain head statement"),
                                        suggested_name=f"audit-chain-head-{statement.seq}.pdf",
                                        runner=self.context.runner, parent=self)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.open()
        self.model.refresh()  # the printing is an event of its own

