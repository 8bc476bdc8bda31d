"""Certificates as printed: real PDFs read back with poppler (pdftotext, pdftoppm, pdffonts,
pdfinfo) and the QR code decoded from the page image with a real decoder (zxing-cpp)."""

import base64
import os
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from db.certificates.code import canonical, encode
from db.certificates.content import KINDS, CertificateLine, PrintedCertificate
from db.money.words import amount_in_words
from documents.certificate_layout import CONTINUED_FLOOR, FINAL_FLOOR, paginate
from documents.certificate_pdf import CertificateBook, render_certificates
from documents.certificate_texts import wording
from documents.qr import MAX_VERSION, qr_version

FIRM = "上海芯联微电子科技有限公司"
USCC = "91310115MA1K4G5X2B"
ISSUER = "上海市浦东新区张江科学城中小企业服务中心"
LONG_FIRM = ("上海张江集成电路设计与人工智能低空经济生物医药新材料超导激光雷达智能网联汽车"
             "创新研究院有限责任公司")[:50]


def b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def realistic_code() -> str:
    """Like db/certificates/code.py's codes: ~320 bytes of payload and an Ed25519 signature."""
    return f"ZD1.{b32(os.urandom(320))}.{b32(os.urandom(64))}"


def subsidy_lines(count: int) -> tuple[CertificateLine, ...]:
    categories = ("land", "electricity", "water", "internet")
    lines = []
    for number in range(count):
        billed = 1_000_000 + number * 12_345
        period = f"2026-{number // 4 % 12 + 1:02d}"
        lines.append(CertificateLine(period, categories[number % 4], billed, billed * 3 // 10))
    lines.append(CertificateLine("2026-02", "electricity", -lines[5].billed_fen,
                                 -lines[5].subsidy_fen))  # a reversal
    return tuple(lines)


FACTS = {
    "tenancy": {"unit": "张江路88号3号楼502室", "since": "2024-01-01", "area_m2": "1,250.00"},
    "subsidy": {"period_from": "2026-01", "period_to": "2026-10"},
    "little_giant": {"level": "national", "recognised_on": "2026-07-15",
                     "document_no": "工信部企业函〔2026〕158号"},
    "loan_guarantee": {"bank": "中国工商银行股份有限公司上海市分行", "loan_fen": "3000000000",
                       "term_months": "36"},
}
AMOUNTS = {"tenancy": None, "little_giant": 30_000_000, "loan_guarantee": 2_000_000_000}


def certificate(kind: str, *, serial: str = "Z07-2026-000123", lines: int = 10,
                **changes) -> PrintedCertificate:
    table = subsidy_lines(lines) if kind == "subsidy" else ()
    amount = sum(line.subsidy_fen for line in table) if kind == "subsidy" else AMOUNTS[kind]
    values = dict(serial=serial, kind=kind, firm_name=FIRM, uscc=USCC, zone_code="Z07",
                  zone_name="张江科学城园区", issuer=ISSUER, issued_on=date(2026, 11, 22),
                  amount_fen=amount, qr_text=realistic_code(), facts=FACTS[kind], lines=table)
    values.update(changes)
    return PrintedCertificate(**values)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path, *pages: int) -> str:
    first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(["pdftotext", *first_last, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)[1])


def page_images(path: Path, dpi: int = 150) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(path.with_suffix(""))],
                   check=True)
    return [Image.open(png) for png in sorted(path.parent.glob(f"{path.stem}-*.png"))]


def write(tmp_path: Path, pdf: bytes, name: str = "certificate.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_reads_back_with_its_facts(tmp_path, kind):
    cert = certificate(kind)
    path = write(tmp_path, render_certificates([cert]))
    text = flat(pdf_text(path))
    for expected in (FIRM, USCC, cert.serial, ISSUER, "2026年11月22日", wording(cert).title):
        assert flat(expected) in text
    if cert.amount_fen is not None:
        assert amount_in_words(cert.amount_fen) in text
    assert "扫描二维码或在园区服务台“核验”页输入编号核验" in text


@pytest.mark.parametrize("kind", KINDS)
def test_the_page_is_printed_and_its_qr_code_reads_back(tmp_path, kind):
    cert = certificate(kind)
    path = write(tmp_path, render_certificates([cert]))
    image = page_images(path)[-1]  # the QR code is on the last page
    grey = image.convert("L")
    dark = sum(grey.histogram()[:128])
    assert dark / (grey.width * grey.height) > 0.01
    decoded = zxingcpp.read_barcodes(image)
    assert [barcode.text for barcode in decoded] == [cert.qr_text]


def test_the_longest_realistic_code_fits_and_reads_back(tmp_path):
    payload = canonical({
        "v": 1, "key": "0123456789abcdef", "serial": "Z07-2026-000123", "kind": "tenancy",
        "uscc": USCC, "firm": LONG_FIRM, "issuer": ISSUER, "issued": "2026-11-22",
        "amount": None, "facts": {"unit": "上海市浦东新区张江路88号张江科学城创新中心3号楼502室",
                                  "since": "2024-01-01", "area_m2": "1,250.00"}})
    code = encode(payload, os.urandom(64))
    assert qr_version(code) <= MAX_VERSION
    cert = certificate("tenancy", firm_name=LONG_FIRM, qr_text=code)
    path = write(tmp_path, render_certificates([cert]))
    assert [barcode.text for barcode in zxingcpp.read_barcodes(page_images(path)[0])] == [code]
    assert LONG_FIRM in flat(pdf_text(path))


def test_a_code_too_long_for_paper_is_refused():
    assert qr_version(realistic_code()) <= 17
    with pytest.raises(ValueError, match="version"):
        qr_version(f"ZD1.{b32(os.urandom(700))}.{b32(os.urandom(64))}")


def test_the_font_is_embedded_and_nothing_else_is_used(tmp_path):
    path = write(tmp_path, render_certificates([certificate(kind) for kind in KINDS]))
    listing = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                             text=True).stdout.splitlines()[2:]
    assert listing and all("WenQuanYiMicroHei" in line for line in listing)
    assert all(line.split()[-5] == "yes" for line in listing)  # the "emb" column


