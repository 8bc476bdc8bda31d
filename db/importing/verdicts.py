"""What an import says of each row, and of the whole file.

A row is created, updated (the fields that change, old → new), unchanged, kept (a bill already
submitted or approved: reported, never overwritten), refused (each reason at its column), or
waits for a decision (a credit code whose check character fails; a name close to another
firm's). The import commits only when no row is refused and every decision is made.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from db.audit_words import FieldChange
from db.errors import ValidationError


class Verdict(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    KEPT = "kept"
    REFUSED = "refused"
    DECISION = "decision"


class Decision(StrEnum):
    """What a person must confirm before the row may be written."""

    USCC_CHECK = "uscc_check"  # the check character fails: confirmed against the licence
    SIMILAR_NAME = "similar_name"  # a firm with a close name and another credit code exists


@dataclass(frozen=True)
class Reason:
    """Why a row is refused or waits: the message (an error of db/, translated where shown)
    and the column it is about (a header text as read, "" for the row as a whole)."""

    error: ValidationError
    column: str = ""


@dataclass
class RowVerdict:
    row: int  # the row's number in the sheet as the spreadsheet shows it (1 = its first row)
    verdict: Verdict
    label: str = ""  # the firm's credit code and name as read, to find the row by
    reasons: list[Reason] = field(default_factory=list)
    changes: tuple[FieldChange, ...] = ()  # old → new, as the audit trail says them
    decisions: tuple[Decision, ...] = ()  # what this row waits for (verdict DECISION)
    sheet: str | None = None  # bills read from one sheet per category: the row's sheet


@dataclass
class ImportReport:
    """The verdict on a file: every row's, and whether the import was written."""

    kind: str  # "firms" | "bills"
    file_name: str
    sha256: str
    encoding: str | None
    sheets: tuple[str, ...]
    headers: tuple[str, ...]  # the header row as read (the refused rows' file repeats it)
    unknown_columns: tuple[str, ...]
    rows: list[RowVerdict]
    written: bool = False
    dry_run: bool = True
    # a bills file read sheet by sheet: each sheet's header row (the refused rows go back so)
    sheet_headers: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def count(self, verdict: Verdict) -> int:
        return sum(1 for row in self.rows if row.verdict is verdict)

    @property
    def counts(self) -> dict[Verdict, int]:
        return {verdict: self.count(verdict) for verdict in Verdict}

    @property
    def may_commit(self) -> bool:
        """Nothing refused, nothing waiting: the import may be written."""
        return not any(row.verdict in (Verdict.REFUSED, Verdict.DECISION) for row in self.rows)

    @property
    def changes_anything(self) -> bool:
        return any(row.verdict in (Verdict.CREATE, Verdict.UPDATE) for row in self.rows)
