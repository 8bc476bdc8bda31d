"""The boundary of db/: what a public service or query is given is checked before any work.

A wrong type, a number SQLite cannot hold, a lone surrogate, an endless text or a list of
millions then ends in a ValidationError naming the field, never in a raw exception further in
(nor in a REAL stored where an integer belongs).

`@checked` reads the function's annotations once, when its module is loaded, and checks each
argument given against its annotation at every call:

- int: a Python int (never a bool, a float or a Decimal) within SQLite's 64-bit integers;
- str: a str of at most MAX_TEXT characters, without lone surrogates or NUL characters;
- bool, date (not a datetime), datetime: exactly these;
- X | None: None or an X (None where the annotation has no None: "This field is required.");
- list[X], tuple[X, ...], dict[K, V]: of at most MAX_ITEMS items, each item checked;
- a dataclass or a pydantic model (Bill, EnterpriseFields, LedgerFilter ...): an instance of it,
  each field checked by its own annotation and named by it in the error (or by the name in its
  metadata, `field(metadata={"field": "floor_area"})`, where a form calls it otherwise);
- the database and the actor are left to their own checks (db.access reloads the actor from
  the file at every action), callables are only required to be callable.

What a value means (a month, the most an amount may be, a name's length) stays with the
services' own rules (db/services/validation.py, db/money/subsidy_rules.py): this module makes
sure that they receive what the annotations promise.
"""

import dataclasses
import functools
import inspect
import types
import typing
from collections.abc import Callable
from datetime import date, datetime

from pydantic import BaseModel

from db.access import Actor
from db.engine import Database
from db.errors import ValidationError
from db.translatable import QT_TRANSLATE_NOOP

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
MAX_TEXT = 10_000  # characters of any one text (a field's own rule is often much shorter)
MAX_ITEMS = 200_000  # items of one list (a bill sheet of the largest zone has 60,000 cells)

Check = Callable[[object, str], None]


def _wrong_kind(field: str) -> ValidationError:
    return ValidationError(QT_TRANSLATE_NOOP("db", "The value given here is of the wrong kind."),
                           field=field)


def integer(value: object, field: str) -> None:
    if type(value) is bool or not isinstance(value, int):
        raise ValidationError(QT_TRANSLATE_NOOP("db", "A whole number is needed here."), field=field)
    if not INT64_MIN <= value <= INT64_MAX:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "This number is too large to be stored."),
                              field=field)


def text(value: object, field: str) -> None:
    if not isinstance(value, str):
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Text is needed here."), field=field)
    if len(value) > MAX_TEXT:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "At most {max} characters."), field=field,
                              max=MAX_TEXT)
    broken = "\x00" in value
    if not broken and not value.isascii():
        try:
            value.encode("utf-8")  # a lone surrogate cannot be
        except UnicodeEncodeError:
            broken = True
    if broken:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "This text contains a character that cannot be stored (a broken or control "
                  "character): type it again."), field=field)


def _boolean(value: object, field: str) -> None:
    if type(value) is not bool:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "A yes or no is needed here."), field=field)


def _day(value: object, field: str) -> None:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise ValidationError(QT_TRANSLATE_NOOP("db", "A date is needed here."), field=field)


def _moment(value: object, field: str) -> None:
    if not isinstance(value, datetime):
        raise ValidationError(QT_TRANSLATE_NOOP("db", "A date and time is needed here."),
                              field=field)


def _unchecked(_value: object, _field: str) -> None:
    """The database and the actor: checked by the function itself (db.access)."""


def _callable(value: object, field: str) -> None:
    if not callable(value):
        raise _wrong_kind(field)


def _instance_of(cls: type) -> Check:
    def check(value: object, field: str) -> None:
        if not isinstance(value, cls):
            raise _wrong_kind(field)
    return check


def _optional(inner: list[Check], allows_none: bool) -> Check:
    def check(value: object, field: str) -> None:
        if value is None:
            if not allows_none:
                raise ValidationError(QT_TRANSLATE_NOOP("db", "This field is required."),
                                      field=field)
            return
        first: ValidationError | None = None
        for one in inner:
            try:
                one(value, field)
                return
            except ValidationError as error:
                first = first or error
        if first is not None:
            raise first
    return check


