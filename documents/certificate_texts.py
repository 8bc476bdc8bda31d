"""The wording of the four certificate kinds, filled in for one certificate.

The texts are data (resources/certificates/<language>.json: titles, paragraph templates with
named placeholders, table labels, marks); this module only puts a certificate's values into
them. Chinese is what official documents print; English is a courtesy version. Amounts in words
stay in Chinese capitals in both: they are what a bank or an auditor checks.

Placeholders: {firm} {uscc} {zone} {issuer} {serial} {issued_on} {amount_figures}
{amount_words}, and per kind: tenancy {unit} {since} {area_m2}; subsidy {period_from}
{period_to}; little_giant {level} {recognised_on} {document_no}; loan_guarantee {bank}
{loan_figures} {loan_words} {term_months}.
"""

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from db.bundle import resource_path
from db.certificates.content import PrintedCertificate
from db.clock import format_date_cn
from db.money import format_fen
from db.money.words import amount_in_words

LANGUAGES = ("zh_CN", "en")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@cache
def texts(language: str = "zh_CN") -> dict[str, Any]:
    """The raw texts of a language (read once)."""
    if language not in LANGUAGES:
        raise ValueError(f"no certificate texts in {language!r}; there are {LANGUAGES}")
    path = resource_path("certificates", f"{language}.json")
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Wording:
    """Everything a certificate's pages say, in one language."""

    title: str
    salutation: str  # "" unless the document is a letter
    body: tuple[str, ...]  # paragraphs before the table (or all of them)
    after_table: tuple[str, ...]  # paragraphs after the table, the closing formula last
    serial: str  # 编号：Z07-2026-000123
    issuer: str
    issued_on: str
    copy_mark: str  # "" for the original
    revoked_notice: str  # "" unless revoked
    revoked_watermark: str
    verify_hint: str
    seal: str
    continued: str
    page: str  # template with {page} and {pages}


def format_day(day: date, language: str = "zh_CN") -> str:
    if language == "zh_CN":
        return format_date_cn(day)
    data = texts(language)
    return data["date"].format(year=day.year, month=day.month, day=day.day,
                               month_name=data["month_names"][day.month - 1])


def format_month(period: str, language: str = "zh_CN") -> str:
    """'2026-03' -> '2026年3月' (or 'March 2026'); anything else is printed as it is."""
    match = _MONTH.match(period)
    if not match:
        return period
    year, month = int(match[1]), int(match[2])
    data = texts(language)
    names = data.get("month_names")
    return data["month"].format(year=year, month=month,
                                month_name=names[month - 1] if names else "")


def _as_day(text: str, language: str) -> str:
    try:
        return format_day(date.fromisoformat(text), language)
    except ValueError:
        return text  # already as it should print


def _values(cert: PrintedCertificate, language: str) -> dict[str, str]:
    data = texts(language)
    facts = cert.facts
    values = {"firm": cert.firm_name, "uscc": cert.uscc, "zone": cert.zone_name,
              "issuer": cert.issuer, "serial": cert.serial,
              "issued_on": format_day(cert.issued_on, language), **facts}
    if cert.amount_fen is not None:
        values["amount_figures"] = format_fen(cert.amount_fen, symbol=True)
        values["amount_words"] = amount_in_words(cert.amount_fen)
    if "since" in facts:
        values["since"] = _as_day(facts["since"], language)
    if "recognised_on" in facts:
        values["recognised_on"] = _as_day(facts["recognised_on"], language)
    if "level" in facts:
        values["level"] = data["levels"].get(facts["level"], facts["level"])
    for key in ("period_from", "period_to"):
        if key in facts:
            values[key] = format_month(facts[key], language)
    if "loan_fen" in facts:
        loan_fen = int(facts["loan_fen"])
        values["loan_figures"] = format_fen(loan_fen, symbol=True)
        values["loan_words"] = amount_in_words(loan_fen)
    return values


def _fill(template: str, values: dict[str, str], cert: PrintedCertificate) -> str:
    try:
        return template.format_map(values)
    except KeyError as missing:
        raise ValueError(f"certificate {cert.serial} ({cert.kind}) lacks the fact {missing}, "
                         "which its wording prints") from None


def wording(cert: PrintedCertificate, language: str = "zh_CN") -> Wording:
    """The texts of `cert` with its values filled in."""
    data = texts(language)
    if cert.kind not in data["kinds"]:
        raise ValueError(f"certificate {cert.serial}: no wording for the kind {cert.kind!r}")
    kind = data["kinds"][cert.kind]
    values = _values(cert, language)
    return Wording(
        title=kind["title"],
        salutation=_fill(kind.get("salutation", ""), values, cert),
        body=tuple(_fill(paragraph, values, cert) for paragraph in kind["body"]),
        after_table=tuple(_fill(paragraph, values, cert) for paragraph in kind["after_table"]),
        serial=data["serial"].format(serial=cert.serial),
        issuer=cert.issuer,
        issued_on=values["issued_on"],
        copy_mark=data["copy_mark"].format(n=cert.print_number) if cert.is_copy else "",
        revoked_notice=data["revoked_notice"] if cert.revoked else "",
        revoked_watermark=data["revoked_watermark"],
        verify_hint=data["verify_hint"],
        seal=data["seal"],
        continued=data["continued"],
        page=data["page"],
    )


def table_rows(cert: PrintedCertificate, language: str = "zh_CN") -> list[tuple[str, ...]]:
    """A subsidy confirmation's table: a header, one row a line (a reversal's amounts are
    negative and noted, a subsidy of 0.00 says why), and the total."""
    data = texts(language)
    labels, categories = data["table"], data["categories"]
    rows = [(labels["number"], labels["period"], labels["category"], labels["billed"],
             labels["subsidy"], labels["note"])]
    for number, line in enumerate(cert.lines, start=1):
        reversal = line.subsidy_fen < 0 or line.billed_fen < 0
        note = labels["reversal"] if reversal else labels.get(line.shortfall, "")
        rows.append((str(number), format_month(line.period, language),
                     categories.get(line.category, line.category), format_fen(line.billed_fen),
                     format_fen(line.subsidy_fen), note))
    rows.append((labels["total"], "", "", format_fen(sum(line.billed_fen for line in cert.lines)),
                 format_fen(sum(line.subsidy_fen for line in cert.lines)), ""))
    return rows


def table_notes(cert: PrintedCertificate, language: str = "zh_CN") -> list[str]:
    """The notes under a subsidy confirmation's table: one for each category and year whose
    yearly cap was reached on a line, naming the cap (the note column is too narrow for it).
    A certificate issued before the cap was kept has none, as when it was first printed."""
    data = texts(language)
    caps = dict.fromkeys((line.period[:4], line.category, line.cap_fen) for line in cert.lines
                         if line.shortfall == "cap_reached" and line.cap_fen is not None)
    return [data["cap_note"].format(mark=data["table"]["cap_reached"], year=year,
                                    category=data["categories"].get(category, category),
                                    cap=format_fen(cap_fen, symbol=True))
            for year, category, cap_fen in caps]
