"""db/ is the data layer: it never imports Qt, desktop/ or documents/, so a script, a test or
another front end can use it alone (CONVENTIONS 1). documents/ (the PDFs and workbooks the
program prints) builds on db/ and never imports Qt or desktop/ either: it runs on the database
thread and in scripts alike."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB = ROOT / "db"
DOCUMENTS = ROOT / "documents"
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "desktop")
LAYERS = {DB: (*FORBIDDEN, "documents"), DOCUMENTS: FORBIDDEN}


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


def test_no_module_under_db_or_documents_imports_what_it_must_not():
    assert len(list(DB.rglob("*.py"))) > 30 and len(list(DOCUMENTS.rglob("*.py"))) > 5
    offences = [f"{path.relative_to(ROOT)}:{line} imports {name}"
                for folder, forbidden in LAYERS.items() for path in sorted(folder.rglob("*.py"))
                for line, name in imported_modules(path) if name.split(".")[0] in forbidden]
    assert offences == []


def test_importing_all_of_db_and_documents_loads_no_qt():
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for folder in LAYERS for path in folder.rglob("*.py") if "migrations" not in path.parts)
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


# desktop/: one folder per staff task, as the side bar names them; what they share in widgets/
TASKS = ("overview", "enterprises", "bill_sheet", "approvals", "awards", "ledger", "certificates",
         "verification", "reports", "policy", "zones", "staff", "audit_trail", "login")
SHARED_ON_PURPOSE = {("certificates", "verification")}  # a certificate's verdict, as Verification shows it


def test_each_side_bar_entry_has_its_task_folder_and_the_folders_keep_to_themselves():
    from desktop.main_window import PANES
    desktop = ROOT / "desktop"
    assert [entry.key for entry in PANES] == [t for t in TASKS if t != "login"]
    for key in (entry.key for entry in PANES):
        assert (desktop / key / f"{key}_pane.py").exists(), key
    assert not (desktop / "panes").exists() and not (desktop / "dialogs").exists()
    offences = []
    for folder in (*TASKS, "widgets"):
        for path in sorted((desktop / folder).rglob("*.py")):
            for line, name in imported_modules(path):
                parts = name.split(".")
                if len(parts) > 1 and parts[0] == "desktop" and parts[1] in TASKS and parts[1] != folder \
                        and (folder, parts[1]) not in SHARED_ON_PURPOSE:
                    offences.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert offences == []
