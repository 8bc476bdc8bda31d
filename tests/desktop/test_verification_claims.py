"""A code that is not valid shows what it claims, marked as not to be trusted, and what was
altered against what this database issued (issue 16)."""

import json

from db.certificates import code as certificate_code
from db.services.own_key import office_key
from tests.certificate_data import issue_subsidy
from tests.desktop.test_verification_pane import open_pane, verify  # noqa: F401 (a fixture)


def altered(qr_text: str, **changes) -> str:  # noqa: ANN003
    """The code with its payload changed and its signature kept, as someone editing it would."""
    payload, signature = certificate_code.decode(qr_text)
    fields = json.loads(payload) | changes
    return certificate_code.encode(certificate_code.canonical(fields), signature)


def test_a_tampered_code_shows_what_it_claims_and_what_was_altered(qtbot, db, people, book, open_pane):  # noqa: ANN001, F811
    issued = issue_subsidy(db, people, book)
    pane = open_pane(people.reviewer)
    assert verify(qtbot, pane, altered(issued.printed.qr_text, amount=1_500_000)) == "tampered"
    view = pane.view
    assert view.fields["firm"].text() == "" and view.fields["amount"].text() == ""  # not certified
    assert view.claimed_title.isVisible()
    assert view.claimed_title.text() == "What this code claims (not verified: do not rely on it)"
    assert view.claimed["firm"].text() == "上海星河智能科技有限公司"
    assert view.claimed["serial"].text() == issued.serial
    assert view.claimed["amount"].text() == "¥15,000.00   (issued here as: ¥1,500.00)"
    assert "#c62828" in view.claimed["amount"].styleSheet()  # the altered field in red
    assert "#c62828" not in view.claimed["firm"].styleSheet()  # the others grey
    pane.grab().save("/tmp/shots16/verification_tampered.png")

    assert verify(qtbot, pane, issued.printed.qr_text) == "valid"
    assert not view.claimed_title.isVisible() and view.claimed["firm"].text() == ""


def test_a_forgery_shows_its_claims_and_another_zones_issue_stays_hidden(qtbot, db, people, book, open_pane):  # noqa: ANN001, F811
    from db.services.certificates import CertificateRequest, issue_many
    issued = issue_subsidy(db, people, book)
    key = office_key(db)
    payload, _ = certificate_code.decode(issued.printed.qr_text)
    data = payload.replace(issued.serial.encode(), b"Z01-2026-000777")
    pane = open_pane(people.reviewer)
    assert verify(qtbot, pane, certificate_code.encode(data, key.sign(data))) == "forged"
    assert pane.view.claimed["serial"].text() == "Z01-2026-000777"
    assert pane.view.claimed["firm"].text() == "上海星河智能科技有限公司"  # never issued: no comparison
    zone2 = issue_many(db, actor=people.clerk2, requests=[CertificateRequest("tenancy", book.firm_d, 2)])[0]
    clerk = open_pane(people.clerk)  # zone 1 only
    assert verify(qtbot, clerk, altered(zone2.printed.qr_text, firm="上海冒名有限公司")) == "tampered"
    assert clerk.view.claimed["firm"].text() == "上海冒名有限公司"  # what the code says, no more
    assert "issued here" not in clerk.view.claimed["firm"].text()


def test_an_administrator_names_the_keys_holder_and_verification_shows_it(qtbot, db, people, book, open_pane):  # noqa: ANN001, F811
    issued = issue_subsidy(db, people, book)
    clerk = open_pane(people.clerk)
    assert verify(qtbot, clerk, issued.printed.qr_text) == "valid"
    host = clerk.view.fields["office"].text()  # the computer's name ("vm") until it is named
    clerk.keys_button.click()
    qtbot.waitUntil(lambda: clerk.keys_dialog.keys is not None)
    assert not clerk.keys_dialog.own_office.isVisible()  # administrators only
    clerk.keys_dialog.reject()

    admin = open_pane(people.admin)
    admin.keys_button.click()
    keys = admin.keys_dialog
    qtbot.waitUntil(lambda: keys.keys is not None)
    assert keys.own_office.isVisible() and keys.own_office.text() == host
    keys.own_office.setText("")
    keys.name_button.click()
    qtbot.waitUntil(lambda: keys.errors.message_of("own_office") != "")
    assert keys.errors.message_of("own_office") == "Name the office that signs this database's certificates."
    keys.own_office.setText("张江科学城中小企业服务中心")
    keys.name_button.click()
    qtbot.waitUntil(lambda: keys.tree.topLevelItem(0).text(0) == "张江科学城中小企业服务中心")
    assert keys.status.text().startswith("This database's key is now held by 张江科学城中小企业服务中心")
    keys.reject()
    assert verify(qtbot, clerk, issued.printed.qr_text) == "valid"
    assert clerk.view.fields["office"].text() == "张江科学城中小企业服务中心"


def test_the_first_administrator_is_asked_for_the_office(qtbot, db, runner):  # noqa: ANN001
    from db.queries.keys import public_keys
    from desktop.login.login_dialog import FirstAdminDialog
    dialog = FirstAdminDialog(db, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    for name, value in (("username", "chief"), ("display_name", "陈主任"), ("password", "first secret"),
                        ("repeat", "first secret")):
        getattr(dialog, name).setText(value)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.errors.message_of("office") != "")
    assert dialog.actor is None
    dialog.office.setText("张江科学城中小企业服务中心")
    with qtbot.waitSignal(dialog.accepted):
        dialog.submit()
    assert [key.office for key in public_keys(db, actor=dialog.actor)] == ["张江科学城中小企业服务中心"]
