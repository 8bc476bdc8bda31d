"""Approving freezes money: the Approvals pane asks first, naming the count and the total, and
"don't ask again today" holds until the date in Shanghai changes (not UTC's, not the next start)."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from db.clock import SHANGHAI
from desktop import modals
from tests.desktop.test_approvals_pane import (  # noqa: F401 (open_pane: a fixture)
    entry,
    open_pane,
    select,
    set_policy,
    submit_bills,
)

FROZEN = "\n\nApproved money is frozen: only a reversal can undo it."


@pytest.fixture
def queue(db, people, firms):  # noqa: ANN001, ANN201
    set_policy(db, people, budget_yuan=100_000)
    return submit_bills(db, people.clerk, [(firms.xinghe.id, "electricity", 10_000),
                                           (firms.lanxin.id, "electricity", 20_000),
                                           (firms.yunyi.id, "water", 4_000)])


def approve(qtbot, pane, *ids: int) -> None:  # noqa: ANN001
    select(pane, *ids)
    qtbot.keyClick(pane.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_approving_asks_with_the_count_and_the_total(qtbot, db, people, queue, open_pane, modal_log):  # noqa: ANN001, F811
    pane = open_pane(people.reviewer)
    approve(qtbot, pane, queue[0], queue[1])  # answered No: nothing frozen
    assert modal_log.questions == ["Approve 2 item(s), ¥15,000.00 in all?" + FROZEN]
    qtbot.wait(50)
    assert [entry(db, i).status for i in queue] == ["submitted"] * 3
    assert pane.approve_button.isEnabled() and pane.model.rowCount() == 3
    modal_log.answer = True  # Yes, the box left unticked: asked again next time
    approve(qtbot, pane, queue[0], queue[1])
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
    approve(qtbot, pane, queue[2])
    qtbot.waitUntil(lambda: pane.model.rowCount() == 0)
    assert modal_log.questions[1:] == ["Approve 2 item(s), ¥15,000.00 in all?" + FROZEN,
                                       "Approve 1 item(s), ¥2,000.00 in all?" + FROZEN]


@pytest.mark.now("2026-11-22T23:58:00+08:00")  # 15:58 in UTC: Shanghai's day ends first
def test_dont_ask_again_today_lasts_until_shanghai_midnight(qtbot, db, people, queue, open_pane,  # noqa: F811
                                                           modal_log, fixed_clock):  # noqa: ANN001
    pane = open_pane(people.reviewer)
    modal_log.answer = modal_log.remember = True
    approve(qtbot, pane, queue[0])
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2)
    assert len(modal_log.questions) == 1
    approve(qtbot, pane, queue[1])  # the same day: not asked
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
    assert len(modal_log.questions) == 1
    fixed_clock.move_to(datetime(2026, 11, 23, 0, 1, tzinfo=SHANGHAI))  # still the 22nd in UTC
    modal_log.answer = modal_log.remember = False
    approve(qtbot, pane, queue[2])  # a new day: asked again, and No approves nothing
    assert modal_log.questions[1:] == ["Approve 1 item(s), ¥2,000.00 in all?" + FROZEN]
    qtbot.wait(50)
    assert entry(db, queue[2]).status == "submitted"


def test_ticking_the_box_and_answering_no_remembers_nothing(qtbot, db, people, queue, open_pane,  # noqa: F811
                                                            modal_log):  # noqa: ANN001
    pane = open_pane(people.reviewer)
    modal_log.remember = True  # ticked, then No
    approve(qtbot, pane, queue[0])
    modal_log.answer = True
    approve(qtbot, pane, queue[0])
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2)
    assert len(modal_log.questions) == 2


def test_the_real_question_has_the_box_to_tick(qtbot):  # noqa: ANN001
    """modals.ask_yes_no_remember itself (the tests above replace it): No is the default, the
    box is there, and what was ticked comes back."""
    seen = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        seen.append((box.checkBox().text(), box.defaultButton() is box.button(QMessageBox.StandardButton.No)))
        box.checkBox().setChecked(True)
        box.button(button).click()

    for button, expected in ((QMessageBox.StandardButton.Yes, (True, True)),
                             (QMessageBox.StandardButton.No, (False, True))):
        QTimer.singleShot(50, lambda b=button: answer(b))
        assert modals.ask_yes_no_remember(None, "Approve", "Approve 1 item(s)?", "Don't ask again today") == expected
    assert seen == [("Don't ask again today", True)] * 2
