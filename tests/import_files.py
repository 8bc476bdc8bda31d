"""Spreadsheet files as offices send them, made in the tests: CSV bytes in a chosen encoding,
XLSX through openpyxl (one sheet or several)."""

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import openpyxl

Rows = Sequence[Sequence[object]]

FIRM_HEADER = ("统一社会信用代码", "企业名称", "行业领域", "所属行业", "从业人员", "营业收入",
               "园区代码", "房号", "面积（平方米）", "入驻日期")


def write_csv(path: Path, rows: Rows, encoding: str = "utf-8") -> Path:
    """`encoding`: "utf-8", "utf-8-sig" (with BOM) or "gb18030" (Chinese Excel's Save as CSV)."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(
        ["" if value is None else value for value in row] for row in rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, Rows] | Rows) -> Path:
    workbook = openpyxl.Workbook()
    named = sheets if isinstance(sheets, dict) else {"Sheet1": sheets}
    workbook.remove(workbook.active)
    for name, rows in named.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


def firm_row(code: str, name: str, *, zone: str = "Z01", unit: str = "A栋101室", area: str = "120.5",
             start: str = "2024-01-01", sector: str = "人工智能", industry: str = "软件和信息技术服务业",
             employees: object = 35, revenue: object = "1,200万元") -> list[object]:
    return [code, name, sector, industry, employees, revenue, zone, unit, area, start]