def _many(kinds: tuple[type, ...], item: Check) -> Check:
    def check(value: object, field: str) -> None:
        if not isinstance(value, kinds):
            raise ValidationError(QT_TRANSLATE_NOOP("db", "A list is needed here."), field=field)
        if len(value) > MAX_ITEMS:
            raise ValidationError(QT_TRANSLATE_NOOP("db", "At most {max} items at once."),
                                  field=field, max=f"{MAX_ITEMS:,}")
        for one in value:
            item(one, field)
    return check


def _fixed(items: list[Check]) -> Check:
    def check(value: object, field: str) -> None:
        if not isinstance(value, tuple | list) or len(value) != len(items):
            raise _wrong_kind(field)
        for one, item in zip(value, items, strict=True):
            item(one, field)
    return check


def _mapping(key: Check, item: Check) -> Check:
    def check(value: object, field: str) -> None:
        if not isinstance(value, dict) or len(value) > MAX_ITEMS:
            raise _wrong_kind(field)
        for k, v in value.items():
            key(k, field)
            item(v, field)
    return check


def _record(cls: type, fields: Callable[[], dict[str, tuple[str, Check]]]) -> Check:
    """A dataclass or model: an instance, and each of its fields by its own annotation."""
    def check(value: object, field: str) -> None:
        if not isinstance(value, cls):
            raise _wrong_kind(field)
        for name, (shown, one) in fields().items():
            one(getattr(value, name, None), shown)
    return check


@functools.cache
def _dataclass_fields(cls: type) -> dict[str, tuple[str, Check]]:
    hints = typing.get_type_hints(cls)
    return {f.name: (f.metadata.get("field", f.name), checker(hints[f.name]))
            for f in dataclasses.fields(cls) if f.name in hints}


@functools.cache
def _model_fields(cls: type[BaseModel]) -> dict[str, tuple[str, Check]]:
    return {name: (name, checker(info.annotation)) for name, info in cls.model_fields.items()}


_SIMPLE: dict[object, Check] = {int: integer, str: text, bool: _boolean, date: _day,
                                datetime: _moment, Actor: _unchecked, Database: _unchecked,
                                typing.Any: _unchecked, object: _unchecked}


def checker(hint: object) -> Check:
    """The check of a value annotated `hint`."""
    if hint in _SIMPLE:
        return _SIMPLE[hint]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        return checker(args[0])
    if origin in (typing.Union, types.UnionType):
        return _optional([checker(a) for a in args if a is not type(None)], type(None) in args)
    if origin is typing.Literal:
        def literal(value: object, field: str) -> None:
            if value not in args:
                raise _wrong_kind(field)
        return literal
    if hint in (list, tuple):
        return _many((list, tuple), _unchecked)
    if origin is list or (origin is tuple and len(args) == 2 and args[1] is ...):
        return _many((list, tuple), checker(args[0]))
    if origin is tuple:
        return _fixed([checker(a) for a in args])
    if origin is dict:
        return _mapping(checker(args[0]), checker(args[1]))
    if hint is Callable or origin is Callable:
        return _callable
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record(hint, lambda: _dataclass_fields(hint))
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return _record(hint, lambda: _model_fields(hint))
    if isinstance(hint, type):
        return _instance_of(hint)
    return _unchecked


def checked(function: Callable) -> Callable:
    """Checks every argument given to `function` against its annotation before the call."""
    signature = inspect.signature(function)
    hints = typing.get_type_hints(function, include_extras=True)
    checks = {name: checker(hints[name]) for name in signature.parameters if name in hints}

    @functools.wraps(function)
    def at_the_boundary(*args: object, **kwargs: object) -> object:
        for name, value in signature.bind(*args, **kwargs).arguments.items():
            check = checks.get(name)
            if check is not None:
                check(value, name)
        return function(*args, **kwargs)

    at_the_boundary.checks_arguments = True
    return at_the_boundary
