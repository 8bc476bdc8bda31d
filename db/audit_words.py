"""What an audit event says, in words: its action, the record it is about and, field by field,
what changed from what to what ("Employees: 10 → 12").

Texts are English sources marked for the "db" context; the desktop translates them
(desktop/audit/audit_words.py). Values are made readable here without a language: money in
yuan with two decimals, areas in m², quantities and rates with their decimals; codes (a status,
a role) stay codes for the desktop to name. A password is never shown, only that it changed.
"""

import json
from dataclasses import dataclass

from db.translatable import QT_TRANSLATE_NOOP

ACTIONS: dict[str, str] = {
    "enterprise.register": QT_TRANSLATE_NOOP("db", "Firm registered"),
    "enterprise.edit": QT_TRANSLATE_NOOP("db", "Firm details changed"),
    "enterprise.move": QT_TRANSLATE_NOOP("db", "Firm moved to another zone"),
    "enterprise.confirm_uscc": QT_TRANSLATE_NOOP("db", "Credit code confirmed"),
    "enterprise.recognise": QT_TRANSLATE_NOOP("db", "Little-giant level recorded"),
    "tenancy.open": QT_TRANSLATE_NOOP("db", "Tenancy opened"),
    "tenancy.close": QT_TRANSLATE_NOOP("db", "Tenancy closed"),
    "entry.draft": QT_TRANSLATE_NOOP("db", "Bill saved as draft"),
    "entry.edit_draft": QT_TRANSLATE_NOOP("db", "Draft bill changed"),
    "entry.submit": QT_TRANSLATE_NOOP("db", "Bill submitted"),
    "entry.delete_draft": QT_TRANSLATE_NOOP("db", "Draft bill deleted"),
    "entry.reverse": QT_TRANSLATE_NOOP("db", "Reversal of an entry entered"),
    "entry.reversed": QT_TRANSLATE_NOOP("db", "Entry reversed"),
    "entry.approve": QT_TRANSLATE_NOOP("db", "Entry approved"),
    "entry.reject": QT_TRANSLATE_NOOP("db", "Entry sent back"),
    "entry.demo_load": QT_TRANSLATE_NOOP("db", "Entry loaded (demo)"),
    "award.record": QT_TRANSLATE_NOOP("db", "Award recorded"),
    "award.submit": QT_TRANSLATE_NOOP("db", "Award submitted"),
    "award.reverse": QT_TRANSLATE_NOOP("db", "Reversal of an award entered"),
    "award.reversed": QT_TRANSLATE_NOOP("db", "Award reversed"),
    "award.approve": QT_TRANSLATE_NOOP("db", "Award approved"),
    "award.reject": QT_TRANSLATE_NOOP("db", "Award sent back"),
    "award.demo_load": QT_TRANSLATE_NOOP("db", "Award loaded (demo)"),
    "certificate.issue": QT_TRANSLATE_NOOP("db", "Certificate issued"),
    "certificate.reprint": QT_TRANSLATE_NOOP("db", "Certificate reprinted"),
    "certificate.revoke": QT_TRANSLATE_NOOP("db", "Certificate revoked"),
    "policy.rate": QT_TRANSLATE_NOOP("db", "Subsidy rate set"),
    "policy.budget": QT_TRANSLATE_NOOP("db", "Budget set"),
    "policy.setting": QT_TRANSLATE_NOOP("db", "Programme limit set"),
    "policy.award_rate": QT_TRANSLATE_NOOP("db", "Award amount set"),
    "period.close": QT_TRANSLATE_NOOP("db", "Month closed"),
    "period.reopen": QT_TRANSLATE_NOOP("db", "Month reopened"),
    "zone.edit": QT_TRANSLATE_NOOP("db", "Zone changed"),
    "staff.create_first_admin": QT_TRANSLATE_NOOP("db", "First administrator created"),
    "staff.create": QT_TRANSLATE_NOOP("db", "Account created"),
    "staff.edit": QT_TRANSLATE_NOOP("db", "Account changed"),
    "staff.activate": QT_TRANSLATE_NOOP("db", "Account activated"),
    "staff.deactivate": QT_TRANSLATE_NOOP("db", "Account deactivated"),
    "staff.unlock": QT_TRANSLATE_NOOP("db", "Account unlocked"),
    "staff.reset_password": QT_TRANSLATE_NOOP("db", "Password reset"),
    "staff.log_in": QT_TRANSLATE_NOOP("db", "Logged in"),
    "staff.log_in_failed": QT_TRANSLATE_NOOP("db", "Log-in failed"),
    "staff.locked": QT_TRANSLATE_NOOP("db", "Account locked"),
    "staff.change_password": QT_TRANSLATE_NOOP("db", "Own password changed"),
    "staff.change_password_failed": QT_TRANSLATE_NOOP("db", "Password change failed"),
    "key.register": QT_TRANSLATE_NOOP("db", "Signing key made"),
    "key.replace": QT_TRANSLATE_NOOP("db", "Signing key replaced"),
    "key.retire": QT_TRANSLATE_NOOP("db", "Signing key retired"),
    "key.name": QT_TRANSLATE_NOOP("db", "Key holder named"),
    "key.import": QT_TRANSLATE_NOOP("db", "Public key imported"),
    "reference.load": QT_TRANSLATE_NOOP("db", "Reference data loaded"),
    "backup.folder": QT_TRANSLATE_NOOP("db", "Backup folder changed"),
    "office.demo_mark": QT_TRANSLATE_NOOP("db", "File marked as demo data (演示数据)"),
    "database.restore": QT_TRANSLATE_NOOP("db", "Backup restored"),
    "audit.statement": QT_TRANSLATE_NOOP("db", "Chain head statement printed"),
    "import.firms": QT_TRANSLATE_NOOP("db", "Firms imported from a file"),
    "import.bills": QT_TRANSLATE_NOOP("db", "Bills imported from a file"),
}

