"""A day's work of an office on one server, as two people do it at two PCs: two programs, each
logged in through its own log-in dialog as its own person (clerk01 and reviewer01), against one
PostgreSQL database. The clerk types a month's bills in the bill sheet and submits them; the
reviewer approves them in the Approvals pane; the clerk issues a subsidy confirmation, which the
server signs, and prints it; the reviewer's PC verifies the code scanned off the paper. Then
clerk01 opens psql with their own password and finds no row of Z02."""

import os
import subprocess
from datetime import date

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt

from db.server.connection import ServerDatabase
from db.services import approvals, auth, policy, staff, subsidies
from db.services.enterprises import FirstTenancy, register_enterprise
from desktop.bill_sheet.bill_sheet_model import FEN_ROLE, STATUS_ROLE
from desktop.login.desk import Desk
from desktop.main_window import MainWindow
from tests.conftest import PASSWORD, firm_fields, valid_uscc
from tests.desktop.conftest import ModalLog
from tests.desktop.test_bill_sheet import cell, go_to, row_of, type_keys

MONTH = "2026-11"  # the tests' clock: 22 November 2026
XINGHE, LANXIN, HAILAN = "上海星河智能科技有限公司", "上海蓝芯集成电路有限公司", "上海海蓝生物医药有限公司"


@pytest.fixture
def modal_log(monkeypatch):  # noqa: ANN001, ANN201
    return ModalLog().install(monkeypatch)


@pytest.fixture
def office(postgres_server, server_database):  # noqa: ANN001, ANN201
    """An office's server as its administrator leaves it: clerk01 and reviewer01 in Z01, clerk02
    in Z02, two tenants in Z01 and one in Z02 with a bill already approved there, this year's
    rates and budgets."""
    db = ServerDatabase(postgres_server.url(database=server_database))
    admin = auth.create_first_admin(db, username="admin01", display_name="管理员",
                                    password=PASSWORD, office="黄浦区企业服务中心")
    for username, name, role, zone in (("clerk01", "张伟", "clerk", 1),
                                       ("reviewer01", "李娜", "reviewer", 1),
                                       ("clerk02", "王芳", "clerk", 2)):
        staff.create_staff(db, actor=admin, username=username, display_name=name, role=role,
                           zone_ids=[zone], password=PASSWORD)
    firms = {}
    for n, (name, zone) in enumerate(((XINGHE, 1), (LANXIN, 1), (HAILAN, 2))):
        firms[name] = register_enterprise(
            db, actor=admin, fields=firm_fields(uscc=valid_uscc(300_000_000 + 7919 * n), name=name),
            zone_id=zone, tenancy=FirstTenancy(f"B栋{201 + n}", 10_000, date(2024, 1, 1)))
    for category in ("land", "electricity"):
        policy.set_policy_rate(db, actor=admin, category=category, valid_from=date(2026, 1, 1),
                               rate_bp=1500, yearly_cap_fen=5_000_000)
        for zone in (1, 2):
            policy.set_budget(db, actor=admin, zone_id=zone, year=2026, category=category,
                              amount_fen=100_000_000)
    clerk02 = auth.log_in(db, username="clerk02", password=PASSWORD)
    ids = subsidies.save_bills(db, actor=clerk02, zone_id=2, period=MONTH, bills=[
        subsidies.Bill(firms[HAILAN], "land", 2_000_000, bill_reference="L2-2611")])
    subsidies.submit_entries(db, actor=clerk02, entry_ids=ids)
    approvals.approve(db, actor=admin, entry_ids=ids)
    db.dispose()
    return postgres_server.url(user=None, database=server_database), firms


