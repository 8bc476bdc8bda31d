"""What the Windows build needs, checked on Linux (the Windows workflow runs this file on
Windows too): no POSIX-only call on the program's path outside a platform check, text files
with an explicit encoding, the data folder under %LOCALAPPDATA%, file names Windows accepts,
output that survives a code page without Chinese, and an installer script and workflow that
name what exists. The installer itself is built and run only by
.github/workflows/windows-package.yml."""

import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path, PureWindowsPath

import platformdirs
import platformdirs.windows
import pytest
from hypothesis import given
from hypothesis import strategies as st

from db import locations
from db.backup.making import make_backup
from db.backup.naming import backup_name
from db.file_names import MAX_BYTES, windows_problem, windows_safe
from db.migrate import backup as migration_backup
from tests.rules.windows_scan import posix_only_calls, unencoded_text_files

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = [p for folder in ("db", "desktop", "documents") for p in sorted((ROOT / folder).rglob("*.py"))]
ISS = ROOT / "packaging" / "windows" / "zonedesk.iss"
WORKFLOW = ROOT / ".github" / "workflows" / "windows-package.yml"
FIRM = "上海A/B:有限公司"


# --- no POSIX-only calls, no locale encodings -------------------------------------------------
def test_the_posix_scan_sees_what_it_should(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os, sys, signal\nimport fcntl\nfrom os import getuid\nPOSIX = os.name == 'posix'\n"
        "os.getuid()\nsignal.SIGKILL\nPath('a').symlink_to('b')\n"
        "if sys.platform != 'win32':\n    os.fork()\n"
        "if POSIX:\n    os.chown('a', 1, 1)\n"
        "def f():\n    if not POSIX:\n        return\n    os.killpg(1, 9)\n"
        "ok = POSIX and os.geteuid() == 0\n"
        "try:\n    import pwd\nexcept ImportError:\n    pwd = None\n", encoding="utf-8")
    assert posix_only_calls(sample) == ["sample.py:2 fcntl", "sample.py:3 os.getuid",
                                        "sample.py:5 os.getuid", "sample.py:6 signal.SIGKILL",
                                        "sample.py:7 .symlink_to"]


def test_no_posix_only_call_on_the_programs_path_outside_a_platform_check():
    assert len(PROGRAM) > 100
    assert [finding for path in PROGRAM for finding in posix_only_calls(path)] == []


def test_the_encoding_scan_sees_what_it_should(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "open('a')\nopen('a', 'w')\nopen('a', 'rb')\nopen('a', 'w', encoding='utf-8')\n"
        "p.read_text()\np.write_text('x')\np.read_text(encoding='utf-8')\np.open('w')\n"
        "p.open('rb')\ndialog.open()\nos.open(p, os.O_RDONLY)\nwebbrowser.open('https://a')\n"
        "open(p, mode, **options)\nreplacing(p, 'w')\nreplacing(p, 'wb')\n"
        "logging.FileHandler('x.log')\nclass Log(RotatingFileHandler): pass\nLog('x.log')\n"
        "Log('x.log', encoding='utf-8')\ntempfile.NamedTemporaryFile('w')\n"
        "tempfile.NamedTemporaryFile()\nio.TextIOWrapper(b)\n", encoding="utf-8")
    assert [f.split()[0].split(":")[1] for f in unencoded_text_files(sample)] == [
        "1", "2", "5", "6", "8", "14", "16", "18", "20", "22"]


def test_every_text_file_the_program_opens_names_its_encoding():
    """Windows' default is the locale's code page (GBK, cp1252): a CSV or log written with it
    is unreadable elsewhere, and a Chinese name fails outright on an English Windows."""
    assert [finding for path in PROGRAM for finding in unencoded_text_files(path)] == []


# --- where the data lives on Windows ---------------------------------------------------------
def test_on_windows_the_data_folder_is_under_local_appdata_not_roaming_nor_the_program(monkeypatch):
    local, roaming = r"C:\Users\张三\AppData\Local", r"C:\Users\张三\AppData\Roaming"
    monkeypatch.setenv("LOCALAPPDATA", local)
    monkeypatch.setenv("APPDATA", roaming)
    monkeypatch.delenv(locations.DATA_ENV, raising=False)
    monkeypatch.delenv(locations.DB_ENV, raising=False)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(platformdirs.windows, "get_win_folder",
                        platformdirs.windows.get_win_folder_from_env_vars)
    data = PureWindowsPath(str(locations.data_dir()))
    assert data == PureWindowsPath(local, "ZoneDesk")  # no vendor folder, no version folder
    assert PureWindowsPath(str(locations.database_path())) == data / "zonedesk.sqlite"
    assert PureWindowsPath(str(locations.log_dir())) == data / "logs"
    assert PureWindowsPath(str(locations.settings_file())) == data / "settings.ini"
    assert PureWindowsPath(str(locations.backup_dir(locations.database_path()))) == data / "backups"
    installed = PureWindowsPath(local, "Programs", "Zone Desk")  # the installer's {autopf}
    assert not data.is_relative_to(installed) and not data.is_relative_to(roaming)


