"""The bundle carries the Qt the program uses and nothing else: the Python modules it imports,
the Qt libraries those need, the plugins a desktop needs and one translation of Qt's. What
PySide6-Essentials/Addons bring beside (QML, Quick, WebEngine, Multimedia, 3D, Designer, the
other languages) stays out; a module the program imports that is missing fails as much as one
it never imports."""

import re
from pathlib import Path

import pytest

from db.bundle import CHECKOUT
from tests.packaging.built_package import BuiltPackage

pytestmark = pytest.mark.slow

# every Qt library the bundle may carry, and why
ALLOWED_LIBRARIES = {
    "Core": "imported", "Gui": "imported", "Widgets": "imported", "PrintSupport": "imported",
    "Pdf": "imported", "PdfWidgets": "imported", "Charts": "imported", "Network": "imported "
    "(one program per database: QLocalServer), and QtPdf needs it",
    "OpenGL": "QtCharts needs it", "OpenGLWidgets": "QtCharts needs it",
    "DBus": "QtGui needs it (input methods, the portal's file dialogs)",
    "XcbQpa": "the X11 platform plugin", "WaylandClient": "the Wayland platform plugin",
    "Svg": "the SVG image and icon plugins (icon themes)",
}
ALLOWED_PLUGIN_FOLDERS = {"platforms", "xcbglintegrations", "wayland-decoration-client",
                          "wayland-shell-integration", "wayland-graphics-integration-client",
                          "imageformats", "iconengines", "platforminputcontexts",
                          "platformthemes", "printsupport"}
NEEDED_PLUGINS = {"platforms/libqxcb.so", "platforms/libqoffscreen.so",
                  "platforms/libqwayland.so", "printsupport/libcupsprintersupport.so",
                  "imageformats/libqjpeg.so", "imageformats/libqico.so",
                  "platforminputcontexts/libibusplatforminputcontextplugin.so"}


def imported_qt_modules() -> set[str]:
    """The PySide6 modules the program's code names (db/, desktop/, documents/)."""
    found = set()
    for folder in ("db", "desktop", "documents"):
        for path in (CHECKOUT / folder).rglob("*.py"):
            found |= set(re.findall(r"PySide6\.(Qt[A-Za-z]+)", path.read_text(encoding="utf-8")))
    return found


def pyside(package: BuiltPackage) -> Path:
    return package.bundle / "_internal" / "PySide6"


def test_the_bundle_has_the_qt_modules_the_program_imports_and_no_other(package: BuiltPackage):
    imported = imported_qt_modules()
    assert {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtCharts"} <= imported  # the reading works
    bundled = {path.name.split(".")[0] for path in pyside(package).glob("Qt*.abi3.so")}
    assert sorted(imported - bundled) == [], "imported, not bundled"
    assert sorted(bundled - imported) == [], "bundled, never imported"


def test_the_bundle_has_only_the_qt_libraries_those_modules_and_plugins_need(package: BuiltPackage):
    libraries = pyside(package) / "Qt" / "lib"
    bundled = {re.fullmatch(r"libQt6(\w+)\.so\.6", path.name).group(1)
               for path in libraries.glob("libQt6*.so.6")}
    assert sorted(bundled - set(ALLOWED_LIBRARIES)) == [], "not allowed"
    needed = {module.removeprefix("Qt") for module in imported_qt_modules()}
    assert sorted(needed - bundled) == [], "imported, library missing"
    assert {"XcbQpa", "WaylandClient", "OpenGL"} <= bundled
    # nothing of Qt anywhere else in the bundle (QML, Quick, WebEngine, Multimedia, 3D ...)
    elsewhere = [path.name for path in package.bundle.rglob("libQt6*")
                 if not path.is_symlink() and path.parent != libraries]
    assert elsewhere == []
    assert not (pyside(package) / "Qt" / "qml").exists()
    assert not (pyside(package) / "Qt" / "libexec").exists()


def test_only_the_plugins_and_the_translation_the_program_uses(package: BuiltPackage):
    plugins = pyside(package) / "Qt" / "plugins"
    folders = {path.name for path in plugins.iterdir()}
    assert folders <= ALLOWED_PLUGIN_FOLDERS
    present = {path.relative_to(plugins).as_posix() for path in plugins.rglob("*.so")}
    assert NEEDED_PLUGINS <= present
    assert not [name for name in present if "virtualkeyboard" in name or "qgtk3" in name
                or "eglfs" in name]
    translations = {path.name for path in (pyside(package) / "Qt" / "translations").iterdir()}
    assert translations == {"qtbase_zh_CN.qm"}  # what desktop.app.install_language loads


def test_the_bundle_is_not_larger_than_it_was_measured(package: BuiltPackage):
    """188.6 MB when measured (packaging/README.md), 78 of them Qt's (ICU 36): a library
    pulled in by mistake shows here."""
    size = sum(path.stat().st_size for path in package.bundle.rglob("*")
               if path.is_file() and not path.is_symlink())
    assert size < 200_000_000, f"{size / 1e6:.1f} MB"
