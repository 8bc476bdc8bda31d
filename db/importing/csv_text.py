"""Reading a CSV file as Excel, WPS and other programs save it.

The encoding is decided, never guessed with a detector: a byte-order mark says UTF-8 (Excel's
"CSV UTF-8") or UTF-16 (Excel's "Unicode text"); without one, the text is read as UTF-8 when
every byte fits, else as GB18030 (Chinese Excel's and WPS's plain "CSV", which has no mark;
GB18030 holds GBK and every character beyond it, 𠀀 included). A file that is neither is refused.

The delimiter is a comma. The first line holding a comma, a tab or a semicolon decides: a comma
there means commas; a line with a tab and no comma means tabs ("Unicode text" is tab-separated);
a line with only semicolons means semicolons (a European Excel's CSV).
"""

import codecs
import csv
import io

from db.importing import sheet_rows
from db.importing.sheet_rows import ImportFileError, damaged, empty, tidy, too_many_rows
from db.translatable import QT_TRANSLATE_NOOP

BOMS = ((codecs.BOM_UTF8, "utf-8", QT_TRANSLATE_NOOP("db", "UTF-8 with BOM")),  # a name shown
        (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"))


def decoded(data: bytes, file_name: str) -> tuple[str, str]:
    """The text of the file and the name of its encoding, as the preview shows it."""
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), name
            except UnicodeDecodeError as exc:
                raise undecodable(file_name, exc.start + len(bom)) from exc
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GB18030"
    except UnicodeDecodeError as exc:
        raise undecodable(file_name, exc.start) from exc


def undecodable(file_name: str, offset: int) -> ImportFileError:
    return ImportFileError(QT_TRANSLATE_NOOP(
        "db", "{file} is not text in UTF-8 or GB18030: the byte at position {offset} fits "
        "neither. Open it in Excel or WPS and save it again as .xlsx or as “CSV UTF-8”, then "
        "import that copy."), file=file_name, offset=offset)


def delimiter(text: str) -> str:
    for line in text.splitlines():
        if "," in line:
            return ","
        if "\t" in line:
            return "\t"
        if ";" in line:
            return ";"
    return ","


def csv_rows(data: bytes, file_name: str) -> tuple[list[list[object]], str]:
    """The file's rows (text cells, "" as None, trailing empty rows and columns dropped) and
    its encoding's name."""
    if not data:
        raise empty(file_name)
    text, encoding = decoded(data, file_name)
    try:
        rows = tidy(list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))),
                    pad=True)
    except csv.Error as exc:
        raise damaged(file_name, exc) from exc
    if not rows:
        raise empty(file_name)
    if len(rows) > sheet_rows.MAX_ROWS:
        raise too_many_rows(file_name, len(rows))
    return rows, encoding