# --- file names Windows accepts ---------------------------------------------------------------
@pytest.mark.parametrize(("name", "safe"), [
    (f"{FIRM} statement.pdf", "上海A_B_有限公司 statement.pdf"),
    ('a<b>c"d|e?f*g\\h\x01.xlsx', "a_b_c_d_e_f_g_h_.xlsx"),
    ("CON", "_CON"), ("nul.txt", "_nul.txt"), ("com1.tar.gz", "_com1.tar.gz"),
    ("Lpt9 .pdf", "_Lpt9 .pdf"), ("report. . ", "report"), ("  .", "_"), ("", "_"),
    ("Z01-2026-000123.pdf", "Z01-2026-000123.pdf"), ("CONSOLE.pdf", "CONSOLE.pdf"),
])
def test_windows_safe_names(name, safe):
    assert windows_safe(name) == safe
    assert windows_problem(safe) is None


def test_a_long_chinese_name_is_cut_before_its_extension():
    name = windows_safe("园" * 200 + ".xlsx")
    assert name.endswith("园.xlsx") and len(name.encode("utf-8")) <= MAX_BYTES
    assert windows_problem("园" * 100 + ".xlsx") == f"longer than {MAX_BYTES} bytes"


def _accepted_here_and_on_windows(name: str, folder: Path) -> None:
    assert windows_problem(name) is None, name
    (folder / name).write_bytes(b"")  # on the Windows runner, Windows itself judges it
    assert [p.name for p in folder.iterdir()] == [name]
    (folder / name).unlink()


@given(st.text(max_size=300))
def test_any_text_becomes_a_name_windows_accepts_and_a_safe_name_stays_as_it_is(text):
    safe = windows_safe(text)
    assert windows_problem(safe) is None
    assert windows_safe(safe) == safe


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=80))
def test_any_firm_name_in_a_certificate_name_can_be_written(tmp_path_factory, firm):
    folder = tmp_path_factory.mktemp("names")
    _accepted_here_and_on_windows(windows_safe(f"{firm} Z01-2026-000123.pdf"), folder)


def test_backup_names_are_accepted_by_windows(db_path, tmp_path):
    for moment in (datetime(2026, 12, 3, 1, 30, 15, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)):
        folder = tmp_path / moment.isoformat().replace(":", "")
        folder.mkdir()
        _accepted_here_and_on_windows(backup_name("zonedesk", moment, "0011", 3), folder)
    made = make_backup(db_path, tmp_path / "backups", reason="manual", create_folder=True).path
    assert windows_problem(made.name) is None
    assert windows_problem(migration_backup(db_path, "before-0011").name) is None


def test_a_save_dialog_proposes_a_firms_name_safely_in_the_folder_chosen(monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from desktop import modals, settings
    monkeypatch.setattr(settings, "start_folder", lambda: tmp_path)
    proposed: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _parent, _title, start, _filter: (proposed.append(start), ("", ""))[1])
    modals.choose_save_path(None, "Save", f"{FIRM} 2026-11.pdf", "PDF (*.pdf)")
    modals.choose_save_path(None, "Save", str(tmp_path / "in" / "NUL.xlsx"), "Excel (*.xlsx)")
    assert proposed == [str(tmp_path / "上海A_B_有限公司 2026-11.pdf"),
                        str(tmp_path / "in" / "_NUL.xlsx")]


def test_every_save_dialog_goes_through_the_one_that_makes_names_safe():
    callers = [f"{p.relative_to(ROOT)}" for p in PROGRAM if p.name != "modals.py"
               and re.search(r"getSaveFileName|QFileDialog\(", p.read_text(encoding="utf-8"))]
    assert callers == []


def test_the_chinese_file_names_the_translation_proposes_are_accepted_by_windows():
    ts = (ROOT / "resources" / "i18n" / "zonedesk_zh_CN.ts").read_text(encoding="utf-8")
    names = [re.sub(r"\{\w+\}", "x", text) for text in re.findall(
        r"<translation>([^<]*\.(?:pdf|xlsx|csv|txt|sqlite))</translation>", ts)]
    assert names and [n for n in names if windows_problem(n)] == []