# the record an event is about, when it is not a firm, a zone or an account
ENTITIES: dict[str, str] = {
    "subsidy_entry": QT_TRANSLATE_NOOP("db", "Entry #{id}"),
    "award": QT_TRANSLATE_NOOP("db", "Award #{id}"),
    "certificate": QT_TRANSLATE_NOOP("db", "Certificate #{id}"),
    "tenancy": QT_TRANSLATE_NOOP("db", "Tenancy #{id}"),
    "policy_rate": QT_TRANSLATE_NOOP("db", "Subsidy rate #{id}"),
    "budget": QT_TRANSLATE_NOOP("db", "Budget #{id}"),
    "programme_setting": QT_TRANSLATE_NOOP("db", "Programme limit {id}"),
    "award_rate": QT_TRANSLATE_NOOP("db", "Award amount #{id}"),
    "period": QT_TRANSLATE_NOOP("db", "Month {id}"),
    "signing_key": QT_TRANSLATE_NOOP("db", "Signing key {id}"),
    "reference": QT_TRANSLATE_NOOP("db", "Reference list {id}"),
    "office_setting": QT_TRANSLATE_NOOP("db", "Office setting {id}"),
    "database": QT_TRANSLATE_NOOP("db", "Database file {id}"),
    "audit_anchor": QT_TRANSLATE_NOOP("db", "Audit trail up to event {id}"),
    "staff": QT_TRANSLATE_NOOP("db", "Account #{id}"),
    "zone": QT_TRANSLATE_NOOP("db", "Zone #{id}"),
    "enterprise": QT_TRANSLATE_NOOP("db", "Firm #{id}"),
    "import_file": QT_TRANSLATE_NOOP("db", "Imported file {id}"),
}

