"""The Verification pane on a real temp database: every verdict, shown large with what the
signature certifies; a scanner's Enter verifies and the next scan replaces the text; public keys
exported and imported (administrators only), after which another office's certificate verifies."""

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt

from db.certificates import code as certificate_code
from db.certificates.signing import OfficeKey, key_id_of
from db.services.certificates import revoke
from db.services.keys import public_key_text
from db.services.own_key import office_key
from desktop import modals
from desktop.verification.verification_pane import VerificationPane
from tests.certificate_data import issue_subsidy


@pytest.fixture
def open_pane(show_pane):  # noqa: ANN001, ANN201
    return lambda actor: show_pane(VerificationPane, actor, (900, 700))


def verify(qtbot, pane: VerificationPane, text: str) -> str:  # noqa: ANN001
    """Types as a USB scanner does: the text, then Enter."""
    pane.code.setFocus()
    pane.code.setText(text)
    with qtbot.waitSignal(pane.verified, timeout=5000):
        qtbot.keyClick(pane.code, Qt.Key.Key_Return)
    return pane.view.outcome


def other_office() -> OfficeKey:
    private = Ed25519PrivateKey.generate()
    raw = private.public_key().public_bytes_raw()
    return OfficeKey(private, raw, key_id_of(raw), "嘉定区企业服务中心")


def signed_elsewhere(key: OfficeKey) -> str:
    """A code as another office's program prints it."""
    payload = certificate_code.canonical({
        "v": certificate_code.FORMAT_VERSION, "key": key.key_id, "serial": "Z09-2026-000042",
        "kind": "tenancy", "uscc": "91310114MA1GT35K2X", "firm": "上海嘉定精工有限公司",
        "issuer": "嘉定工业区企业服务中心", "issued": "2026-11-02", "amount": None,
        "facts": {"unit": "D栋5层", "since": "2025-03-01", "area_m2": "860.00"}})
    return certificate_code.encode(payload, key.sign(payload))


def test_valid_then_revoked_with_the_reason(qtbot, db, people, book, open_pane):
    issued = issue_subsidy(db, people, book)
    pane = open_pane(people.clerk)
    assert verify(qtbot, pane, issued.printed.qr_text) == "valid"
    view = pane.view
    assert view.headline.text() == "Valid"
    assert view.detail.text() == "Issued on this database, signature verified, not revoked."
    assert {name: label.text() for name, label in view.fields.items()} == {
        "serial": issued.serial, "kind": "Subsidy confirmation", "firm": "上海星河智能科技有限公司",
        "uscc": issued.printed.uscc, "amount": "¥1,500.00", "covers": "Months 2026-01 to 2026-10",
        "issued": issued.printed.issued_on.isoformat(), "issuer": issued.printed.issuer,
        "office": view.fields["office"].text()}
    assert view.fields["office"].text() != ""
    assert "#2e7d32" in view.headline.styleSheet()  # green
    assert pane.code.selectedText() == issued.printed.qr_text  # the next scan replaces it

    revoke(db, actor=people.reviewer, certificate_id=issued.certificate_id, reason="重复开具")
    assert verify(qtbot, pane, issued.printed.qr_text) == "revoked"
    assert view.headline.text() == "Revoked"
    assert view.detail.text().endswith(": 重复开具")
    assert "#c62828" in view.headline.styleSheet()  # red
    assert verify(qtbot, pane, issued.serial.lower()) == "revoked"  # a serial typed by hand


