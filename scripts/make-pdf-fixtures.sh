#!/usr/bin/env bash
# Regenerates the PDF fixtures under fixtures/pdf/ from the seed text dump.
#
# Needs (Debian 12): apt-get install -y --no-install-recommends libreoffice-writer-nogui
#   fonts-thai-tlwg chromium wkhtmltopdf weasyprint ghostscript poppler-utils img2pdf qpdf python3
#   php-cli php-tcpdf
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

# 3. A PostScript round trip: fonts without ToUnicode (read from their glyph outlines; without
#    their font programs, unreadable text).
pdftops -f 1 -l 3 "$out/chiangmai-2566.libreoffice.pdf" "$work/rt.ps"
ps2pdf "$work/rt.ps" "$out/roundtrip-no-tounicode.pdf"

# 4. An image-only scan (two pages, grey, low resolution).
pdftoppm -f 1 -l 2 -r 60 -gray -jpeg "$out/chiangmai-2566.libreoffice.pdf" "$work/scan"
img2pdf "$work"/scan-*.jpg -o "$out/scan-image-only.pdf"

# 5. Encryption: a real user password, and owner-password-only files (empty user password).
qpdf --encrypt secret owner 256 -- "$out/gazette-140A022N.pdf" "$out/encrypted-user-password.pdf"
qpdf --encrypt "" owner 256 -- "$out/chiangmai-2566.libreoffice.pdf" "$out/chiangmai-2566.owner-only-aes256.pdf"
# Turned pages: odd pages drawn turned and shown upright by /Rotate 270, even pages shown
# turned by /Rotate 90 (a page turned in a viewer and saved).
qpdf "$out/chiangmai-2566.libreoffice.pdf" --rotate=+90:1-z:odd --flatten-rotation "$work/turned.pdf"
qpdf "$work/turned.pdf" --rotate=-90:1-z:odd --rotate=+90:1-z:even "$out/chiangmai-2566.libreoffice-turned.pdf"
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

# 8. More producers and fonts, each with its own damage (issue 11):
# a Ghostscript redistill of the LibreOffice export: fonts re-embedded as TrueType with a
# (3,0) cmap and no glyph names; the ActualText spans are dropped, so the ToUnicode map that
# LibreOffice wrote for shaped glyphs (`ขูอม่ล`, `ำา`) is all that is left.
gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite \
  -sOutputFile="$out/chiangmai-2566.ghostscript-laksaman.pdf" "$out/chiangmai-2566.libreoffice.pdf"
# The same over CID fonts (Chromium's export: CIDFontType2, Identity-H; LibreOffice writes these
# fonts as simple TrueType subsets): the re-embedded fonts have no cmap and no glyph names, and
# the ToUnicode map Ghostscript writes sends Thai glyphs to ASCII and control characters
# (`/@!1 @12`; pdftotext shows the same). Only the glyph outlines say what the glyphs are
# (src/pdf/outline.rs reads them through data/fonts/outlines.tsv).
gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite \
  -sOutputFile="$out/chiangmai-2566.ghostscript-cid-laksaman.pdf" "$out/chiangmai-2566.chromium.pdf"
# The same over Chromium's export in Umpush (found by scripts/sweep-producers.py): the garbled
# text keeps a stray `ITA` and ASCII digits, which must not read as an ITA score.
html Umpush >"$work/umpush.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$work/chromium-umpush.pdf" "file://$work/umpush.html" 2>/dev/null
gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite \
  -sOutputFile="$out/chiangmai-2566.ghostscript-cid-umpush.pdf" "$work/chromium-umpush.pdf"

