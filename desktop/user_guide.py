"""Help → User guide: the staff's short guide, opened offline in the program, in the program's
language (English where a language has no guide). The guide is HTML with its screenshots in
resources/guide/<language>/, made by scripts/user_guide.py from the program itself."""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QUrl
from PySide6.QtGui import QAction, QResizeEvent, QTextCursor, QTextDocument, QTextImageFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db.bundle import resource_path
from desktop.app import shown_language

FALLBACK = "en"


def guide_index(language: str) -> Path:
    """The guide's index.html in `language`, or the English one where there is none."""
    wanted = resource_path("guide", language, "index.html")
    return wanted if wanted.exists() else resource_path("guide", FALLBACK, "index.html")


class GuideBrowser(QTextBrowser):
    """Shows the guide with each screenshot scaled down to the width there is (never up), so
    that nothing hides behind a scroll bar on a small screen."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.fit_images()

    def setSource(self, url: QUrl, *args: object) -> None:  # noqa: N802 (Qt's name)
        super().setSource(url, *args)
        self.fit_images()

    def _natural_size(self, name: str) -> QSize:
        image = self.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        return image.size() if image is not None else QSize()

    def fit_images(self) -> None:
        document = self.document()
        room = self.viewport().width() - 2 * document.documentMargin() - 8
        images: list[tuple[int, int, QTextImageFormat]] = []
        block = document.begin()
        while block.isValid():
            for part in block:
                fragment = part.fragment()
                if fragment.charFormat().isImageFormat():
                    images.append((fragment.position(), fragment.length(),
                                   fragment.charFormat().toImageFormat()))
            block = block.next()
        cursor = QTextCursor(document)
        for position, length, image in images:
            natural = self._natural_size(image.name())
            if natural.isEmpty():
                continue
            width = max(1.0, min(float(natural.width()), room))
            if abs(image.width() - width) < 0.5:
                continue
            image.setWidth(width)
            image.setHeight(natural.height() * width / natural.width())
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(image)


class UserGuideDialog(QDialog):
    def __init__(self, index: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        self.resize(980, 760)
        self.browser = GuideBrowser()
        self.browser.setObjectName("guide")
        # the guide is long: the bar is always there, so the room for the images never changes
        self.browser.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.browser.setOpenExternalLinks(False)  # offline: the guide links only to itself
        self.browser.setSearchPaths([str(index.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(index)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


def show_user_guide(window: QWidget) -> UserGuideDialog:
    dialog = UserGuideDialog(guide_index(shown_language()), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def add_user_guide_action(menu: QMenu, window: QMainWindow) -> QAction:
    """Help → User guide…"""
    action = QAction(QCoreApplication.translate("UserGuideDialog", "&User guide…"), window)
    action.setObjectName("user_guide")
    action.triggered.connect(lambda _checked=False: show_user_guide(window))
    menu.addAction(action)
    return action
