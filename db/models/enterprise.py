"""Enterprises (tenant SMEs) and their tenancies."""

from datetime import date, datetime

from sqlmodel import Field, SQLModel


class EnterpriseFields(SQLModel):
    """What a clerk types about a firm. Money is in fen (integer), never float."""

    uscc: str = Field(unique=True)
    name: str
    name_en: str = ""
    legal_representative: str = ""
    registered_capital_fen: int = 0
    founded_on: date | None = None
    sector_code: str = Field(foreign_key="sector.code")
    industry_code: str  # a row of db.size_class.THRESHOLDS
    employees: int = 0
    annual_revenue_fen: int = 0
    total_assets_fen: int | None = None  # only some industries' size class needs it
    core_tech: bool = False
    core_tech_note: str = ""
    giant_level: str = "none"  # none | municipal (专精特新) | national (小巨人)
    giant_recognised_on: date | None = None
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""


class Enterprise(EnterpriseFields, table=True):
    id: int | None = Field(default=None, primary_key=True)
    # the zone whose staff look after the firm: the zone of its current (or last) tenancy
    zone_id: int = Field(foreign_key="zone.id", index=True)
    size_class: str = "unknown"  # large | medium | small | micro | unknown (computed)
    status: str = "active"  # active | moved_out | deregistered
    # ok | unconfirmed (check character fails, awaiting a reviewer) | confirmed (reviewer accepted)
    uscc_check: str = "ok"
    # the name's pinyin initials and reading, "shdfkj shanghaidongfangkeji": what a search within
    # a zone compares (db/search.py writes it with the search index; no one types it)
    spelled: str = ""
    version: int = 1
    created_at: datetime
    updated_at: datetime


class Tenancy(SQLModel, table=True):
    """A firm occupies a unit in a zone from a date to a date (open when end_on is empty)."""

    id: int | None = Field(default=None, primary_key=True)
    enterprise_id: int = Field(foreign_key="enterprise.id", index=True)
    zone_id: int = Field(foreign_key="zone.id", index=True)
    unit: str
    floor_area_dm2: int  # floor area in dm² (1 m² = 100 dm²): exact to 0.01 m²
    start_on: date
    end_on: date | None = None
    version: int = 1
