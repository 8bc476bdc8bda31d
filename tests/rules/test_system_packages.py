"""Every program outside Python that the code or the tests run is installed by
scripts/system-packages.sh, and the README names every package for a machine where the commands
are not run as root. A fresh machine then runs `make test` with nothing installed by hand."""

import ast
import glob
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "system-packages.sh"
CALLS = {("subprocess", "run"), ("subprocess", "check_output"), ("subprocess", "check_call"),
         ("subprocess", "call"), ("subprocess", "Popen"), ("shutil", "which"), ("os", "system"),
         ("os", "execvp"), ("os", "execv")}
FOLDERS = ("db", "desktop", "documents", "scripts", "tests")
ESSENTIAL = {"python", "bash"}  # Python itself; bash is in every Debian (Essential: yes)


def _programs_declared() -> dict[str, str]:
    text = SCRIPT.read_text(encoding="utf-8")
    pairs = re.search(r'^TEST_PROGRAMS="([^"]*)"', text, re.M).group(1).split()
    return dict(pair.split(":") for pair in pairs)


def _program_of(argument: ast.expr) -> str | None:
    """The program a call runs: a literal, the first item of a literal list, sys.executable
    (Python itself), or the literal handed to a helper that finds a tool (`_tool("x")`)."""
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return argument.value.split()[0]
    if isinstance(argument, ast.List | ast.Tuple) and argument.elts:
        return _program_of(argument.elts[0])
    if isinstance(argument, ast.Starred):
        return None
    if isinstance(argument, ast.Attribute) and ast.unparse(argument) == "sys.executable":
        return "python"
    if isinstance(argument, ast.Call) and argument.args:
        return _program_of(argument.args[0])
    return None


def programs_called() -> dict[str, set[str]]:
    """program -> the files that run it; a call whose program cannot be read is an error."""
    found: dict[str, set[str]] = {}
    unreadable = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == Path(__file__).resolve():
                continue  # this file only looks the declared programs up
            where = path.relative_to(ROOT).as_posix()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and isinstance(node.func.value, ast.Name)
                        and (node.func.value.id, node.func.attr) in CALLS and node.args):
                    continue
                program = _program_of(node.args[0])
                if program is None:
                    unreadable.append(f"{where}:{node.lineno}")
                else:
                    found.setdefault(program, set()).add(where)
    assert not unreadable, f"write the program these calls run as a literal: {unreadable}"
    return found


def test_every_program_the_code_and_the_tests_run_is_installed_by_the_script():
    declared = _programs_declared()
    venv_bin = Path(sys.executable).parent
    called = programs_called()
    assert {"pdftotext", "pdftoppm", "pdfinfo", "pdffonts"} <= set(called)  # the reader sees them
    missing = {program: sorted(files) for program, files in called.items()
               if program not in ESSENTIAL and not (venv_bin / program).exists() and program not in declared}
    assert not missing, f"add these to TEST_PROGRAMS in scripts/system-packages.sh: {missing}"


def _server_program(program: str) -> bool:
    """PostgreSQL's server programs, which Debian keeps off the PATH."""
    return bool(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"))


def test_the_programs_it_names_are_here():
    absent = {program: package for program, package in _programs_declared().items()
              if shutil.which(program) is None and not _server_program(program)}
    assert not absent, f"run scripts/system-packages.sh test as root, or apt-get install {absent}"


def test_the_readme_names_every_package_for_a_person_without_root():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for group in ("test", "run"):
        packages = subprocess.run(["bash", str(SCRIPT), "list", group], capture_output=True, text=True,
                                  check=True).stdout.split()
        assert packages and all(p in readme for p in packages), (group, [p for p in packages if p not in readme])
