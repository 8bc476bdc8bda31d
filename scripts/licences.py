"""Writes resources/licences/: the libraries the program ships with and their licences
(libraries.json, read by Help → About), and a copy of the program's own LICENSE.

A PyInstaller bundle may carry no package metadata, so the list is made here, from the
metadata of the virtualenv the program is built in: every runtime dependency of pyproject.toml
and everything they need in turn, plus Python and Qt. Run it after a dependency changes
(tests/test_about_licences.py fails until it is run):

    .venv/bin/python scripts/licences.py
"""

import json
import platform
import re
import shutil
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "licences"
# the licence under which the program uses a library that offers a choice
CHOSEN = {"pyside6-essentials": "LGPL-3.0-only", "pyside6-addons": "LGPL-3.0-only",
          "shiboken6": "LGPL-3.0-only"}
CLASSIFIERS = {"MIT License": "MIT", "BSD License": "BSD", "Apache Software License": "Apache-2.0",
               "Python Software Foundation License": "PSF-2.0",
               "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
               "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0"}


def runtime_requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """The names of the runtime dependencies pyproject.toml declares, as written there."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return [Requirement(text).name for text in project["dependencies"]]


def licence_of(dist: metadata.Distribution) -> str:
    """License-Expression, else the licence classifiers, else a short License field."""
    name = canonicalize_name(dist.metadata["Name"])
    if name in CHOSEN:
        return CHOSEN[name]
    expression = dist.metadata.get("License-Expression")
    if expression:
        return expression.strip()
    classifiers = [c.split(" :: ")[-1] for c in dist.metadata.get_all("Classifier") or []
                   if c.startswith("License ::")]
    if classifiers:
        return " OR ".join(CLASSIFIERS.get(c, c) for c in classifiers)
    field = (dist.metadata.get("License") or "").strip()
    return field if field and len(field) <= 60 and "\n" not in field else "see its package"


def _needs(dist: metadata.Distribution) -> list[str]:
    needed = []
    for text in dist.requires or []:
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            needed.append(requirement.name)
    return needed


def libraries() -> list[dict[str, str]]:
    """Every library the program runs on, direct (in pyproject.toml) or needed by one."""
    found: dict[str, dict[str, str]] = {}
    direct = runtime_requirements()
    waiting = [(name, "") for name in direct]
    while waiting:
        name, needed_by = waiting.pop(0)
        key = canonicalize_name(name)
        if key in found:
            continue
        dist = metadata.distribution(name)
        found[key] = {"name": dist.metadata["Name"], "version": dist.version,
                      "licence": licence_of(dist), "needed_by": needed_by}
        waiting.extend((needed, dist.metadata["Name"]) for needed in _needs(dist))
    import PySide6.QtCore  # the Qt libraries PySide6 brings, under the LGPL too

    found["qt"] = {"name": "Qt", "version": PySide6.QtCore.qVersion(), "licence": "LGPL-3.0-only",
                   "needed_by": "PySide6_Essentials"}
    found["python"] = {"name": "Python", "version": platform.python_version(),
                       "licence": "PSF-2.0", "needed_by": ""}
    return sorted(found.values(), key=lambda row: re.sub(r"[-_.]", "", row["name"].lower()))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    rows = libraries()
    (OUT / "libraries.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n",
                                        encoding="utf-8")
    shutil.copyfile(ROOT / "LICENSE", OUT / "LICENSE.txt")
    print(f"{len(rows)} libraries written to {OUT / 'libraries.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
