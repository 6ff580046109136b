"""From the bytes of an upload to a table of cells, decided by the content, never the file name.

What real school files contain: CSV with ``,`` ``;`` tab or ``|``; UTF-8 with or without BOM,
Windows-1252 (Excel's plain CSV in Belgium: decoded as cp1252, since Latin-1 breaks on € “ ” –),
UTF-16 with BOM (Excel's "Unicode text", tab separated); Excel's ``sep=;`` first line; CRLF;
trailing empty columns. XLSX (openpyxl) and old XLS (xlrd). Images, programs, PDFs and archives
that are not spreadsheets are refused with a message that says what they are.

Row numbers are the ones a person sees when opening the file in Excel: the header is row 1 (row
2 after a ``sep=`` line), the first record the row after it.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from app.blank import is_blank
from app.errors import UserError
from app.i18n import Count

MAX_FIELD_CHARS = 100_000
# Deflate shrinks the XML of real workbooks 5 to 20 times; a workbook that unpacks a hundred
# times bigger than it is (past a few megabytes) was made to exhaust the reader (a "zip bomb").
_XLSX_MAX_RATIO = 100
_XLSX_RATIO_FROM = 10_000_000
_XLSX_MAX_MEMBERS = 10_000
_SCAN_CHUNK = 1 << 20
DELIMITERS = (";", ",", "\t", "|")
_SNIFF_RECORDS = 200

# Leading bytes of files that are certainly not tables, with a word for the message.
_MAGIC = (
    (b"\x89PNG", "image"), (b"\xff\xd8\xff", "image"), (b"GIF8", "image"), (b"BM", "image"),
    (b"RIFF", "media"), (b"%PDF", "pdf"), (b"\x7fELF", "program"), (b"MZ", "program"),
    (b"\xca\xfe\xba\xbe", "program"), (b"#!", "program"), (b"\x1f\x8b", "archive"),
    (b"Rar!", "archive"), (b"7z\xbc\xaf", "archive"), (b"{\\rtf", "document"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ReadError(UserError):
    """The file cannot be read as a table at all (as opposed to problems in single rows)."""


@dataclass(frozen=True)
class Limits:
    """How much of a file is read at most (settings ``import.max_rows``, ``import.max_cells``,
    ``import.max_unzipped_megabytes``). The largest real school file is a point book of
    100,000 rows of up to 10 columns (45 MB of XML as an XLSX): the defaults leave it a margin
    of two, and refuse a file built to keep the reader busy before it is read."""

    rows: int = 200_000
    cells: int = 1_000_000           # rows x columns, from the first to the last column used
    unzipped_bytes: int = 100_000_000

    def check(self, rows: int, width: int) -> None:
        if rows > self.rows:
            raise ReadError("import.error.too_many_rows", limit=Count(self.rows))
        if rows * width > self.cells:
            raise ReadError("import.error.too_many_values", limit=Count(self.cells))


@dataclass
class Table:
    header: list[str]
    cells: pd.DataFrame               # one column per header position; str for CSV, typed
                                      # values (float, datetime, ...) for Excel
    lines: list[int]                  # the file row of each record, as Excel shows it
    file_format: str                  # 'csv' | 'xlsx' | 'xls'
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[list[object]]:
        return self.cells.to_numpy(dtype=object).tolist()

    def column(self, header: str) -> pd.Series:
        """The cells under a header (the first column of that name)."""
        return self.cells.iloc[:, self.header.index(header)]


def read_table(data: bytes, sheet: str | None = None, max_bytes: int | None = None,
               limits: Limits | None = None) -> Table:
    limits = limits or Limits()
    if max_bytes is not None and len(data) > max_bytes:
        raise ReadError("import.error.too_big", megabytes=round(max_bytes / 1_000_000))
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ReadError("import.error.empty")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, sheet, limits)
    if data.startswith(_OLE2):
        return _read_xls(data, sheet, limits)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ReadError(f"import.error.not_a_table_{what}")
    text, encoding = decode(data)
    return _read_csv(text, encoding, limits)


# -- text --------------------------------------------------------------------------------------

def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was written in."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    if b"\x00" in data:
        raise ReadError("import.error.not_a_table_binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    _refuse_mixed_encodings(data)
    return _strict(data, "cp1252"), "cp1252"


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise ReadError("import.error.encoding", row=row, encoding=encoding) from None


def _refuse_mixed_encodings(data: bytes) -> None:
    """A file with some lines in UTF-8 and others in Windows-1252 (two exports glued together)
    would turn é into Ã© on half of its rows: refuse it, naming a row of each kind."""
    utf8_row = cp1252_row = None
    for number, line in enumerate(data.split(b"\n"), start=1):
        if max(line, default=0) < 0x80:
            continue
        try:
            line.decode("utf-8")
            utf8_row = utf8_row or number
        except UnicodeDecodeError:
            cp1252_row = cp1252_row or number
        if utf8_row and cp1252_row:
            raise ReadError("import.error.mixed_encodings", utf8_row=utf8_row,
                            other_row=cp1252_row)


def _read_csv(text: str, encoding: str, limits: Limits) -> Table:
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")  # classic Mac line endings: one CR per line
    lines_before = 0
    forced = None
    match = re.match(r"\s*\"?sep=(.)\"?\s*\r?\n", text, flags=re.IGNORECASE)
    if match:  # Excel's hint line: the delimiter, then the real header on the next line
        forced = match.group(1)
        text = text[match.end():]
        lines_before = 1
    delimiter = forced or _sniff_delimiter(text)
    parsed = _parse_unquoted(text, delimiter, lines_before) if '"' not in text else None
    if parsed is None:
        parsed = _records_frame(_parse(text, delimiter, lines_before))
    frame, lines = parsed
    limits.check(*frame.shape)
    table = _table(frame, lines, "csv", _filled_text)
    table.encoding, table.delimiter = encoding, delimiter
    return table


def _records_frame(records: list[tuple[int, list[str]]]) -> tuple[pd.DataFrame, np.ndarray]:
    width = max((len(cells) for _, cells in records), default=0)
    rows = [cells + [""] * (width - len(cells)) for _, cells in records]
    frame = pd.DataFrame(rows, columns=range(width), dtype=object) if rows else pd.DataFrame()
    return frame, np.array([line for line, _ in records], dtype=np.int64)


def _filled_text(column: pd.Series) -> np.ndarray:
    """Which cells of a column of text hold something (vectorised: CSV cells are all text)."""
    return column.astype(str).str.strip().ne("").to_numpy(dtype=bool)


def _filled_cells(column: pd.Series) -> np.ndarray:
    """Which cells of a spreadsheet column hold something: any value but blank text."""
    return column.map(lambda v: not is_blank(v)).to_numpy(dtype=bool)


def _table(frame: pd.DataFrame, lines: np.ndarray, file_format: str, filled) -> Table:
    """From raw cells to a table: blank records dropped, the first record as header, trailing
    empty columns trimmed, and a record with values beyond the header refused (with its row)."""
    if frame.empty:
        raise ReadError("import.error.empty")
    present = np.zeros(len(frame), dtype=bool)
    column_has = []
    for position in range(frame.shape[1]):
        has = filled(frame.iloc[:, position])
        column_has.append(has)
        present |= has
    if not present.any():
        raise ReadError("import.error.empty")
    kept = np.flatnonzero(present)
    first = kept[0]
    header = ["" if is_blank(c) else str(c).strip() for c in frame.iloc[first].tolist()]
    width = len(header)
    while width and not header[width - 1]:
        width -= 1  # trailing empty columns (Excel leaves them after deleting a column)
    if width == 0:
        raise ReadError("import.error.no_header")
    body = kept[1:]
    for position in range(width, frame.shape[1]):
        beyond = np.flatnonzero(column_has[position][body])
        if len(beyond):
            record = body[beyond[0]]
            fields = int(max(i for i in range(frame.shape[1]) if column_has[i][record]) + 1)
            if file_format != "csv":  # no separators in a spreadsheet: a title row, mostly
                raise ReadError("import.error.too_many_cells", row=int(lines[record]),
                                header_row=int(lines[first]), columns=width)
            raise ReadError("import.error.too_many_fields", row=int(lines[record]),
                            fields=fields, columns=width)
    cells = frame.iloc[body, :width].reset_index(drop=True)
    cells.columns = range(width)
    return Table(header=header[:width], cells=cells, lines=lines[body].tolist(),
                 file_format=file_format)


def _sniff_delimiter(text: str) -> str:
    """The candidate that splits the first records into the most, and most consistent, fields."""
    sample = text[:200_000]
    best, best_score = ",", (-1, -1.0)
    for delimiter in DELIMITERS:
        try:
            reader = csv.reader(io.StringIO(sample), delimiter=delimiter, strict=False)
            counts = [len(row) for _, row in zip(range(_SNIFF_RECORDS), reader, strict=False)
                      if any(cell.strip() for cell in row)]
        except csv.Error:
            continue
        if not counts or counts[0] < 2:
            continue
        header = counts[0]
        consistent = sum(1 for c in counts if c == header) / len(counts)
        score = (1 if consistent >= 0.8 else 0, consistent * header)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _parse_unquoted(text: str, delimiter: str, lines_before: int
                    ) -> tuple[pd.DataFrame, np.ndarray] | None:
    """Without a single quote character every record is one line, and pandas' C parser reads
    it many times faster than the csv module, with the same cells. Anything unusual (a row
    longer than the first, a huge field) goes back to the strict parser, for its messages."""
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, dtype=object,
                            keep_default_na=False, na_filter=False, skip_blank_lines=False,
                            quoting=csv.QUOTE_NONE, engine="c")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return None
    frame = frame.fillna("")
    if any(frame[c].astype(str).str.len().max() > MAX_FIELD_CHARS for c in frame.columns):
        return None
    return frame, np.arange(1, len(frame) + 1, dtype=np.int64) + lines_before


def _parse(text: str, delimiter: str, lines_before: int) -> list[tuple[int, list[str]]]:
    # Excel numbers records, not lines: a quoted line break stays inside one row.
    csv.field_size_limit(MAX_FIELD_CHARS + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records = []
    row_number = lines_before
    try:
        for row in reader:
            row_number += 1
            records.append((row_number, row))
            if any(len(cell) > MAX_FIELD_CHARS for cell in row):
                raise ReadError("import.error.huge_field", row=row_number)
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise ReadError("import.error.huge_field", row=row_number + 1) from None
        raise ReadError("import.error.quotes", row=row_number + 1) from None
    _refuse_swallowed_records(records, delimiter)
    return records


def _shape(value: str) -> str:
    """The look of a value: digits as 9, letters as a ('0900123' → '9999999')."""
    return re.sub(r"[^\W\d_]", "a", re.sub(r"\d", "9", value.strip()))


def _refuse_swallowed_records(records: list[tuple[int, list[str]]], delimiter: str) -> None:
    """A quote left open on one row and closed rows later turns those rows into one cell and
    loses them silently. A quoted line break is normal (a remark, a survey answer over two
    lines), but a line inside a cell that starts like a record of this file (a value shaped
    like the first column's, then the delimiter) is that accident: refuse it."""
    body = records[1:]
    if len(body) < 2 or len(records[0][1]) < 2:
        return
    shapes = [_shape(cells[0]) for _, cells in body if cells and cells[0].strip()]
    if not shapes:
        return
    common, count = max(((s, shapes.count(s)) for s in set(shapes)), key=lambda p: p[1])
    if count / len(shapes) < 0.8 or not re.search(r"\d", common):
        return  # no recognisable first column (identifiers, timestamps): do not guess
    for row_number, cells in body:
        for cell in cells:
            if "\n" not in cell:
                continue
            for line in cell.split("\n")[1:]:
                first, found, _ = line.partition(delimiter)
                if found and _shape(first) == common:
                    raise ReadError("import.error.swallowed_rows", row=row_number)


# -- spreadsheets ------------------------------------------------------------------------------

def _read_xlsx(data: bytes, sheet: str | None, limits: Limits) -> Table:
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                _check_workbook(archive, limits)
    except (zipfile.BadZipFile, zlib.error, EOFError):  # cut off halfway, or a member whose
        raise ReadError("import.error.damaged_workbook") from None  # size or checksum lies
    if "xl/workbook.xml" not in names:
        raise ReadError("import.error.not_a_table_archive")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged workbook raises many kinds of error
        raise ReadError("import.error.damaged_workbook") from None
    try:
        sheets = list(book.sheetnames)
        name = _pick_sheet(sheets, sheet)
        source = book[name]
        # The size a sheet declares is not trusted: read-only openpyxl pads every row to the
        # declared width and adds the declared number of rows, so a 'dimension' of
        # A1:XFD1048576 in a tiny file means 17 billion empty cells. Rows end at their last cell.
        source.reset_dimensions()
        values: list[tuple] = []
        width = 0
        for row in source.iter_rows(values_only=True):
            width = max(width, len(row))
            limits.check(len(values) + 1, width)
            values.append(row)
    finally:
        book.close()
    return _from_cells(values, "xlsx", name, sheets)


def _check_workbook(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a workbook that would take the reader minutes or gigabytes, before any XML of it
    is parsed: from the sizes in the zip's directory (reads never unpack more than those: a
    member that lies about its size fails its checksum), then by counting the rows, cells and
    shared texts in the unpacked bytes (a fast scan; openpyxl would parse every one of them,
    and reads all shared texts into memory before the first row)."""
    members = archive.infolist()
    if len(members) > _XLSX_MAX_MEMBERS:
        raise ReadError("import.error.damaged_workbook")
    unzipped = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if unzipped > limits.unzipped_bytes:
        raise ReadError("import.error.unzipped_too_big",
                        megabytes=round(limits.unzipped_bytes / 1_000_000))
    if unzipped > _XLSX_RATIO_FROM and unzipped > _XLSX_MAX_RATIO * max(packed, 1):
        raise ReadError("import.error.packed_too_tightly", ratio=unzipped // max(packed, 1))
    cells = 0
    texts = 0
    for member in members:
        name = member.filename.lower()
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            rows, sheet_cells = _count_elements(archive, member, (b"row", b"c"))
            limits.check(rows, 1)
            if sheet_cells > limits.cells:
                raise ReadError("import.error.too_many_values", limit=Count(limits.cells))
            cells += sheet_cells
        elif name.endswith("sharedstrings.xml"):
            texts += _count_elements(archive, member, (b"si",))[0]
    # Every shared text is used by a cell; unused ones are left over from editing, never
    # millions of them.
    if texts > min(limits.cells, 2 * cells + 10_000):
        raise ReadError("import.error.too_many_texts", texts=texts, cells=cells)


_XML_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?(?:worksheet|sst)[\s>]")
_TAG_ENDS = (b" ", b">", b"/", b"\t", b"\r", b"\n")


def _count_elements(archive: zipfile.ZipFile, member: zipfile.ZipInfo,
                    tags: tuple[bytes, ...]) -> list[int]:
    """How many start tags of each name one XML member holds, counted in its unpacked bytes
    chunk by chunk: no parsing, constant memory. Children use the prefix of the root element
    (``<x:c>`` from some .NET writers)."""
    counts = [0] * len(tags)
    with archive.open(member) as stream:
        chunk = stream.read(_SCAN_CHUNK)
        root = _XML_ROOT.search(chunk)
        prefix = (root.group(1) or b"") if root else b""
        patterns = [[b"<" + prefix + tag + end for end in _TAG_ENDS] for tag in tags]
        keep = max(len(p) for group in patterns for p in group) - 1
        carry = b""
        while chunk:
            window = carry + chunk
            for i, group in enumerate(patterns):
                # A tag across two chunks is counted once: the tags inside the carried tail
                # were counted with the chunk before.
                counts[i] += sum(window.count(p) - carry.count(p) for p in group)
            carry = window[-keep:]
            chunk = stream.read(_SCAN_CHUNK)
    return counts


def _read_xls(data: bytes, sheet: str | None, limits: Limits) -> Table:
    import xlrd

    # Excel saves a workbook with a password as an encrypted package inside an OLE2 file.
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise ReadError("import.error.damaged_workbook")
    try:
        book = xlrd.open_workbook(file_contents=data)
    except Exception:
        raise ReadError("import.error.not_a_table_document") from None
    sheets = book.sheet_names()
    name = _pick_sheet(sheets, sheet)
    source = book.sheet_by_name(name)
    limits.check(source.nrows, source.ncols)
    values = []
    for r in range(source.nrows):
        row = []
        for c in range(source.ncols):
            cell = source.cell(r, c)
            if cell.ctype == xlrd.XL_CELL_DATE:
                row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                row.append(None)
            else:
                row.append(cell.value)
        values.append(row)
    return _from_cells(values, "xls", name, sheets)


def _pick_sheet(sheets: list[str], wanted: str | None) -> str:
    if wanted is None:
        return sheets[0]
    if wanted not in sheets:
        raise ReadError("import.error.no_sheet", sheet=wanted, sheets=", ".join(sheets))
    return wanted


def _from_cells(values: list[list[object]], file_format: str, sheet: str,
                sheets: list[str]) -> Table:
    width = max((len(row) for row in values), default=0)
    frame = pd.DataFrame([list(row) + [None] * (width - len(row)) for row in values],
                         columns=range(width), dtype=object) if values else pd.DataFrame()
    lines = np.arange(1, len(values) + 1, dtype=np.int64)
    table = _table(frame, lines, file_format, _filled_cells)
    table.sheet, table.sheets = sheet, sheets
    return table
