"""Pinyin in the firm searches that are not the firms list: the firm picker (awards, reports)
and the issue dialog's candidates, kept in memory."""

from PySide6.QtCore import Qt

from db.queries.certificates import Candidate
from db.services.enterprises import register_enterprise
from desktop.certificates.candidate_table_model import CandidateTableModel
from desktop.widgets.firm_picker import FirmPicker
from tests.conftest import firm_fields


def test_the_firm_picker_suggests_firms_by_their_initials(qtbot, context, db, people, firms):
    register_enterprise(db, actor=people.admin, fields=firm_fields(name="上海东方明珠科技有限公司"), zone_id=1)
    picker = FirmPicker(context)
    qtbot.addWidget(picker)
    picker.show()
    picker.setFocus()
    qtbot.keyClicks(picker, "shdf")
    qtbot.waitUntil(lambda: picker._names.stringList() != [], timeout=3000)
    assert [s.split()[0] for s in picker._names.stringList()] == ["上海东方明珠科技有限公司"]
    picker.completer_.popup().hide()


def test_the_issue_dialogs_candidates_filter_by_pinyin(qtbot, qapp):
    model = CandidateTableModel()
    rows = [Candidate("tenancy", n, name, f"9131011500000000{n}X", 1, None, None, "A栋")
            for n, name in enumerate(("上海东方明珠科技有限公司", "上海星河智能科技有限公司"), start=1)]
    model.set_rows(rows)
    for typed in ("shdf", "dongfang", "SHDF"):
        model.set_filter(typed)
        assert [model.index(r, CandidateTableModel.COL_FIRM).data() for r in range(model.rowCount())] \
            == ["上海东方明珠科技有限公司"], typed
    model.set_filter("xhzn")
    assert model.rowCount() == 1
    model.set_filter("")
    assert model.rowCount() == 2
    assert model.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
