"""Marks staff-facing texts of db/ for translation without importing Qt.

`pyside6-lupdate` finds `QT_TRANSLATE_NOOP("db", "...")` by its name and puts the text into
resources/i18n/*.ts; the desktop translates it with QCoreApplication.translate("db", text).
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate knows)
    return text


class Term(str):
    """A value put into a message that is itself a word to translate (a category, a status):
    ZoneDeskError.message() translates it with the template."""


CATEGORY_TERMS = {
    "land": Term(QT_TRANSLATE_NOOP("db", "land")),
    "electricity": Term(QT_TRANSLATE_NOOP("db", "electricity")),
    "water": Term(QT_TRANSLATE_NOOP("db", "water")),
    "internet": Term(QT_TRANSLATE_NOOP("db", "Internet")),
    "little_giant": Term(QT_TRANSLATE_NOOP("db", "little-giant awards")),
}
STATUS_TERMS = {
    "draft": Term(QT_TRANSLATE_NOOP("db", "draft")),
    "submitted": Term(QT_TRANSLATE_NOOP("db", "submitted")),
    "approved": Term(QT_TRANSLATE_NOOP("db", "approved")),
    "rejected": Term(QT_TRANSLATE_NOOP("db", "rejected")),
}


def category_term(code: str) -> str:
    return CATEGORY_TERMS.get(code, code)


def status_term(code: str) -> str:
    return STATUS_TERMS.get(code, code)