FIELDS: dict[str, str] = {
    "value": QT_TRANSLATE_NOOP("db", "Setting"),  # an office setting's value
    "name": QT_TRANSLATE_NOOP("db", "Name"),
    "name_en": QT_TRANSLATE_NOOP("db", "English name"),
    "uscc": QT_TRANSLATE_NOOP("db", "Credit code"),
    "legal_representative": QT_TRANSLATE_NOOP("db", "Legal representative"),
    "registered_capital_fen": QT_TRANSLATE_NOOP("db", "Registered capital (yuan)"),
    "founded_on": QT_TRANSLATE_NOOP("db", "Founded on"),
    "sector_code": QT_TRANSLATE_NOOP("db", "Sector"),
    "industry_code": QT_TRANSLATE_NOOP("db", "Industry"),
    "employees": QT_TRANSLATE_NOOP("db", "Employees"),
    "annual_revenue_fen": QT_TRANSLATE_NOOP("db", "Annual revenue (yuan)"),
    "total_assets_fen": QT_TRANSLATE_NOOP("db", "Total assets (yuan)"),
    "core_tech": QT_TRANSLATE_NOOP("db", "Core technology"),
    "core_tech_note": QT_TRANSLATE_NOOP("db", "Core technology note"),
    "giant_level": QT_TRANSLATE_NOOP("db", "Little-giant level"),
    "giant_recognised_on": QT_TRANSLATE_NOOP("db", "Recognised on"),
    "contact_name": QT_TRANSLATE_NOOP("db", "Contact"),
    "contact_phone": QT_TRANSLATE_NOOP("db", "Phone"),
    "contact_email": QT_TRANSLATE_NOOP("db", "Email"),
    "zone_id": QT_TRANSLATE_NOOP("db", "Zone"),
    "size_class": QT_TRANSLATE_NOOP("db", "Size"),
    "status": QT_TRANSLATE_NOOP("db", "Status"),
    "uscc_check": QT_TRANSLATE_NOOP("db", "Credit code check"),
    "unit": QT_TRANSLATE_NOOP("db", "Unit"),
    "floor_area_dm2": QT_TRANSLATE_NOOP("db", "Floor area (m²)"),
    "start_on": QT_TRANSLATE_NOOP("db", "From"),
    "end_on": QT_TRANSLATE_NOOP("db", "Until"),
    "category": QT_TRANSLATE_NOOP("db", "Category"),
    "period": QT_TRANSLATE_NOOP("db", "Month"),
    "quantity_x100": QT_TRANSLATE_NOOP("db", "Quantity"),
    "billed_fen": QT_TRANSLATE_NOOP("db", "Billed (yuan)"),
    "subsidy_fen": QT_TRANSLATE_NOOP("db", "Subsidy (yuan)"),
    "amount_fen": QT_TRANSLATE_NOOP("db", "Amount (yuan)"),
    "value_fen": QT_TRANSLATE_NOOP("db", "Value (yuan)"),
    "rate_bp": QT_TRANSLATE_NOOP("db", "Rate"),
    "bill_reference": QT_TRANSLATE_NOOP("db", "Bill no."),
    "reason": QT_TRANSLATE_NOOP("db", "Reason"),
    "decision_note": QT_TRANSLATE_NOOP("db", "Reviewer's note"),
    "username": QT_TRANSLATE_NOOP("db", "User name"),
    "display_name": QT_TRANSLATE_NOOP("db", "Full name"),
    "role": QT_TRANSLATE_NOOP("db", "Role"),
    "zone_ids": QT_TRANSLATE_NOOP("db", "Zones"),
    "active": QT_TRANSLATE_NOOP("db", "Active"),
    "failed_attempts": QT_TRANSLATE_NOOP("db", "Failed log-ins"),
    "locked_until": QT_TRANSLATE_NOOP("db", "Locked until"),
    "password_seal": QT_TRANSLATE_NOOP("db", "Password"),
    "print_count": QT_TRANSLATE_NOOP("db", "Prints"),
    "revoked_reason": QT_TRANSLATE_NOOP("db", "Reason for revoking"),
    "office": QT_TRANSLATE_NOOP("db", "Office"),
    "year": QT_TRANSLATE_NOOP("db", "Year"),
    "valid_from": QT_TRANSLATE_NOOP("db", "Valid from"),
    "yearly_cap_fen": QT_TRANSLATE_NOOP("db", "Yearly cap (yuan)"),
    "kind": QT_TRANSLATE_NOOP("db", "Kind"),
    "level": QT_TRANSLATE_NOOP("db", "Level"),
    "recognised_on": QT_TRANSLATE_NOOP("db", "Recognised on"),
    "document_no": QT_TRANSLATE_NOOP("db", "Document no."),
    "bank": QT_TRANSLATE_NOOP("db", "Bank"),
    "loan_fen": QT_TRANSLATE_NOOP("db", "Loan (yuan)"),
    "term_months": QT_TRANSLATE_NOOP("db", "Term (months)"),
    "entered_by": QT_TRANSLATE_NOOP("db", "Entered by (account no.)"),
    "entered_at": QT_TRANSLATE_NOOP("db", "Entered at"),
    "decided_by": QT_TRANSLATE_NOOP("db", "Reviewed by (account no.)"),
    "decided_at": QT_TRANSLATE_NOOP("db", "Reviewed at"),
    "reverses_id": QT_TRANSLATE_NOOP("db", "Reverses entry no."),
    "reversed_by_id": QT_TRANSLATE_NOOP("db", "Reversed by entry no."),
    "rows": QT_TRANSLATE_NOOP("db", "Rows"),
    "serial": QT_TRANSLATE_NOOP("db", "Serial"),
    "key_id": QT_TRANSLATE_NOOP("db", "Key"),
    "issuer": QT_TRANSLATE_NOOP("db", "Issuing office"),
    "retired_at": QT_TRANSLATE_NOOP("db", "Retired at"),
    "retired_by": QT_TRANSLATE_NOOP("db", "Retired by (account no.)"),
    "retired_reason": QT_TRANSLATE_NOOP("db", "Reason for retiring"),
    "period_from": QT_TRANSLATE_NOOP("db", "From month"),
    "period_to": QT_TRANSLATE_NOOP("db", "To month"),
    "issued_by": QT_TRANSLATE_NOOP("db", "Issued by (account no.)"),
    "issued_at": QT_TRANSLATE_NOOP("db", "Issued at"),
    "revoked_by": QT_TRANSLATE_NOOP("db", "Revoked by (account no.)"),
    "revoked_at": QT_TRANSLATE_NOOP("db", "Revoked at"),
    "batch": QT_TRANSLATE_NOOP("db", "Batch"),
    "seq": QT_TRANSLATE_NOOP("db", "Number in the year"),
    "award_id": QT_TRANSLATE_NOOP("db", "Award no."),
    "tenancy_id": QT_TRANSLATE_NOOP("db", "Tenancy no."),
    "added_by": QT_TRANSLATE_NOOP("db", "Added by (account no.)"),
    "database_id": QT_TRANSLATE_NOOP("db", "Database"),
    "own": QT_TRANSLATE_NOOP("db", "This database's own key"),
    "closed": QT_TRANSLATE_NOOP("db", "Closed"),
    # an import's batch event (db/importing/running.py): the file, and its rows by verdict
    "file": QT_TRANSLATE_NOOP("db", "File"),
    "sha256": QT_TRANSLATE_NOOP("db", "SHA-256 of the file"),
    "sheet": QT_TRANSLATE_NOOP("db", "Sheet"),
    "events": QT_TRANSLATE_NOOP("db", "Changes recorded"),
    "create": QT_TRANSLATE_NOOP("db", "New rows"),
    "update": QT_TRANSLATE_NOOP("db", "Updated rows"),
    "unchanged": QT_TRANSLATE_NOOP("db", "Unchanged rows"),
    "kept": QT_TRANSLATE_NOOP("db", "Rows kept as they were"),
}
# never shown: bookkeeping, or what only proves something else (a digest, a seal's salt)
HIDDEN = frozenset({"version", "id", "created_at", "updated_at", "spelled", "payload_sha256",
                    "enterprise_id"})  # the firm is the event's subject, named beside it
