"""The log never holds passwords, password hashes, keys or firms' data; only its user reads it.

A write is made to fail inside its transaction (a trigger refuses it, as a damaged or foreign file
might) and fails the program's own way: the background runner hands the failure to the default
error dialog, which logs it with its traceback through the log that desktop.app sets up. The log
file (and what went to the console) is then read back.
"""

import logging
import os
import stat
from datetime import date

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from db import passwords
from db.models import EnterpriseFields
from db.services import staff
from db.services.enterprises import FirstTenancy, register_enterprise
from desktop import modals
from desktop.app import setup_logging
from desktop.background import BackgroundRunner
from desktop.log_file import close_log
from tests.conftest import firm_fields, valid_uscc

SECRET = "hunter2 battery staple"
FIRM = "上海密云量子科技有限公司"
CONTACT = "钱多多"
PHONE = "021-68889999"
USCC = valid_uscc(777_777)
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX's")


@pytest.fixture
def log_file(tmp_path, monkeypatch):  # noqa: ANN001, ANN201
    """The program's log set up in a data folder of the test's own; its console half writes
    to the stderr of the moment it is set up, so a test that reads the console with capsys
    sets it up again in its body (the second set-up replaces the first)."""
    monkeypatch.setenv("ZONEDESK_DATA", str(tmp_path / "data"))
    path = setup_logging()
    yield path
    close_log()


def refuse_writes(db, table: str, when: str) -> None:  # noqa: ANN001
    """A trigger makes every `when` (INSERT, UPDATE) on `table` fail inside the transaction."""
    connection = db.raw_connection()
    connection.execute(f"CREATE TRIGGER forced_failure BEFORE {when} ON {table} "
                       "BEGIN SELECT RAISE(ABORT, 'forced failure'); END")
    connection.close()


def fail_the_programs_way(qtbot, monkeypatch, job) -> list[str]:  # noqa: ANN001
    """Runs `job` on the database thread with no failure handler of its own, as a pane does;
    returns what the error dialog would have said."""
    shown: list[str] = []
    monkeypatch.setattr(modals, "show_error", lambda _parent, text: shown.append(text))
    runner = BackgroundRunner()
    try:
        runner.run(lambda _task: job())
        qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    finally:
        runner.stop()
    for handler in logging.getLogger().handlers:
        handler.flush()
    return shown


def leaks(data: str, text: str) -> bool:
    """Whether any piece of `data` shows in `text`: four Chinese characters, eight others."""
    width = 4 if not data.isascii() else 8
    return any(data[i:i + width] in text for i in range(max(1, len(data) - width + 1)))


def console(capsys) -> str:  # noqa: ANN001
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_a_failed_password_reset_leaves_no_hash_or_password_in_the_log(
        qtbot, monkeypatch, capsys, db, people, log_file):  # noqa: ANN001
    hashes: list[str] = []
    real_hash = passwords.hash_password
    monkeypatch.setattr(passwords, "hash_password",
                        lambda password: hashes.append(real_hash(password)) or hashes[-1])
    assert setup_logging() == log_file
    refuse_writes(db, "staffaccount", "UPDATE")
    shown = fail_the_programs_way(qtbot, monkeypatch, lambda: staff.reset_password(
        db, actor=people.admin, staff_id=people.clerk.staff_id, new_password=SECRET))
    assert "Something went wrong" in shown[0]
    text = log_file.read_text(encoding="utf-8")
    # the log still helps: what failed, where
    assert "IntegrityError" in text and "forced failure" in text and "reset_password" in text
    out = console(capsys)
    assert hashes and not leaks(hashes[0].split("$")[-1], text + out)
    for secret in ("$argon2", SECRET):
        assert not leaks(secret, text) and not leaks(secret, out)


def test_a_failed_registration_leaves_no_firm_data_in_the_log(
        qtbot, monkeypatch, capsys, db, people, log_file):  # noqa: ANN001
    assert setup_logging() == log_file
    refuse_writes(db, "enterprise", "INSERT")
    fields = firm_fields(uscc=USCC, name=FIRM, contact_name=CONTACT, contact_phone=PHONE)
    fail_the_programs_way(qtbot, monkeypatch, lambda: register_enterprise(
        db, actor=people.admin, fields=fields, zone_id=1,
        tenancy=FirstTenancy("A栋909", 12050, date(2024, 1, 1))))
    text = log_file.read_text(encoding="utf-8")
    assert "IntegrityError" in text and "register_enterprise" in text
    out = console(capsys)
    for data in (USCC, FIRM, CONTACT, PHONE):
        assert not leaks(data, text) and not leaks(data, out)


def _unreadable_int() -> None:
    int(FIRM)  # ValueError: invalid literal for int() with base 10: '上海…'


def _pydantic_refusal() -> None:
    EnterpriseFields.model_validate(dict(firm_fields(uscc=USCC).model_dump(), employees=PHONE))


def _message_with_secrets() -> None:
    key = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode()
    raise RuntimeError(f"hash {passwords.hash_password(SECRET)} of {USCC} for {FIRM}, key\n{key}")


@pytest.mark.parametrize("job", [_unreadable_int, _pydantic_refusal, _message_with_secrets],
                         ids=["int()", "pydantic", "hash, key and code"])
def test_what_an_unexpected_error_says_is_masked_in_the_log(qtbot, monkeypatch, log_file, job):  # noqa: ANN001
    """Errors that are not the database's carry their input in the message; the log masks it."""
    fail_the_programs_way(qtbot, monkeypatch, job)
    text = log_file.read_text(encoding="utf-8")
    assert job.__name__ in text  # the traceback is there
    for data in (FIRM, USCC, PHONE, "$argon2", "PRIVATE KEY"):
        assert not leaks(data, text)


@posix_only
def test_only_its_user_reads_the_log(tmp_path, monkeypatch):  # noqa: ANN001
    folder = tmp_path / "data" / "logs"
    folder.mkdir(parents=True, mode=0o755)
    os.chmod(folder, 0o755)
    older = folder / "zonedesk.log.1"  # written by an earlier version, world-readable
    older.write_text("old\n")
    os.chmod(older, 0o644)
    monkeypatch.setenv("ZONEDESK_DATA", str(tmp_path / "data"))
    try:
        path = setup_logging()
        logging.getLogger("zonedesk.test").warning("something")
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert path.parent == folder and path.exists()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(older.stat().st_mode) == 0o600
        file_handler = next(h for h in logging.getLogger().handlers
                            if getattr(h, "baseFilename", None) == str(path))
        file_handler.doRollover()  # the new file after a rotation is private too
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    finally:
        close_log()


def test_setting_up_twice_writes_each_line_once(tmp_path, monkeypatch):  # noqa: ANN001
    monkeypatch.setenv("ZONEDESK_DATA", str(tmp_path / "data"))
    try:
        setup_logging()
        path = setup_logging()
        logging.getLogger("zonedesk.test").warning("only once")
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert path.read_text(encoding="utf-8").count("only once") == 1
    finally:
        close_log()
