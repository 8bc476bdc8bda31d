"""The preview of a document made by documents/ (certificates, summaries): every page, fitted to
the width, with Print… (the system print dialog), Save as PDF… and Close.

Printing renders page after page (desktop/widgets/printing.py), so it runs on the background runner
with a progress dialog and a cancel button: a batch of a thousand certificates never freezes
the window. `printed` is emitted after a print or a save.
"""

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import modals
from desktop.background import BackgroundRunner, Task
from desktop.widgets import printing

PDF_FILTER = "PDF (*.pdf)"


class PdfPreviewDialog(QDialog):
    printed = Signal()  # after a print or a save

    def __init__(self, pdf: bytes, *, title: str, suggested_name: str,
                 runner: BackgroundRunner | None = None, printable: bool = True,
                 parent: QWidget | None = None) -> None:
        """runner: prints in the background with progress and cancel; without one (a short
        document) the print runs at once on the UI thread. printable=False: a look only (a
        certificate's preview, whose prints are counted by Reprint): no Print, no Save."""
        super().__init__(parent)
        self.pdf = pdf
        self.suggested_name = suggested_name
        self._runner = runner
        self._printing: Task | None = None
        self.setWindowTitle(title)
        self.resize(820, 960)
        self.document, self._buffer = printing.load_pdf(pdf, self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setDocument(self.document)
        self.view.setStyleSheet("background: #8a8a8a;")
        self.pages_label = QLabel(self.tr("Pages: {count}").format(
            count=QLocale().toString(self.page_count)))
        self.pages_label.setObjectName("page_count")
        self.status = QLabel("" if printable else self.tr("Preview only: nothing is printed "
                                                           "or counted from here."))
        self.status.setObjectName("status")
        self.print_button = self._button(self.tr("Print…"), QKeySequence.StandardKey.Print,
                                         self.print_document, "print")
        self.save_button = self._button(self.tr("Save as PDF…"), QKeySequence.StandardKey.Save,
                                        self.save_document, "save")
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.reject)  # Esc closes too (QDialog)
        self.close_button.setAutoDefault(False)
        self.printable = printable
        self.print_button.setVisible(printable)
        self.save_button.setVisible(printable)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pages_label)
        buttons.addSpacing(12)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.print_button.setFocus()

    def _button(self, text: str, key: QKeySequence.StandardKey, slot, name: str) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text)
        button.setObjectName(name)
        button.setShortcut(QKeySequence(key))
        button.setToolTip(QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText))
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    # --- print --------------------------------------------------------------------------
    def print_document(self) -> None:
        if self._printing is not None or not self.printable:
            return  # already printing, or a look only
        printer = modals.choose_printer(self)
        if printer is None:
            return
        if self._runner is None:
            self._printed(printing.print_pdf(self.pdf, printer))
            return
        pdf = self.pdf
        self.print_button.setEnabled(False)
        self._printing = self._runner.run_with_progress(
            lambda task: printing.print_pdf(pdf, printer, progress=task.report,
                                            cancelled=lambda: task.cancelled),
            label=self.tr("Printing…"), parent=self, on_success=self._printed,
            on_failure=self._print_failed, keep_cancelled_outcome=True)

    def _printed(self, pages: int) -> None:
        task, self._printing = self._printing, None
        self.print_button.setEnabled(True)
        if pages == 0 and task is not None and task.cancelled:  # stopped before the end
            self.status.setText(self.tr("Printing cancelled: nothing was sent to the printer."))
            return
        self.status.setText(self.tr("Sent {count} pages to the printer.").format(
            count=QLocale().toString(pages)))
        self.printed.emit()

    def _print_failed(self, error: BaseException) -> None:
        self._printing = None
        self.print_button.setEnabled(True)
        modals.show_failure(self, error)

    # --- save ---------------------------------------------------------------------------
    def save_document(self) -> None:
        if not self.printable:
            return
        path = modals.choose_save_path(self, self.tr("Save as PDF"), self.suggested_name, PDF_FILTER)
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(".pdf")
        try:
            path.write_bytes(self.pdf)
        except OSError as error:
            modals.show_error(self, self.tr("The file could not be saved: {reason}").format(
                reason=error.strerror or str(error)))
            return
        self.status.setText(self.tr("Saved as {name}.").format(name=path.name))
        self.printed.emit()