# --- what the program prints survives a code page without Chinese -----------------------------
def test_a_command_printing_chinese_to_a_cp1252_file_still_succeeds(db_path, tmp_path):
    """An English Windows writes redirected output in cp1252: a Chinese path in 'Backup
    written: …' stopped the command (exit 1, a traceback) after the backup was made."""
    database = tmp_path / "园区.sqlite"
    db_path.rename(database)
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run([sys.executable, "-m", "desktop", "backup", "--db", str(database)],
                          cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    assert b"Backup written" in done.stdout and b"\\u56ed\\u533a" in done.stdout


def test_translation_tools_are_found_where_windows_keeps_them(monkeypatch):
    """On Windows the tool is pyside6-lrelease.exe in Scripts\\, not beside python.exe."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import translations
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    monkeypatch.setattr(sys, "executable", "/nowhere/python.exe")
    monkeypatch.setenv("PATH", "")
    found = Path(translations._tool("pyside6-lrelease"))
    assert found.is_absolute() and found.is_file()


# --- the installer script and the workflow ----------------------------------------------------
def _iss_lines() -> list[str]:
    return ISS.read_text(encoding="utf-8-sig").splitlines()


def test_the_installer_installs_per_user_and_names_files_that_exist():
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with its mark: the Chinese name reads right
    text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    setting = dict(re.findall(r"^(\w+)=(.*)$", text, re.MULTILINE))
    assert setting["PrivilegesRequired"] == "lowest"
    assert setting["DefaultDirName"] == r"{autopf}\{#AppName}" and '"Zone Desk"' in text
    assert setting["AppVersion"] == "{#AppVersion}" and "#ifndef AppVersion" in text
    assert setting["UninstallDisplayIcon"] == r"{app}\zonedesk.ico"
    defined = dict(re.findall(r'^#define (\w+) (.*)$', text, re.MULTILINE))
    root = ISS.parent / ".." / ".."
    icon = defined["Icon"].removeprefix('Root + "').removesuffix('"').replace("\\", "/")
    assert (root / icon.lstrip("/")).resolve() == ROOT / "resources" / "icons" / "zonedesk.ico"
    assert (ROOT / "resources" / "icons" / "zonedesk.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert defined["Bundle"] == r'Root + "\dist\zonedesk"'
    assert "园区服务台" in defined["ChineseName"] and r"{autoprograms}\{#ShortcutName}" in text
    assert r'Filename: "{app}\zonedesk.exe"' in text


def test_the_uninstaller_leaves_the_data_folder_alone():
    sections = re.split(r"^\[(\w+)\]", "\n".join(_iss_lines()), flags=re.MULTILINE)
    body = dict(zip(sections[1::2], sections[2::2], strict=True))
    assert "UninstallDelete" not in body
    deleted = [line for line in body["InstallDelete"].splitlines() if line.startswith("Type:")]
    assert deleted == [r'Type: filesandordirs; Name: "{app}\_internal"']
    assert locations.APP_NAME not in "\n".join(body[s] for s in ("Files", "Icons", "InstallDelete"))


def test_the_spec_makes_the_folder_the_installer_takes():
    spec = ROOT / "packaging" / "zonedesk.spec"
    if not spec.exists():
        pytest.skip("packaging/zonedesk.spec is not written yet")
    assert re.search(r"""name\s*=\s*["']zonedesk["']""", spec.read_text(encoding="utf-8"))
    # a windowed program gives cmd no output and no exit code: its console twin is typed there
    assert re.search(r"""name="zonedesk-cli",(?:\n.*?)*?\n\s*console=True,""",
                     spec.read_text(encoding="utf-8"))


def test_the_windows_workflow_builds_installs_and_self_tests():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "\t" not in text and text.isascii()  # YAML takes no tabs; pwsh reads it as written
    assert re.search(r"^on:\n", text, re.MULTILINE) and re.search(r"^jobs:\n", text, re.MULTILINE)
    assert "runs-on: windows-latest" in text and 'python-version: "3.11"' in text
    assert "QT_QPA_PLATFORM: offscreen" in text and '".[package,test]"' in text
    for step in ("scripts/translations.py compile", "packaging/zonedesk.spec", "choco install innosetup",
                 "/DAppVersion=", "packaging\\windows\\zonedesk.iss", "/CURRENTUSER", "/VERYSILENT",
                 "unins000.exe", "actions/upload-artifact", "tests/rules/test_windows_ready.py"):
        assert step in text, step
    runs = re.findall(r"self-test\.ps1 -Exe (.+)", text)
    assert runs == [r"dist\zonedesk\zonedesk.exe", r'"$env:LOCALAPPDATA\Programs\Zone Desk\zonedesk.exe"']
    assert "--self-test" in (ISS.parent / "self-test.ps1").read_text(encoding="utf-8")
    assert "dist\\zonedesk\\zonedesk-cli.exe --self-test || exit /b 1" in text
    if sys.platform != "win32" and shutil.which("python3"):  # a YAML parser if one is there
        checked = subprocess.run(["python3", "-c", "import sys, yaml; yaml.safe_load(open(sys.argv[1]))",
                                  str(WORKFLOW)], capture_output=True, text=True, encoding="utf-8")
        assert checked.returncode == 0 or "No module named 'yaml'" in checked.stderr, checked.stderr
