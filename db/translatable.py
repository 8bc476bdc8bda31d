"""Marks staff-facing texts of db/ for translation without importing Qt.

`pyside6-lupdate` finds `QT_TRANSLATE_NOOP("db", "...")` by its name and puts the text into
resources/i18n/*.ts; the desktop translates it with QCoreApplication.translate("db", text).
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate knows)
    return text
