"""A reviewer revokes a batch issued by mistake from the certificates pane: select the rows
(Ctrl+A, Shift+click), one reason, one click; all revoked in one transaction."""

from PySide6.QtCore import Qt
from sqlmodel import select

from db.models import Certificate
from db.services.certificates import CertificateRequest, issue_many, revoke
from desktop.certificates.certificate_table_model import COL_STATUS, ROW_ROLE
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


def test_a_whole_batch_is_revoked_beyond_the_rows_loaded(qtbot, db, people, firms, open_pane,  # noqa: F811, ANN001
                                                         modal_log):
    """205 certificates of one issue (the list loads 200 at first) and one of another: "Revoke
    its batch…" on one row names the 205 and revokes them all, and only them."""
    from documents.issuing import issue_and_print

    zone1 = firms.in_zone(1)
    batch = issue_and_print(db, actor=people.clerk, requests=[
        CertificateRequest("tenancy", zone1[n % len(zone1)].id, 1) for n in range(205)])
    [other] = issue_many(db, actor=people.clerk, requests=[CertificateRequest("tenancy", zone1[0].id, 1)])
    pane = open_pane(people.reviewer)
    assert pane.model.rowCount() == 200 and pane.model.count == 206
    pane.select_ids([pane.model.index(1, 0).data(ROW_ROLE).id])  # the second newest: of the batch
    assert pane.revoke_batch_button.isVisible() and pane.revoke_batch_button.isEnabled()
    pane.revoke_batch_button.click()
    qtbot.waitUntil(lambda: isinstance(pane.dialog, ReasonDialog), timeout=5000)
    dialog = pane.dialog
    assert dialog.windowTitle() == "Revoke the batch of 205 certificate(s)"
    assert dialog.prompt.text().startswith(
        f"The 205 valid certificate(s) issued together with {batch.serials[-1]}, "
        f"{batch.serials[0]} … {batch.serials[-1]},")
    dialog.reason.setText("批量签发有误")
    dialog.submit()
    qtbot.waitUntil(lambda: pane.dialog is None, timeout=10_000)
    with db.reading() as uow:
        status = {c.serial: c.status for c in uow.session.exec(select(Certificate)).all()}
    assert [s for s in batch.serials if status[s] != "revoked"] == []
    assert status[other.serial] == "valid"
    qtbot.waitUntil(lambda: pane.status.text().startswith("205 certificate(s) revoked"), timeout=5000)
    assert not modal_log.errors


def test_a_clerk_has_no_batch_revocation(qtbot, people, open_pane):  # noqa: F811, ANN001
    assert not open_pane(people.clerk).revoke_batch_button.isVisible()
