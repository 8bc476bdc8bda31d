"""The world of the scope matrix (tests/rules/test_scope_matrix.py): two zones with money,
awards and certificates in each, what a cell acts on, and how another zone's data is recognised
in an answer.

Zone 1 is the clerk's and the reviewer's ("own"), zone 2 is not ("other"). Everything is made
through the services, as the administrator or the zone's own clerk.
"""

import base64
import dataclasses
import itertools
from datetime import date

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pydantic import BaseModel

from db import uscc
from db.engine import Database
from db.models.money import CATEGORIES
from db.queries.enterprises import enterprise_detail
from db.services import approvals, awards, enterprises, policy, staff, subsidies, tenancies
from db.services.certificate_subjects import CertificateRequest
from db.services.certificates import issue_many, revoke
from db.services.enterprises import FirstTenancy
from db.services.subsidies import Bill
from tests.conftest import PASSWORD, Staff, firm_fields
from tests.ledger_data import Book, make_book

CODES = {1: "Z01", 2: "Z02"}
_names = itertools.count(1)


class World:
    def __init__(self, db: Database, people: Staff) -> None:
        self.db, self.people = db, people
        self.book: Book = make_book(db, people)
        self.markers: dict[int, set[str]] = {1: set(), 2: set()}  # firms' names and codes
        for firm, zone in ((self.book.firm_a, 1), (self.book.firm_b, 1), (self.book.firm_c, 1),
                           (self.book.firm_d, 2)):
            self._mark(firm, zone)
        admin = people.admin
        policy.set_budget(db, actor=admin, zone_id=2, year=2026, category="little_giant",
                          amount_fen=50_000_000)
        self.firm = {1: self.book.firm_a, 2: self.book.firm_d}
        # zone 2: a submitted entry and an approved award, like zone 1's book
        self.submitted(2)
        self.giant(2)
        self.certificate = {z: self.certify(z, self.firm[z]) for z in (1, 2)}
        self.serial = {z: serial for z, (_id, serial) in self.certificate.items()}

    # --- recognising a zone in an answer ------------------------------------------------
    def _mark(self, firm_id: int, zone: int) -> None:
        detail = enterprise_detail(self.db, actor=self.people.admin, enterprise_id=firm_id)
        self.markers[zone] |= {detail.fields.name, detail.fields.uscc}

    def mentions(self, value: object, zone: int) -> bool:
        """Whether an answer holds anything of the zone: a row whose zone_id or zone_code is
        the zone's, a key (zone, category), a serial of the zone, a name or code of its firms."""
        code, markers = CODES[zone], self.markers[zone]
        seen: set[int] = set()

        def walk(item: object, name: str = "") -> bool:
            if id(item) in seen:
                return False
            seen.add(id(item))
            if isinstance(item, str):
                return item.startswith(f"{code}-") or (name == "zone_code" and item == code) \
                    or any(m in item for m in markers)
            if isinstance(item, int) and not isinstance(item, bool):
                return name == "zone_id" and item == zone
            if dataclasses.is_dataclass(item) and not isinstance(item, type):
                return any(walk(getattr(item, f.name), f.name) for f in dataclasses.fields(item))
            if isinstance(item, BaseModel):
                return any(walk(getattr(item, k, None), k) for k in type(item).model_fields)
            if isinstance(item, dict):
                return any((isinstance(k, tuple) and k and k[0] == zone and k[-1] in BUDGET_KINDS)
                           or walk(k, name) or walk(v, name) for k, v in item.items())
            if isinstance(item, list | tuple | set | frozenset):
                return any(walk(one, name) for one in item)
            return False

        return walk(value)

    # --- what cells act on --------------------------------------------------------------
    def clerk(self, zone: int):  # noqa: ANN201
        return self.people.clerk if zone == 1 else self.people.clerk2

    def reviewer(self, zone: int):  # noqa: ANN201
        return self.people.reviewer if zone == 1 else self.people.admin

    def new_firm(self, zone: int, **changes: object) -> int:
        fields = firm_fields(name=f"上海格物{next(_names)}号科技有限公司", **changes)
        firm = enterprises.register_enterprise(
            self.db, actor=self.people.admin, fields=fields, zone_id=zone,
            tenancy=FirstTenancy("D栋1", 10_000, date(2024, 1, 1)))
        self.markers[zone] |= {fields.name, fields.uscc}
        return firm

    def unconfirmed_firm(self, zone: int) -> int:
        code = firm_fields().uscc
        pilot = code[:17] + next(c for c in uscc.ALPHABET if c != code[17])
        firm = enterprises.register_enterprise(
            self.db, actor=self.clerk(zone), fields=firm_fields(uscc=pilot), zone_id=zone,
            accept_uscc_warning=True)
        self._mark(firm, zone)
        return firm

    def moved_out_firm(self, zone: int) -> int:
        firm = self.new_firm(zone)
        tenancies.close_tenancy(self.db, actor=self.people.admin, enterprise_id=firm,
                                expected_version=1, end_on=date(2024, 12, 31))
        return firm

    def draft(self, zone: int, category: str = "water", period: str = "2026-06") -> int:
        (entry,) = subsidies.save_bills(self.db, actor=self.clerk(zone), zone_id=zone,
                                        period=period, bills=[Bill(self.new_firm(zone), category, 10_000)])
        return entry

    def submitted(self, zone: int) -> int:
        entry = self.draft(zone)
        subsidies.submit_entries(self.db, actor=self.clerk(zone), entry_ids=[entry])
        return entry

    def approved(self, zone: int) -> int:
        entry = self.submitted(zone)
        approvals.approve(self.db, actor=self.reviewer(zone), entry_ids=[entry])
        return entry

    def guarantee(self, zone: int, *, submit: bool = False) -> int:
        return awards.record_loan_guarantee(
            self.db, actor=self.clerk(zone), enterprise_id=self.new_firm(zone), bank="上海银行",
            loan_fen=1_000_000, term_months=12, guaranteed_fen=500_000, submit=submit)

    def approved_guarantee(self, zone: int) -> int:
        award = self.guarantee(zone, submit=True)
        approvals.approve(self.db, actor=self.reviewer(zone), award_ids=[award])
        return award

    def giant(self, zone: int) -> int:
        award = awards.record_little_giant(
            self.db, actor=self.clerk(zone), enterprise_id=self.new_firm(zone), expected_version=1,
            level="municipal", recognised_on=date(2026, 2, 1), document_no="沪经信〔2026〕7号")
        approvals.approve(self.db, actor=self.reviewer(zone), award_ids=[award])
        return award

    def certify(self, zone: int, firm: int | None = None) -> tuple[int, str]:
        (issued,) = issue_many(self.db, actor=self.people.admin, requests=[
            CertificateRequest("tenancy", firm or self.new_firm(zone), zone)])
        return issued.certificate_id, issued.serial

    def account(self, zone: int = 1) -> int:
        return staff.create_staff(self.db, actor=self.people.admin,
                                  username=f"target{next(_names)}", display_name="对象",
                                  role="clerk", zone_ids=[zone], password=PASSWORD)

    # --- a change of everything another zone holds --------------------------------------
    def change_zone_2(self) -> None:
        """New firms, money in every state, awards, certificates (one revoked), a budget and
        an account of zone 2: what a person of zone 1 reads must not change with them."""
        admin, clerk2 = self.people.admin, self.people.clerk2
        self.approved(2)
        self.submitted(2)
        self.draft(2, "land")
        self.giant(2)
        self.approved_guarantee(2)
        self.guarantee(2, submit=True)
        self.certify(2)
        revoke(self.db, actor=admin, certificate_id=self.certificate[2][0], reason="换发")
        for category in CATEGORIES:
            policy.set_budget(self.db, actor=admin, zone_id=2, year=2026, category=category,
                              amount_fen=123_456_700)
        staff.create_staff(self.db, actor=admin, username="clerk3", display_name="周杰",
                           role="clerk", zone_ids=[2], password=PASSWORD)
        version = enterprise_detail(self.db, actor=admin, enterprise_id=self.firm[2]).version
        fields = enterprise_detail(self.db, actor=admin, enterprise_id=self.firm[2]).fields
        enterprises.update_enterprise(self.db, actor=clerk2, enterprise_id=self.firm[2],
                                      expected_version=version,
                                      fields=fields.model_copy(update={"employees": 321}))


BUDGET_KINDS = (*CATEGORIES, "little_giant")


def public_key_text() -> str:
    """Another office's public key file, new each time."""
    raw = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return f"Zone Desk public key\noffice: 某区服务中心\ned25519: {base64.b64encode(raw).decode()}\n"
