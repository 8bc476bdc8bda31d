"""How stored codes (roles, statuses, levels, size classes) read on screen, in either language."""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

ROLES = {
    "clerk": QT_TRANSLATE_NOOP("labels", "Clerk"),
    "reviewer": QT_TRANSLATE_NOOP("labels", "Reviewer"),
    "admin": QT_TRANSLATE_NOOP("labels", "Administrator"),
    "auditor": QT_TRANSLATE_NOOP("labels", "Auditor"),
}
STATUSES = {
    "active": QT_TRANSLATE_NOOP("labels", "Active"),
    "moved_out": QT_TRANSLATE_NOOP("labels", "Moved out"),
    "deregistered": QT_TRANSLATE_NOOP("labels", "Deregistered"),
}
GIANT_LEVELS = {
    "none": QT_TRANSLATE_NOOP("labels", "None"),
    "municipal": QT_TRANSLATE_NOOP("labels", "Municipal specialised (专精特新)"),
    "national": QT_TRANSLATE_NOOP("labels", "National little giant (小巨人)"),
}
SIZE_CLASSES = {
    "large": QT_TRANSLATE_NOOP("labels", "Large"),
    "medium": QT_TRANSLATE_NOOP("labels", "Medium"),
    "small": QT_TRANSLATE_NOOP("labels", "Small"),
    "micro": QT_TRANSLATE_NOOP("labels", "Micro"),
    "unknown": QT_TRANSLATE_NOOP("labels", "Not determined"),
}
USCC_CHECKS = {
    "ok": QT_TRANSLATE_NOOP("labels", "Valid"),
    "unconfirmed": QT_TRANSLATE_NOOP("labels", "Check failed: awaiting a reviewer"),
    "confirmed": QT_TRANSLATE_NOOP("labels", "Check failed: confirmed by a reviewer"),
}


# words several panes and dialogs say: one source text, so one translation everywhere
COMMON = {
    "any_status": QT_TRANSLATE_NOOP("labels", "Any status"),  # every pane's status filter
    "full_name": QT_TRANSLATE_NOOP("labels", "Full name"),  # a staff member's, list and dialog
}


def label(table: dict[str, str], code: str) -> str:
    return QCoreApplication.translate("labels", table.get(code, code))


def is_chinese() -> bool:
    """True when the program speaks Chinese (reference data then shows its Chinese names)."""
    return QCoreApplication.translate("labels", "English") != "English"


# lupdate: the marker above, translated as 中文 in zh_CN
_LANGUAGE_MARKER = QT_TRANSLATE_NOOP("labels", "English")


# certificates: their kinds and statuses
CERTIFICATE_KINDS = {
    "tenancy": QT_TRANSLATE_NOOP("certificates", "Tenancy confirmation"),
    "subsidy": QT_TRANSLATE_NOOP("certificates", "Subsidy confirmation"),
    "little_giant": QT_TRANSLATE_NOOP("certificates", "Little-giant award certificate"),
    "loan_guarantee": QT_TRANSLATE_NOOP("certificates", "Loan guarantee recommendation letter"),
}
CERTIFICATE_STATUSES = {
    "valid": QT_TRANSLATE_NOOP("certificates", "Valid"),
    "revoked": QT_TRANSLATE_NOOP("certificates", "Revoked"),
}


def certificate_label(table: dict[str, str], code: str) -> str:
    return QCoreApplication.translate("certificates", table.get(code, code))
