"""The import's preview says the encoding a CSV was read in in the program's language (found
reviewing issue 10: "UTF-8 with BOM" stayed English in the Chinese window)."""

from PySide6.QtCore import QCoreApplication, QTranslator

from db.importing.verdicts import ImportReport
from desktop.importing.import_preview import ImportPreview


class _Chinese(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ANN201
        if (context, source) == ("db", "UTF-8 with BOM"):
            return "带 BOM 的 UTF-8"
        return None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False


def test_the_encoding_of_a_csv_is_named_in_the_program_s_language(qtbot) -> None:  # noqa: ANN001
    preview = ImportPreview()
    qtbot.addWidget(preview)
    translator = _Chinese()
    QCoreApplication.installTranslator(translator)
    try:
        preview.show_report(ImportReport("firms", "firms.csv", "0" * 64, "UTF-8 with BOM", (), (),
                                         (), []))
    finally:
        QCoreApplication.removeTranslator(translator)
    assert "带 BOM 的 UTF-8" in preview.summary.text()
