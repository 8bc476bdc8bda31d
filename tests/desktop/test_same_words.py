"""One thing, one word (issue 16): what the side bar, a pane, its list and its dialog call the
same thing reads the same in Chinese, and a count names what it counts. The panes are built in
Chinese, the language the staff read; the source texts being the same is what makes it so."""

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout

from desktop.awards.awards_pane import AwardsPane
from desktop.certificates.certificates_pane import CertificatesPane
from desktop.enterprises.enterprises_pane import EnterprisesPane
from desktop.ledger.ledger_pane import LedgerPane
from desktop.staff.staff_dialog import StaffDialog
from desktop.staff.staff_pane import StaffTableModel
from tests.desktop.test_translations import chinese  # noqa: F401 (a fixture)


@pytest.fixture
def admin_context(make_context, people):  # noqa: ANN001, ANN201
    return make_context(people.admin)


def test_a_staff_members_name_is_called_alike_in_the_list_and_the_dialog(chinese, qtbot, admin_context):  # noqa: ANN001, F811
    header = StaffTableModel().headerData(StaffTableModel.COL_NAME, Qt.Orientation.Horizontal)
    dialog = StaffDialog(admin_context, [], None)
    qtbot.addWidget(dialog)
    form = next(layout for layout in dialog.findChildren(QFormLayout)
                if layout.labelForField(dialog.display_name) is not None)
    in_dialog = form.labelForField(dialog.display_name).text()
    assert header == in_dialog  # not 名称 in the list and 姓名 in the dialog


def test_the_certificates_pane_is_titled_as_the_side_bar_names_it(chinese, qtbot, admin_context):  # noqa: ANN001, F811
    pane = CertificatesPane(admin_context)
    qtbot.addWidget(pane)
    assert pane.title.text() == QCoreApplication.translate("MainWindow", "Certificates") == "证明书"


def test_every_status_filter_says_any_status_alike(chinese, qtbot, admin_context):  # noqa: ANN001, F811
    panes = [pane_class(admin_context) for pane_class in (EnterprisesPane, LedgerPane, CertificatesPane)]
    for pane in panes:
        qtbot.addWidget(pane)
    words = {pane.status_filter.itemText(0) for pane in panes}
    assert len(words) == 1, words  # not 任意状态 here and 全部状态 there


def test_the_awards_count_names_the_guarantees_it_counts(qtbot, admin_context):  # noqa: ANN001
    pane = AwardsPane(admin_context)
    qtbot.addWidget(pane)
    pane.list_changed()
    assert pane.count_label.text() == "0 awards and guarantees"
