"""`zonedesk --self-test` and `zonedesk --version`: the self-test passes every step (on any day,
the turn of the year included), names the step that fails and why in one line, and leaves the
user's data, settings and cache folders as it found them."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from db import clock
from desktop import self_test
from desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]
STEP_NAMES = [name for name, _ in self_test.STEPS]


def _user_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """The user's data folder and the XDG folders, each empty, where platformdirs looks."""
    folders = [tmp_path / name for name in ("zonedesk-data", "data", "config", "cache", "state")]
    for folder in folders:
        folder.mkdir()
    for variable, folder in zip(("ZONEDESK_DATA", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                                 "XDG_CACHE_HOME", "XDG_STATE_HOME"), folders, strict=True):
        monkeypatch.setenv(variable, str(folder))
    return folders


@pytest.mark.parametrize("moment", [
    pytest.param(None, id="test-moment"),
    *[pytest.param(moment, id=moment[:10], marks=pytest.mark.now(moment)) for moment in
      ("2026-12-31T23:59:59.900+08:00",  # the year turns while the test runs
       "2027-01-01T00:30:00+08:00", "2027-03-01T08:00:00+08:00")]])
def test_every_step_passes_and_no_user_folder_is_touched(qapp, monkeypatch, tmp_path, capsys,
                                                         moment):
    folders = _user_folders(monkeypatch, tmp_path)
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Zone Desk 0.1.0 (")
    assert out[1:-1] == [f"ok  {name}" for name in STEP_NAMES]
    assert out[-1].startswith("Self-test passed in ")
    assert [list(folder.iterdir()) for folder in folders] == [[]] * len(folders)
    assert os.environ["ZONEDESK_DATA"] == str(folders[0])  # given back as it was


@pytest.mark.now("2027-01-01T00:30:00+08:00")
def test_the_turn_of_the_year_bills_the_new_month(qapp, monkeypatch, tmp_path):
    """At half past midnight on 1 January in Shanghai (still 2026 in UTC) the bill, certificate
    and report are of January 2027."""
    _user_folders(monkeypatch, tmp_path)
    seen = []
    steps = [*self_test.STEPS, ("look", lambda run: seen.append((run.period, run.serial)))]
    assert self_test.run_self_test(steps) == 0
    assert clock.utc_now().year == 2026 and seen == [("2027-01", "Z01-2027-000001")]


def test_a_broken_step_is_named_in_one_line_and_the_rest_not_run(qapp, monkeypatch, tmp_path,
                                                                  capsys):
    _user_folders(monkeypatch, tmp_path)
    ran = []

    def broken(run: self_test.Run) -> None:
        raise RuntimeError("the printer\nran out of paper")

    steps = list(self_test.STEPS)
    steps[6] = (steps[6][0], broken)
    steps.append(("after", ran.append))
    monkeypatch.setattr(self_test, "STEPS", steps)
    assert main(["--self-test"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[1:] == [f"ok  {name}" for name in STEP_NAMES[:6]]
    assert err == ("FAILED  issue a certificate as PDF: RuntimeError: the printer ran out of "
                   "paper\n")  # one line, no traceback
    assert not ran


def test_missing_reference_data_fails_the_migration_and_verbose_shows_the_traceback(
        qapp, monkeypatch, tmp_path, capsys):
    """As a bundle that left resources/ behind: the first step says which file is missing."""
    _user_folders(monkeypatch, tmp_path)
    gone = tmp_path / "no-bundle"
    monkeypatch.setattr("db.reference.resource_path", lambda *parts: gone.joinpath(*parts))
    assert main(["--self-test", "--verbose"]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    last = err.splitlines()[-1]
    assert last.startswith("FAILED  migrate the database: FileNotFoundError: ")
    assert str(gone / "reference" / "districts.csv") in last


def test_a_rule_broken_is_told_in_its_own_words(qapp, monkeypatch, tmp_path, capsys):
    """A step refused by the program's rules reads as the rule, with no exception's name."""
    _user_folders(monkeypatch, tmp_path)
    monkeypatch.setattr(self_test, "PASSWORD", "short")
    assert main(["--self-test"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("FAILED  create the first administrator: ") and "Error" not in err
    assert len(err.splitlines()) == 1


def test_version_is_the_one_pyproject_gives(capsys):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"]
    assert main(["--version"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"Zone Desk {version} (") and line.endswith(")")
    assert "unknown" not in line  # the checkout has its git revision


def test_the_command_runs_without_a_display_and_real_hashing(tmp_path):
    """As installed: a process of its own, no DISPLAY, no Qt platform chosen, the real argon2
    cost; the user's home and XDG folders stay empty, and the temporary folder is removed."""
    home, temporary = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temporary.mkdir()
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "ZONEDESK_DATA")
           and not key.startswith("XDG_")}
    env.update(HOME=str(home), TMPDIR=str(temporary), PYTHONDONTWRITEBYTECODE="1")
    script = ("import sys\nfrom tests.fixed_clock import travel_in_child, moment_of\n"
              f"travel_in_child(moment_of({clock.utc_now().isoformat()!r}))\n"
              "from desktop.cli import main\nsys.exit(main(['--self-test']))")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\nok  ") == len(STEP_NAMES)
    assert list(home.rglob("*")) == [] and list(temporary.iterdir()) == []  # nothing left
