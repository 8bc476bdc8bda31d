"""Saves a screenshot of the main window in Chinese (for README.md), offscreen.

usage: QT_QPA_PLATFORM=offscreen python scripts/screenshot.py --db demo/zonedesk-demo.sqlite \
           --out docs/main-window.png [--user clerk01] [--lang zh_CN]
"""

import argparse
import os
import sys
import time
from pathlib import Path

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


def settle(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--user", default="admin")
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args()
    app = create_application(args.lang)
    db = open_database(Path(args.db))
    actor = auth.log_in(db, username=args.user, password=DEMO_PASSWORD)
    window = MainWindow(AppContext(db=db, runner=BackgroundRunner(), bus=ChangeBus(), actor=actor))
    window.resize(1280, 760)
    window.show()
    settle(2.0)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(args.out)
    window.close()
    app.processEvents()
    print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
