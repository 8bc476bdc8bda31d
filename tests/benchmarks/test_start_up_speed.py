"""The program's start as a person meets it (scripts/measure_startup.py): process start to the
log-in window on screen, beside a bare PySide6 window started the same way in the same run
(target: within 3×); and, after a person's 2.5 s of typing, Enter to the main window with the
overview's figures (target: within 1 s). Enter pressed at once is reported too: the log-in then
waits for the file to open."""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.ratios import RECORDED, Ratio

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "measure_startup.py"
ROUNDS = 5
SHOWN_RATIO = 3.0
USABLE_AFTER_ENTER_S = 1.0


def _run(*args: str, data: Path) -> dict[str, float]:
    """One start in a process of its own; its figures as soon as it has printed them."""
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "ZONEDESK_DATA": str(data)}
    process = subprocess.Popen([sys.executable, str(SCRIPT), *args], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    figures: dict[str, float] = {}
    wanted = {"shown"} if args[0] == "floor" else {"shown", "usable"}
    deadline = time.monotonic() + 120
    while not wanted <= figures.keys() and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        name, value = line.split()
        figures[name] = float(value)
    process.kill()
    process.wait()
    assert wanted <= figures.keys(), f"{args}: {figures}"
    return figures


def test_log_in_window_and_main_window(scale_db, capsys):
    scale, path = scale_db
    with tempfile.TemporaryDirectory() as data:
        _run("program", "--db", str(path), "--typing", "0.5", data=Path(data))  # warm the caches
        shown, floor, usable, at_once = [], [], [], []
        for _ in range(ROUNDS):  # alternately, so that a busy moment of the machine hits both
            program = _run("program", "--db", str(path), "--typing", "2.5", data=Path(data))
            shown.append(program["shown"])
            usable.append(program["usable"])
            floor.append(_run("floor", data=Path(data))["shown"])
        for _ in range(2):
            at_once.append(_run("program", "--db", str(path), "--typing", "0", data=Path(data))["usable"])
    pair = Ratio(f"log-in window on screen, {scale}", min(shown), min(floor), SHOWN_RATIO)
    RECORDED.append(pair)
    with capsys.disabled():
        print(f"\n{pair.line()}")
        print(f"Enter to the main window with the overview's figures, {scale}: best "
              f"{min(usable) * 1000:.0f} ms, worst {max(usable) * 1000:.0f} ms after 2.5 s of typing"
              f" (target {USABLE_AFTER_ENTER_S * 1000:.0f} ms); Enter pressed at once: "
              f"{min(at_once) * 1000:.0f} ms")
    assert min(usable) < USABLE_AFTER_ENTER_S * 3  # a gross regression only: the figure is reported
