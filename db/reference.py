"""Loads the reference data (districts, sectors, zones, clusters) from resources/reference/."""

import csv
import sqlite3

from db.audit import Change, record_bulk
from db.bundle import resource_path


def read_csv(name: str) -> list[dict[str, str]]:
    with resource_path("reference", name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_if_empty(connection: sqlite3.Connection) -> bool:
    """Fills the reference tables of a new database, audited, in one transaction."""
    connection.execute("BEGIN IMMEDIATE")  # a second program starting on the same new file waits
    try:
        if connection.execute("SELECT count(*) FROM district").fetchone()[0]:
            connection.execute("ROLLBACK")
            return False
        districts = read_csv("districts.csv")
        sectors = read_csv("sectors.csv")
        zones = read_csv("zones.csv")
        clusters = read_csv("clusters.csv")
        connection.executemany("INSERT INTO district (code, name, name_en) VALUES (:code, :name, :name_en)",
                               districts)
        connection.executemany("INSERT INTO sector (code, name, name_en, key_sector)"
                               " VALUES (:code, :name, :name_en, :key_sector)", sectors)
        connection.executemany(
            "INSERT INTO zone (code, name, name_en, district_code, service_centre, address, phone,"
            " provisional, active, version) VALUES (:code, :name, :name_en, :district_code,"
            " :service_centre, :address, :phone, :provisional, 1, 1)", zones)
        zone_ids = dict(connection.execute("SELECT code, id FROM zone"))
        connection.executemany(
            "INSERT INTO cluster (code, name, sector_code, zone_id, provisional)"
            " VALUES (?, ?, ?, ?, ?)",
            [(c["code"], c["name"], c["sector_code"], zone_ids.get(c["zone_code"]), c["provisional"])
             for c in clusters])
        record_bulk(connection, None, "system", [
            Change("reference.load", "reference", name, None, {"rows": len(rows)})
            for name, rows in (("district", districts), ("sector", sectors), ("zone", zones),
                               ("cluster", clusters))])
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return True