def test_what_is_not_valid_is_named(qtbot, db, people, book, open_pane):
    issued = issue_subsidy(db, people, book)
    pane = open_pane(people.auditor)
    code = issued.printed.qr_text
    # one character of the signed payload changed, as a damaged or forged print would be
    position = code.index(".") + 30
    flipped = code[:position] + ("Q" if code[position] != "Q" else "R") + code[position + 1:]
    assert verify(qtbot, pane, flipped) == "tampered"
    assert pane.view.headline.text() == "Content altered or signature does not match"
    assert pane.view.fields["firm"].text() == ""
    assert verify(qtbot, pane, "Z01-2026-000099") == "not_found"
    assert pane.view.fields["serial"].text() == "Z01-2026-000099"
    assert verify(qtbot, pane, "hello") == "unreadable"
    assert verify(qtbot, pane, signed_elsewhere(other_office())) == "unknown_key"
    assert pane.view.headline.text() == ("Signing key unknown: possibly issued by another service "
                                         "centre; import its public key")
    pane.code.clear()
    pane.verify()  # nothing typed: nothing asked
    assert pane.view.outcome == "unknown_key"


def test_an_imported_key_makes_another_office_verify(qtbot, monkeypatch, tmp_path, people,
                                                     open_pane, modal_log):
    office = other_office()
    code = signed_elsewhere(office)
    key_file = tmp_path / "jiading.txt"
    key_file.write_text(public_key_text(office.public_raw, office.office), encoding="utf-8")
    clerk = open_pane(people.clerk)
    assert verify(qtbot, clerk, code) == "unknown_key"
    clerk.keys_button.click()
    keys = clerk.keys_dialog
    qtbot.waitUntil(lambda: keys.keys is not None)
    assert not keys.import_button.isVisible() and keys.export_button.isVisible()
    keys.reject()

    admin = open_pane(people.admin)
    admin.keys_button.click()
    keys = admin.keys_dialog
    qtbot.waitUntil(lambda: keys.keys is not None)
    assert keys.import_button.isVisible()
    monkeypatch.setattr(modals, "choose_open_path", lambda _parent, _title, _filter: key_file)
    keys.office.setText("嘉定区企业服务中心（11月寄来）")
    keys.import_button.click()
    qtbot.waitUntil(lambda: keys.tree.topLevelItemCount() == 1 and keys.import_button.isEnabled())
    assert keys.tree.topLevelItem(0).text(0) == "嘉定区企业服务中心（11月寄来）"
    assert keys.tree.topLevelItem(0).text(1) == office.key_id
    assert keys.status.text() == (f"Key {office.key_id} imported: certificates signed with it now "
                                  "verify here.")
    keys.import_button.click()  # twice: refused at the file, nothing changed
    qtbot.waitUntil(lambda: modal_log.errors != [])
    assert modal_log.errors == [f"This key is already trusted (key id {office.key_id})."]
    keys.reject()

    assert verify(qtbot, clerk, code) == "valid"
    assert clerk.view.detail.text() == ("Signed by 嘉定区企业服务中心（11月寄来）. Whether it was "
                                        "revoked since is known only there.")
    assert clerk.view.fields["covers"].text() == "Unit D栋5层, 860.00 m², since 2025-03-01"


def test_export_saves_this_databases_key(qtbot, monkeypatch, tmp_path, db, people, open_pane):
    saved: list[tuple[str, str]] = []

    def choose(_parent, _title, suggested: str, file_filter: str) -> Path:
        saved.append((suggested, file_filter))
        return tmp_path / suggested

    monkeypatch.setattr(modals, "choose_save_path", choose)
    pane = open_pane(people.auditor)
    pane.keys_button.click()
    keys = pane.keys_dialog
    keys.export_button.click()
    qtbot.waitUntil(lambda: saved != [])
    own = office_key(db)
    assert saved == [(f"zonedesk-key-{own.key_id}.txt", "Zone Desk public key (*.txt);;All files (*)")]
    assert (tmp_path / saved[0][0]).read_text(encoding="utf-8") == public_key_text(own.public_raw,
                                                                                   own.office)
    assert keys.status.text().startswith(f"Saved as zonedesk-key-{own.key_id}.txt")
    assert not keys.import_button.isVisible()