def at_the_pc(qtbot, url: str, username: str) -> tuple[MainWindow, ServerDatabase]:  # noqa: ANN001
    """The program started on a PC with the server's address, the person logged in through the
    log-in dialog with their own password: the window."""
    program = ServerDatabase(url)
    desk = Desk(program)
    desk.start()
    qtbot.waitUntil(lambda: desk.login_dialog is not None and desk.login_dialog.isVisible())
    desk.login_dialog.username.setText(username)
    desk.login_dialog.password.setText(PASSWORD)
    qtbot.keyClick(desk.login_dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.window is not None and desk.window.isVisible(), timeout=15_000)
    desk.window.resize(1400, 800)
    return desk.window, program


def in_front(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    """The person works at this window now: it is the active one, where keys go."""
    with qtbot.waitActive(window):
        window.activateWindow()


def scanned(pdf: bytes, folder) -> str:  # noqa: ANN001
    """The code a scanner reads off the certificate's first page."""
    (folder / "certificate.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png",
                    str(folder / "certificate.pdf"), str(folder / "scan")], check=True)
    codes = zxingcpp.read_barcodes(Image.open(next(folder.glob("scan-*.png"))))
    assert len(codes) == 1
    return codes[0].text


def psql(postgres_server, database: str, username: str, query: str) -> list[str]:  # noqa: ANN001
    """What psql prints, connected as the person with their own password (one line a row)."""
    found = subprocess.run(
        ["psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", query,
         f"host={postgres_server.socket_folder} port={postgres_server.port} user={username}"
         f" dbname={database}"],
        env={**os.environ, "PGPASSWORD": PASSWORD}, capture_output=True, text=True, check=True)
    return found.stdout.splitlines()


