"""What a window shows when its database is a demo (db/queries/demo_data.py): 演示数据 in its
title bar (the main window, the log-in and the idle lock), and in the log-in dialog the demo's accounts and password, so that a training
session starts without a hand-out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from db.first_look import DEMO_DATA  # the log-in window marks a demo before the data layer loads

if TYPE_CHECKING:
    from db.engine import Database
    from desktop.background import BackgroundRunner


def demo_title(title: str) -> str:
    """`title` with the demo's mark, 演示数据 in every language ("Zone Desk — 演示数据 DEMO DATA"
    in English), even under a translation that left it out."""
    marked = QCoreApplication.translate("DemoData", "{title} — 演示数据 DEMO DATA").format(
        title=title)
    return marked if DEMO_DATA in marked else f"{title} — {DEMO_DATA}"


def log_in_hint() -> str:
    """The demo's accounts (but the two that typed the other zones' bills) and their password."""
    from db.demo.accounts import ACCOUNTS, DEMO_PASSWORD

    names = ", ".join(a.username for a in ACCOUNTS if not a.username.startswith("demo"))
    return QCoreApplication.translate(
        "DemoData", "Demo data for training: the firms and the money are made up. "
        "Log in as {accounts}; the password is {password}.").format(
            accounts=names, password=DEMO_PASSWORD)


def mark_if_demo(window: QWidget, db: Database, runner: BackgroundRunner) -> None:
    """Adds the demo's mark to `window`'s title once the database thread has said it is one."""
    from db.queries.demo_data import is_demo

    def marked(demo: bool) -> None:
        if demo:
            window.setWindowTitle(demo_title(window.windowTitle()))

    runner.run(lambda _task: is_demo(db), on_success=marked, parent=window)
