#!/usr/bin/env bash
# Makes the scanned-report fixtures under fixtures/scans/ from the LibreOffice fixture PDF:
# its cover and summary pages (1-3) as image-only PDFs, one per image encoding, each page one
# full-page image stored as the encoder wrote it (no text layer).
#   jpeg-gray-150.pdf   DCT (JPEG), 8-bit gray, 150 dpi
#   flate-gray-150.pdf  Flate, 8-bit gray (PNG predictors), 150 dpi
#   flate-mono-200.pdf  Flate, 1-bit, 200 dpi
#   g4-mono-200.pdf     CCITT Group 4, 1-bit, 200 dpi (scanners' black-and-white default)
#   tesseract-layer-150.pdf  JPEG pages under Tesseract's own invisible text layer (an
#                       `ocr_layer` PDF, as scanner software writes them)
#   tesseract-layer-report-200.pdf  the same at 200 dpi, pages 1-4 (a question table too): a
#                       layer that reads as a report whose numbers it leaves unread
#   loma-jpeg-200.pdf   another font: the Loma rendering's pages 2-4 (summary, indicators, the first
#                       question table), JPEG gray 200 dpi
#   skew-jpeg-200.pdf   pages 1-4 of the LibreOffice fixture turned by 2°, -1.5°, 1.5°, -2°
#                       (as a sheet lies on a scanner's glass), JPEG gray 200 dpi
# Needs poppler-utils (pdftoppm), ghostscript, img2pdf (Debian: apt-get install poppler-utils
# ghostscript img2pdf tesseract-ocr tesseract-ocr-tha) and Python with Pillow (the turned pages).
set -euo pipefail
cd "$(dirname "$0")/.."
src=fixtures/pdf/chiangmai-2566.libreoffice.pdf
out=fixtures/scans
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

pdftoppm -r 150 -gray -f 1 -l 3 -jpeg -jpegopt quality=35 "$src" "$tmp/j"
img2pdf --pagesize A4 -o "$out/jpeg-gray-150.pdf" "$tmp"/j-*.jpg

# PGM input: img2pdf keeps it gray (pdftoppm's gray PNGs come out RGB).
pdftoppm -r 150 -gray -f 1 -l 3 "$src" "$tmp/g"
img2pdf --pagesize A4 -o "$out/flate-gray-150.pdf" "$tmp"/g-*.pgm

# img2pdf turns 1-bit images into CCITT: write this one's PDF ourselves (Flate, 1 bit).
pdftoppm -r 200 -mono -f 1 -l 3 "$src" "$tmp/m"
python3 - "$out/flate-mono-200.pdf" "$tmp"/m-*.pbm <<'PY'
import sys, zlib
out, pages = sys.argv[1], sys.argv[2:]
objs = []  # bodies, object i+1
def add(body):
    objs.append(body)
    return len(objs)
kids = []
pages_id = 2  # reserved below
add(b"<< /Type /Catalog /Pages 2 0 R >>")
add(b"")  # pages, filled in later
for path in pages:
    data = open(path, "rb").read()
    assert data[:2] == b"P4"
    fields, pos = [], 2
    while len(fields) < 2:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(int(data[pos:end]))
        pos = end
    w, h = fields
    bits = bytes(255 - b for b in data[pos + 1:])  # PBM 1 = black; PDF gray 1 = white
    z = zlib.compress(bits, 9)
    img = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
              b" /BitsPerComponent 1 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(z))
              + z + b"\nendstream")
    pw, ph = w * 72 / 200, h * 72 / 200
    content = b"q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q" % (pw, ph)
    c = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    kids.append(add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.4f %.4f]"
                    b" /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (pw, ph, img, c)))
objs[1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (
    len(kids), b" ".join(b"%d 0 R" % k for k in kids))
buf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for i, body in enumerate(objs):
    offsets.append(len(buf))
    buf += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
xref = len(buf)
buf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offsets:
    buf += b"%010d 00000 n \n" % o
buf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(out, "wb").write(buf)
PY

gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=tiffg4 -r200 -dFirstPage=1 -dLastPage=3 \
  -sOutputFile="$tmp/t-%d.tif" "$src"
img2pdf --pagesize A4 -o "$out/g4-mono-200.pdf" "$tmp"/t-*.tif

# Tesseract writes the PDF itself: the JPEG pages and its invisible text layer.
ls "$tmp"/j-*.jpg > "$tmp/list.txt"
OMP_THREAD_LIMIT=1 tesseract "$tmp/list.txt" "$tmp/layer" -l tha+eng --dpi 150 pdf 2>/dev/null
mv "$tmp/layer.pdf" "$out/tesseract-layer-150.pdf"
pdftoppm -r 200 -gray -f 1 -l 4 -jpeg -jpegopt quality=30 "$src" "$tmp/r"
ls "$tmp"/r-*.jpg > "$tmp/list.txt"
OMP_THREAD_LIMIT=1 tesseract "$tmp/list.txt" "$tmp/layer" -l tha+eng --dpi 200 pdf 2>/dev/null
mv "$tmp/layer.pdf" "$out/tesseract-layer-report-200.pdf"

pdftoppm -r 200 -gray -f 2 -l 4 -jpeg -jpegopt quality=35 \
  fixtures/pdf/chiangmai-2566.libreoffice-loma.pdf "$tmp/l"
img2pdf --pagesize A4 -o "$out/loma-jpeg-200.pdf" "$tmp"/l-*.jpg

pdftoppm -r 200 -gray -f 1 -l 4 "$src" "$tmp/s"
python3 - "$tmp" <<'PY'
import glob, sys
from PIL import Image
for path, angle in zip(sorted(glob.glob(sys.argv[1] + "/s-*.pgm")), [2.0, -1.5, 1.5, -2.0]):
    Image.open(path).rotate(angle, resample=Image.BILINEAR, fillcolor=255).save(
        path[:-4] + ".jpg", quality=40)
PY
img2pdf --pagesize A4 -o "$out/skew-jpeg-200.pdf" "$tmp"/s-*.jpg

ls -l "$out"
