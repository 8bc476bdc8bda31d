"""Makes the staff's user guide (resources/guide/<language>/index.html and one screenshot a
section) from the program itself, offscreen: a small demo database (fixed seed) in a temporary
folder, at the tests' fixed moment (tests/fixed_clock.py), the real windows built as the tests
build them, driven by their own methods, and grabbed. The words are in scripts/user_guide_text.py.

usage: .venv/bin/python scripts/user_guide.py [--lang zh_CN --lang en] [--out resources/guide]
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="zonedesk-guide-"))
os.environ["ZONEDESK_DATA"] = str(WORK / "data")  # the signing key and logs: never the user's

from PIL import Image  # noqa: E402
from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtGui import QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from db import demo, uscc  # noqa: E402
from db.engine import Database  # noqa: E402
from db.services import auth  # noqa: E402
from db.services.own_key import name_office  # noqa: E402
from desktop.app import create_application, install_language  # noqa: E402
from desktop.background import BackgroundRunner  # noqa: E402
from desktop.context import AppContext, ChangeBus  # noqa: E402
from desktop.login.login_dialog import LoginDialog  # noqa: E402
from desktop.main_window import MainWindow  # noqa: E402
from scripts.user_guide_text import SECTIONS, page  # noqa: E402
from tests.fixed_clock import TEST_MOMENT, travel  # noqa: E402

MAX_WIDTH = 900  # pixels: the guide's screenshots are scaled down to this at most
WINDOW = (1100, 720)
OFFICE = "园区服务中心（演示数据）"


def wait_until(test: Callable[[], object], what: str, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while not test():
        if time.monotonic() > end:
            raise TimeoutError(f"waited {seconds} s for {what}")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def settle(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


class Session:
    """One language's screenshots, on a demo database of its own."""

    def __init__(self, folder: Path) -> None:
        path = folder / "demo.sqlite"
        demo.generate(path, firms=330, seed=2026)  # 33 firms in Z01, six in each other zone
        self.db = Database(path)
        admin = auth.log_in(self.db, username="admin", password=demo.DEMO_PASSWORD)
        name_office(self.db, actor=admin, office=OFFICE)  # else the key's holder is the PC's name
        self.windows: list[MainWindow] = []
        self.serial = ""

    def window(self, username: str, pane: str) -> MainWindow:
        actor = auth.log_in(self.db, username=username, password=demo.DEMO_PASSWORD)
        window = MainWindow(AppContext(db=self.db, runner=BackgroundRunner(), bus=ChangeBus(),
                                       actor=actor))
        window.resize(*WINDOW)
        window.show()
        window.show_pane(pane)
        self.windows.append(window)
        return window

    def close(self) -> None:
        for window in self.windows:
            wait_until(lambda w=window: not w.context.runner.busy, "the database thread")
            window.close()
        settle(0.2)
        self.db.dispose()

    # --- one screenshot a section -------------------------------------------------------
    def login(self) -> QPixmap:
        runner = BackgroundRunner()
        dialog = LoginDialog(self.db, runner)
        dialog.show()
        dialog.username.setText("clerk01")
        dialog.password.setText(demo.DEMO_PASSWORD)
        settle()
        shot = dialog.grab()
        dialog.close()
        runner.stop()
        return shot

    def firm(self) -> QPixmap:
        window = self.window("clerk01", "enterprises")
        pane = window.panes["enterprises"]
        wait_until(lambda: pane.model.count is not None, "the firms")
        pane.new_enterprise()
        wait_until(lambda: pane.dialog is not None, "the new firm's form")
        form = pane.dialog.form
        form.uscc.setText(uscc.make("91310115MA1H7GXW4"))
        form.name.setText("上海新锐机器人有限公司")
        form.legal_representative.setText("郑华")
        form.sector.setCurrentIndex(form.sector.findData("ai"))
        form.industry.setCurrentIndex(form.industry.findData("software"))
        form.employees.setValue(30)
        form.annual_revenue.setText("500")
        form.contact_name.setText("郑华")
        form.contact_phone.setText("021-50801234")
        form.unit.setText("B栋201")
        form.floor_area.setText("88.5")
        settle()
        return pane.dialog.grab()

    def bill_sheet(self) -> QPixmap:
        window = self.window("clerk01", "bill_sheet")
        pane = window.panes["bill_sheet"]
        wait_until(lambda: pane.model.sheet is not None and pane.model.rowCount() > 0, "the sheet")
        settle()
        return window.grab()

    def approvals(self) -> QPixmap:
        window = self.window("reviewer01", "approvals")
        pane = window.panes["approvals"]
        wait_until(lambda: pane.model.rowCount() > 3, "the queue")
        pane.table.selectRow(0)
        for row in (1, 2):
            pane.table.selectionModel().select(
                pane.model.index(row, 0), pane.table.selectionModel().SelectionFlag.Select
                | pane.table.selectionModel().SelectionFlag.Rows)
        settle(0.6)
        return window.grab()

    def certificates(self) -> QPixmap:
        window = self.window("clerk01", "certificates")
        pane = window.panes["certificates"]
        wait_until(lambda: pane.model.count is not None and not pane.model.loading, "the list")
        pane.issue_button.click()
        dialog = pane.dialog
        wait_until(lambda: dialog.zone.count() > 0 and dialog.loaded, "the issue dialog")
        dialog.kind.setCurrentIndex(dialog.kind.findData("subsidy"))
        wait_until(lambda: dialog.loaded and dialog.model.rowCount() > 1, "the candidates")
        for row in range(2):
            dialog.model.setData(dialog.model.index(row, dialog.model.COL_FIRM),
                                 Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
        dialog.issue_button.click()
        wait_until(lambda: pane.actions.preview is not None, "the certificate", 60)
        preview = pane.actions.preview
        wait_until(lambda: preview.page_count >= 1, "the preview's pages")
        preview.resize(900, 760)
        settle(1.0)
        wait_until(lambda: pane.model.rowCount() >= 2, "the issued certificates")
        self.serial = pane.model.index(0, 0).data()
        shot = preview.grab()
        preview.close()
        return shot

    def verification(self) -> QPixmap:
        window = self.window("clerk01", "verification")
        pane = window.panes["verification"]
        pane.code.setText(self.serial)
        verdicts: list[object] = []
        pane.verified.connect(verdicts.append)
        pane.verify()
        wait_until(lambda: verdicts, "the verdict")
        settle()
        return window.grab()

    def reports(self) -> QPixmap:
        window = self.window("clerk01", "reports")
        pane = window.panes["reports"]
        wait_until(lambda: pane.loaded, "the zones")
        pane.period_kind.setCurrentIndex(pane.period_kind.findData("quarter"))
        pane.number.setCurrentIndex(pane.number.findData(3))
        pane.preview_pdf()
        wait_until(lambda: pane.preview is not None, "the report", 60)
        preview = pane.preview
        preview.resize(900, 760)
        settle(1.0)
        shot = preview.grab()
        preview.close()
        return shot

    def backups(self) -> QPixmap:
        window = self.window("admin", "overview")
        settle(1.0)
        file_menu = window.menuBar().actions()[0].menu()
        at = window.menuBar().actionGeometry(window.menuBar().actions()[0]).bottomLeft()
        file_menu.popup(window.mapToGlobal(window.menuBar().mapTo(window, at)))
        settle()
        file_menu.setActiveAction(next(a for a in file_menu.actions() if a.objectName() == "restore"))
        settle()
        shot = window.grab()
        painter = QPainter(shot)
        painter.drawPixmap(window.mapFromGlobal(file_menu.pos()), file_menu.grab())
        painter.end()
        file_menu.hide()
        return shot


def save(shot: QPixmap, path: Path) -> int:
    """Saves the screenshot at most MAX_WIDTH wide, in 256 colours; returns its width."""
    if shot.width() > MAX_WIDTH:
        shot = shot.scaledToWidth(MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
    full = WORK / "full.png"
    shot.save(str(full))
    with Image.open(full) as image:
        image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
                                      ).save(path, optimize=True)
    return shot.width()


def make_guide(app: QApplication, language: str, out: Path) -> None:
    install_language(app, language)  # before any widget is made
    folder = out / language
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    session = Session(Path(tempfile.mkdtemp(dir=WORK)))
    widths = {}
    try:
        for key, _texts in SECTIONS:
            widths[key] = save(getattr(session, key)(), folder / f"{key}.png")
            print(f"{language}: {key}.png", flush=True)
    finally:
        session.close()
    (folder / "index.html").write_text(page(language, widths), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", action="append", choices=("zh_CN", "en"))
    parser.add_argument("--out", default=str(ROOT / "resources" / "guide"))
    args = parser.parse_args()
    started = time.monotonic()
    travel(TEST_MOMENT).start()  # the demo's year and the sheets' month, whatever the date
    app = create_application("zh_CN")
    try:
        for language in args.lang or ["zh_CN", "en"]:
            make_guide(app, language, Path(args.out))
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    print(f"guide made in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
