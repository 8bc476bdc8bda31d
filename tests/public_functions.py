"""The public functions of db/services and db/queries that a script (or the desktop) calls with
the database: the boundary of db/ that the scope matrix and the bad-input test go through.

Found by looking, not listed by hand, so that a function added later is tried too. Helpers that
work inside a caller's transaction (they take a Session or a Connection) are not a boundary.
"""

import importlib
import inspect
import pkgutil
from collections.abc import Callable

import db.queries
import db.services
from db.engine import Database

# helpers that take no database but are called with what the staff typed
TYPED_HELPERS = ("db.services.certificate_subjects.confirmation_months",)


def public_functions() -> dict[str, Callable]:
    """'module.function' (without the db. prefix) -> the function."""
    found: dict[str, Callable] = {}
    for package in (db.services, db.queries):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
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
