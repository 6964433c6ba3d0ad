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
