"""Workbooks built to keep the reader busy (decompression bombs): small on disk, huge unpacked.
Each is refused with a message naming the limit, and before the work it would cause: before
openpyxl parses anything, or after at most as many rows as the limit allows. A workbook of the
largest real shape still passes, and a real point book as XLSX still imports.

The bombs are built here with zipfile from raw XML, so a reader can see what is inside."""

from __future__ import annotations

import io
import struct
import zipfile

import openpyxl
import pytest
from openpyxl.worksheet import _read_only

from app.audit import Audit
from app.auth import COMMAND_LINE
from app.i18n import Translator
from app.importing import pipeline, reading
from app.importing.reading import Limits, ReadError, read_table

T = Translator("nl")
MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def workbook(rows: bytes, *, shared: bytes | None = None, dimension: str | None = None,
             prefix: str = "") -> bytes:
    """A minimal XLSX whose one sheet holds `rows` (the XML inside <sheetData>)."""
    p = f"{prefix}:" if prefix else ""
    namespace = MAIN.replace(b"xmlns=", f"xmlns{':' + prefix if prefix else ''}=".encode())
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet '.encode() + namespace + b">"
             + (f'<{p}dimension ref="{dimension}"/>'.encode() if dimension else b"")
             + f"<{p}sheetData>".encode() + rows + f"</{p}sheetData></{p}worksheet>".encode())
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
             '.org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
             'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
             '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
             'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
             '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.spreadsheetml.worksheet+xml"/>'
             + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if shared
                else "") + "</Types>")
    root_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
                 f'{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    book = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats'
            f'.org/spreadsheetml/2006/main" xmlns:r="{REL}"><sheets><sheet name="Blad1" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>')
    book_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
                 f'{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                 + (f'<Relationship Id="rId2" Type="{REL}/sharedStrings" '
                    'Target="sharedStrings.xml"/>' if shared else "") + "</Relationships>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.xml", book)
        archive.writestr("xl/_rels/workbook.xml.rels", book_rels)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared:
            archive.writestr("xl/sharedStrings.xml", b'<?xml version="1.0" encoding="UTF-8"?>'
                             b"<sst " + MAIN + b">" + shared + b"</sst>")
    return out.getvalue()


def text_row(number: int, *values: str) -> bytes:
    cells = "".join(f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
                    for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'.encode()


HEADER = text_row(1, "Stamboeknummer", "Naam")


@pytest.fixture
def never_parsed(monkeypatch):
    """Fails the test when openpyxl is asked to open the workbook at all."""
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl was asked to parse a workbook that should be refused")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


@pytest.fixture
def rows_pulled(monkeypatch):
    """How many rows (and values) openpyxl handed out; a reader that pads a declared size or
    reads past a limit fails here quickly instead of running for minutes."""
    pulled = {"rows": 0, "values": 0}
    original = _read_only.ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        for row in original(self, *args, **kwargs):
            pulled["rows"] += 1
            pulled["values"] += len(row)
            if pulled["values"] > 5_000_000:
                raise AssertionError(f"unbounded reading: {pulled}")
            yield row

    monkeypatch.setattr(_read_only.ReadOnlyWorksheet, "_cells_by_row", counting)
    return pulled


def refusal(data: bytes, limits: Limits | None = None) -> str:
    with pytest.raises(ReadError) as refused:
        read_table(data, limits=limits)
    return refused.value.render(T)


# -- refused before any parsing ------------------------------------------------------------------

def test_three_million_rows_in_two_megabytes_are_refused_unread(never_parsed):
    data = workbook(HEADER + b"<row><c><v>1</v></c></row>" * 3_000_000)
    assert len(data) < 2_000_000                           # 78 MB of XML unpacked
    message = refusal(data)
    assert "keer groter dan het is" in message and "geweigerd zonder het te lezen" in message


def test_a_workbook_larger_than_the_limit_unpacked_is_refused_unread(never_parsed):
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n)
                    for n in range(2, 200_000))
    message = refusal(workbook(HEADER + rows), Limits(unzipped_bytes=5_000_000))
    assert "Uitgepakt is dit Excel-bestand groter dan 5 MB" in message
    assert "import.max_unzipped_megabytes" in message


def test_more_rows_than_the_limit_are_counted_before_parsing(never_parsed):
    rows = b"".join(b'<row r="%d"/>' % n for n in range(2, 250_002))
    assert "meer dan 200.000 rijen" in refusal(workbook(HEADER + rows))


def test_more_cells_than_the_limit_are_counted_before_parsing(never_parsed):
    message = refusal(workbook(HEADER + b'<row r="2">' + b"<c><v>7</v></c>" * 2000 + b"</row>"),
                      Limits(cells=1000))
    assert "meer dan 1.000 cellen" in message and "import.max_cells" in message


def test_shared_strings_beyond_what_the_cells_use_are_refused_unread(never_parsed):
    import random

    pick = random.Random(1)
    shared = b"".join(b"<si><t>%08x</t></si>" % pick.getrandbits(32) for _ in range(300_000))
    data = workbook(HEADER + b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>', shared=shared)
    assert "300000 teksten voor 3 cellen" in refusal(data)


def test_a_prefixed_sheet_is_counted_too(never_parsed):
    """Some .NET writers prefix every element (<x:row>, <x:c>): counted all the same."""
    rows = b"".join(b'<x:row r="%d"><x:c r="A%d"><x:v>1</x:v></x:c></x:row>' % (n, n)
                    for n in range(2, 1_200))
    assert "meer dan 1.000 rijen" in refusal(workbook(rows, prefix="x"), Limits(rows=1000))


def test_a_member_that_lies_about_its_size_is_read_no_further_than_it_says(never_parsed):
    """The sizes in the zip's directory bound every read: a member that unpacks to more than it
    declares fails its checksum after the declared bytes, and the workbook counts as damaged."""
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(2, 5000))
    data = bytearray(workbook(HEADER + rows))
    entry = data.rindex(b"PK\x01\x02", 0, data.rindex(b"xl/worksheets/sheet1.xml") + 1)
    struct.pack_into("<I", data, entry + 24, 1000)          # uncompressed size: 1000 bytes
    assert "beschadigd" in refusal(bytes(data))