SECRET = frozenset({"password_seal"})  # shown only as "changed"
CHANGED = QT_TRANSLATE_NOOP("db", "changed")
EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    """One field of an event: its name (a key of FIELDS, or the stored name), what it held
    before (None: the record was made by this event) and after (None: it was deleted)."""

    field: str
    old: object
    new: object
    created: bool = False  # the record did not exist before


def readable(name: str, value: object) -> object:
    """A stored value as people read it: money in yuan, areas in m², quantities and rates with
    their decimals, lists joined; booleans and None stay as they are, codes stay codes."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int) and (name.endswith(("_fen", "_x100", "_dm2"))):
        whole, rest = divmod(abs(value), 100)
        return f"{'-' if value < 0 else ''}{whole:,}.{rest:02d}"
    if isinstance(value, int) and name.endswith("_bp"):
        whole, rest = divmod(abs(value), 100)  # basis points: exact, never a float
        return f"{'-' if value < 0 else ''}{whole}.{rest:02d}%"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _values(raw: str | None) -> dict | None:
    try:
        values = json.loads(raw) if raw else None
    except ValueError:
        return None
    return values if isinstance(values, dict) else None


def changes(before_json: str | None, after_json: str | None) -> tuple[FieldChange, ...]:
    """The fields an event changed, old → new, in the order its record lists them."""
    before, after = _values(before_json), _values(after_json)
    created = before is None and after is not None
    old, new = before or {}, after or {}
    names = list(new) + [n for n in old if n not in new]
    found = []
    for name in names:
        if name in HIDDEN or old.get(name) == new.get(name):
            continue
        if created and new.get(name) in (None, "", []):
            continue
        if name in SECRET:
            found.append(FieldChange(name, None, CHANGED, created))
        else:
            found.append(FieldChange(name, readable(name, old.get(name)),
                                     readable(name, new.get(name)), created))
    return tuple(found)


def plain_text(found: tuple[FieldChange, ...]) -> str:
    """The changes in English, one a line (the words the desktop translates are the same)."""
    def say(value: object) -> str:
        if value is None or value == "":
            return EMPTY
        return ("yes" if value else "no") if isinstance(value, bool) else str(value)
    return "\n".join(f"{FIELDS.get(c.field, c.field)}: {say(c.new)}" if c.created
                     else f"{FIELDS.get(c.field, c.field)}: {say(c.old)} → {say(c.new)}"
                     for c in found)
