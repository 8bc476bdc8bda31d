"""Keeps the translations in step with the code.

    python scripts/translations.py update    # pyside6-lupdate: new texts into resources/i18n/*.ts
    python scripts/translations.py compile   # pyside6-lrelease: .ts -> .qm (make does this)

Translate the new entries of the .ts file with Qt Linguist (pyside6-linguist) or a text editor;
tests/desktop/test_translations.py fails while any entry is unfinished.
"""

import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)


def _tool(name: str) -> str:
    """PySide6's command (pyside6-lrelease), from the scripts folder of this Python: bin/ of a
    virtualenv, Scripts\\ on Windows (where it is a .exe, and where a Python that is not a
    virtualenv keeps it apart from python.exe); else the first on PATH."""
    for folder in (Path(sysconfig.get_path("scripts")), Path(sys.executable).parent):
        for candidate in (folder / name, folder / f"{name}.exe"):
            if candidate.is_file():
                return str(candidate)
    return name


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for folder in ("db", "desktop", "documents")
                  for p in (ROOT / folder).rglob("*.py"))


def ts_file(language: str) -> Path:
    return I18N / f"zonedesk_{language}.ts"


def update(target: Path | None = None, language: str = "zh_CN") -> Path:
    target = target or ts_file(language)
    subprocess.run([_tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none",
                    "-target-language", language, "-ts", str(target)],
                   cwd=ROOT, check=True, capture_output=True)
    return target


def compile_all() -> None:
    for language in LANGUAGES:
        source = ts_file(language)
        subprocess.run([_tool("pyside6-lrelease"), str(source), "-qm", str(source.with_suffix(".qm"))],
                       check=True, capture_output=True)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "compile"
    if command == "update":
        for lang in LANGUAGES:
            print(f"updated {update(language=lang)}")
    elif command == "compile":
        compile_all()
    else:
        sys.exit(__doc__)
