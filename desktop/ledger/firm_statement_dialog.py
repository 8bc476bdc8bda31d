"""A firm's statement: every subsidy and award in the person's zones, grouped by year (newest
first), each year with its approved totals and what still waits for review."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.money import format_fen
from db.queries.firm_statement import FirmStatement, StatementLine, StatementYear, firm_statement
from desktop import modals
from desktop.context import AppContext
from desktop.widgets.money_labels import CATEGORIES, money_label, status_text, yuan

COL_MONTH, COL_CATEGORY, COL_ZONE, COL_BILLED, COL_AMOUNT, COL_STATUS, COL_NOTE = range(7)
_NEGATIVE = QBrush(QColor("#c62828"))


class FirmStatementDialog(QDialog):
    def __init__(self, context: AppContext, enterprise_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.enterprise_id = enterprise_id
        self.statement: FirmStatement | None = None
        self.setWindowTitle(self.tr("Firm statement"))
        self.resize(900, 560)
        self.heading = QLabel(self.tr("Loading…"))
        self.heading.setObjectName("statement_heading")
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.summary = QLabel()
        self.summary.setObjectName("statement_summary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("statement_tree")
        self.tree.setHeaderLabels([self.tr("Month"), self.tr("Category"), self.tr("Zone"),
                                   self.tr("Billed (yuan)"), self.tr("Amount (yuan)"),
                                   self.tr("Status"), self.tr("Note")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((COL_MONTH, 110), (COL_CATEGORY, 130), (COL_ZONE, 50),
                              (COL_BILLED, 110), (COL_AMOUNT, 110), (COL_STATUS, 130)):
            self.tree.setColumnWidth(column, width)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        db, actor = context.db, context.actor
        context.runner.run(lambda _task: firm_statement(db, actor=actor, enterprise_id=enterprise_id),
                           on_success=self._loaded, on_failure=self._failed, parent=self)

    def _loaded(self, statement: FirmStatement) -> None:
        self.statement = statement
        self.heading.setText(self.tr("{name} ({uscc})").format(name=statement.name, uscc=statement.uscc))
        if not statement.years:
            self.summary.setText(self.tr("No subsidy or award has been entered for this firm."))
        else:
            self.summary.setText(self.tr("Approved in all years: subsidies {subsidies}, awards {awards}.")
                                 .format(subsidies=yuan(statement.subsidy_fen),
                                         awards=yuan(statement.award_fen)))
        self.tree.clear()
        for year in statement.years:
            item = QTreeWidgetItem(self.tree, [self._year_text(year)])
            item.setFirstColumnSpanned(True)
            bold = QFont(item.font(0))
            bold.setBold(True)
            item.setFont(0, bold)
            item.setData(0, Qt.ItemDataRole.UserRole, year.year)
            for line in year.lines:
                self._line_item(item, line)
            item.setExpanded(True)

    def _year_text(self, year: StatementYear) -> str:
        text = self.tr("{year}: subsidies approved {subsidies} · awards approved {awards}").format(
            year=year.year, subsidies=yuan(year.subsidy_fen), awards=yuan(year.award_fen))
        if year.guaranteed_fen:
            text += " · " + self.tr("loans guaranteed {guaranteed}").format(
                guaranteed=yuan(year.guaranteed_fen))
        if year.waiting_fen:
            text += " · " + self.tr("waiting for review {waiting}").format(waiting=yuan(year.waiting_fen))
        return text

    def _line_item(self, parent: QTreeWidgetItem, line: StatementLine) -> QTreeWidgetItem:
        note = line.note
        if line.reverses_id is not None:
            number = ("S{id}" if line.kind == "subsidy_entry" else "A{id}").format(id=line.reverses_id)
            note = self.tr("Reversal of {number}: {reason}").format(number=number, reason=line.note)
        item = QTreeWidgetItem(parent, [
            line.period, money_label(CATEGORIES, line.category), line.zone_code,
            format_fen(line.billed_fen) if line.billed_fen else "", format_fen(line.amount_fen),
            status_text(line.status, line.reversed_by_id), note])
        for column in (COL_BILLED, COL_AMOUNT):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if line.amount_fen < 0:
                item.setForeground(column, _NEGATIVE)
        item.setData(COL_AMOUNT, Qt.ItemDataRole.UserRole, line.amount_fen)
        return item

    def _failed(self, error: BaseException) -> None:
        self.heading.setText(self.tr("The statement could not be read."))
        modals.show_failure(self, error)