# -- refused while reading, at the limit ----------------------------------------------------------

def test_a_gap_of_a_million_rows_is_refused_at_the_row_limit(rows_pulled):
    data = workbook(HEADER + text_row(2, "1", "A") + text_row(1_048_576, "2", "B"))
    assert "meer dan 200.000 rijen" in refusal(data)
    assert rows_pulled["rows"] <= 200_001


def test_one_cell_far_to_the_right_is_refused_at_the_cell_limit(rows_pulled):
    far = b'<c r="XFD%d"><v>1</v></c>'
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c>' % (n, n) + far % n + b"</row>"
                    for n in range(2, 200))
    assert "meer dan 1.000.000 cellen" in refusal(workbook(HEADER + rows))
    assert rows_pulled["rows"] <= 1_000_000 // 16_384 + 1


def test_a_declared_size_is_not_trusted(rows_pulled):
    """A sheet that declares A1:XFD300000 but holds 400 rows of two cells reads as 800 values,
    not as 400 rows padded to 16,384 columns each (openpyxl pads to the declared width)."""
    rows = b"".join(text_row(n, f"{n:07d}", "Peeters") for n in range(2, 402))
    table = read_table(workbook(HEADER + rows, dimension="A1:XFD300000"))
    assert table.header == ["Stamboeknummer", "Naam"] and len(table.rows) == 400
    assert table.rows[0] == ["0000002", "Peeters"]
    assert rows_pulled["values"] <= 2 * 401


def test_a_csv_beyond_the_row_limit_is_refused():
    data = ("Stamboeknummer;Naam\n" + "".join(f"{n};X\n" for n in range(300))).encode()
    assert "meer dan 100 rijen" in refusal(data, Limits(rows=100))


# -- real files still pass -------------------------------------------------------------------------

def test_the_largest_real_shape_passes_the_counts(monkeypatch):
    """100,000 rows of 10 columns with shared texts, as Excel writes a point book: within every
    limit (the check alone; reading it takes openpyxl half a minute)."""
    texts = [f"Vak {n}".encode() for n in range(40)] + [f"{n:07d}".encode() for n in range(2000)]
    shared = b"".join(b"<si><t>" + t + b"</t></si>" for t in texts)
    row = ('<row r="{n}"><c r="A{n}" t="s"><v>{a}</v></c><c r="B{n}" t="s"><v>{b}</v></c>'
           + "".join(f'<c r="{c}{{n}}"><v>{{n}}</v></c>' for c in "CDEFGHIJ") + "</row>")
    rows = "".join(row.format(n=n, a=n % 40, b=40 + n % 2000) for n in range(1, 100_001))
    data = workbook(rows.encode(), shared=shared)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        reading._check_workbook(archive, Limits())


def test_a_point_book_as_xlsx_still_imports(demo_db, tmp_path):
    from app import bench

    points, count = bench._results_file(demo_db.path, tmp_path)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Punten")
    for line in points.read_text(encoding="utf-8").splitlines():
        sheet.append(line.split(";"))
    out = io.BytesIO()
    book.save(out)
    prepared = pipeline.prepare(demo_db, COMMAND_LINE, "results", "punten.xlsx", out.getvalue())
    assert not prepared.problems and len(prepared.table.lines) == count
    done = pipeline.commit(demo_db, COMMAND_LINE, prepared)
    assert done.counts.new + done.counts.updated + done.counts.unchanged == count


def test_the_school_can_raise_or_lower_the_limits(demo_db):
    from app import settings

    with demo_db.transaction(Audit("edit", "setting", scope="cli")) as tx:
        settings.put(tx, "import.max_rows", 10)
    data = ("Stamboeknummer;Naam;Voornaam;Klas\n"
            + "".join(f"99{n:05d};Naam;Voornaam;1A\n" for n in range(20))).encode()
    with pytest.raises(ReadError) as refused:
        pipeline.prepare(demo_db, COMMAND_LINE, "learners", "lijst.csv", data)
    assert "meer dan 10 rijen" in refused.value.render(T)


def test_the_administrator_raises_a_limit_on_the_command_line(demo_path, capsys):
    from app import cli as command_line

    data = ("Stamboeknummer;Naam;Voornaam;Klas\n"
            + "".join(f"99{n:05d};Naam;Voornaam;1A\n" for n in range(20))).encode()
    assert command_line.main(["settings", "set", "import.max_rows", "10",
                              "--db", str(demo_path)]) == 0
    assert command_line.main(["settings", "set", "school.name", "X",
                              "--db", str(demo_path)]) == 2
    assert "geen grens" in capsys.readouterr().err
    from app.db import Database

    with Database(demo_path) as db, pytest.raises(ReadError):
        pipeline.prepare(db, COMMAND_LINE, "learners", "lijst.csv", data)
    assert command_line.main(["settings", "set", "import.max_rows", "200.000",
                              "--db", str(demo_path)]) == 0
    with Database(demo_path) as db:
        prepared = pipeline.prepare(db, COMMAND_LINE, "learners", "lijst.csv", data)
        assert len(prepared.table.lines) == 20
