"""Prints how long the program takes from process start to a usable main window: the database
opened (and checked for migrations), a person logged in, the window shown with the first pane's
data on screen. Used by tests/benchmarks/test_window_speed.py.

usage: python scripts/measure_startup.py --db PATH [--user admin]
"""

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication  # noqa: E402

from db.demo import DEMO_PASSWORD  # noqa: E402
from db.services import auth  # noqa: E402
from db.startup import open_database  # noqa: E402
from desktop.app import create_application  # noqa: E402
from desktop.background import BackgroundRunner  # noqa: E402
from desktop.context import AppContext, ChangeBus  # noqa: E402
from desktop.main_window import MainWindow  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--user", default="admin")
    args = parser.parse_args()
    app = create_application("zh_CN")
    db = open_database(Path(args.db))
    actor = auth.log_in(db, username=args.user, password=DEMO_PASSWORD)
    window = MainWindow(AppContext(db=db, runner=BackgroundRunner(), bus=ChangeBus(), actor=actor))
    window.show()
    first = window.stack.currentWidget()  # the first pane of the side bar, with its data
    deadline = time.perf_counter() + 30
    while not ready(first) and time.perf_counter() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.001)
    elapsed = time.perf_counter() - STARTED
    done = ready(first)
    window.context.runner.stop()
    app.processEvents()
    print(f"usable after {elapsed:.3f} s ({type(first).__name__} {'loaded' if done else 'NOT loaded'})")
    return 0 if done else 1


def ready(pane) -> bool:  # noqa: ANN001
    """Overview: its first figures arrived; firms list: its first page arrived."""
    if hasattr(pane, "loaded"):
        return bool(pane.loaded)
    return pane.model.rowCount() > 0


if __name__ == "__main__":
    sys.exit(main())
