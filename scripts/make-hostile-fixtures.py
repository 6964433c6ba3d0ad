#!/usr/bin/env python3
"""Writes the hostile-input corpus under fixtures/hostile/ and its expected outcomes.

Each file is what an archive really holds or what an attacker would craft; expected.tsv says
what ita-extract must make of it: an error kind (the stable code of errors.jsonl) or `report`.
Deterministic (fixed seeds); the outputs are committed, so tests need no tools.

    python3 scripts/make-hostile-fixtures.py
"""
import os
import random
import shutil
import subprocess
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "fixtures", "hostile")
SEED_PDF = os.path.join(ROOT, "fixtures", "pdf", "chiangmai-2566.libreoffice.pdf")
SEED_TXT = os.path.join(ROOT, "fixtures", "reports", "chiangmai-2566.txt")
expected = []


def write(name, data, outcome, why):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    expected.append((name, outcome, why))


def pdf(objects, root=1, size=None, extra_trailer=b""):
    """A classic PDF with an xref table; `objects` maps number -> body bytes."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref = len(out)
    n = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % n
    for num in range(1, n):
        if num in offsets:
            out += b"%010d 00000 n \n" % offsets[num]
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        size if size is not None else n, root, extra_trailer, xref)
    return bytes(out)


def stream(data, dict_extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), dict_extra) + data + b"\nendstream"


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    seed = open(SEED_PDF, "rb").read()

    write("empty.pdf", b"", "empty", "zero bytes")
    write("one-byte.pdf", b"%", "not_ita_document", "a single byte (a percent sign: text, but no document)")
    for cut in (16, 1024, len(seed) // 2):
        write(f"truncated-at-{cut}.pdf", seed[:cut], "corrupt_pdf", f"the seed PDF cut at byte {cut}")
    cut = len(seed) - 200
    write(f"truncated-at-{cut}.pdf", seed[:cut], "report",
          "the seed PDF without its last 200 bytes (xref and trailer): every object is still there, "
          "so the objects are recovered by scanning and the report is read")
    rnd = random.Random(2566)
    write("random-bytes.pdf", bytes(rnd.getrandbits(8) for _ in range(65536)), "not_text", "64 KiB of random bytes")
    write("random-with-pdf-header.pdf", b"%PDF-1.4\n" + bytes(rnd.getrandbits(8) for _ in range(65536)),
          "corrupt_pdf", "a PDF header then random bytes")
    write("error-page.pdf",
          b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
          b"<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>\n",
          "not_ita_document", "an HTML error page saved as .pdf")

    page_content = stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    # A page tree whose kid points back at its parent.
    write("cyclic-page-tree.pdf", pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R >> >> >>",
        4: page_content, 5: font,
    }), "not_ita_document", "a page tree that contains itself; the one real page says Hello")
    # Arrays nested 100,000 deep inside a page dictionary.
    deep = b"[" * 100_000 + b"]" * 100_000
    write("deep-nesting.pdf", pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Junk " + deep + b" >>",
    }), "corrupt_pdf", "arrays nested 100,000 deep")
    # A content stream that inflates to 1 GiB of spaces.
    bomb = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(bomb.compress(chunk) for _ in range(1024)) + bomb.flush()
    write("flate-bomb.pdf", pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        4: stream(data, b"/Filter /FlateDecode "),
    }), "limit", "a content stream that inflates to 1 GiB")
    # A trailer that claims two billion objects, and 50,000 real ones.
    many = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>"}
    for i in range(3, 50_003):
        many[i] = b"%d" % i
    write("huge-object-count.pdf", pdf(many, size=2_000_000_000), "corrupt_pdf",
          "/Size 2,000,000,000 in the trailer, 50,000 objects, no pages")
    write("no-pages.pdf", pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [] /Count 0 >>",
    }), "corrupt_pdf", "a valid PDF with an empty page tree")
    if shutil.which("qpdf"):
        subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", SEED_PDF,
                        os.path.join(OUT, "password-protected.pdf")], check=True)
        expected.append(("password-protected.pdf", "encrypted", "AES-256 with a user password"))
    text = open(SEED_TXT, encoding="utf-8").read()
    write("report-windows-874.txt", text.replace("\u25aa", "-").encode("cp874"), "report",
          "the seed report (its ▪ bullets as -) in the legacy Thai encoding TIS-620 / Windows-874")
    write("not-a-report.txt", "สวัสดีครับ วันนี้อากาศดี\n".encode("utf-8") * 50, "not_ita_document",
          "Thai text that is no ITA document")

    with open(os.path.join(OUT, "expected.tsv"), "w", encoding="utf-8") as f:
        f.write("# file\toutcome (error kind, or report)\twhy\n")
        for name, outcome, why in sorted(expected):
            f.write(f"{name}\t{outcome}\t{why}\n")


if __name__ == "__main__":
    main()