# pdftops → ps2pdf over the LibreOffice export and Chromium's Garuda export: symbolic TrueType
# fonts with no ToUnicode and arbitrary codes (Chromium's CID fonts split into simple fonts
# `Garuda_00`, `Garuda_01`); read from their glyph outlines as above.
pdftops "$out/chiangmai-2566.libreoffice.pdf" "$work/lo.ps"
ps2pdf "$work/lo.ps" "$out/chiangmai-2566.ps2pdf-libreoffice-laksaman.pdf"
pdftops "$out/chiangmai-2566.chromium-garuda.pdf" "$work/chromium-garuda.ps"
ps2pdf "$work/chromium-garuda.ps" "$out/chiangmai-2566.ps2pdf-chromium-garuda.pdf"

# The same Ghostscript redistill over Chromium's export in TH Sarabun New, 14 pt (the font of
# most Thai government documents; not in Debian: install THSarabunNew*.ttf into ~/.fonts and
# run fc-cache first; scripts/make-glyph-index.py says where to get them). Read from the glyph
# outlines of the font, which the index has from the same files.
fc-list | grep -q "TH Sarabun New" || { echo "TH Sarabun New is not installed" >&2; exit 1; }
html "TH Sarabun New" | sed 's/font-size: 15pt/font-size: 14pt/' >"$work/th-sarabun-new.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$work/chromium-th-sarabun-new.pdf" "file://$work/th-sarabun-new.html" 2>/dev/null
gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite \
  -sOutputFile="$out/chiangmai-2566.ghostscript-cid-th-sarabun-new.pdf" "$work/chromium-th-sarabun-new.pdf"

# pdftocairo over the LibreOffice export (found by scripts/sweep-producers.py): LibreOffice's
# simple fonts become CID fonts that keep LibreOffice's ToUnicode map, wrong for shaped glyphs
# (`ขูอม่ล`, `ำา`), without the ActualText that made up for it and without a `cmap`: the glyph
# outlines correct the map. And over Chromium's export in Noto Sans Thai: the shaped variants
# Chromium's map leaves out become U+FFFD entries, each glyph wrapped in an empty ActualText;
# filled from the outlines.
pdftocairo -pdf "$out/chiangmai-2566.libreoffice.pdf" "$out/chiangmai-2566.pdftocairo-libreoffice-laksaman.pdf"
html "Noto Sans Thai" >"$work/noto-sans-thai.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$work/chromium-noto-sans-thai.pdf" "file://$work/noto-sans-thai.html" 2>/dev/null
pdftocairo -pdf "$work/chromium-noto-sans-thai.pdf" "$out/chiangmai-2566.pdftocairo-chromium-noto-sans-thai.pdf"

# wkhtmltopdf in Garuda: the id cells wrap (`ข้อ` / `o๓๐`); a row pushed to the next page
# leaves the stubs of its borders behind and is drawn there without a top ruling; a row cut
# by a page break is drawn whole on both pages, each copy clipped to the page's body.
wkhtmltopdf --quiet --encoding utf-8 -s A4 "$work/garuda.html" "$out/chiangmai-2566.wkhtmltopdf-garuda.pdf"

# wkhtmltopdf in Noto Serif Thai: Qt leaves the shaped variants (upper vowels and tone marks
# moved for a tall consonant or over another mark) out of its ToUnicode map and re-fits their
# outlines, so no outline hash knows them: read by shape (`เป็น`, `ที่`, `ขั้นตอน`).
html "Noto Serif Thai" >"$work/noto-serif-thai.html"
wkhtmltopdf --quiet --encoding utf-8 -s A4 "$work/noto-serif-thai.html" \
  "$out/chiangmai-2566.wkhtmltopdf-noto-serif-thai.pdf"

