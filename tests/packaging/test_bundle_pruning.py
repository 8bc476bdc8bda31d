"""packaging/bundle_pruning.py on made-up analyses (fast: nothing is built): which Qt plugins
and translations stay, and which libraries go with the plugins that needed them or are left to
the system."""

import importlib.util
from pathlib import Path

from db.bundle import CHECKOUT

# `packaging` is also a library's name: the module is loaded from its file
_spec = importlib.util.spec_from_file_location("bundle_pruning",
                                               CHECKOUT / "packaging" / "bundle_pruning.py")
pruning = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pruning)

PLUGINS = "PySide6/Qt/plugins"
LIB = "PySide6/Qt/lib"


def test_only_the_plugins_and_the_translation_named_stay():
    assert pruning.kept_file(f"{PLUGINS}/platforms/libqxcb.so")
    assert pruning.kept_file(f"{PLUGINS}/platforms/libqoffscreen.so")
    assert not pruning.kept_file(f"{PLUGINS}/platforms/libqeglfs.so")
    assert pruning.kept_file(f"{PLUGINS}/printsupport/libcupsprintersupport.so")
    assert not pruning.kept_file(
        f"{PLUGINS}/platforminputcontexts/libqtvirtualkeyboardplugin.so")  # brings QML
    assert not pruning.kept_file(f"{PLUGINS}/platformthemes/libqgtk3.so")  # brings GTK
    assert not pruning.kept_file(f"{PLUGINS}/tls/libqopensslbackend.so")  # a folder not named
    assert pruning.kept_file("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert not pruning.kept_file("PySide6/Qt/translations/qtbase_de.qm")
    assert not pruning.kept_file("PySide6/Qt/translations/qtdeclarative_zh_CN.qm")
    assert pruning.kept_file("reportlab/fonts/Vera.ttf")  # not Qt: untouched
    assert pruning.kept_file(f"{LIB}/libQt6Core.so.6")
    # Windows keeps Qt's folders beside the DLLs, without Qt/
    assert pruning.kept_file("PySide6/plugins/platforms/qwindows.dll")
    assert pruning.kept_file("PySide6/plugins/styles/qmodernwindowsstyle.dll")
    assert not pruning.kept_file("PySide6/plugins/platforms/qdirect2d.dll")
    assert not pruning.kept_file("PySide6/translations/qtbase_ja.qm")


def test_libraries_only_a_dropped_plugin_needed_go_and_the_systems_are_left_to_it():
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "/site/QtWidgets.abi3.so", "EXTENSION"),
        (f"{LIB}/libQt6Widgets.so.6", "/site/libQt6Widgets.so.6", "BINARY"),
        (f"{LIB}/libQt6Core.so.6", "/site/libQt6Core.so.6", "BINARY"),
        (f"{LIB}/libQt6Quick.so.6", "/site/libQt6Quick.so.6", "BINARY"),  # the dropped plugin's
        (f"{PLUGINS}/platforms/libqxcb.so", "/site/libqxcb.so", "BINARY"),
        ("libxcb-cursor.so.0", "/usr/lib/libxcb-cursor.so.0", "BINARY"),  # the system's
        ("libxcb-util.so.1", "/usr/lib/libxcb-util.so.1", "BINARY"),  # not the system's: kept
        ("libpython3.11.so.1.0", "/usr/lib/libpython3.11.so.1.0", "BINARY"),
        ("libQt6Core.so.6", f"{LIB}/libQt6Core.so.6", "SYMLINK"),
        ("PySide6/plugins/platforms/qwindows.dll", "C:/site/qwindows.dll", "BINARY"),
        ("PySide6/MSVCP140.dll", "C:/site/MSVCP140.dll", "BINARY"),
    ]
    needs = {"/site/QtWidgets.abi3.so": ["libQt6Widgets.so.6", "libc.so.6"],
             "/site/libQt6Widgets.so.6": ["libQt6Core.so.6"],
             "/site/libqxcb.so": ["libQt6Core.so.6", "libxcb-cursor.so.0", "libxcb-util.so.1"],
             "/site/libQt6Quick.so.6": ["libQt6Core.so.6"],
             "C:/site/qwindows.dll": ["msvcp140.dll"]}  # a DLL's name in another case
    kept, left = pruning.prune(binaries, lambda source: needs.get(source, []),
                               from_system={"libxcb-cursor.so.0"})
    assert sorted(entry[0] for entry in kept) == sorted([
        "PySide6/QtWidgets.abi3.so", f"{LIB}/libQt6Widgets.so.6", f"{LIB}/libQt6Core.so.6",
        f"{PLUGINS}/platforms/libqxcb.so", "libxcb-util.so.1", "libpython3.11.so.1.0",
        "PySide6/plugins/platforms/qwindows.dll", "PySide6/MSVCP140.dll"])
    assert left == ["libxcb-cursor.so.0"]

    present = {entry[0] for entry in kept}
    links = [("libQt6Core.so.6", f"{LIB}/libQt6Core.so.6", "SYMLINK"),
             ("libQt6Quick.so.6", f"{LIB}/libQt6Quick.so.6", "SYMLINK"),
             ("resources/x.txt", "/src/x.txt", "DATA")]
    assert pruning.without_dangling_links(links, present) == [links[0], links[2]]


def test_the_runtime_packages_are_read_by_group(tmp_path: Path):
    listing = tmp_path / "runtime-packages.txt"
    listing.write_text("# a comment\nlibegl1   offscreen\n\nlibxcb-cursor0 window  # why\n"
                       "libcups2 desktop\n", encoding="utf-8")
    assert pruning.runtime_packages(listing) == {"offscreen": ["libegl1"],
                                                 "window": ["libxcb-cursor0"],
                                                 "desktop": ["libcups2"]}
    real = pruning.runtime_packages()
    assert "libxcb-cursor0" in real["window"] and "libegl1" in real["offscreen"]