def test_a_forgery_with_this_offices_key_is_refused_loudly(qtbot, db, people, book, open_pane):
    issued = issue_subsidy(db, people, book)
    key = office_key(db)
    payload, _ = certificate_code.decode(issued.printed.qr_text)
    data = payload.replace(issued.serial.encode(), b"Z01-2026-000777")
    pane = open_pane(people.reviewer)
    assert verify(qtbot, pane, certificate_code.encode(data, key.sign(data))) == "forged"
    assert pane.view.headline.text() == "Forged: signed with this office's key, but never issued here"
    assert "#c62828" in pane.view.headline.styleSheet()  # red
    assert pane.view.detail.text().startswith("Do not accept this certificate, and tell an "
                                              "administrator")
    assert "Z01-2026-000777" in pane.view.detail.text()
    assert pane.view.fields["firm"].text() == ""  # what it claims is not shown as certified


def test_a_clerk_is_told_that_serials_find_only_their_zones(qtbot, db, people, book, open_pane):
    from db.services.certificates import CertificateRequest, issue_many
    zone2 = issue_many(db, actor=people.clerk2,
                       requests=[CertificateRequest("tenancy", book.firm_d, 2)])[0]
    clerk = open_pane(people.clerk)
    assert clerk.scope_note.isVisible()
    assert clerk.scope_note.text().startswith("A scanned code carries its own content")
    assert verify(qtbot, clerk, zone2.serial) == "not_found"
    assert clerk.view.detail.text() == ("There is none in the zones you cover. A certificate of "
                                        "another zone can be checked by scanning its QR code.")
    assert clerk.view.fields["firm"].text() == ""
    assert verify(qtbot, clerk, zone2.printed.qr_text) == "valid"
    assert clerk.view.detail.text().endswith("It belongs to a zone you do not cover: only what "
                                             "its code holds is shown.")
    assert clerk.view.fields["firm"].text() == zone2.printed.firm_name  # the code holds it

    admin = open_pane(people.admin)
    assert not admin.scope_note.isVisible()
    assert verify(qtbot, admin, zone2.serial) == "valid"
    assert admin.view.detail.text() == "Issued on this database, signature verified, not revoked."


def test_an_administrator_replaces_the_key_and_old_certificates_stay_valid(
        qtbot, db, people, book, open_pane, modal_log):
    issued = issue_subsidy(db, people, book)
    old = office_key(db)
    clerk = open_pane(people.clerk)
    clerk.keys_button.click()
    qtbot.waitUntil(lambda: clerk.keys_dialog.keys is not None)
    assert not clerk.keys_dialog.replace_button.isVisible()
    clerk.keys_dialog.reject()

    admin = open_pane(people.admin)
    admin.keys_button.click()
    keys = admin.keys_dialog
    qtbot.waitUntil(lambda: keys.keys is not None)
    assert keys.tree.topLevelItem(0).text(2) == "This database"
    assert keys.replace_button.isVisible()
    keys.replace_button.click()
    asking = keys.replace_dialog
    asking.submit()  # no reason: refused at the field
    qtbot.waitUntil(lambda: asking.errors.message_of("reason") != "")
    asking.reason.setText("办公电脑送修")
    asking.submit()
    qtbot.waitUntil(lambda: keys.status.text().startswith("New key "))
    qtbot.waitUntil(lambda: keys.tree.topLevelItemCount() == 2)
    new_id = keys.tree.topLevelItem(0).text(1)
    assert new_id != old.key_id and keys.tree.topLevelItem(0).text(2) == "This database"
    assert keys.tree.topLevelItem(1).text(1) == old.key_id
    assert keys.tree.topLevelItem(1).text(2) == f"This database, retired on {date_today()}"
    assert keys.tree.topLevelItem(1).toolTip(2) == "办公电脑送修"
    assert modal_log.errors == [] and modal_log.failures == []
    keys.reject()
    assert verify(qtbot, clerk, issued.printed.qr_text) == "valid"
    assert office_key(db).key_id == new_id


def date_today() -> str:
    from db.clock import today_shanghai
    return today_shanghai().isoformat()
