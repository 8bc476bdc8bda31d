"""How long the program takes to start, as a person meets it, beside a bare PySide6 window
started in the same way (the floor). Used by tests/benchmarks/test_start_up_speed.py.

`program`: the real program (desktop.cli.main, the same path as `zonedesk --db PATH`) until its
log-in window is on screen; then, after `--typing` seconds (the person typing), the demo
administrator's name and password are put in and the log-in pressed (what Enter does), until the
main window shows its first pane with data. The day's first automatic backup is left out: it
runs in the background once a day and would copy the whole file in every round; so is the
backup on quitting (the process ends at once when the figures are printed).
`floor`: a QApplication and one QWidget shown, nothing else.

Prints `shown <s>` (process start to the window on screen) and, for the program,
`usable <s>` (Enter to the main window with data).

usage: python scripts/measure_startup.py program --db PATH [--typing 2.5]
       python scripts/measure_startup.py floor
"""

import time

STARTED = time.perf_counter()

import os  # noqa: E402
import sys  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def floor() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle("floor")
    window.show()
    app.processEvents()  # drawn, as the program's log-in window is before it says so
    print(f"shown {time.perf_counter() - STARTED:.4f}", flush=True)
    QTimer.singleShot(0, app.quit)
    return app.exec()


class _Driver:
    """Watches the log for the log-in window, then logs in as a person would."""

    def __init__(self, typing: float) -> None:
        import logging

        self.typing = typing
        self.entered = 0.0
        outer = self

        class Watch(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                from desktop.login.loading import LOG_IN_SHOWN

                if record.getMessage() == LOG_IN_SHOWN:  # said once the window is drawn
                    from PySide6.QtCore import QTimer

                    print(f"shown {time.perf_counter() - STARTED:.4f}", flush=True)
                    QTimer.singleShot(0, outer.shown)

        for name in ("desktop.launch", "desktop.login.desk"):
            logging.getLogger(name).addHandler(Watch())

    def shown(self) -> None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(int(self.typing * 1000), self.enter)

    def enter(self) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        from desktop.login.login_dialog import LoginDialog

        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, LoginDialog) and w.isVisible())
        dialog.username.setText("admin")
        dialog.password.setText(_demo_password())
        self.entered = time.perf_counter()
        dialog.submit()
        self.timer = QTimer()
        self.timer.setInterval(2)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        from PySide6.QtWidgets import QApplication

        # by name: importing the window's module beside the loading thread would race it
        windows = [w for w in QApplication.topLevelWidgets()
                   if type(w).__name__ == "MainWindow" and w.isVisible()]
        if windows and _ready(windows[0].stack.currentWidget()):
            print(f"usable {time.perf_counter() - self.entered:.4f}", flush=True)
            os._exit(0)  # measured: no backup on quitting (a round must not copy the whole file)


def _demo_password() -> str:
    """Read from its module's text: importing db.demo here, beside the program's loading
    thread, would race it for the same modules (the program itself waits for it)."""
    import re
    from pathlib import Path

    accounts = Path(__file__).resolve().parents[1] / "db" / "demo" / "accounts.py"
    return re.search(r'^DEMO_PASSWORD = "(.+)"$', accounts.read_text(encoding="utf-8"), re.M)[1]


def _ready(pane) -> bool:  # noqa: ANN001
    """Overview: its first figures arrived; firms list: its first page arrived."""
    if hasattr(pane, "loaded"):
        return bool(pane.loaded)
    return pane.model.rowCount() > 0


def program(db: str, typing: float) -> int:
    from desktop import cli

    driver = _Driver(typing)
    from db.backup import schedule  # light; imported before the program's loading thread starts

    schedule.due_today = lambda *_args: False  # see the docstring
    status = cli.main(["--db", db])
    return status if driver.entered else 1


if __name__ == "__main__":
    if sys.argv[1] == "floor":
        sys.exit(floor())
    arguments = dict(zip(sys.argv[2::2], sys.argv[3::2], strict=False))
    sys.exit(program(arguments["--db"], float(arguments.get("--typing", "2.5"))))
