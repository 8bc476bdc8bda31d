"""An audit event in the program's language: its action, the record it is about and its changes
("Employees: 10 → 12"), from db/audit_words.py's English ("db" context) and the labels the
panes show for codes (a status, a role, a level). Used by the pane and by its export
(desktop/widgets/list_export.py `WORDS`)."""

from PySide6.QtCore import QCoreApplication

from db.audit_words import ACTIONS, EMPTY, ENTITIES, FIELDS, FieldChange
from desktop.widgets.labels import GIANT_LEVELS, ROLES, SIZE_CLASSES, STATUSES, USCC_CHECKS, label
from desktop.widgets.money_labels import CATEGORIES, money_label
from desktop.widgets.money_labels import STATUSES as MONEY_STATUSES

ZONE_NAMES: dict[int, str] = {}  # zone id → "Z01 黄浦园区", filled by the pane once it has the zones


def _db(text: str) -> str:
    return QCoreApplication.translate("db", text)


def action_text(code: object) -> str:
    code = str.__str__(code) if isinstance(code, str) else str(code)
    return _db(ACTIONS[code]) if code in ACTIONS else code


def subject_text(subject: object) -> str:
    """A Subject (db/export/audit_source.py): a name as it is, a kind and number translated."""
    kind = getattr(subject, "kind", "")
    if kind:
        return _db(kind).format(id=subject.number)
    return str.__str__(subject) if isinstance(subject, str) else str(subject)


def field_text(name: str) -> str:
    return _db(FIELDS[name]) if name in FIELDS else name


_CODED = {"role": lambda c: label(ROLES, c), "giant_level": lambda c: label(GIANT_LEVELS, c),
          "size_class": lambda c: label(SIZE_CLASSES, c), "uscc_check": lambda c: label(USCC_CHECKS, c),
          "category": lambda c: money_label(CATEGORIES, c)}


def value_text(name: str, value: object, entity_type: str = "") -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return QCoreApplication.translate("AuditPane", "Yes") if value else \
            QCoreApplication.translate("AuditPane", "No")
    if name == "password_seal":
        return _db(str(value))
    if name == "status":
        if entity_type == "enterprise" and value in STATUSES:
            return label(STATUSES, value)
        if value in MONEY_STATUSES:
            return money_label(MONEY_STATUSES, value)
    if name in _CODED:
        return _CODED[name](value)
    if name == "zone_id" and value in ZONE_NAMES:
        return ZONE_NAMES[value]
    return str(value)


def change_line(change: FieldChange, entity_type: str = "") -> str:
    new = value_text(change.field, change.new, entity_type)
    if change.created:
        return QCoreApplication.translate("AuditPane", "{field}: {new}").format(
            field=field_text(change.field), new=new)
    return QCoreApplication.translate("AuditPane", "{field}: {old} → {new}").format(
        field=field_text(change.field), old=value_text(change.field, change.old, entity_type), new=new)


def changes_text(changes: tuple[FieldChange, ...], entity_type: str = "", *, lines: bool = True) -> str:
    return ("\n" if lines else "; ").join(change_line(c, entity_type) for c in changes)


def entity_words(entity_type: str) -> str:
    return _db(ENTITIES.get(entity_type, entity_type + " {id}"))


def verdict_text(words: tuple[str, tuple]) -> str:
    """A verdict's words from db/audit.py (a template marked in context "db" and its values)."""
    template, values = words
    return _db(template).format(**dict(values))
