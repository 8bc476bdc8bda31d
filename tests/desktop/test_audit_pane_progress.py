"""Verify chain in the Audit trail pane shows its progress: from nothing to every event of the
file, rising, the bar full once the chain is verified; and Cancel stops it without a verdict."""

import sqlite3

from db import audit
from desktop.background import Task
from tests.desktop.test_audit_pane import open_pane  # noqa: F401 (the pane on a real database)


def events_in(db_path) -> int:  # noqa: ANN001
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute("SELECT max(seq) FROM auditevent").fetchone()[0]
    finally:
        connection.close()


def test_verify_chain_reports_its_progress_up_to_every_event(qtbot, db_path, open_pane,  # noqa: F811
                                                             modal_log, monkeypatch):
    monkeypatch.setattr(audit, "PROGRESS_EVERY", 7)
    reports: list[tuple[int, int]] = []
    real = Task.report
    monkeypatch.setattr(Task, "report", lambda task, done, total: (reports.append((done, total)),
                                                                   real(task, done, total)))
    pane = open_pane()
    total = events_in(db_path)
    pane.verify_chain()
    qtbot.waitUntil(lambda: bool(modal_log.messages or modal_log.errors), timeout=10_000)
    assert modal_log.messages and "intact" in modal_log.messages[0] and not modal_log.errors
    assert total > 20 and len(reports) >= total // 7
    assert reports[0] == (0, total) and reports[-1] == (total, total)
    assert all(t == total for _, t in reports)
    assert [d for d, _ in reports] == sorted({d for d, _ in reports})  # rising, never back


def test_cancel_stops_the_verification_without_a_verdict(qtbot, open_pane, modal_log,  # noqa: F811
                                                         monkeypatch):
    monkeypatch.setattr(audit, "PROGRESS_EVERY", 7)
    reports: list[int] = []

    def cancel_at_the_second(task, done, total) -> None:  # noqa: ANN001 (the person presses Cancel)
        reports.append(done)
        if len(reports) == 2:
            task.cancel()
    monkeypatch.setattr(Task, "report", cancel_at_the_second)
    pane = open_pane()
    pane.verify_chain()
    assert pane.status.text() == "Verifying the audit chain…"
    qtbot.waitUntil(lambda: pane.status.text() == "", timeout=10_000)
    assert reports == [0, 7] and not modal_log.messages and not modal_log.errors
