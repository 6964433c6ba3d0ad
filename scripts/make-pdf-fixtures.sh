#!/usr/bin/env bash
# Regenerates the PDF fixtures under fixtures/pdf/ from the seed text dump.
#
# Needs (Debian 12): apt-get install -y --no-install-recommends libreoffice-writer-nogui
#   fonts-thai-tlwg chromium wkhtmltopdf weasyprint ghostscript poppler-utils img2pdf qpdf python3
# The resulting PDFs are committed, so tests never need these tools.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fixtures/pdf
seed=fixtures/reports/chiangmai-2566.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. The seed report as HTML: tab-separated lines become bordered table rows.
html() { # font-family → HTML on stdout
  python3 - "$seed" "$1" <<'EOF'
import html, sys
seed, font = sys.argv[1], sys.argv[2]
lines = open(seed, encoding="utf-8").read().split("\n")
out = [f"""<!doctype html><html lang="th"><head><meta charset="utf-8"><title>ITA</title><style>
body {{ font-family: '{font}'; font-size: 15pt; margin: 0; }}
@page {{ size: A4; margin: 2cm; }}
table {{ border-collapse: collapse; width: 100%; margin: 6pt 0; }}
td {{ border: 0.75pt solid black; padding: 2pt 4pt; vertical-align: top; }}
p {{ margin: 0 0 4pt 0; text-align: left; }}
</style></head><body>"""]
i = 0
while i < len(lines):
    if "\t" in lines[i]:
        rows = []
        while i < len(lines) and "\t" in lines[i]:
            rows.append(lines[i].split("\t"))
            i += 1
        width = max(len(r) for r in rows)
        out.append("<table>")
        for r in rows:
            cells = r + [""] * (width - len(r))
            out.append("<tr>" + "".join(f"<td>{html.escape(c.strip())}</td>" for c in cells) + "</tr>")
        out.append("</table>")
        continue
    t = lines[i].strip()
    if t:
        out.append(f"<p>{html.escape(t)}</p>")
    i += 1
out.append("</body></html>")
print("\n".join(out))
EOF
}

html Garuda >"$work/garuda.html"
html Norasi >"$work/norasi.html"
html Laksaman >"$work/laksaman.html"

# 2. Producers × fonts.
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$out/chiangmai-2566.chromium-garuda.pdf" "file://$work/garuda.html" 2>/dev/null
wkhtmltopdf --quiet --encoding utf-8 -s A4 "$work/norasi.html" "$out/chiangmai-2566.wkhtmltopdf-norasi.pdf"
weasyprint "$work/laksaman.html" "$out/chiangmai-2566.weasyprint-laksaman.pdf" 2>/dev/null
cp "$work/norasi.html" "$work/libreoffice-norasi.html"
soffice --headless --convert-to pdf:writer_web_pdf_Export --outdir "$work" "$work/libreoffice-norasi.html" >/dev/null 2>&1
cp "$work/libreoffice-norasi.pdf" "$out/chiangmai-2566.libreoffice-norasi.pdf"

# 3. A PostScript round trip: fonts without ToUnicode (unreadable text).
pdftops -f 1 -l 3 "$out/chiangmai-2566.libreoffice.pdf" "$work/rt.ps"
ps2pdf "$work/rt.ps" "$out/roundtrip-no-tounicode.pdf"

# 4. An image-only scan (two pages, grey, low resolution).
pdftoppm -f 1 -l 2 -r 60 -gray -jpeg "$out/chiangmai-2566.libreoffice.pdf" "$work/scan"
img2pdf "$work"/scan-*.jpg -o "$out/scan-image-only.pdf"

# 5. Encryption: a real user password, and owner-password-only files (empty user password).
qpdf --encrypt secret owner 256 -- "$out/gazette-140A022N.pdf" "$out/encrypted-user-password.pdf"
qpdf --encrypt "" owner 256 -- "$out/chiangmai-2566.libreoffice.pdf" "$out/chiangmai-2566.owner-only-aes256.pdf"
qpdf --allow-weak-crypto --encrypt "" owner 128 --use-aes=n -- "$out/gazette-140A022N.pdf" "$out/gazette.owner-only-rc4.pdf"
qpdf --encrypt "" owner 128 --use-aes=y -- "$out/gazette-140A022N.pdf" "$out/gazette.owner-only-aes128.pdf"

# 6. Damaged and wrong files.
head -c 60000 "$out/chiangmai-2566.libreoffice.pdf" >"$out/truncated.pdf"
printf '<!doctype html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>\n' >"$out/html-saved-as.pdf"
head -c 4096 /bin/ls >"$out/binary-named.pdf"

# 7. An OCR layer: a page image with invisible text (render mode 3) over it.
python3 - "$out/ocr-layer.pdf" <<'EOF'
import sys, zlib
w, h = 200, 100
img = zlib.compress(bytes([200]) * (w * h))
text = b"BT 3 Tr /F1 24 Tf 72 700 Td (ITA 92.19 OCR layer) Tj ET"
content = b"q 451 0 0 226 72 500 cm /Im1 Do Q " + text
objs = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
    b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>",
    b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
    b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(img))
    + img + b"\nendstream",
]
out = bytearray(b"%PDF-1.4\n")
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open(sys.argv[1], "wb").write(out)
EOF

ls -la "$out"
