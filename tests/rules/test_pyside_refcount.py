"""PySide6 regression: 6.12.0 on Python 3.11 drops a reference to None on every call of a Qt
method that returns nothing, until None's count runs out and the interpreter aborts. The
pinned version (pyproject: pyside6 <6.12) must not do that."""

import sys

import pytest

QtCore = pytest.importorskip("PySide6.QtCore")

CALLS = 100_000


def set_object_name(i: int, thing=QtCore.QObject()) -> None:  # noqa: B008 (one shared object)
    thing.setObjectName("x" if i % 2 else "y")


def set_interval(i: int, timer=QtCore.QTimer()) -> None:  # noqa: B008
    timer.setInterval(i % 1000)


@pytest.mark.parametrize("call", [set_object_name, set_interval])
def test_qt_calls_returning_nothing_keep_the_references_to_none(call):
    call(0)  # warm up: the first call may cache things
    before = sys.getrefcount(None)
    for i in range(CALLS):
        call(i)
    lost = before - sys.getrefcount(None)
    assert abs(lost) < 100, f"{lost} references to None lost in {CALLS:,} calls"
