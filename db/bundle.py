"""Finds the files shipped with the program, in a checkout or inside a PyInstaller bundle, and
says which program this is: its version (from pyproject.toml) and its build's git revision.

A bundle carries both in `build-info.json` at its root, written when it is built
(packaging/zonedesk.spec); a checkout reads pyproject.toml and asks git."""

import json
import sys
from functools import cache
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
BUILD_INFO = "build-info.json"


def bundle_root() -> Path | None:
    """The unpacked bundle's folder when running from a PyInstaller bundle, else None."""
    root = getattr(sys, "_MEIPASS", None)
    return Path(root) if root else None


def resource_path(*parts: str) -> Path:
    """Path of a file under resources/ (fonts, reference data, translations)."""
    return (bundle_root() or CHECKOUT).joinpath("resources", *parts)


@cache
def build_info() -> dict[str, str]:
    """{"version": "0.1.0", "revision": "1a2b3c4d5e6f" or "1a2b3c4d5e6f+changes" or "unknown"}."""
    root = bundle_root()
    if root is not None:
        try:
            info = json.loads((root / BUILD_INFO).read_text(encoding="utf-8"))
            return {"version": str(info["version"]), "revision": str(info["revision"])}
        except (OSError, ValueError, KeyError):
            return {"version": "unknown", "revision": "unknown"}
    return {"version": checkout_version(CHECKOUT), "revision": git_revision(CHECKOUT)}


def program_version() -> str:
    return build_info()["version"]


def build_revision() -> str:
    return build_info()["revision"]


def checkout_version(root: Path) -> str:
    """The version pyproject.toml gives (the one place it is written)."""
    import tomllib  # here only: the program's start does not wait for it

    try:
        with (root / "pyproject.toml").open("rb") as file:
            return str(tomllib.load(file)["project"]["version"])
    except (OSError, tomllib.TOMLDecodeError, KeyError):
        return "unknown"


def git_revision(root: Path) -> str:
    """The commit the checkout stands on (12 hex digits), "+changes" when files differ from it;
    "unknown" where there is no git or no repository."""
    if not (root / ".git").exists():
        return "unknown"
    import subprocess  # here only: the program's start does not wait for it

    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"],
                              capture_output=True, text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain",
                                "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + ("+changes" if dirty else "") if head else "unknown"
