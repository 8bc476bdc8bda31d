"""The firm form as a clerk meets it on day one (issue 16): every missing field marked at once,
nothing moving when a message appears, "Saved." gone with the next edit, an unused date box
empty, a long name refused with its limit (never cut), characters a certificate cannot print
named while the name is typed, unlikely values asked about and impossible ones named at the
field."""

import pytest
from PySide6.QtCore import QPoint

from db.queries.enterprises import enterprise_detail
from tests.desktop.test_enterprises_pane import open_firm, pane  # noqa: F401 (a fixture)


@pytest.fixture(autouse=True)
def shown(modal_log):  # noqa: ANN001, ANN201
    return modal_log


def new_form(qtbot, pane):  # noqa: ANN001, ANN201, F811
    pane.new_enterprise()
    qtbot.waitUntil(lambda: pane.dialog is not None)
    return pane.dialog, pane.dialog.form


def test_every_missing_field_is_marked_after_one_save(qtbot, pane, shown):  # noqa: ANN001, F811
    dialog, form = new_form(qtbot, pane)
    dialog.save()
    wanted = ("uscc", "name", "sector_code", "industry_code")
    qtbot.waitUntil(lambda: all(form.errors.message_of(name) for name in wanted))
    assert form.errors.message_of("name") == "This field is required."
    assert form.errors.message_of("sector_code") == "Choose a sector from the list."
    assert form.uscc.hasFocus()  # the first of them, in the form's order
    assert dialog.isVisible() and not shown.errors


def test_an_unreadable_amount_does_not_hide_the_missing_fields(qtbot, pane, shown):  # noqa: ANN001, F811
    dialog, form = new_form(qtbot, pane)
    form.registered_capital.setText("12.3.4")
    dialog.save()
    for name in ("registered_capital_fen", "uscc", "name", "sector_code", "industry_code"):
        assert form.errors.message_of(name), name
    assert not shown.errors


def test_a_message_appearing_moves_nothing(qtbot, pane):  # noqa: ANN001, F811
    dialog, form = new_form(qtbot, pane)
    dialog.resize(dialog.sizeHint())
    qtbot.wait(50)
    below = [form.inputs[name] for name in ("name", "legal_representative", "industry_code")]
    before = [widget.mapTo(dialog, QPoint(0, 0)) for widget in below]
    size = dialog.size()
    form.uscc.setText("91310115MA1K4O")  # a message under the credit code
    qtbot.wait(50)
    assert form.errors.message_of("uscc")
    assert [widget.mapTo(dialog, QPoint(0, 0)) for widget in below] == before
    assert dialog.size() == size


def test_saved_goes_with_the_next_edit(qtbot, pane, firms):  # noqa: ANN001, F811
    dialog = open_firm(qtbot, pane, firms.yunyi.id)
    dialog.form.contact_name.setText("王五")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.status.text() == "Saved." and dialog.detail.version == 2)
    qtbot.wait(50)
    assert dialog.status.text() == "Saved."  # the reload did not clear it
    qtbot.keyClicks(dialog.form.contact_phone, "1")
    assert dialog.status.text() == ""


def test_a_date_box_that_does_not_apply_shows_no_date(qtbot, pane):  # noqa: ANN001, F811
    _dialog, form = new_form(qtbot, pane)
    assert form.giant_level.currentData() == "none" and not form.giant_recognised_on.isEnabled()
    assert form.giant_recognised_on.text().strip() == ""  # not today's date
    assert form.founded_on.edit.text().strip() == ""  # unknown founding date
    form.giant_level.setCurrentIndex(form.giant_level.findData("national"))
    assert form.giant_recognised_on.text() == "2026-11-22"
    form.founded_on.known.setChecked(True)
    assert form.founded_on.edit.text() == "2026-11-22"


def test_a_name_too_long_is_refused_with_the_limit_not_cut(qtbot, pane, firms, db, people):  # noqa: ANN001, F811
    dialog = open_firm(qtbot, pane, firms.yunyi.id)
    long_name = "上海" + "很" * 110 + "有限公司"
    dialog.form.name.setText(long_name)
    assert dialog.form.name.text() == long_name  # nothing cut
    assert dialog.form.errors.message_of("name") == "At most 100 characters; this has 116."
    dialog.save()
    qtbot.waitUntil(lambda: dialog.form.errors.message_of("name") == "At most 100 characters.")
    assert enterprise_detail(db, actor=people.admin, enterprise_id=firms.yunyi.id).version == 1


def test_a_character_a_certificate_cannot_print_is_named_as_the_name_is_typed(qtbot, pane):  # noqa: ANN001, F811
    _dialog, form = new_form(qtbot, pane)
    form.name.setText("上海𠀀科技有限公司")
    message = form.errors.message_of("name")
    assert message == "Certificates cannot print “𠀀” (U+20000)."
    assert "#ef8f00" in form.name.styleSheet()  # a warning: the name may still be saved
    form.name.setText("上海科技有限公司")
    assert form.errors.message_of("name") == ""


def test_unlikely_values_are_asked_about_and_impossible_ones_named(qtbot, pane, firms, db, people, shown):  # noqa: ANN001, F811
    dialog = open_firm(qtbot, pane, firms.yunyi.id)
    form = dialog.form
    form.registered_capital.setText("12345678901234567890")  # 20 digits
    assert form.errors.message_of("registered_capital_fen") == \
        "This amount is too large: at most ¥10,000,000,000,000."
    dialog.save()
    assert not shown.errors and not shown.questions  # at the field, not the generic error
    form.registered_capital.setText("999,999,999")  # allowed, but ten trillion yuan
    form.employees.setValue(9_999_999)
    dialog.save()  # answered No
    assert len(shown.questions) == 1
    assert "999,999,999" in shown.questions[0] and "9,999,999" in shown.questions[0]
    qtbot.wait(100)
    assert enterprise_detail(db, actor=people.admin, enterprise_id=firms.yunyi.id).version == 1
    shown.answer = True
    dialog.save()
    qtbot.waitUntil(lambda: dialog.status.text() == "Saved.")
    assert enterprise_detail(db, actor=people.admin, enterprise_id=firms.yunyi.id).fields.employees == 9_999_999