# LibreOffice Writer importing the HTML with ruled tables (`border="1"`), Loma and Kinnari;
# then Kinnari and Sawasdee 16 pt with Arabic digits (found by scripts/sweep-producers.py): a
# one-line question row is cut by a page break, `ข้อ` / `100.0` at the foot and `o26` / `0` at
# the head of the next page (Sawasdee: every row of the table wraps, and its tall line box
# leaves slack under the cut cell's text).
arabic='s/font-size: 15pt/font-size: 16pt/; y/๐๑๒๓๔๕๖๗๘๙/0123456789/'
for v in Loma: Kinnari: Kinnari:-arabic Sawasdee:-arabic; do
  font=${v%%:*} suffix=${v#*:}
  lc=$(echo "$font" | tr '[:upper:]' '[:lower:]')$suffix
  html "$font" | sed 's/<table>/<table border="1" cellspacing="0" cellpadding="3" width="100%">/' \
    | sed "${suffix:+$arabic}" >"$work/$lc-b.html"
  soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export \
    --outdir "$work" "$work/$lc-b.html" >/dev/null 2>&1
  cp "$work/$lc-b.pdf" "$out/chiangmai-2566.libreoffice-$lc.pdf"
done

# LibreOffice Writer importing the same HTML in Laksaman 17 pt (found by
# scripts/sweep-producers.py): the plan's tables, drawn one right under the other, share their
# rulings (one group of rulings, two column grids), and page breaks cut plan rows, one of them
# after its first line (`๗.` / `<ul style="list-style-type:` / `กอ` at a page's foot).
html Laksaman | sed 's/<table>/<table border="1" cellspacing="0" cellpadding="3" width="100%">/; s/font-size: 15pt/font-size: 17pt/' \
  >"$work/laksaman17-b.html"
soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export \
  --outdir "$work" "$work/laksaman17-b.html" >/dev/null 2>&1
cp "$work/laksaman17-b.pdf" "$out/chiangmai-2566.libreoffice-laksaman-17pt.pdf"

# LibreOffice Writer from a flat ODT with fixed column widths, Norasi: number columns 1.8 cm
# wide, so `๑๐๐.๐๐` wraps its last digit to a second line (`๑๐๐.๐` / `๐`); narrow text
# columns; the cover's lines are centred paragraphs of different lengths.
python3 - "$seed" Norasi 15 1.8 >"$work/norasi.fodt" <<'EOF'
import sys, html
# The seed report as a flat ODT (Writer): tab-separated lines become ruled tables with fixed
# column widths; a column holding numbers gets `numw` cm (narrow enough that a six-digit score
# wraps its last digit to a second line, as in Word/Writer templates with fixed columns).
seed, font, size, numw = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
lines = open(seed, encoding="utf-8").read().split("\n")
num = lambda s: s.strip().replace(".", "", 1).isdigit()
body = []
i = 0; tno = 0
while i < len(lines):
    if "\t" in lines[i]:
        rows = []
        while i < len(lines) and "\t" in lines[i]:
            rows.append([c.strip() for c in lines[i].split("\t")]); i += 1
        n = max(len(r) for r in rows)
        isnum = []
        for k in range(n):
            v = [r[k] for r in rows if k < len(r) and r[k]]
            isnum.append(bool(v) and sum(map(num, v)) * 2 > len(v))
        free = 17.0 - numw * sum(isnum)
        other = free / max(1, n - sum(isnum))
        tno += 1
        body.append(f'<table:table table:name="T{tno}" table:style-name="T">')
        for k in range(n):
            body.append(f'<table:table-column table:style-name="{"CN" if isnum[k] else "CW%d" % n}"/>')
        for r in rows:
            body.append("<table:table-row>")
            for k in range(n):
                c = r[k] if k < len(r) else ""
                body.append(f'<table:table-cell table:style-name="C" office:value-type="string"><text:p>{html.escape(c)}</text:p></table:table-cell>')
            body.append("</table:table-row>")
        body.append("</table:table>")
        continue
    t = lines[i].strip()
    if t:
        body.append(f"<text:p>{html.escape(t)}</text:p>")
    i += 1
widths = sorted({len(l.split("\t")) for l in lines if "\t" in l})
cw = "".join(f'<style:style style:name="CW{n}" style:family="table-column"><style:table-column-properties style:column-width="{{w{n}}}cm"/></style:style>' for n in range(1, 12))
doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="{font}" svg:font-family="{font}" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles><style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.1cm"/><style:text-properties style:font-name="{font}" fo:font-size="{size}pt" style:font-name-complex="{font}" style:font-size-complex="{size}pt" style:font-name-asian="{font}" fo:language="th" fo:country="TH" style:language-complex="th" style:country-complex="TH"/></style:default-style></office:styles>
<office:automatic-styles>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>
<style:style style:name="T" style:family="table"><style:table-properties style:width="17cm" table:align="left"/></style:style>
<style:style style:name="CN" style:family="table-column"><style:table-column-properties style:column-width="{numw}cm"/></style:style>
{cw}
<style:style style:name="C" style:family="table-cell"><style:table-cell-properties fo:padding="0.05cm" fo:border="0.5pt solid #000000"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL"/></office:master-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body></office:document>"""
# Other columns share what is left of 17 cm; per column count, a number column or two assumed.
for n in range(1, 12):
    doc = doc.replace(f"{{w{n}}}", "%.2f" % max(1.0, (17.0 - numw) / max(1, n - 1)))
print(doc)
EOF
soffice --headless --convert-to pdf:writer_pdf_Export --outdir "$work" "$work/norasi.fodt" >/dev/null 2>&1
cp "$work/norasi.pdf" "$out/chiangmai-2566.libreoffice-writer-norasi.pdf"

# TCPDF (PHP, Debian's php-tcpdf) with its HTML tables, Loma 15 pt, and `N / M` page footers.
mkdir -p "$work/tcfonts"
cp /usr/share/php/tcpdf/fonts/helvetica*.php "$work/tcfonts/"
cat >"$work/tcpdf.php" <<'EOF'
<?php
// The seed report through TCPDF's writeHTML, Thai font converted from TLWG, `N / M` footers.
$fonts = $argv[3];
define('K_PATH_FONTS', rtrim($fonts, '/') . '/');
require_once('/usr/share/php/tcpdf/tcpdf.php');
class Report extends TCPDF {
    public $thai;
    public function Header() {}
    public function Footer() {
        $this->SetY(-15);
        $this->SetFont($this->thai, '', 10);
        $this->Cell(0, 10, $this->getAliasNumPage() . ' / ' . $this->getAliasNbPages(), 0, 0, 'C');
    }
}
$thai = TCPDF_FONTS::addTTFfont($argv[2], 'TrueTypeUnicode', '', 96, $fonts . '/');
$pdf = new Report('P', 'mm', 'A4', true, 'UTF-8');
$pdf->thai = $thai;
$pdf->SetCreator('TCPDF');
$pdf->SetMargins(20, (float)($argv[6] ?? 20), 20);
$pdf->SetAutoPageBreak(true, 25);
$pdf->SetFont($thai, "", (float)($argv[5] ?? 14));
$pdf->AddPage();
$lines = explode("\n", file_get_contents($argv[1]));
$html = '';
for ($i = 0; $i < count($lines); ) {
    if (strpos($lines[$i], "\t") !== false) {
        $rows = [];
        while ($i < count($lines) && strpos($lines[$i], "\t") !== false) { $rows[] = explode("\t", $lines[$i]); $i++; }
        $w = max(array_map('count', $rows));
        $html .= '<table border="1" cellpadding="3">';
        foreach ($rows as $r) {
            $html .= '<tr>';
            for ($k = 0; $k < $w; $k++) { $html .= '<td>' . htmlspecialchars(trim($r[$k] ?? '')) . '</td>'; }
            $html .= '</tr>';
        }
        $html .= '</table><br>';
        continue;
    }
    $t = trim($lines[$i]);
    if ($t !== '') { $html .= '<p>' . htmlspecialchars($t) . '</p>'; }
    $i++;
}
$pdf->writeHTML($html, true, false, true, false, '');
$pdf->Output($argv[4], 'F');
EOF
php "$work/tcpdf.php" "$seed" /usr/share/fonts/truetype/tlwg/Loma.ttf "$work/tcfonts" \
  "$PWD/$out/chiangmai-2566.tcpdf-loma.pdf" 15 20

ls -la "$out"