def test_a_copy_is_marked_and_a_revoked_certificate_is_watermarked(tmp_path):
    copy = write(tmp_path, render_certificates([certificate("tenancy", print_number=3)]),
                 "copy.pdf")
    original = write(tmp_path, render_certificates([certificate("tenancy")]), "original.pdf")
    revoked = write(tmp_path, render_certificates([certificate("little_giant", revoked=True)]),
                    "revoked.pdf")
    assert "副本（第3次打印）" in flat(pdf_text(copy))
    assert "副本" not in flat(pdf_text(original))
    assert "作废" not in flat(pdf_text(original))
    revoked_text = flat(pdf_text(revoked))
    assert "本证明书已作废" in revoked_text
    assert revoked_text.count("已作废") == 2  # the notice under the title and the watermark


def test_a_long_subsidy_table_continues_on_a_second_page_clear_of_the_seal(tmp_path):
    cert = certificate("subsidy", lines=60)
    assert len(cert.lines) == 61
    path = write(tmp_path, render_certificates([cert]))
    assert page_count(path) == 2
    first, second = flat(pdf_text(path, 1)), flat(pdf_text(path, 2))
    assert cert.serial in first and cert.serial in second
    assert "补贴确认书（续）" in second and "第2页共2页" in second
    numbers = [int(number) for number in re.findall(r"^(\d+)$", pdf_text(path), re.M)
               if int(number) <= len(cert.lines)]
    assert sorted(set(numbers)) == list(range(1, len(cert.lines) + 1))
    pages = paginate(cert, wording(cert))
    for page in pages:
        floor = FINAL_FLOOR if page.number == len(pages) else CONTINUED_FLOOR
        assert all(top - item.height >= floor - 0.01 for item, top in page.items)
    last_rows = [item for item, _ in pages[-1].items if getattr(item, "cells", None)]
    assert len(last_rows) >= 5  # the header again, table lines, and the total
    image = page_images(path)[1]
    assert [barcode.text for barcode in zxingcpp.read_barcodes(image)] == [cert.qr_text]


def test_a_book_grows_certificate_by_certificate(tmp_path):
    book = CertificateBook()
    assert book.finish() == b""  # nothing issued, nothing to print
    book = CertificateBook()
    added = [book.add(certificate(kind, serial=f"Z07-2026-{n:06d}"))
             for n, kind in enumerate(KINDS + ("subsidy",), start=1)]
    book.add(replace(certificate("subsidy", lines=48), serial="Z07-2026-000099"))
    assert added == [1, 1, 1, 1, 1] and book.pages == 7 and book.certificates == 6
    path = write(tmp_path, book.finish())
    assert page_count(path) == 7
    text = flat(pdf_text(path))
    assert all(f"Z07-2026-{n:06d}" in text for n in (1, 2, 3, 4, 5, 99))
    with pytest.raises(RuntimeError):
        book.add(certificate("tenancy"))


def test_english_wording_is_selectable(tmp_path):
    path = write(tmp_path, render_certificates([certificate("loan_guarantee")], language="en"))
    text = pdf_text(path)
    assert "Loan Guarantee Recommendation Letter" in text
    assert "22 November 2026" in text and USCC in text and FIRM in flat(text)


def test_a_subsidy_whose_lines_do_not_add_up_is_not_printed():
    cert = certificate("subsidy")
    with pytest.raises(ValueError, match="add up"):
        render_certificates([replace(cert, amount_fen=cert.amount_fen + 1)])


def test_a_fact_the_wording_needs_must_be_there():
    with pytest.raises(ValueError, match="bank"):
        render_certificates([certificate("loan_guarantee", facts={"loan_fen": "1",
                                                                  "term_months": "12"})])


def test_a_certificate_that_cannot_be_printed_leaves_the_book_as_it_was(tmp_path):
    book = CertificateBook()
    too_long = f"ZD1.{b32(os.urandom(700))}.{b32(os.urandom(64))}"
    with pytest.raises(ValueError):
        book.add(certificate("tenancy", qr_text=too_long))
    assert book.pages == 0 and book.certificates == 0
    book.add(certificate("tenancy"))
    path = write(tmp_path, book.finish())
    assert page_count(path) == 1
