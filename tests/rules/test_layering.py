"""db/ is the data layer: it never imports Qt or desktop/, so a script, a test or another front
end can use it alone (CONVENTIONS 1)."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB = ROOT / "db"
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "desktop")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", ""))
              in ("import_module", "__import__") and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.append((node.lineno, node.args[0].value))
    return found


def test_the_check_sees_what_it_should(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom PySide6.QtCore import QObject\nimport desktop.app as a\n"
                      "importlib.import_module('shiboken6')\n", encoding="utf-8")
    names = [name for _, name in imported_modules(sample)]
    assert names == ["os", "PySide6.QtCore", "desktop.app", "shiboken6"]


def test_no_module_under_db_imports_qt_or_desktop():
    files = sorted(DB.rglob("*.py"))
    assert len(files) > 30  # the whole package, migrations included
    offences = [f"{path.relative_to(ROOT)}:{line} imports {name}"
                for path in files for line, name in imported_modules(path)
                if name.split(".")[0] in FORBIDDEN]
    assert offences == []


def test_importing_all_of_db_loads_no_qt():
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in DB.rglob("*.py") if "migrations" not in path.parts)
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        f"{FORBIDDEN!r})\n"
        "print(len(sys.modules), bad)\n"
        "sys.exit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "db.services.enterprises" in modules and "db.queries.audit" in modules
