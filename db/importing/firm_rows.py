"""A row of a firms file read into what the firm dialog would send: the firm's fields, its zone
and its first tenancy, or the reasons the row cannot be read (each at its column).

The words offices write for a sector, an industry, a little-giant level or a zone are looked up
in the program's own lists, in Chinese and English, by code too (the firms export writes them).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlmodel import Session, select

from db import size_class
from db.certificates.printable import unprintable
from db.errors import ValidationError
from db.importing import cells
from db.importing.fields import FIRM_FIELDS, Kind
from db.importing.running import unstorable
from db.importing.verdicts import Reason
from db.models import EnterpriseFields, Sector, Zone
from db.services.enterprises import FirstTenancy
from db.translatable import QT_TRANSLATE_NOOP

GIANT_WORDS = {
    "none": ("none", "无", "否", "None"),
    "municipal": ("municipal", "市级专精特新", "专精特新", "上海市专精特新", "市级",
                  "Municipal specialised (专精特新)", "Municipal specialised", "专精特新中小企业"),
    "national": ("national", "国家级专精特新“小巨人”", "国家级小巨人", "小巨人", "专精特新小巨人", "国家级专精特新小巨人", "国家级",
                 "National little giant (小巨人)", "National little giant"),
}
TENANCY_KEYS = ("unit", "floor_area_dm2", "tenancy_start")
READERS = {Kind.USCC: cells.uscc_cell, Kind.MONEY: cells.money_cell, Kind.INTEGER: cells.integer_cell,
           Kind.DATE: cells.date_cell, Kind.AREA: cells.area_cell, Kind.FLAG: cells.flag_cell}
# a service's field → the import's column key
SERVICE_FIELDS = {"floor_area": "floor_area_dm2", "start_on": "tenancy_start", "zone_id": "zone_code"}


def _words(pairs: Sequence[tuple[str, Sequence[str]]]) -> dict[str, str]:
    return {cells.normalised(word): code for code, words in pairs for word in words if word}


@dataclass(frozen=True)
class Vocabulary:
    """The program's lists as an import reads them: normalised word → code (zone: → id)."""

    sectors: dict[str, str]
    industries: dict[str, str]
    giant_levels: dict[str, str]
    zones: dict[str, int]
    # the zones and sectors as the session holds them: while the import holds them, the
    # services' session.get() of a zone or sector is answered without a query (the session's
    # identity map keeps an object only while someone refers to it)
    held: tuple[object, ...] = ()
    # the words a refusal lists, as offices write them
    shown: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> "Vocabulary":
        connection = session.connection()
        sectors = connection.execute(text("SELECT code, name, name_en FROM sector")).all()
        zones = connection.execute(text("SELECT id, code, name FROM zone")).all()
        return cls(
            sectors=_words([(code, (code, name, name_en)) for code, name, name_en in sectors]),
            industries=_words([(i.code, (i.code, i.name, i.name_en))
                               for i in size_class.INDUSTRIES.values()]),
            giant_levels=_words(list(GIANT_WORDS.items())),
            zones={cells.normalised(str(word)): zone_id for zone_id, code, name in zones
                   for word in (code, name)},
            held=(*session.exec(select(Zone)).all(), *session.exec(select(Sector)).all()),
            shown={"sector_code": tuple(name for _, name, _ in sectors),
                   "industry_code": tuple(i.name for i in size_class.INDUSTRIES.values()),
                   "giant_level": ("市级专精特新", "国家级专精特新“小巨人”")})


@dataclass
class FirmRow:
    number: int
    fields: EnterpriseFields | None = None
    zone_id: int | None = None
    tenancy: FirstTenancy | None = None
    label: str = ""
    reasons: list[Reason] = field(default_factory=list)


