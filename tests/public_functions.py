"""The public functions of db/services and db/queries that a script (or the desktop) calls with
the database: the boundary of db/ that the scope matrix and the bad-input test go through.

Found by looking, not listed by hand, so that a function added later is tried too. Helpers that
work inside a caller's transaction (they take a Session or a Connection) are not a boundary.
"""

import importlib
import inspect
import pkgutil
from collections.abc import Callable

import db.export
import db.queries
import db.services
from db.engine import Database

# helpers that take no database but are called with what the staff typed
TYPED_HELPERS = ("db.services.certificate_subjects.confirmation_months",)


# the other modules of db/ whose functions a person calls with the database and their account:
# the exports of the lists, the chain head statement, the backup folder (the scope matrix)
SCOPED_MODULES = ("db.audit_statement", "db.backup.folder")
# helpers of those that work for a caller already checked (no actor)
SCOPED_HELPERS = ("export.streaming.streamed",)


def _modules(packages) -> list[str]:  # noqa: ANN001
    return [f"{package.__name__}.{info.name}" for package in packages
            for info in pkgutil.iter_modules(package.__path__)]


def scoped_functions() -> dict[str, Callable]:
    """public_functions() and those of db/export and SCOPED_MODULES: every function the scope
    matrix tries."""
    found = public_functions()
    found.update(_walk(_modules((db.export,)) + list(SCOPED_MODULES)))
    for name in SCOPED_HELPERS:
        found.pop(name, None)
    return dict(sorted(found.items()))


def public_functions() -> dict[str, Callable]:
    """'module.function' (without the db. prefix) -> the function."""
    return _walk(_modules((db.services, db.queries)))


def _walk(modules: list[str]) -> dict[str, Callable]:
    found: dict[str, Callable] = {}
    for module_name in modules:
        module = importlib.import_module(module_name)
        for name, function in vars(module).items():
            if name.startswith("_") or not callable(function) or isinstance(function, type):
                continue
            if getattr(function, "__module__", None) != module.__name__:
                continue
            qualified = f"{module.__name__}.{name}"
            parameters = list(inspect.signature(function).parameters.values())
            takes_db = bool(parameters) and parameters[0].name == "db" \
                and parameters[0].annotation in (Database, inspect.Parameter.empty)
            if takes_db or qualified in TYPED_HELPERS:
                found[qualified.removeprefix("db.")] = function
    return dict(sorted(found.items()))
