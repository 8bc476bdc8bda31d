"""What of PyInstaller's analysis goes into the bundle (packaging/zonedesk.spec).

PyInstaller collects, for each Qt module the program imports, every plugin and translation of
that module, and then every library those need: the QML stack (through the virtual keyboard
input method), EGLFS, GTK (through its platform theme), and from the build machine the X11,
font and printing libraries. Here:

- of Qt's plugins and translations only those KEEP_PLUGINS and KEEP_QT_TRANSLATIONS name stay;
- the shared libraries the Debian packages of packaging/linux/runtime-packages.txt provide
  are left to the system (the .deb depends on those packages);
- then only the libraries still needed stay: those reached, through the libraries each one
  needs, from the program's own binaries (Python's extension modules, the kept plugins and
  Python's library). What only a dropped plugin needed goes with it.
"""

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath

HERE = Path(__file__).resolve().parent
RUNTIME_PACKAGES = HERE / "linux" / "runtime-packages.txt"

# Qt plugins kept, by folder: None keeps the whole folder, a set the files whose name (without
# "lib" and the extension) it holds; every other plugin folder is left out.
KEEP_PLUGINS: dict[str, set[str] | None] = {
    # Linux: X11, Wayland, and headless (tests, --self-test); Windows: its own
    "platforms": {"qxcb", "qwayland", "qoffscreen", "qwindows"},
    "xcbglintegrations": None,
    "wayland-decoration-client": None,
    "wayland-shell-integration": {"xdg-shell"},
    "wayland-graphics-integration-client": {"qt-plugin-wayland-egl", "shm-emulation-server"},
    # pictures: PNG is built in; SVG for the desktop's icon themes (a message box's icon)
    "imageformats": {"qgif", "qico", "qjpeg", "qsvg"},
    "iconengines": {"qsvgicon"},
    # typing Chinese through an input method (IBus, and Fcitx 5 through its IBus front end),
    # and compose keys
    "platforminputcontexts": {"composeplatforminputcontextplugin",
                              "ibusplatforminputcontextplugin"},
    # the desktop's own file dialogs through its portal (the GTK theme would bring GTK along)
    "platformthemes": {"qxdgdesktopportal"},
    "printsupport": None,  # CUPS printers
    "styles": {"qmodernwindowsstyle"},  # the Windows 11 look
}
KEEP_QT_TRANSLATIONS = {"qtbase_zh_CN.qm"}  # what desktop.app.install_language loads


def runtime_packages(path: Path = RUNTIME_PACKAGES) -> dict[str, list[str]]:
    """{group: [package, ...]} from the file's `package group` lines (# starts a comment)."""
    groups: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.split("#")[0].split()
        if words:
            package, group = words[0], words[1]
            groups.setdefault(group, []).append(package)
    return groups


def kept_file(destination: str) -> bool:
    """Whether a collected file stays as far as Qt's plugins and translations go (anything
    else does)."""
    # PySide6/Qt/plugins/… on Linux, PySide6/plugins/… on Windows
    parts = PurePath(destination).parts
    if "PySide6" not in parts:
        return True
    if "translations" in parts:
        return parts[-1] in KEEP_QT_TRANSLATIONS
    if "plugins" not in parts:
        return True
    at = parts.index("plugins")
    if len(parts) < at + 3:
        return True
    wanted = KEEP_PLUGINS.get(parts[at + 1], set())
    return wanted is None or parts[-1].split(".")[0].removeprefix("lib") in wanted


def owning_packages(paths: Iterable[str]) -> dict[str, str]:
    """{path: the Debian package that installed it} for the paths dpkg knows (none where
    there is no dpkg)."""
    paths = sorted(set(paths))
    if not paths or not sys.platform.startswith("linux") or shutil.which("dpkg-query") is None:
        return {}
    asked = {}
    for path in paths:  # dpkg knows a file by the path its package put it at
        asked[path] = path
        asked[os.path.realpath(path)] = path
        asked["/usr" + path if path.startswith("/lib") else path] = path
    found = subprocess.run(["dpkg-query", "--search", *sorted(asked)], capture_output=True,
                           text=True, check=False).stdout
    owners = {}
    for line in found.splitlines():
        package, _, where = line.partition(": ")
        if where in asked and "diversion" not in package:
            owners[asked[where]] = package.split(":")[0].split(",")[0].strip()
    return owners


def direct_needs(binary: str) -> list[str]:
    """The names of the libraries a binary itself needs (ELF: its NEEDED entries, not the
    whole tree `ldd` prints; elsewhere PyInstaller's reading of the file's imports)."""
    if sys.platform.startswith("linux"):
        dynamic = subprocess.run(["objdump", "-p", binary], capture_output=True, text=True,
                                 check=False).stdout
        return [line.split()[1] for line in dynamic.splitlines()
                if line.strip().startswith("NEEDED")]
    from PyInstaller.depend.bindepend import get_imports
    return [PurePath(name).name for name, _ in get_imports(binary)]


def _is_root(destination: str, typecode: str) -> bool:
    """The binaries the program loads itself: Python's extension modules, Qt's plugins,
    Python's own library (the bootloader opens it)."""
    parts = PurePath(destination).parts
    return (typecode == "EXTENSION" or "plugins" in parts and "PySide6" in parts
            or parts[-1].startswith(("libpython", "python3")))


def prune(binaries: list[tuple[str, str, str]], needs: Callable[[str], Iterable[str]],
          from_system: set[str]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The binaries kept, and the names of those left to the system.

    `binaries`: PyInstaller's (destination, source, typecode) entries, plugins already
    pruned; `needs(source)`: the names of the libraries a binary needs; `from_system`: the
    destinations whose library the system provides."""
    by_name: dict[str, tuple[str, str, str]] = {}  # Windows names a DLL in any case
    for entry in binaries:
        by_name.setdefault(PurePath(entry[0]).name.lower(), entry)

    def resolved(name: str) -> tuple[str, str, str] | None:
        entry = by_name.get(name.lower())
        seen = set()
        while entry is not None and entry[2] == "SYMLINK" and entry[0] not in seen:
            seen.add(entry[0])
            target = os.path.normpath(os.path.join(os.path.dirname(entry[0]), entry[1]))
            entry = by_name.get(PurePath(target).name.lower())
        return entry

    kept: set[str] = set()
    left_to_system: set[str] = set()
    waiting = [entry for entry in binaries
               if entry[2] != "SYMLINK" and _is_root(entry[0], entry[2])]
    while waiting:
        entry = waiting.pop()
        if entry[0] in kept:
            continue
        kept.add(entry[0])
        for name in needs(entry[1]):
            found = resolved(name)
            if found is None:
                continue
            if found[0] in from_system:
                left_to_system.add(PurePath(found[0]).name)
            elif found[0] not in kept:
                waiting.append(found)
    return [entry for entry in binaries if entry[0] in kept], sorted(left_to_system)


def without_dangling_links(entries: list[tuple[str, str, str]],
                           present: set[str]) -> list[tuple[str, str, str]]:
    """The entries less the symbolic links (PyInstaller's top-level links to libraries kept
    in a package's folder) whose target is not among the `present` destinations."""
    def target(entry: tuple[str, str, str]) -> str:
        return os.path.normpath(os.path.join(os.path.dirname(entry[0]), entry[1]))
    return [entry for entry in entries if entry[2] != "SYMLINK" or target(entry) in present]
