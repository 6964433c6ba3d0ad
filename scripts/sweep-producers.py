#!/usr/bin/env python3
"""Producers × Thai fonts sweep (issue 11): renders the seed report and the layout templates
through every PDF producer on this machine and every Thai font, reads each PDF with
ita-extract, and scores it field by field against the text dump's report.

Each field is `exact`, `null` (the PDF gave no value where the text dump has one; `null!` when
the report carries no warning) or `WRONG` (a value that differs from the text dump's, or one
the text dump does not have). Prints one line per PDF and a matrix by producer and by font.

Usage: scripts/sweep-producers.py [--out DIR] [--fonts A,B] [--producers P,Q] [--jobs N]
       [--bin PATH] [--score-only] [--show-wrong]
Needs: soffice, chromium, wkhtmltopdf, php + php-tcpdf, gs, ps2pdf, pdftops, pdftocairo, qpdf,
weasyprint (optional), fonts-thai-tlwg, fonts-noto-core. Outputs stay under --out (not committed).

--producers: the default is the HTML/ODT bases and the rewriters. Library producers, not in
the default (each renders every document, in a child process): `reportlab` (Platypus Paragraphs
with CJK word wrap, GRID Tables), `fpdf2` (multi_cell, table()), `fpdf2-shaped` (the same with
HarfBuzz shaping), `lo-docx` (python-docx "Table Grid" document → soffice, Word's import path),
`typst` (pip `typst`), `pymupdf` (MuPDF's Story, HTML + CSS); `extra` names them all. Needs
pip reportlab, fpdf2 + uharfbuzz, python-docx, typst, pymupdf.
"""
import argparse
import concurrent.futures as cf
import html
import json
import os
import shutil
import subprocess
import sys
import threading
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "fixtures/reports/chiangmai-2566.txt")
TEMPLATES = ["A-1", "A-2", "B-1", "B-2"]
DEFAULT_TEMPLATES = ["A-1", "B-1"]
FONTS = {
    "Garuda": "tlwg/Garuda.ttf", "Kinnari": "tlwg/Kinnari.ttf", "Laksaman": "tlwg/Laksaman.ttf",
    "Loma": "tlwg/Loma.ttf", "Norasi": "tlwg/Norasi.ttf", "Purisa": "tlwg/Purisa.ttf",
    "Sawasdee": "tlwg/Sawasdee.ttf", "Umpush": "tlwg/Umpush.ttf", "Waree": "tlwg/Waree.ttf",
    "Tlwg Typo": "tlwg/TlwgTypo.ttf", "Tlwg Typist": "tlwg/TlwgTypist.ttf",
    "Noto Sans Thai": "noto/NotoSansThai-Regular.ttf",
    "Noto Serif Thai": "noto/NotoSerifThai-Regular.ttf",
    "Noto Looped Thai": "noto/NotoLoopedThai-Regular.ttf",
    # Not in Debian: installed in ~/.fonts (fc-cache) as scripts/make-glyph-index.py says where
    # to get them; not in the default --fonts.
    "TH Sarabun New": os.path.expanduser("~/.fonts/THSarabunNew.ttf"),
    "Sarabun": os.path.expanduser("~/.fonts/Sarabun-Regular.ttf"),
}
# Google's Thai families (OFL; `npm pack @expo-google-fonts/<family>`: the 400Regular and
# 700Bold TTFs into ~/.fonts, then `fc-cache`): popular web fonts, looped and loopless, serif,
# handwriting.
GOOGLE_FONTS = {
    "Kanit": "Kanit", "Prompt": "Prompt", "Chakra Petch": "ChakraPetch", "Niramit": "Niramit",
    "Taviraj": "Taviraj", "Mitr": "Mitr", "Sriracha": "Sriracha",
    "IBM Plex Sans Thai": "IBMPlexSansThai",
}
FONTS.update({f: os.path.expanduser(f"~/.fonts/{n}_400Regular.ttf") for f, n in GOOGLE_FONTS.items()})
EXTRA_FONTS = {"TH Sarabun New", "Sarabun"} | set(GOOGLE_FONTS)
# Base producers render HTML/ODT; rewriters re-write a base PDF (named `base+rewriter`).
BASES = ["chromium", "wkhtmltopdf", "lo-web", "lo-writer", "lo-odt", "tcpdf", "weasyprint"]
# Library producers (a report written with a PDF library or a Word-like import path), rendered
# in a child process each; not in the default --producers (`--producers extra` names them all).
EXTRA_BASES = ["reportlab", "fpdf2", "fpdf2-shaped", "lo-docx", "typst", "pymupdf"]
REWRITERS = ["gs", "ps2pdf", "qpdf-objstm", "qpdf-linear", "cairo", "qpdf-turned"]
# The bases each rewriter is applied to (one CID-font producer, one simple-font producer).
REWRITE_BASES = ["chromium", "lo-writer"]
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def slug(font):
    return font.lower().replace(" ", "-")


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300, **kw)


