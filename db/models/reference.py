"""Reference data: districts, zones, clusters, sectors (loaded from resources/reference/*.csv)."""

from sqlmodel import Field, SQLModel


class District(SQLModel, table=True):
    """One of Shanghai's 16 districts, coded per GB/T 2260 (e.g. 310115 浦东新区)."""

    code: str = Field(primary_key=True, max_length=6)
    name: str
    name_en: str


class Sector(SQLModel, table=True):
    code: str = Field(primary_key=True)
    name: str
    name_en: str
    key_sector: bool = False  # one of the package's key sectors (AI, IC, biomedicine, ...)


class ZoneFields(SQLModel):
    """What an administrator edits about a zone."""

    name: str
    name_en: str = ""
    district_code: str = Field(foreign_key="district.code")
    service_centre: str = ""
    address: str = ""
    phone: str = ""


class Zone(ZoneFields, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)  # Z01 .. Z55, used in certificate serials
    # True while the name and details are placeholders an administrator has not yet confirmed
    provisional: bool = True
    active: bool = True
    version: int = 1


class Cluster(SQLModel, table=True):
    """One of the 34 SME industry clusters, with its sector and host zone."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    name: str
    sector_code: str = Field(foreign_key="sector.code")
    zone_id: int | None = Field(default=None, foreign_key="zone.id")
    provisional: bool = True


def service_centre_name(zone_name: str, service_centre: str) -> str:
    """The centre that issues a zone's certificates and reports: as recorded, or the zone's name
    and 服务中心 while none is recorded."""
    return service_centre or f"{zone_name}服务中心"
