"""Errors raised by the data layer, each with a message written for the staff.

The message is an English template marked for translation (context "db") plus its values; the
desktop shows `error.message(translate)` in the staff's language, at the field named by `field`.
"""

from collections.abc import Callable

Translate = Callable[[str, str], str]


def _untranslated(_context: str, text: str) -> str:
    return text


class ZoneDeskError(Exception):
    """A rule was broken; nothing was saved."""

    def __init__(self, template: str, *, field: str | None = None, **values: object) -> None:
        self.template = template
        self.field = field
        self.values = values
        super().__init__(self.message())

    def message(self, translate: Translate = _untranslated) -> str:
        from db.translatable import Term
        values = {k: translate("db", v) if isinstance(v, Term)
                  else v.message(translate) if isinstance(v, ZoneDeskError)  # a refusal, placed
                  else v for k, v in self.values.items()}
        return translate("db", self.template).format(**values)


class ValidationError(ZoneDeskError):
    """Bad input; `field` names the field to fix."""


class ValidationErrors(ValidationError):
    """Several fields to fix at once (a form's missing fields all marked after one save). Reads
    as the first of them where one error is expected; `errors` holds each, with its field."""

    def __init__(self, errors: list[ValidationError]) -> None:
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.template, field=first.field, **first.values)


class UsccCheckWarning(ValidationError):
    """The USCC is well formed but its check character does not match (early pilot codes)."""


class PermissionDenied(ZoneDeskError):
    """The person's role or zones do not allow this."""


class NotFound(ZoneDeskError):
    """The record does not exist (or is outside the person's zones)."""


class ChangedMeanwhile(ZoneDeskError):
    """Someone else saved the same record since it was opened."""


class LoginRefused(ZoneDeskError):
    """Wrong user name or password, a locked or deactivated account."""


class ServerUnreachable(ZoneDeskError):
    """The PostgreSQL server did not answer, or broke the connection: nothing was saved."""


class Interrupted(Exception):
    """Work stopped because the person no longer wanted it (a newer query, a cancel button).
    Not a broken rule: nothing to show."""


class FileProblem(ZoneDeskError):
    """The database file cannot be opened, or cannot take a write, as it is. `path` names the
    file; `read_only_possible` says whether it can still be opened for reading only."""

    def __init__(self, template: str, *, path: object, read_only_possible: bool = False,
                 field: str | None = None, **values: object) -> None:
        from pathlib import Path
        self.path = Path(str(path))
        self.read_only_possible = read_only_possible
        super().__init__(template, field=field, file=str(path), **values)


class NoDatabaseThere(FileProblem):
    """No file at the path given: a new database is made there only when the person says so."""


class NotZoneDeskDatabase(FileProblem):
    """Not an SQLite file, an empty one, or another program's database: left untouched."""


class DamagedDatabase(FileProblem):
    """SQLite finds the file damaged (cut off, broken pages): nothing is written to it."""


class NewerDatabase(FileProblem):
    """Written by a newer Zone Desk (a schema this program does not know): left untouched."""


class ReadOnlyDatabase(FileProblem):
    """The file or its folder cannot be written (read-only medium or folder), or the file was
    opened for reading only."""


class DiskFull(FileProblem):
    """The disk holding the file is full: the write was rolled back, nothing was lost."""


class WaitedTooLong(FileProblem):
    """Another program kept the file busy longer than the busy timeout: the write was rolled
    back; the person may try again."""