def report_html(lines, font, size, ruled_attr=False, page_marks=False):
    """Tab-separated runs of lines become ruled tables, other lines paragraphs."""
    table = '<table border="1" cellspacing="0" cellpadding="3" width="100%">' if ruled_attr else "<table>"
    out = [f"""<!doctype html><html lang="th"><head><meta charset="utf-8"><title>ITA</title><style>
body {{ font-family: '{font}'; font-size: {size}pt; margin: 0; }}
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
            out.append(table)
            for r in rows:
                cells = r + [""] * (width - len(r))
                out.append("<tr>" + "".join(f"<td>{html.escape(c.strip())}</td>" for c in cells) + "</tr>")
            out.append("</table>")
            continue
        t = lines[i].strip()
        if page_marks and t.startswith("- ") and t.endswith(" -"):
            out.append('<div style="page-break-after:always"></div>')
        elif t:
            out.append(f"<p>{html.escape(t)}</p>")
        i += 1
    out.append("</body></html>")
    return "\n".join(out)


def report_fodt(lines, font, size, numw=1.8):
    """A flat ODT with fixed column widths: number columns `numw` cm wide (scores wrap)."""
    body, tno = [], 0
    for b in report_blocks(lines, False):
        if b[0] == "p":
            body.append(f"<text:p>{html.escape(b[1])}</text:p>")
            continue
        rows, isnum = b[1], b[2]
        n = len(isnum)
        other = max(1.0, (17.0 - numw * sum(isnum)) / max(1, n - sum(isnum)))
        tno += 1
        body.append(f'<table:table table:name="T{tno}" table:style-name="T">')
        for k in range(n):
            body.append(f'<table:table-column table:style-name="{"CN" if isnum[k] else "CO%d" % tno}"/>')
        body.append(f'<!--CO{tno}={other:.2f}-->')
        for r in rows:
            body.append("<table:table-row>")
            for c in r:
                body.append(f'<table:table-cell table:style-name="C" office:value-type="string"><text:p>{html.escape(c)}</text:p></table:table-cell>')
            body.append("</table:table-row>")
        body.append("</table:table>")
    cols = "".join(
        f'<style:style style:name="CO{k}" style:family="table-column"><style:table-column-properties style:column-width="{w}cm"/></style:style>'
        for k, w in (l[6:-3].split("=") for l in body if l.startswith("<!--CO")))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="{font}" svg:font-family="'{font}'"/></office:font-face-decls>
<office:styles><style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.1cm"/><style:text-properties style:font-name="{font}" fo:font-size="{size}pt" style:font-name-complex="{font}" style:font-size-complex="{size}pt" style:font-name-asian="{font}" fo:language="th" fo:country="TH" style:language-complex="th" style:country-complex="TH"/></style:default-style></office:styles>
<office:automatic-styles>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>
<style:style style:name="T" style:family="table"><style:table-properties style:width="17cm" table:align="left"/></style:style>
<style:style style:name="CN" style:family="table-column"><style:table-column-properties style:column-width="{numw}cm"/></style:style>
{cols}
<style:style style:name="C" style:family="table-cell"><style:table-cell-properties fo:padding="0.05cm" fo:border="0.5pt solid #000000"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL"/></office:master-styles>
<office:body><office:text>
{chr(10).join(l for l in body if not l.startswith("<!--"))}
</office:text></office:body></office:document>"""


TCPDF_PHP = r"""<?php
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
$pdf->SetMargins(20, 20, 20);
$pdf->SetAutoPageBreak(true, 25);
$pdf->SetFont($thai, "", (float)$argv[5]);
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
    if ($t !== '' && !preg_match('/^- .* -$/', $t)) { $html .= '<p>' . htmlspecialchars($t) . '</p>'; }
    $i++;
}
$pdf->writeHTML($html, true, false, true, false, '');
$pdf->Output($argv[4], 'F');
"""

_lo_profiles = {}


def lo_profile(work):
    """One LibreOffice profile per thread: two soffice processes never share one."""
    t = threading.get_ident()
    if t not in _lo_profiles:
        _lo_profiles[t] = f"file://{work}/lo-profile-{len(_lo_profiles)}"
    return _lo_profiles[t]


def soffice(work, src, filt, outdir, infilter=None):
    cmd = ["soffice", f"-env:UserInstallation={lo_profile(work)}", "--headless"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", filt, "--outdir", outdir, src]
    run(cmd)
    return os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + ".pdf")


def font_path(font):
    return os.path.join("/usr/share/fonts/truetype", FONTS[font])


def is_number(s):
    return s.strip().replace(".", "", 1).translate(ARABIC_DIGITS).isdigit()


def report_blocks(lines, page_marks):
    """The report as blocks: ("p", text), ("break",) at a page mark, ("table", rows, numeric
    columns) for each run of tab-separated lines (rows padded to the widest)."""
    out, i = [], 0
    while i < len(lines):
        if "\t" in lines[i]:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append([c.strip() for c in lines[i].split("\t")])
                i += 1
            n = max(len(r) for r in rows)
            rows = [r + [""] * (n - len(r)) for r in rows]
            isnum = []
            for k in range(n):
                v = [r[k] for r in rows if r[k]]
                isnum.append(bool(v) and sum(map(is_number, v)) * 2 > len(v))
            out.append(("table", rows, isnum))
            continue
        t = lines[i].strip()
        if page_marks and t.startswith("- ") and t.endswith(" -"):
            out.append(("break",))
        elif t:
            out.append(("p", t))
        i += 1
    return out


def col_widths(isnum, total, numw):
    """Number columns `numw` wide, the others share the rest (as a report's author sizes them)."""
    other = max(numw, (total - numw * sum(isnum)) / max(1, len(isnum) - sum(isnum)))
    return [numw if k else other for k in isnum]


def render_reportlab(blocks, font, size, pdf):
    """Platypus: Paragraphs (CJK word wrap, which breaks Thai anywhere) and GRID Tables."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    pdfmetrics.registerFont(TTFont("Thai", font_path(font)))
    body = ParagraphStyle("body", fontName="Thai", fontSize=size, leading=size * 1.3, wordWrap="CJK",
                          spaceAfter=3)
    story = []
    for b in blocks:
        if b[0] == "p":
            story.append(Paragraph(html.escape(b[1]), body))
        elif b[0] == "break":
            story.append(PageBreak())
        else:
            t = Table([[Paragraph(html.escape(c), body) for c in r] for r in b[1]],
                      colWidths=col_widths(b[2], 17 * cm, 1.8 * cm), splitInRow=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [t, Spacer(1, 6)]
    SimpleDocTemplate(pdf, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                      bottomMargin=2 * cm, title="ITA").build(story)


def render_fpdf2(blocks, font, size, pdf, shaped):
    """multi_cell paragraphs and `table()`; `shaped`: HarfBuzz text shaping (GSUB/GPOS)."""
    from fpdf import FPDF
    doc = FPDF(format="A4")
    doc.set_margins(20, 20, 20)
    doc.set_auto_page_break(True, 20)
    doc.add_font("Thai", "", font_path(font))
    doc.set_font("Thai", size=size)
    if shaped:
        doc.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
    doc.add_page()
    lh = size * 1.3 * 25.4 / 72
    for b in blocks:
        if b[0] == "p":
            doc.multi_cell(0, lh, b[1], new_x="LMARGIN", new_y="NEXT")
        elif b[0] == "break":
            doc.add_page()
        else:
            with doc.table(col_widths=col_widths(b[2], 170, 18), first_row_as_headings=False,
                           line_height=lh, text_align="LEFT") as t:
                for r in b[1]:
                    row = t.row()
                    for c in r:
                        row.cell(c)
            doc.ln(2)
    doc.output(pdf)


def render_docx(blocks, font, size, path):
    """A Word document (python-docx): Normal style in the font for complex script (Thai) too,
    "Table Grid" tables with cell widths."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = sec.top_margin = sec.bottom_margin = Cm(2)
    st = d.styles["Normal"]
    st.font.name, st.font.size = font, Pt(size)
    st.paragraph_format.space_after = Pt(3)
    rpr = st.element.get_or_add_rPr()
    rf = rpr.get_or_add_rFonts()
    for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rf.set(qn(a), font)
    for tag, attrs in (("w:szCs", {"w:val": str(size * 2)}), ("w:lang", {"w:val": "th-TH", "w:bidi": "th-TH"})):
        e = OxmlElement(tag)
        for k, v in attrs.items():
            e.set(qn(k), v)
        rpr.append(e)
    for b in blocks:
        if b[0] == "p":
            d.add_paragraph(b[1])
        elif b[0] == "break":
            d.add_page_break()
        else:
            rows, widths = b[1], col_widths(b[2], 17, 1.8)
            t = d.add_table(rows=len(rows), cols=len(widths))
            t.style = "Table Grid"
            for r, row in zip(t.rows, rows):
                for k, (cell, text) in enumerate(zip(r.cells, row)):
                    cell.width = Cm(widths[k])
                    cell.text = text
            d.add_paragraph("")
    d.save(path)


def render_typst(blocks, font, size, pdf):
    """Typst markup (text in string literals, `lang: "th"` for Thai line breaking), compiled
    with the font's folder as its font path."""
    import typst
    out = ['#set page(paper: "a4", margin: 2cm)',
           f'#set text(font: {json.dumps(font)}, size: {size}pt, lang: "th")', ""]
    for b in blocks:
        if b[0] == "p":
            out += ["#" + json.dumps(b[1], ensure_ascii=False), ""]
        elif b[0] == "break":
            out.append("#pagebreak()")
        else:
            cols = ", ".join(f"{w}cm" if k else "1fr" for k, w in zip(b[2], col_widths(b[2], 17, 1.8)))
            cells = ", ".join(json.dumps(c, ensure_ascii=False) for r in b[1] for c in r)
            out += [f"#table(columns: ({cols},), {cells})", ""]
    src = pdf[:-4] + ".typ"
    open(src, "w", encoding="utf-8").write("\n".join(out))
    typst.compile(src, output=pdf, font_paths=[os.path.dirname(font_path(font))])
    os.remove(src)


def render_pymupdf(lines, font, size, pdf, page_marks):
    """MuPDF's Story (HTML + CSS, HarfBuzz-shaped) placed page by page in an A4 frame."""
    import pymupdf
    path = font_path(font)
    css = (f"@font-face {{font-family: ThaiF; src: url({os.path.basename(path)});}} "
           f"body {{font-family: ThaiF; font-size: {size}pt;}} "
           "table {border-collapse: collapse; width: 100%;} "
           "td {border: 0.75pt solid black; padding: 2pt 4pt; vertical-align: top;} p {margin: 0 0 4pt 0;}")
    story = pymupdf.Story(html=report_html(lines, "ThaiF", size, page_marks=page_marks), user_css=css,
                          archive=pymupdf.Archive(os.path.dirname(path)))
    writer = pymupdf.DocumentWriter(pdf)
    page = pymupdf.paper_rect("a4")
    more = True
    while more:
        dev = writer.begin_page(page)
        more, _ = story.place(page + (57, 57, -57, -57))
        story.draw(dev)
        writer.end_page()
    writer.close()


def render_extra(producer, txt, font, size, marks, pdf):
    """One library producer's PDF (run in a child process: `--render`)."""
    lines = open(txt, encoding="utf-8").read().split("\n")
    blocks = report_blocks(lines, marks)
    if producer == "reportlab":
        render_reportlab(blocks, font, size, pdf)
    elif producer in ("fpdf2", "fpdf2-shaped"):
        # fpdf2 cannot split a table row across pages: shrink the type as an author would.
        for s in range(size, 9, -1):
            try:
                return render_fpdf2(blocks, font, s, pdf, producer == "fpdf2-shaped")
            except ValueError:
                if s == 10:
                    raise
    elif producer == "lo-docx":
        render_docx(blocks, font, size, pdf[:-4] + ".docx")
    elif producer == "typst":
        render_typst(blocks, font, size, pdf)
    elif producer == "pymupdf":
        render_pymupdf(lines, font, size, pdf, marks)


def render_base(work, doc, variant, lines, font, producer, size, page_marks):
    """One base PDF; returns its path or None when the producer failed."""
    name = f"{doc}.{variant}.{producer}.{slug(font)}"
    d = os.path.join(work, "out", name)
    os.makedirs(d, exist_ok=True)
    pdf = os.path.join(work, "pdf", name + ".pdf")
    src = os.path.join(d, "r.html")
    if producer in ("chromium", "wkhtmltopdf", "lo-web", "weasyprint"):
        open(src, "w", encoding="utf-8").write(report_html(lines, font, size, page_marks=page_marks))
    if producer == "chromium":
        run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf}", "file://" + src])
    elif producer == "wkhtmltopdf":
        run(["wkhtmltopdf", "--quiet", "--encoding", "utf-8", "-s", "A4", src, pdf])
    elif producer == "weasyprint":
        run([sys.executable, "-m", "weasyprint", src, pdf])
    elif producer == "lo-web":
        out = soffice(work, src, "pdf:writer_web_pdf_Export", d)
        if os.path.exists(out):
            shutil.move(out, pdf)
    elif producer == "lo-writer":
        open(src, "w", encoding="utf-8").write(report_html(lines, font, size, ruled_attr=True, page_marks=page_marks))
        out = soffice(work, src, "pdf:writer_pdf_Export", d, infilter="HTML (StarWriter)")
        if os.path.exists(out):
            shutil.move(out, pdf)
    elif producer == "lo-odt":
        src = os.path.join(d, "r.fodt")
        open(src, "w", encoding="utf-8").write(report_fodt(lines, font, size))
        out = soffice(work, src, "pdf:writer_pdf_Export", d)
        if os.path.exists(out):
            shutil.move(out, pdf)
    elif producer == "tcpdf":
        fonts = os.path.join(d, "fonts")
        os.makedirs(fonts, exist_ok=True)
        for f in os.listdir("/usr/share/php/tcpdf/fonts"):
            if f.startswith("helvetica") and f.endswith(".php"):
                shutil.copy(os.path.join("/usr/share/php/tcpdf/fonts", f), fonts)
        php = os.path.join(d, "tcpdf.php")
        open(php, "w").write(TCPDF_PHP)
        txt = os.path.join(d, "r.txt")
        open(txt, "w", encoding="utf-8").write("\n".join(lines))
        run(["php", php, txt, font_path(font), fonts, pdf, str(size)])
    elif producer in EXTRA_BASES:
        txt = os.path.join(d, "r.txt")
        open(txt, "w", encoding="utf-8").write("\n".join(lines))
        target = pdf if producer != "lo-docx" else os.path.join(d, "r.pdf")
        p = run([sys.executable, os.path.abspath(__file__), "--render", producer, txt, font, str(size),
                 "1" if page_marks else "0", target])
        if p.returncode != 0:
            print(f"  {name}: {p.stderr.decode('utf-8', 'replace').strip().splitlines()[-1:]}", file=sys.stderr)
        if producer == "lo-docx" and os.path.exists(target[:-4] + ".docx"):
            out = soffice(work, target[:-4] + ".docx", "pdf:writer_pdf_Export", d)
            if os.path.exists(out):
                shutil.move(out, pdf)
    return pdf if os.path.exists(pdf) and os.path.getsize(pdf) > 0 else None


