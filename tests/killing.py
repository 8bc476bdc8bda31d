"""kill -9 at a moment of the test's choosing: a function run in a program of its own (spawned,
so that nothing of the test's process is shared), killed with SIGKILL some time after it said
it began."""

import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path


def run_and_kill(target: Callable[..., None], args: tuple, marker: Path, delay: float | None, *,
                 timeout: float = 120) -> tuple[float, int]:
    """Runs target(*args) in a program of its own; `target` writes `marker` when the work to
    interrupt begins. Kills the program `delay` seconds after that (None: lets it finish).
    Returns (seconds from the marker to the program's end, its exit code: -SIGKILL if killed)."""
    marker.unlink(missing_ok=True)
    program = multiprocessing.get_context("spawn").Process(target=target, args=args)
    program.start()
    deadline = time.monotonic() + timeout
    while not marker.exists():
        assert program.is_alive() and time.monotonic() < deadline, "the program never began"
        time.sleep(0.001)
    began = time.monotonic()
    if delay is not None:
        time.sleep(delay)
        if program.is_alive():
            os.kill(program.pid, signal.SIGKILL)  # (if it just ended, this finds it gone: exit code 0)
    program.join(timeout=timeout)
    return time.monotonic() - began, program.exitcode
