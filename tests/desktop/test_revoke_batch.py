"""A reviewer revokes a batch issued by mistake from the certificates pane: select the rows
(Ctrl+A, Shift+click), one reason, one click; all revoked in one transaction."""

from PySide6.QtCore import Qt

from db.services.certificates import CertificateRequest, issue_many, revoke
from desktop.certificates.certificate_table_model import COL_STATUS
from desktop.widgets.reason_dialog import ReasonDialog
from tests.desktop.test_certificates_pane import column, open_pane  # noqa: F401 (a fixture)


def test_a_reviewer_revokes_a_selection_with_one_reason(qtbot, db, people, firms, open_pane, modal_log):  # noqa: F811, ANN001
    batch = issue_many(db, actor=people.clerk, requests=[CertificateRequest("tenancy", f.id, 1)
                                                         for f in firms.in_zone(1)])
    revoke(db, actor=people.reviewer, certificate_id=batch[0].certificate_id, reason="已迁出")
    pane = open_pane(people.reviewer)
    assert column(pane, COL_STATUS) == ["Valid", "Valid", "Revoked"]
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(pane.selected_rows()) == 3
    assert pane.revoke_button.text() == "Revoke 2…" and pane.revoke_button.isEnabled()  # the valid ones
    assert not pane.reprint_button.isEnabled() and not pane.preview_button.isEnabled()  # one at a time
    pane.revoke_button.click()
    dialog = pane.dialog
    assert isinstance(dialog, ReasonDialog)
    assert dialog.windowTitle() == "Revoke 2 certificate(s)"
    assert dialog.prompt.text().startswith("The 2 selected certificate(s), Z01-2026-000003 … Z01-2026-000002,")
    dialog.reason.setText("批量签发有误")
    dialog.submit()
    qtbot.waitUntil(lambda: pane.dialog is None, timeout=5000)
    qtbot.waitUntil(lambda: column(pane, COL_STATUS) == ["Revoked"] * 3, timeout=5000)
    assert pane.status.text() == "2 certificate(s) revoked: Z01-2026-000003 … Z01-2026-000002."
    assert not pane.revoke_button.isEnabled() and not modal_log.errors