def rewrite(work, base, rewriter):
    head, font = os.path.basename(base)[:-4].rsplit(".", 1)
    out = os.path.join(os.path.dirname(base), f"{head}+{rewriter}.{font}.pdf")
    if rewriter == "gs":
        run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", f"-sOutputFile={out}", base])
    elif rewriter == "ps2pdf":
        ps = out[:-4] + ".ps"
        run(["pdftops", base, ps])
        run(["ps2pdf", ps, out])
        os.remove(ps) if os.path.exists(ps) else None
    elif rewriter == "qpdf-objstm":
        run(["qpdf", "--object-streams=generate", "--compress-streams=y", base, out])
    elif rewriter == "qpdf-linear":
        run(["qpdf", "--linearize", base, out])
    elif rewriter == "cairo":
        run(["pdftocairo", "-pdf", base, out])
    elif rewriter == "qpdf-turned":
        # Odd pages drawn turned and shown upright by /Rotate 270; even pages shown turned
        # by /Rotate 90 (a page turned in a viewer and saved).
        tmp = out[:-4] + ".flat.pdf"
        run(["qpdf", base, "--rotate=+90:1-z:odd", "--flatten-rotation", tmp])
        run(["qpdf", tmp, "--rotate=-90:1-z:odd", "--rotate=+90:1-z:even", out])
        os.remove(tmp) if os.path.exists(tmp) else None
    return out if os.path.exists(out) and os.path.getsize(out) > 0 else None