class FirmReader:
    """Reads rows with the columns found (`columns`: key → index) and their header texts."""

    def __init__(self, vocabulary: Vocabulary, columns: dict[str, int], headers: Sequence[str],
                 default_zone_id: int | None) -> None:
        self.vocabulary = vocabulary
        self.columns = columns
        self.headers = {key: headers[index] if index < len(headers) else "" for key, index
                        in columns.items()}
        self.default_zone_id = default_zone_id
        # the column each field a service may name in a refusal is read from
        self.service_columns = {key: self.column_of(key) for key in (
            *columns, "floor_area", "start_on", "zone_id", "unit", "uscc", "name")}

    def column_of(self, key: str) -> str:
        key = SERVICE_FIELDS.get(key, key)
        if key == "zone_code" and "zone_code" not in self.headers:
            key = "zone"
        return self.headers.get(key, "")

    def read(self, number: int, values: Sequence[object]) -> FirmRow:
        row = FirmRow(number)
        got: dict[str, object] = {}
        for spec in FIRM_FIELDS:
            if spec.ignored or spec.key not in self.columns:
                continue
            index = self.columns[spec.key]
            value = values[index] if index < len(values) else None
            try:
                got[spec.key] = self._cell(spec.key, spec.kind, value)
            except ValidationError as error:
                row.reasons.append(Reason(error, self.headers[spec.key]))
        row.label = f"{got.get('uscc') or ''} {got.get('name') or ''}".strip()
        name = got.get("name")
        if isinstance(name, str) and (missing := unprintable(name)):
            row.reasons.append(Reason(ValidationError(QT_TRANSLATE_NOOP(
                "db", "Certificates cannot print {chars}: write the name as the licence prints "
                "it in common characters, or register this firm in its own window."),
                field="name", chars="、".join(f"“{c}” (U+{ord(c):04X})" for c in missing)),
                self.headers["name"]))
        row.zone_id = self._zone(got, row)
        row.tenancy = self._tenancy(got, row)
        if row.reasons:
            return row
        try:
            row.fields = EnterpriseFields(
                uscc=got["uscc"], name=got.get("name") or "", name_en=got.get("name_en") or "",
                legal_representative=got.get("legal_representative") or "",
                registered_capital_fen=got.get("registered_capital_fen") or 0,
                founded_on=got.get("founded_on"), sector_code=got.get("sector_code") or "",
                industry_code=got.get("industry_code") or "", employees=got.get("employees") or 0,
                annual_revenue_fen=got.get("annual_revenue_fen") or 0,
                total_assets_fen=got.get("total_assets_fen"), core_tech=bool(got.get("core_tech")),
                core_tech_note=got.get("core_tech_note") or "",
                giant_level=got.get("giant_level") or "none",
                giant_recognised_on=got.get("giant_recognised_on"),
                contact_name=got.get("contact_name") or "", contact_phone=got.get("contact_phone") or "",
                contact_email=got.get("contact_email") or "")
        except ValueError:  # pydantic: a value the model cannot hold (checked above; kept safe)
            row.reasons.append(Reason(ValidationError(QT_TRANSLATE_NOOP(
                "db", "This row cannot be read: check its values."))))
            return row
        refused = unstorable(row.fields, self.column_of)
        if row.tenancy is not None:
            refused += unstorable(row.tenancy, self.column_of)
        if refused:
            row.reasons += refused
            row.fields = None
        return row

    def _cell(self, key: str, kind: Kind, value: object) -> object:
        if kind is Kind.CHOICE:
            words = {"sector_code": self.vocabulary.sectors, "industry_code": self.vocabulary.industries,
                     "giant_level": self.vocabulary.giant_levels}.get(key)
            if words is not None:
                return cells.choice_cell(value, words, key, self.vocabulary.shown.get(key, ()))
            return cells.text_cell(value, key)  # the zone: read with its partner column
        return READERS.get(kind, cells.text_cell)(value, key)

    def _zone(self, got: dict[str, object], row: FirmRow) -> int | None:
        for key in ("zone_code", "zone"):
            word = got.get(key)
            if word:
                zone_id = self.vocabulary.zones.get(cells.normalised(str(word)))
                if zone_id is None:
                    row.reasons.append(Reason(ValidationError(QT_TRANSLATE_NOOP(
                        "db", "There is no zone “{zone}”: write a zone's code (Z01) or its name "
                        "as the program lists it."), field="zone_id", zone=word), self.headers[key]))
                return zone_id
        return None  # the firm's own zone when it is known; else the zone chosen for the file

    def _tenancy(self, got: dict[str, object], row: FirmRow) -> FirstTenancy | None:
        present = [key for key in TENANCY_KEYS if got.get(key) not in (None, "")]
        if not present:
            return None
        if len(present) < len(TENANCY_KEYS):
            for key in TENANCY_KEYS:
                if key not in present and not any(r.column == self.headers.get(key) for r in row.reasons):
                    row.reasons.append(Reason(ValidationError(QT_TRANSLATE_NOOP(
                        "db", "A tenancy needs its unit, floor area and start date: this one is "
                        "missing."), field=key), self.headers.get(key, "")))
            return None
        return FirstTenancy(unit=str(got["unit"]), floor_area_dm2=int(got["floor_area_dm2"]),
                            start_on=got["tenancy_start"])
