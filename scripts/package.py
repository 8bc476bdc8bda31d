"""`make package`: the PyInstaller bundle (dist/zonedesk/, from packaging/zonedesk.spec) and,
on Debian-like Linux, the .deb that installs it (dist/zonedesk_<version>_<arch>.deb).

The .deb puts the bundle in /opt/zonedesk, the `zonedesk` command in /usr/bin, a menu entry
(checked with desktop-file-validate) and the icon in the hicolor theme, and depends on the
system libraries the bundle leaves to the system (packaging/linux/runtime-packages.txt) and on
a C library at least as new as the one it was built against. Nothing is fetched at install.

usage: python scripts/package.py [--dist DIR] [--work DIR] [--no-deb]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "packaging"))  # `packaging` is also a library's name

from bundle_pruning import runtime_packages  # noqa: E402

from db.bundle import checkout_version  # noqa: E402

NAME = "zonedesk"
SPEC = ROOT / "packaging" / "zonedesk.spec"
ICONS = ROOT / "resources" / "icons" / "hicolor"
MAINTAINER = "Zone Desk <zonedesk@localhost>"
DESKTOP_ENTRY = """[Desktop Entry]
Type=Application
Version=1.0
Name=Zone Desk
Name[zh_CN]=园区服务台
GenericName=Industrial zone service centre
GenericName[zh_CN]=中小企业园区服务中心
Comment=Firms, subsidies, certificates and reports of SME industrial zones
Comment[zh_CN]=园区企业、补贴、证明与报表
Exec=zonedesk
Icon=zonedesk
Terminal=false
Categories=Office;
StartupWMClass=zonedesk
"""
DESCRIPTION = """Zone Desk: the service-centre program of SME industrial zones
 Registers the zones' firms and their tenancies, the monthly bills and the subsidies
 approved on them, issues certificates with a QR code that can be verified, and writes
 the reports. Each office PC keeps its own SQLite database, with automatic backups.
"""
# after installing and removing: menus and icon themes see the change (when the tools exist)
REFRESH = """#!/bin/sh
set -e
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q /usr/share/icons/hicolor || true
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q /usr/share/applications || true
fi
exit 0
"""


def build_bundle(dist: Path, work: Path) -> Path:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level",
                    "WARN", "--distpath", str(dist), "--workpath", str(work), str(SPEC)],
                   check=True, cwd=ROOT)
    return dist / NAME


def folder_size(folder: Path) -> int:
    """Bytes of the files under `folder` (symbolic links not followed)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file()
               and not path.is_symlink())


def glibc_needed(bundle: Path) -> str | None:
    """The newest GLIBC_x.y symbol version any binary of the bundle asks for."""
    newest: tuple[int, ...] = ()
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file() or not _is_elf(path):
            continue
        symbols = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True,
                                 check=False).stdout
        for found in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", symbols):
            newest = max(newest, tuple(int(part) for part in found.split(".")))
    return ".".join(map(str, newest)) if newest else None


def _is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def depends(bundle: Path) -> str:
    packages = [package for group in runtime_packages().values() for package in group]
    glibc = glibc_needed(bundle)
    return ", ".join(([f"libc6 (>= {glibc})"] if glibc else []) + packages)


def debian_tree(bundle: Path, root: Path, version: str, architecture: str) -> None:
    """The installed files and DEBIAN/ under `root`."""
    shutil.copytree(bundle, root / "opt" / NAME, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / NAME).symlink_to(f"/opt/{NAME}/{NAME}")
    applications = root / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    (applications / f"{NAME}.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
    for size in sorted(ICONS.iterdir()):
        target = root / "usr" / "share" / "icons" / "hicolor" / size.name / "apps"
        target.mkdir(parents=True)
        shutil.copy2(size / "apps" / f"{NAME}.png", target / f"{NAME}.png")
    control = root / "DEBIAN"
    control.mkdir()
    (control / "control").write_text(
        f"Package: {NAME}\nVersion: {version}\nArchitecture: {architecture}\n"
        f"Maintainer: {MAINTAINER}\nInstalled-Size: {folder_size(root) // 1024}\n"
        f"Depends: {depends(bundle)}\nSection: misc\nPriority: optional\n"
        f"Description: {DESCRIPTION}", encoding="utf-8")
    for script in ("postinst", "postrm"):
        (control / script).write_text(REFRESH, encoding="utf-8")
        (control / script).chmod(0o755)
    for path in [root, *root.rglob("*")]:  # what the package installs: readable by everyone
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)


def build_deb(bundle: Path, dist: Path, work: Path) -> Path:
    version = checkout_version(ROOT)
    architecture = subprocess.run(["dpkg", "--print-architecture"], capture_output=True,
                                  text=True, check=True).stdout.strip()
    root = work / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    debian_tree(bundle, root, version, architecture)
    subprocess.run(["desktop-file-validate",
                    str(root / "usr" / "share" / "applications" / f"{NAME}.desktop")], check=True)
    deb = dist / f"{NAME}_{version}_{architecture}.deb"
    # xz -3: 63 MB in a minute here; -6 saves 4 MB in twice the time
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z3", "--build", str(root),
                    str(deb)], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(root)
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="build the bundle and the .deb")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where they go (dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "package",
                        help="PyInstaller's work folder (build/package/)")
    parser.add_argument("--no-deb", action="store_true", help="the bundle only")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    bundle = build_bundle(args.dist, args.work)
    bundled = time.perf_counter()
    print(f"bundle {bundle}: {folder_size(bundle) / 1e6:.1f} MB in {bundled - started:.0f} s")
    if args.no_deb or shutil.which("dpkg-deb") is None:
        return 0
    deb = build_deb(bundle, args.dist, args.work)
    print(f"package {deb}: {deb.stat().st_size / 1e6:.1f} MB in "
          f"{time.perf_counter() - bundled:.0f} s (all: {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
