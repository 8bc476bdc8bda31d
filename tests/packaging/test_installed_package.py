"""The .deb `make package` builds, unpacked as dpkg installs it (dpkg-deb -x into a temporary
root): it declares what it needs, its menu entry is valid, and the program it installs says its
version, passes its self-test and opens its log-in window on a demo database, offscreen, with
its data in a temporary home (never the user's)."""

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from db.bundle import CHECKOUT, checkout_version
from desktop.login.desk import LOG_IN_SHOWN
from tests.packaging.built_package import BuiltPackage

pytestmark = pytest.mark.slow

PROGRAM = Path("opt") / "zonedesk" / "zonedesk"


def installed(program: str, root: Path) -> str:
    """The installed program's path under the unpacked root (the name first: the rule test of
    tests/rules/test_system_packages.py reads it as the program run)."""
    return str(root / "opt" / "zonedesk" / program)
SIZES = ("16x16", "24x24", "32x32", "48x48", "64x64", "128x128", "256x256")


def runtime_packages() -> list[str]:
    text = (CHECKOUT / "packaging" / "linux" / "runtime-packages.txt").read_text(encoding="utf-8")
    return [line.split()[0] for line in text.splitlines() if line.split("#")[0].strip()]


def clean_environment(home: Path) -> dict[str, str]:
    """Offscreen, a home of its own and nothing of this test run (its ZONEDESK_DATA, the
    virtualenv, Python's or Qt's variables) that the installed program could lean on."""
    folders = {"HOME": home, "XDG_DATA_HOME": home / "data", "XDG_STATE_HOME": home / "state",
               "XDG_CONFIG_HOME": home / "config", "XDG_CACHE_HOME": home / "cache",
               "XDG_RUNTIME_DIR": home / "runtime"}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"} | {
        name: str(folder) for name, folder in folders.items()}


def run_installed(root: Path, home: Path, *arguments: str,
                  timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed("zonedesk", root), *arguments], env=clean_environment(home),
                          capture_output=True, text=True, timeout=timeout, check=False)


def test_the_deb_installs_the_bundle_a_command_a_menu_entry_and_the_icon(package: BuiltPackage,
                                                                         installed_root: Path):
    fields = subprocess.run(["dpkg-deb", "--field", str(package.deb), "Package", "Version",
                             "Architecture", "Depends"], capture_output=True, text=True,
                            check=True).stdout
    assert re.search(r"^Package: zonedesk$", fields, re.M)
    assert re.search(rf"^Version: {re.escape(checkout_version(CHECKOUT))}$", fields, re.M)
    assert re.search(r"^Architecture: amd64$", fields, re.M)
    depends = re.search(r"^Depends: (.*)$", fields, re.M).group(1).split(", ")
    assert set(runtime_packages()) <= set(depends)
    assert any(re.fullmatch(r"libc6 \(>= 2\.\d+\)", item) for item in depends)

    assert os.access(installed_root / PROGRAM, os.X_OK)
    command = installed_root / "usr" / "bin" / "zonedesk"
    assert command.is_symlink() and os.readlink(command) == "/opt/zonedesk/zonedesk"
    for size in SIZES:
        assert (installed_root / "usr/share/icons/hicolor" / size / "apps/zonedesk.png").is_file()
    bundle = installed_root / "opt" / "zonedesk" / "_internal"
    assert (bundle / "resources" / "fonts" / "wqy-microhei.ttc").is_file()
    assert (bundle / "resources" / "i18n" / "zonedesk_zh_CN.qm").is_file()
    assert not list(bundle.glob("resources/i18n/*.ts"))
    assert sorted(p.name for p in (bundle / "db" / "migrations" / "versions").glob("*.py")) == \
        sorted(p.name for p in (CHECKOUT / "db" / "migrations" / "versions").glob("*.py"))


def test_its_menu_entry_is_valid_and_starts_the_command(installed_root: Path):
    entry = installed_root / "usr" / "share" / "applications" / "zonedesk.desktop"
    checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True,
                             check=False)
    assert checked.returncode == 0 and checked.stdout + checked.stderr == ""
    text = entry.read_text(encoding="utf-8")
    for line in ("Name=Zone Desk", "Name[zh_CN]=园区服务台", "Exec=zonedesk", "Icon=zonedesk",
                 "Categories=Office;"):
        assert line in text.splitlines()


def test_the_installed_program_says_its_version_and_build(installed_root: Path, tmp_path: Path):
    said = run_installed(installed_root, tmp_path, "--version")
    assert said.returncode == 0, said.stderr
    # the revision is the build's (a cached build may stand on an earlier commit)
    assert re.fullmatch(rf"Zone Desk {re.escape(checkout_version(CHECKOUT))} \(([0-9a-f]{{12}}"
                        r"(\+changes)?|unknown)\)\n", said.stdout), said.stdout


def test_the_installed_program_passes_its_self_test(installed_root: Path, tmp_path: Path):
    tested = run_installed(installed_root, tmp_path, "--self-test")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "Self-test passed" in tested.stdout
    assert not list((tmp_path / "data").rglob("*.sqlite"))  # no user data made or touched


def test_the_installed_program_opens_its_log_in_window_on_a_demo_database(installed_root: Path,
                                                                          tmp_path: Path):
    demo = tmp_path / "demo.sqlite"
    made = run_installed(installed_root, tmp_path, "demo", "--db", str(demo), "--firms", "50")
    assert made.returncode == 0, made.stdout + made.stderr
    log = tmp_path / "data" / "ZoneDesk" / "logs" / "zonedesk.log"  # platformdirs, frozen too
    program = subprocess.Popen([installed("zonedesk", installed_root), "--db", str(demo)],
                               env=clean_environment(tmp_path), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and program.poll() is None:
            if log.is_file() and LOG_IN_SHOWN in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.1)
        assert program.poll() is None, program.communicate()[1]
        assert LOG_IN_SHOWN in log.read_text(encoding="utf-8")
    finally:
        program.terminate()
        program.wait(timeout=30)
