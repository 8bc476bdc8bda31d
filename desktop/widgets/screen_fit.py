"""Every dialog fits the screen it opens on: a dialog asking more room than the screen has (the
PDF preview's 820 × 960 on a 900-pixel screen) is made smaller and centred, so that its buttons
are never below the edge. `DialogFitter`, installed on the application (desktop/app.py), does it
for every dialog as it is shown; `fit_to_screen` for one window.
"""

from PySide6.QtCore import QEvent, QMargins, QObject, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

# a window manager's title bar and borders, before the window is on screen and they are known
FRAME_ALLOWANCE = QMargins(8, 36, 8, 8)


def available_geometry(widget: QWidget) -> QRect:
    """The part of the screen windows may use (without the task bar): the screen of the window's
    parent when it has one on screen, else the widget's own, else the primary screen."""
    parent = widget.parentWidget()
    screen = parent.window().screen() if parent is not None and parent.window().isVisible() else None
    screen = screen or widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def _frame_margins(widget: QWidget) -> QMargins:
    frame, inner = widget.frameGeometry(), widget.geometry()
    margins = QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                       frame.right() - inner.right(), frame.bottom() - inner.bottom())
    return FRAME_ALLOWANCE if margins.isNull() else margins


def fit_to_screen(widget: QWidget) -> None:
    """Shrinks the window (its minimum size too) to the available screen, frame included, and
    centres it there when it had to shrink; otherwise only moves it wholly onto the screen."""
    area = available_geometry(widget)
    margins = _frame_margins(widget)
    room_width = area.width() - margins.left() - margins.right()
    room_height = area.height() - margins.top() - margins.bottom()
    width, height = min(widget.width(), room_width), min(widget.height(), room_height)
    if widget.minimumWidth() > width or widget.minimumHeight() > height:
        widget.setMinimumSize(min(widget.minimumWidth(), width), min(widget.minimumHeight(), height))
    shrunk = (width, height) != (widget.width(), widget.height())
    if shrunk:
        widget.resize(width, height)
    frame_width = width + margins.left() + margins.right()
    frame_height = height + margins.top() + margins.bottom()
    if shrunk:
        x = area.left() + (area.width() - frame_width) // 2
        y = area.top() + (area.height() - frame_height) // 2
    else:
        x = max(area.left(), min(widget.x(), area.left() + area.width() - frame_width))
        y = max(area.top(), min(widget.y(), area.top() + area.height() - frame_height))
    widget.move(x, y)


class DialogFitter(QObject):
    """Fits each dialog to its screen as it is shown (before it reaches the screen)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) and watched.isWindow():
            fit_to_screen(watched)
        return False
