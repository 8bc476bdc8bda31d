"""What a backup holds, shown before it is restored: the file, when it was made, its size, how
many firms and entries it holds, its schema, and whether it checks out. A backup that fails a
check says why and offers only Close; one that checks out offers Restore…."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from db.backup.checking import BackupFacts
from desktop import modals


class RestoreDialog(QDialog):
    def __init__(self, facts: BackupFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts = facts
        self.setWindowTitle(self.tr("Restore a backup"))
        self.setMinimumWidth(560)
        form = QFormLayout()

        def row(label: str, value: str, name: str) -> QLabel:
            shown = QLabel(value)
            shown.setObjectName(name)
            shown.setWordWrap(True)
            form.addRow(label, shown)
            return shown

        def count(value: int | None) -> str:
            return "—" if value is None else f"{value:,}"

        row(self.tr("File:"), str(facts.path), "file")
        row(self.tr("Made:"), facts.made.strftime("%Y-%m-%d %H:%M:%S") if facts.made else "—",
            "made")
        row(self.tr("Size:"), self.tr("{size} MB").format(size=f"{facts.size / 1e6:,.1f}"), "size")
        row(self.tr("Firms:"), count(facts.firms), "firms")
        row(self.tr("Entries:"), count(facts.entries), "entries")
        row(self.tr("Schema:"), facts.revision or "—", "revision")
        if facts.ok:
            verdict = row(self.tr("Check:"), self.tr(
                "It checks out: the file is sound and its audit trail is intact."), "verdict")
            verdict.setStyleSheet("color: #1b7f3b;")
        else:
            verdict = row(self.tr("Check:"), self.tr("It cannot be restored: {reason}").format(
                reason=modals.translate_error(facts.problem)), "verdict")
            verdict.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox()
        if facts.ok:
            self.restore_button = self.buttons.addButton(self.tr("Restore…"),
                                                         QDialogButtonBox.ButtonRole.AcceptRole)
            self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        else:
            self.restore_button = None
            self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
