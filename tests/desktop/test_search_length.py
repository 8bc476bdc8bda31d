"""The search boxes take at most what db/ searches (issue 9, point 4): a thousand one-character
words pasted into one is cut to SEARCH_CHARACTERS, and the list still answers (db/ bounds the
words it searches; tests/rules/test_bad_input.py)."""

from db.queries.enterprises import SEARCH_CHARACTERS
from desktop.enterprises.enterprise_table_model import COL_NAME
from desktop.enterprises.enterprises_pane import EnterprisesPane
from desktop.widgets.firm_picker import FirmPicker

PASTED = " ".join("星" for _ in range(1_000))


def test_a_thousand_words_pasted_into_the_search_box_are_cut_and_answered(
        qtbot, show_pane, people, firms, modal_log):  # noqa: ANN001
    pane = show_pane(EnterprisesPane, people.clerk, (1280, 640),
                     ready=lambda p: p.references is not None and p.model.count is not None)
    assert pane.search.maxLength() == SEARCH_CHARACTERS
    pane.search.setText(PASTED)
    assert pane.search.text() == PASTED[:SEARCH_CHARACTERS]
    qtbot.waitUntil(lambda: pane.model.filter.text == PASTED[:SEARCH_CHARACTERS].strip()
                    and pane.model.count is not None)
    shown = {pane.model.index(row, COL_NAME).data() for row in range(pane.model.rowCount())}
    assert shown == {"上海星河智能科技有限公司"}  # the clerk's zone: 星辰 is zone 2's
    assert modal_log.errors == [] and modal_log.failures == []


def test_the_firm_picker_takes_at_most_what_is_searched(qtbot, make_context, people):  # noqa: ANN001
    picker = FirmPicker(make_context(people.clerk))
    qtbot.addWidget(picker)
    picker.setText(PASTED)
    assert len(picker.text()) == SEARCH_CHARACTERS