# ---- scoring ------------------------------------------------------------------------------

def squash(s):
    return None if s is None else "".join(str(s).split())


def fields(r):
    """The report's fields, each `key → value` (lists keyed by what identifies a row)."""
    f = {}
    a = r.get("agency") or {}
    for k in ("name", "type", "district", "province"):
        f[f"agency.{k}"] = a.get(k)
    f["fiscal_year"] = r.get("fiscal_year")
    f["ita.score"] = (r.get("ita") or {}).get("score")
    f["ita.result"] = (r.get("ita") or {}).get("result")
    for k, v in (r.get("tools") or {}).items():
        if k == "at":
            continue
        f[f"tools.{k}"] = v
    for i in r.get("indicators") or []:
        f[f"indicator.{i['no']}"] = (i.get("tool"), i.get("score"))
    for q in r.get("questions") or []:
        f[f"question.{q['tool']}.{q['id']}"] = q.get("score")
    for t in r.get("topics") or []:
        for q in t.get("questions") or []:
            f[f"topic.{t['no']}.{q['tool']}.{q['id']}"] = q.get("score")
        # Each tool's remark by its text (whitespace aside): a remark the PDF loses is null,
        # one it gives with another text wrong.
        for rm in t.get("remarks") or []:
            f[f"topic.{t['no']}.remark.{rm['tool']}"] = squash(rm.get("text"))
    # Plan rows keyed by their content: a row the PDF gives is either one of the text dump's
    # (exact) or not (wrong); a text-dump row it does not give is null.
    for e in r.get("action_plan") or []:
        row = (e.get("topic_no"), squash(e.get("topic")),
                          tuple(map(squash, e.get("methods") or [])),
                          tuple(map(squash, e.get("responsible") or [])),
                          tuple(map(squash, e.get("steps") or [])),
                          (e.get("period") or {}).get("start"), (e.get("period") or {}).get("end"))
        n = 0
        while f"plan.{hash(row) & 0xffffff:06x}.{n}" in f:
            n += 1
        f[f"plan.{hash(row) & 0xffffff:06x}.{n}"] = row
    for l in r.get("limitations") or []:
        # A text left null (with a diagnostic) is a null field, not a wrong one.
        read = l.get("text") is not None or l.get("no_limitation")
        f[f"limitation.{l['no']}"] = (l.get("area"), squash(l.get("text")), l.get("no_limitation")) if read else None
    return f


