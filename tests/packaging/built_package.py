"""The bundle and the .deb, built once for each state of what goes into them.

Building takes two to three minutes, so the result is kept outside the tree
(ZONEDESK_PACKAGE_CACHE, or ~/.cache/zonedesk-package/<hash>/) under a hash of its inputs:
the contents of every file (tracked, or new and not ignored) under db/, desktop/, documents/,
resources/ and packaging/, of scripts/package*, pyproject.toml and the compiled translation,
and the versions of every installed distribution (PyInstaller and PySide6 among them). An
unchanged tree does not rebuild; the two newest builds are kept.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ("db", "desktop", "documents", "resources", "packaging", "scripts/package*",
          "pyproject.toml")
COMPILED = ("resources/i18n/zonedesk_zh_CN.qm",)  # ignored by git, yet bundled
KEEP = 2


@dataclass(frozen=True)
class BuiltPackage:
    bundle: Path  # the folder holding the `zonedesk` program
    deb: Path
    build_seconds: float | None  # None: taken from the cache


def input_files() -> list[str]:
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "--cached", "--others",
                             "--exclude-standard", "--", *INPUTS],
                            capture_output=True, text=True, check=True).stdout.split("\n")
    return sorted({name for name in listed if name and (ROOT / name).is_file()} | set(COMPILED))


def input_hash() -> str:
    digest = hashlib.sha256()
    for name in input_files():
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes() + b"\0")
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest.update("\n".join(versions + [sys.version]).encode())
    return digest.hexdigest()[:20]


def cache_root() -> Path:
    chosen = os.environ.get("ZONEDESK_PACKAGE_CACHE")
    return Path(chosen) if chosen else Path.home() / ".cache" / "zonedesk-package"


def built_package() -> BuiltPackage:
    """The cached build for the tree as it is, made first when there is none."""
    folder = cache_root() / input_hash()
    debs = sorted(folder.glob("zonedesk_*.deb"))
    if (folder / "zonedesk" / "zonedesk").is_file() and debs:
        return BuiltPackage(folder / "zonedesk", debs[0], None)
    making = folder.with_name(folder.name + f".making-{os.getpid()}")
    shutil.rmtree(making, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), "--dist", str(making),
                    "--work", str(making / "work")], check=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    shutil.rmtree(making / "work")
    shutil.rmtree(folder, ignore_errors=True)
    making.rename(folder)
    _forget_older(folder)
    return BuiltPackage(folder / "zonedesk", sorted(folder.glob("zonedesk_*.deb"))[0], seconds)


def _forget_older(newest: Path) -> None:
    builds = sorted((p for p in newest.parent.iterdir() if p.is_dir() and p != newest),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in builds[KEEP - 1:]:
        shutil.rmtree(old, ignore_errors=True)
