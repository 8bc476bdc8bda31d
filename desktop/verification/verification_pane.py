"""The Verification pane: scan a certificate's QR code (a USB scanner types the code and Enter),
paste it, or type a serial; the verdict shows large and coloured, with what the signature
certifies below it. The input is selected after each check, so the next scan replaces it.

`VerdictView` is also what the certificates pane shows for Verify."""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.money import format_fen
from db.queries.verification import Verdict, verify_code
from desktop.context import AppContext
from desktop.verification.public_keys_dialog import PublicKeysDialog
from desktop.widgets.labels import CERTIFICATE_KINDS as KINDS
from desktop.widgets.labels import certificate_label
from desktop.widgets.money_labels import LEVELS, money_label

GREEN, RED, ORANGE, GREY = ("#2e7d32", "#e8f5e9"), ("#c62828", "#ffebee"), ("#e65100", "#fff3e0"), \
    ("#555555", "#eeeeee")
HEADLINES = {
    "valid": (QT_TRANSLATE_NOOP("verification", "Valid"), GREEN),
    "revoked": (QT_TRANSLATE_NOOP("verification", "Revoked"), RED),
    "forged": (QT_TRANSLATE_NOOP("verification", "Forged: signed with this office's key, but never "
                                                 "issued here"), RED),
    "tampered": (QT_TRANSLATE_NOOP("verification", "Content altered or signature does not match"),
                 RED),
    "unknown_key": (QT_TRANSLATE_NOOP(
        "verification", "Signing key unknown: possibly issued by another service centre; "
                        "import its public key"), ORANGE),
    "not_found": (QT_TRANSLATE_NOOP("verification", "No certificate with this serial"), ORANGE),
    "unreadable": (QT_TRANSLATE_NOOP("verification", "Not a certificate code or serial"), GREY),
}


def facts_text(kind: str, facts: dict) -> str:
    """The kind-specific facts a certificate certifies, in one line."""
    translate = QCoreApplication.translate
    if kind == "subsidy":
        return translate("verification", "Months {first} to {last}").format(
            first=facts.get("period_from", ""), last=facts.get("period_to", ""))
    if kind == "tenancy":
        return translate("verification", "Unit {unit}, {area} m², since {since}").format(
            unit=facts.get("unit", ""), area=facts.get("area_m2", ""), since=facts.get("since", ""))
    if kind == "little_giant":
        return translate("verification", "{level}, recognised on {day}, {document}").format(
            level=money_label(LEVELS, facts.get("level", "")), day=facts.get("recognised_on", ""),
            document=facts.get("document_no", ""))
    if kind == "loan_guarantee":
        loan = facts.get("loan_fen", "")
        return translate("verification", "{bank}, loan {loan}, {months} months").format(
            bank=facts.get("bank", ""), loan=format_fen(int(loan), symbol=True) if loan.isdigit()
            else loan, months=facts.get("term_months", ""))
    return ""


def shown_values(fields: dict) -> dict[str, str]:
    """A code's fields as the verdict shows them (kind, amount and facts in words)."""
    kind = fields.get("kind", "") if isinstance(fields.get("kind"), str) else ""
    amount = fields.get("amount")
    facts = fields.get("facts") if isinstance(fields.get("facts"), dict) else {}
    facts = {str(name): str(value) for name, value in facts.items()}  # an altered code's may not be
    return {"serial": str(fields.get("serial", "")),
            "kind": certificate_label(KINDS, kind) if kind else "",
            "firm": str(fields.get("firm", "")), "uscc": str(fields.get("uscc", "")),
            "amount": format_fen(amount, symbol=True) if type(amount) is int else "",
            "covers": facts_text(kind, facts),
            "issued": str(fields.get("issued", "")), "issuer": str(fields.get("issuer", ""))}