def extract(binary, path):
    p = run([binary, "extract", path])
    if p.returncode != 0 or not p.stdout.strip():
        return None, (p.stderr.decode("utf-8", "replace").strip().splitlines() or ["?"])[-1]
    return json.loads(p.stdout), None


def score(truth, got):
    """(exact, null, null_without_warning, wrong, [wrong keys])."""
    want = {k: v for k, v in fields(truth).items() if v is not None}
    have = {k: v for k, v in fields(got).items() if v is not None} if got else {}
    warned = bool(got) and any(d.get("severity") in ("warning", "error") for d in got.get("diagnostics", []))
    exact = null = wrong = 0
    bad = []
    for k, v in want.items():
        if k not in have:
            null += 1
        elif have[k] == v:
            exact += 1
        else:
            wrong += 1
            bad.append(f"{k}: {have[k]!r} ≠ {v!r}")
    for k in have:
        if k not in want:
            wrong += 1
            bad.append(f"{k}: {have[k]!r} (not in text dump)")
    return exact, null, 0 if warned or not got else null, wrong, bad, len(want)


def main():
    if len(sys.argv) == 8 and sys.argv[1] == "--render":
        p, txt, font, size, marks, pdf = sys.argv[2:]
        return render_extra(p, txt, font, int(size), marks == "1", pdf)
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/sweep-producers")
    ap.add_argument("--fonts", default=",".join(f for f in FONTS if f not in EXTRA_FONTS))
    ap.add_argument("--producers", default=",".join(BASES + REWRITERS))
    ap.add_argument("--docs", default="seed," + ",".join(DEFAULT_TEMPLATES))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/ita-extract"))
    ap.add_argument("--score-only", action="store_true")
    ap.add_argument("--show-wrong", action="store_true")
    args = ap.parse_args()
    work = os.path.abspath(args.out)
    os.makedirs(os.path.join(work, "pdf"), exist_ok=True)
    os.makedirs(os.path.join(work, "truth"), exist_ok=True)
    fonts = [f for f in args.fonts.split(",") if f]
    producers = set(args.producers.split(","))
    if "extra" in producers:
        producers |= set(EXTRA_BASES)
    have_weasy = run([sys.executable, "-c", "import weasyprint"]).returncode == 0
    if not have_weasy:
        producers.discard("weasyprint")

    # Documents: the seed in Thai digits (as written) and in Arabic digits; templates as written.
    docs = {}
    seed = open(SEED, encoding="utf-8").read()
    for d in args.docs.split(","):
        if d == "seed":
            docs[("seed", "thai")] = (seed, False)
            docs[("seed", "arabic")] = (seed.translate(ARABIC_DIGITS), False)
        elif d in TEMPLATES:
            t = open(os.path.join(ROOT, f"fixtures/templates/{d}.txt"), encoding="utf-8").read()
            docs[(d, "as-written")] = (t, True)
    truths = {}
    for (d, v), (text, _) in docs.items():
        p = os.path.join(work, "truth", f"{d}.{v}.txt")
        open(p, "w", encoding="utf-8").write(text)
        truths[(d, v)], err = extract(args.bin, p)
        if truths[(d, v)] is None:
            sys.exit(f"text dump {p}: {err}")

    if not args.score_only:
        jobs = []
        for (d, v), (text, marks) in docs.items():
            lines = text.split("\n")
            for i, font in enumerate(fonts):
                # Sizes vary by font so that some renderings wrap score cells; Arabic digits at 16 pt.
                size = 16 if v == "arabic" else (14, 15, 17)[i % 3]
                for p in BASES + EXTRA_BASES:
                    if p not in producers or (p == "lo-odt" and d != "seed"):
                        continue
                    # Templates and Arabic digits: fewer producers (time), the seed in Thai digits all;
                    # the library producers (not in the default) all documents.
                    if v != "thai" and p not in ("chromium", "lo-writer", "wkhtmltopdf", "tcpdf") + tuple(EXTRA_BASES):
                        continue
                    jobs.append((d, v, lines, font, p, size, marks))
        print(f"rendering {len(jobs)} base PDFs…", file=sys.stderr)
        bases = []
        with cf.ThreadPoolExecutor(args.jobs) as ex:
            futs = {ex.submit(render_base, work, *j): j for j in jobs}
            for fu in cf.as_completed(futs):
                j = futs[fu]
                pdf = fu.result()
                if pdf is None:
                    print(f"  {j[0]}.{j[1]}.{j[4]}.{slug(j[3])}: producer failed", file=sys.stderr)
                else:
                    bases.append((j, pdf))
        rjobs = [(pdf, r) for (j, pdf) in bases if j[4] in REWRITE_BASES and j[1] == "thai"
                 for r in REWRITERS if r in producers]
        print(f"rewriting {len(rjobs)} PDFs…", file=sys.stderr)
        with cf.ThreadPoolExecutor(args.jobs) as ex:
            list(ex.map(lambda a: rewrite(work, *a), rjobs))

    # Score every PDF in the output folder.
    rows = []
    pdfs = sorted(os.listdir(os.path.join(work, "pdf")))

    def one(name):
        doc, variant, producer, font = name[:-4].split(".")
        if (doc, variant) not in truths:
            return None
        got, err = extract(args.bin, os.path.join(work, "pdf", name))
        return (doc, variant, producer, font, name, err) + score(truths[(doc, variant)], got)

    with cf.ThreadPoolExecutor(args.jobs) as ex:
        rows = [r for r in ex.map(one, pdfs) if r]
    by_p, by_f = defaultdict(lambda: [0, 0, 0, 0, 0]), defaultdict(lambda: [0, 0, 0, 0, 0])
    tot = [0, 0, 0, 0, 0]
    for doc, variant, producer, font, name, err, exact, null, nullnw, wrong, bad, n in rows:
        tag = "exact" if exact == n and not wrong else ("WRONG" if wrong else ("error" if err else "nulls"))
        print(f"{tag:5} {exact:3}/{n:3} null {null:3}{'!' if nullnw else ' '} wrong {wrong:2}  {name}"
              + (f"  [{err}]" if err else ""))
        if args.show_wrong:
            for b in bad[:12]:
                print(f"        {b[:200]}")
        for acc in (by_p[producer], by_f[font], tot):
            acc[0] += 1
            acc[1] += tag == "exact"
            acc[2] += exact
            acc[3] += n
            acc[4] += wrong
    for title, acc in (("producer", by_p), ("font", by_f)):
        print(f"\n{title:22} PDFs exact  fields exact       wrong")
        for k in sorted(acc):
            a = acc[k]
            print(f"{k:22} {a[1]:3}/{a[0]:<3}  {a[2]:5}/{a[3]:<5} {100 * a[2] / max(1, a[3]):5.1f}%  {a[4]:4}")
    print(f"\n{'all':22} {tot[1]:3}/{tot[0]:<3}  {tot[2]:5}/{tot[3]:<5} {100 * tot[2] / max(1, tot[3]):5.1f}%  {tot[4]:4}")


if __name__ == "__main__":
    main()