def test_a_clerk_and_a_reviewer_at_two_pcs_do_a_days_work_on_one_server(
        qtbot, tmp_path, postgres_server, server_database, office, modal_log):
    url, firms = office
    clerk_window, clerk_program = at_the_pc(qtbot, url, "clerk01")
    reviewer_window, reviewer_program = at_the_pc(qtbot, url, "reviewer01")
    try:
        qtbot.waitUntil(lambda: clerk_window.signed_in.text() == "张伟 · Clerk · Z01")
        qtbot.waitUntil(lambda: reviewer_window.signed_in.text() == "李娜 · Reviewer · Z01")

        # the clerk types November's bills, saves (Ctrl+S) and submits them (Ctrl+Enter)
        sheet = clerk_window.show_pane("bill_sheet")
        qtbot.waitUntil(lambda: sheet.model.sheet is not None and sheet.model.sheet.period == MONTH)
        assert {r.enterprise_id for r in sheet.model.sheet.rows} == {firms[XINGHE], firms[LANXIN]}
        in_front(qtbot, clerk_window)
        sheet.table.setFocus()
        go_to(sheet, row_of(sheet, firms[XINGHE]), "land")
        type_keys(qtbot, "8000", Qt.Key.Key_Tab)
        type_keys(qtbot, "120.5", Qt.Key.Key_Tab)
        type_keys(qtbot, "L-2611-01")
        go_to(sheet, row_of(sheet, firms[LANXIN]), "electricity")
        type_keys(qtbot, "1,234.5")
        assert cell(sheet, row_of(sheet, firms[XINGHE]), "land", "subsidy") == "1,200.00"
        qtbot.keyClick(sheet.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not sheet.busy and cell(
            sheet, row_of(sheet, firms[LANXIN]), "electricity", "amount", STATUS_ROLE) == "draft",
            timeout=10_000)
        modal_log.answer = True
        qtbot.keyClick(sheet.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: cell(sheet, row_of(sheet, firms[XINGHE]), "land", "amount",
                                     STATUS_ROLE) == "submitted", timeout=10_000)
        assert modal_log.questions[-1] == ("Submit 2 bills for review? Submitted bills can no"
                                           " longer be typed over.")

        # at the other PC the reviewer finds them waiting, and approves both
        queue = reviewer_window.show_pane("approvals")
        qtbot.waitUntil(lambda: queue.loaded and queue.model.rowCount() == 2, timeout=10_000)
        in_front(qtbot, reviewer_window)
        queue.table.setFocus()
        qtbot.keyClick(queue.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        assert queue.totals.label("selected", "count").text() == "2"
        qtbot.keyClick(queue.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: queue.model.rowCount() == 0, timeout=10_000)
        assert queue.status.text() == "2 approved."

        # the clerk's sheet shows them approved once it reads the month again
        sheet.reload()
        qtbot.waitUntil(lambda: cell(sheet, row_of(sheet, firms[LANXIN]), "electricity", "amount",
                                     STATUS_ROLE) == "approved", timeout=10_000)
        assert cell(sheet, row_of(sheet, firms[LANXIN]), "electricity", "subsidy",
                    FEN_ROLE) == 18_518

        # the clerk issues Xinghe's subsidy confirmation; the server signs it; it is printed
        certificates = clerk_window.show_pane("certificates")
        qtbot.waitUntil(lambda: certificates.model.count is not None
                        and not certificates.model.loading, timeout=10_000)
        certificates.issue_button.click()
        dialog = certificates.dialog
        qtbot.waitUntil(lambda: dialog.zone.count() > 0 and dialog.loaded, timeout=10_000)
        dialog.kind.setCurrentIndex(dialog.kind.findData("subsidy"))
        qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
        assert (dialog.month_from.text(), dialog.month_to.text()) == ("2026-01", MONTH)
        assert sorted(c.name for c in dialog.candidate_rows()) == sorted([XINGHE, LANXIN])
        dialog.filter.setText("星河")
        dialog.model.setData(dialog.model.index(0, 0), Qt.CheckState.Checked,
                             Qt.ItemDataRole.CheckStateRole)
        assert dialog.summary.text() == "1 of 2 chosen · total ¥1,200.00"
        dialog.issue_button.click()
        qtbot.waitUntil(lambda: certificates.preview is not None, timeout=20_000)
        preview = certificates.preview
        assert preview.windowTitle().startswith("Certificate Z01-2026-000001")
        code = scanned(preview.pdf, tmp_path)
        preview.reject()

        # the reviewer's PC verifies the code off the paper: valid, Xinghe's, 1,200.00
        verification = reviewer_window.show_pane("verification")
        verification.code.setText(code)
        with qtbot.waitSignal(verification.verified, timeout=10_000):
            qtbot.keyClick(verification.code, Qt.Key.Key_Return)
        assert verification.view.outcome == "valid"
        assert verification.view.fields["serial"].text() == "Z01-2026-000001"
        assert verification.view.fields["firm"].text() == XINGHE
        assert verification.view.fields["amount"].text() == "¥1,200.00"
        assert modal_log.errors == [] and modal_log.failures == []
    finally:
        clerk_window.close()
        reviewer_window.close()
        clerk_program.dispose()
        reviewer_program.dispose()

    # clerk01 with psql and their own password: Z01's rows, none of Z02's
    assert psql(postgres_server, server_database, "clerk01", "SELECT current_user") == ["clerk01"]
    assert psql(postgres_server, server_database, "clerk01",
                "SELECT name FROM enterprise ORDER BY name") == sorted([XINGHE, LANXIN])
    for table in ("enterprise", "tenancy", "subsidyentry", "certificate"):  # (budgets are the
        # programme's, read by all: tests/server/test_scope.py)
        assert psql(postgres_server, server_database, "clerk01",
                    f"SELECT count(*) FROM {table} WHERE zone_id = 2") == ["0"], table
    assert psql(postgres_server, server_database, "clerk01",
                "SELECT DISTINCT zone_id FROM subsidyentry") == ["1"]
    # the same question as clerk02 finds Z02's bill: the rows are there, hidden from clerk01
    assert psql(postgres_server, server_database, "clerk02",
                "SELECT count(*) FROM subsidyentry WHERE zone_id = 2") == ["1"]
