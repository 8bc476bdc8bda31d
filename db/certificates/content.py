"""What a certificate prints, as plain values: the document renderer (documents/) draws a
`PrintedCertificate`; db/ makes it when a certificate is issued and keeps it, so that a reprint
shows exactly what the original showed, whatever changed in the file since.

The four kinds, by code: tenancy (入驻证明), subsidy (补贴确认书), little_giant (“小巨人”奖励证书),
loan_guarantee (贷款担保推荐函).
"""

import json
from dataclasses import dataclass, field, fields
from datetime import date

KINDS = ("tenancy", "subsidy", "little_giant", "loan_guarantee")


@dataclass(frozen=True)
class CertificateLine:
    """One row of a subsidy confirmation's table: an approved entry (a reversal has negative
    amounts)."""

    period: str  # 2026-03
    category: str  # land | electricity | water | internet
    billed_fen: int
    subsidy_fen: int
    # why a bill's subsidy is 0.00, for the table's note: "cap_reached", "zero_rate",
    # "too_small", or "" (certificates issued before this was kept have none)
    shortfall: str = ""
    # the firm's yearly cap for the category in force that month, kept when it was reached
    # ("cap_reached"), for the note under the table; None otherwise (and in older certificates)
    cap_fen: int | None = None


def zero_subsidy_reason(billed_fen: int, subsidy_fen: int, rate_bp: int, share_fen: int) -> str:
    """Why an approved bill's subsidy is 0.00 (`share_fen`: the rate's share of the bill)."""
    if billed_fen <= 0 or subsidy_fen != 0:
        return ""
    if rate_bp == 0:
        return "zero_rate"
    return "too_small" if share_fen == 0 else "cap_reached"


@dataclass(frozen=True)
class PrintedCertificate:
    serial: str  # Z07-2026-000123
    kind: str  # one of KINDS
    firm_name: str
    uscc: str
    zone_code: str
    zone_name: str
    issuer: str  # the issuing service centre, as printed above the seal
    issued_on: date  # Shanghai date of issue
    amount_fen: int | None  # subsidy total, award, guaranteed amount; None for a tenancy
    qr_text: str  # the signed code printed as a QR code (db/certificates/code.py)
    # kind-specific facts, all strings as printed:
    #   tenancy: unit, since (2024-01-01), area_m2 ("1,000.00")
    #   subsidy: period_from, period_to (2026-01, 2026-10)
    #   little_giant: level (municipal | national), recognised_on, document_no
    #   loan_guarantee: bank, loan_fen, term_months
    facts: dict[str, str] = field(default_factory=dict)
    lines: tuple[CertificateLine, ...] = ()  # subsidy only
    print_number: int = 1  # 1 = the original; 2, 3, ... = a copy, its n-th printing
    revoked: bool = False  # a revoked certificate is never printed as valid

    @property
    def is_copy(self) -> bool:
        return self.print_number > 1

    def to_json(self) -> str:
        """Stored with the certificate (print_number and revoked are not: they change)."""
        # the fields as dataclasses.asdict() gives them, without its deep copies (a batch of
        # 1,000 spent a second in them): the same text
        values = {name: getattr(self, name) for name in _STORED}
        values["issued_on"] = self.issued_on.isoformat()
        values["facts"] = dict(self.facts)
        values["lines"] = [{name: value for name, value in vars(line).items()
                            if name != "cap_fen" or value is not None}  # stored as before it
                           for line in self.lines]                      # was kept
        return json.dumps(values, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, *, print_number: int = 1, revoked: bool = False) -> "PrintedCertificate":
        values = json.loads(text)
        values["issued_on"] = date.fromisoformat(values["issued_on"])
        values["lines"] = tuple(CertificateLine(**line) for line in values["lines"])
        return cls(**values, print_number=print_number, revoked=revoked)


_STORED = tuple(f.name for f in fields(PrintedCertificate) if f.name not in ("print_number", "revoked"))