class VerdictView(QWidget):
    """A verdict: the headline (large, coloured), what follows from it, the certified fields."""

    def __init__(self, parent: QWidget | None = None, *, zone_scoped: bool = False) -> None:
        super().__init__(parent)
        self.outcome = ""
        self.zone_scoped = zone_scoped  # the person sees only their zones' certificates by serial
        self.headline = QLabel()
        self.headline.setObjectName("verdict")
        self.headline.setWordWrap(True)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QLabel()
        self.detail.setObjectName("verdict_detail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setStyleSheet("font-size: 16px;")
        rows = (("serial", self.tr("Serial")), ("kind", self.tr("Kind")),
                ("firm", self.tr("Firm")), ("uscc", self.tr("Credit code")),
                ("amount", self.tr("Amount")), ("covers", self.tr("Covers")),
                ("issued", self.tr("Issued on")), ("issuer", self.tr("Issued by")),
                ("office", self.tr("Key held by")))
        self.form, self.fields = self._rows(rows, "field")
        # a code that is not valid: what it claims, never shown as certified
        self.claimed_title = QLabel(self.tr("What this code claims (not verified: do not rely on it)"))
        self.claimed_title.setObjectName("claimed_title")
        self.claimed_title.setWordWrap(True)
        self.claimed_title.setStyleSheet(f"color: {RED[0]}; font-weight: bold; font-size: 15px;")
        self.claimed_form, self.claimed = self._rows(rows[:-1], "claimed")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addSpacing(8)
        layout.addLayout(self.form)
        layout.addWidget(self.claimed_title)
        layout.addLayout(self.claimed_form)
        self.clear()

    def _rows(self, rows: tuple, prefix: str) -> tuple[QFormLayout, dict[str, QLabel]]:
        form, values = QFormLayout(), {}
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for name, text in rows:
            value = QLabel()
            value.setObjectName(f"{prefix}_{name}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            values[name] = value
            form.addRow(text, value)
        return form, values

    def clear(self) -> None:
        self.outcome = ""
        self.headline.clear()
        self.headline.setStyleSheet("")
        self.detail.clear()
        self.claimed_title.hide()
        for form, values in ((self.form, self.fields), (self.claimed_form, self.claimed)):
            for value in values.values():
                value.clear()
                value.setToolTip("")
                form.setRowVisible(value, False)

    def show_verdict(self, verdict: Verdict) -> None:
        self.clear()
        self.outcome = verdict.outcome
        text, (colour, background) = HEADLINES.get(verdict.outcome, HEADLINES["unreadable"])
        self.headline.setText(QCoreApplication.translate("verification", text))
        self.headline.setStyleSheet(f"font-size: 30px; font-weight: bold; color: {colour};"
                                    f" background: {background}; border: 2px solid {colour};"
                                    " border-radius: 6px; padding: 14px;")
        self.detail.setText(self._detail(verdict))
        values = shown_values(verdict.fields) | {"office": verdict.office}
        values["serial"] = values["serial"] or verdict.serial
        for name, value in values.items():
            self.fields[name].setText(value)
            self.form.setRowVisible(self.fields[name], bool(value))  # only what is certified
        if verdict.claimed:
            self._show_claims(verdict)

    def _show_claims(self, verdict: Verdict) -> None:
        """What the code says, in grey; what differs from what was issued here, in red with the
        issued value beside it."""
        self.form.setRowVisible(self.fields["serial"], False)  # the serial is a claim too
        self.claimed_title.show()
        issued = shown_values(verdict.issued) if verdict.issued else {}
        for name, value in shown_values(verdict.claimed).items():
            label = self.claimed[name]
            altered = bool(issued) and value != issued.get(name, "")
            label.setText(self.tr("{claimed}   (issued here as: {issued})").format(
                claimed=value or "—", issued=issued.get(name) or "—") if altered else value)
            label.setStyleSheet(f"color: {RED[0]}; font-weight: bold;" if altered
                                else "color: #777777; font-style: italic;")
            self.claimed_form.setRowVisible(label, bool(value) or altered)

    def _detail(self, verdict: Verdict) -> str:
        if verdict.other_zone:
            return self._other_zone(verdict)
        if verdict.outcome == "revoked":
            if verdict.revoked_on is not None:
                return self.tr("Revoked on {day}: {reason}").format(
                    day=verdict.revoked_on.isoformat(), reason=verdict.revoked_reason)
            return self.tr("Revoked: {reason}").format(reason=verdict.revoked_reason)
        if verdict.outcome == "valid" and not verdict.in_this_database:
            return self.tr("Signed by {office}. Whether it was revoked since is known only "
                           "there.").format(office=verdict.office)
        if verdict.outcome == "valid":
            return self.tr("Issued on this database, signature verified, not revoked.")
        if verdict.outcome == "tampered":
            return self.tr("Do not accept this certificate: what it says is not what was signed.")
        if verdict.outcome == "forged":
            return self.tr("Do not accept this certificate, and tell an administrator: it carries "
                           "this office's signature, but this database never issued {serial} with "
                           "this content. Someone signed it outside this database, with a copy of "
                           "the file or of its key.").format(serial=verdict.serial)
        if verdict.outcome == "not_found" and self.zone_scoped:
            return self.tr("There is none in the zones you cover. A certificate of another zone "
                           "can be checked by scanning its QR code.")
        return ""

    def _other_zone(self, verdict: Verdict) -> str:
        if verdict.outcome == "revoked":
            return self.tr("This certificate of a zone you do not cover was revoked. Only what "
                           "its code holds is shown; its zone's staff see the reason.")
        return self.tr("Issued on this database, signature verified, not revoked. It belongs to "
                       "a zone you do not cover: only what its code holds is shown.")


class VerdictDialog(QDialog):
    """One verdict in a small window (Verify in the certificates pane)."""

    def __init__(self, verdict: Verdict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Verification of {serial}").format(serial=verdict.serial))
        self.setMinimumWidth(560)
        self.view = VerdictView(self)
        self.view.show_verdict(verdict)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)


class VerificationPane(QWidget):
    verified = Signal(object)  # the Verdict shown

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.verdict: Verdict | None = None
        self.keys_dialog: PublicKeysDialog | None = None
        self._asked = 0  # only the answer to the newest check is shown
        title = QLabel(self.tr("Verify a certificate"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        hint = QLabel(self.tr("Scan the QR code on the certificate, paste its code or type its "
                              "serial (like Z01-2026-000001), then press Enter."))
        hint.setWordWrap(True)
        zone_scoped = not context.actor.all_zones
        self.scope_note = QLabel(self.tr(
            "A scanned code carries its own content, so any certificate can be checked by "
            "scanning it, whatever its zone. A typed serial finds only the certificates of the "
            "zones you cover."))
        self.scope_note.setObjectName("scope_note")
        self.scope_note.setWordWrap(True)
        self.scope_note.setVisible(zone_scoped)
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setClearButtonEnabled(True)
        self.code.setPlaceholderText(self.tr("QR code or serial"))
        self.code.setStyleSheet("font-size: 20px; padding: 6px;")
        self.verify_button = QPushButton(self.tr("Verify"))
        self.verify_button.setObjectName("verify")
        self.keys_button = QPushButton(self.tr("Public keys…"))
        self.keys_button.setObjectName("keys")
        self.view = VerdictView(self, zone_scoped=zone_scoped)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.keys_button)
        line = QHBoxLayout()
        line.addWidget(self.code, 1)
        line.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.scope_note)
        layout.addLayout(line)
        layout.addSpacing(12)
        layout.addWidget(self.view)
        layout.addStretch(1)
        self.code.returnPressed.connect(self.verify)
        self.verify_button.clicked.connect(self.verify)
        self.keys_button.clicked.connect(self.open_keys)
        self.setFocusProxy(self.code)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)  # ready for the scanner
        self.code.selectAll()

    def verify(self) -> None:
        typed = self.code.text().strip()
        self.code.selectAll()  # the next scan replaces it
        if not typed:
            return
        self._asked += 1
        asked, db, actor = self._asked, self.context.db, self.context.actor
        self.context.runner.run(lambda _task: verify_code(db, actor=actor, text=typed),
                                on_success=lambda verdict: self._answered(asked, verdict),
                                parent=self)

    def _answered(self, asked: int, verdict: Verdict) -> None:
        if asked != self._asked:
            return  # a newer scan is on its way
        self.verdict = verdict
        self.view.show_verdict(verdict)
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)
        self.code.selectAll()
        self.verified.emit(verdict)

    def open_keys(self) -> None:
        if self.keys_dialog is None:
            self.keys_dialog = PublicKeysDialog(self.context, parent=self)
            self.keys_dialog.finished.connect(self._keys_closed)
        self.keys_dialog.open()

    def _keys_closed(self) -> None:
        if self.keys_dialog is not None:
            self.keys_dialog.deleteLater()
            self.keys_dialog = None
