#!/usr/bin/env bash
# Renders the layout templates (fixtures/templates/{A,B}-n.txt) as PDFs, the way agencies'
# web-built reports are made: each text line a paragraph, each tab-separated run of lines a
# ruled table, each `- N -` line a page break; then wkhtmltopdf (Garuda) and LibreOffice's
# HTML import (its default Thai font). Needs wkhtmltopdf, libreoffice and fonts-tlwg-garuda.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fixtures/templates/pdf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
for t in A-1 B-1; do
  python3 scripts/template-to-html.py "fixtures/templates/$t.txt" "$tmp/$t.html" Garuda
  wkhtmltopdf -q "$tmp/$t.html" "$out/$t.wkhtmltopdf-garuda.pdf"
  soffice --headless --convert-to pdf --outdir "$tmp/lo" "$tmp/$t.html" >/dev/null
  cp "$tmp/lo/$t.pdf" "$out/$t.libreoffice-html.pdf"
done
# B-1 through LibreOffice Writer's HTML import in Garuda 14 pt (as the producers sweep renders
# it, scripts/sweep-producers.py): its narrow id column wraps i10–i30 as `i๑` / `๐`.
python3 - "$tmp/B-1.writer.html" <<'EOF'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("sweep", "scripts/sweep-producers.py")
sweep = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sweep)
lines = open("fixtures/templates/B-1.txt", encoding="utf-8").read().split("\n")
html = sweep.report_html(lines, "Garuda", 14, ruled_attr=True, page_marks=True)
open(sys.argv[1], "w", encoding="utf-8").write(html)
EOF
soffice "-env:UserInstallation=file://$tmp/profile" --headless --infilter="HTML (StarWriter)" \
  --convert-to pdf:writer_pdf_Export --outdir "$tmp/writer" "$tmp/B-1.writer.html" >/dev/null
cp "$tmp/writer/B-1.writer.pdf" "$out/B-1.lo-writer-garuda.pdf"
