"""The idle lock: after some minutes without keyboard or mouse (desktop/settings.py, 15 unless
the person chose otherwise; 0 never) every window of the program is covered and the same
person's password is asked to go on, or they log out. Nothing is closed while locked: what was
typed in open forms is there again after the password.

The password is checked as at log-in (db/services/log_in_to_read.log_in: counted, locked after
ten wrong ones, audited), for the account of the window only.
"""

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.access import Actor
from db.errors import ZoneDeskError
from db.services import log_in_to_read
from desktop import modals, settings
from desktop.context import AppContext
from desktop.demo.demo_mark import mark_if_demo
from desktop.widgets.field_errors import FieldErrors

INPUT_EVENTS = frozenset((
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress))


class Curtain(QWidget):
    """An opaque cover over one window, following its size."""

    def __init__(self, window: QWidget, text: str) -> None:
        super().__init__(window)
        self.setObjectName("curtain")
        self.setAutoFillBackground(True)
        self.setStyleSheet("QWidget#curtain { background: #1f3a5f; } QLabel { color: white; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self.setGeometry(self.parentWidget().rect())
        return False


class UnlockDialog(QDialog):
    """The same person's password to go on, or Log out."""

    unlocked = Signal()
    log_out_asked = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        actor = context.actor
        self.setWindowTitle(self.tr("Zone Desk — locked"))
        mark_if_demo(self, context.db, context.runner)  # 演示数据 in the title of a demo's lock
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(380)
        intro = QLabel(self.tr("Locked after a time without use. {name} ({username}): enter your "
                               "password to go on where you left off.").format(
            name=actor.display_name, username=actor.username))
        intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = FieldErrors()
        form = QFormLayout()
        self.errors.add_row(form, self.tr("Password"), "password", self.password)
        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton(self.tr("Unlock"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.log_out_button: QPushButton = self.buttons.addButton(
            self.tr("Log out"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.log_out_button.setAutoDefault(False)
        self.unlock_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.log_out_button.clicked.connect(self.log_out_asked)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.password.setFocus()

    def submit(self) -> None:
        self.errors.clear()
        if not self.password.text():
            self.errors.mark("password", self.tr("Enter your password."))
            return
        db, actor, password = self._context.db, self._context.actor, self.password.text()
        self.buttons.setEnabled(False)
        self._context.runner.run(
            lambda _task: log_in_to_read.log_in(db, username=actor.username, password=password),
            on_success=self._checked, on_failure=self._refused, parent=self)

    def _checked(self, actor: Actor) -> None:
        self.buttons.setEnabled(True)
        if actor.staff_id != self._context.actor.staff_id:  # cannot happen: the same name
            self._refused(None)
            return
        self.unlocked.emit()

    def _refused(self, error: BaseException | None) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        if isinstance(error, ZoneDeskError):
            self.errors.mark("password", modals.translate_error(error))
        elif error is not None:
            modals.show_failure(self, error)

    def reject(self) -> None:  # Esc does not unlock
        pass


class IdleLock(QObject):
    """Watches the keyboard and mouse of the whole program for `window` (a main window with
    `log_out()`); `timer` runs while nobody touches them, and locks when it runs out."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QWidget, context: AppContext, minutes: int | None = None) -> None:
        super().__init__(window)
        self._window, self._context = window, context
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.dialog: UnlockDialog | None = None
        self._curtains: list[Curtain] = []
        self._focus: QWidget | None = None
        self.set_interval_ms((settings.idle_lock_minutes() if minutes is None else minutes) * 60_000)
        QApplication.instance().installEventFilter(self)

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def set_interval_ms(self, milliseconds: int) -> None:
        """0: never locks by itself."""
        self.timer.setInterval(milliseconds)
        if milliseconds > 0 and not self.is_locked:
            self.timer.start()
        else:
            self.timer.stop()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in INPUT_EVENTS and self.dialog is None and self.timer.interval() > 0:
            self.timer.start()
        return False

    def lock(self) -> None:
        if self.is_locked or not self._window.isVisible():
            return
        self.timer.stop()
        self._focus = QApplication.focusWidget()
        text = self.tr("Zone Desk is locked.")
        self._curtains = [Curtain(top, text) for top in QApplication.topLevelWidgets()
                          if top.isVisible() and top.windowType() in (Qt.WindowType.Window,
                                                                      Qt.WindowType.Dialog)]
        self.dialog = UnlockDialog(self._context, self._window)
        self.dialog.unlocked.connect(self.unlock)
        self.dialog.log_out_asked.connect(self._log_out)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.locked.emit()

    def unlock(self) -> None:
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        for curtain in self._curtains:
            curtain.hide()
            curtain.deleteLater()
        self._curtains = []
        if self._focus is not None:
            self._focus.window().activateWindow()
            self._focus.setFocus()
            self._focus = None
        self.set_interval_ms(self.timer.interval())
        self.unlocked.emit()

    def _log_out(self) -> None:
        """Closes the dialogs left open (what they held is given up) and logs out; when the
        person keeps unsaved bills after all, the lock stays."""
        assert self.dialog is not None
        self.dialog.hide()
        for top in reversed(QApplication.topLevelWidgets()):
            if isinstance(top, QDialog) and top.isVisible() and top is not self.dialog:
                top.reject()
        if self._window.log_out():
            return
        self.dialog.show()
