#!/usr/bin/env python3
"""Renders the glyphs the OCR digit reader (src/ocr/digits.rs) compares numbers with: Thai digits
๐-๙, Arabic digits 0-9 and the Latin letters of question ids (i, e, o), from every Thai font
on this machine (`fc-list :lang=th`: the fonts-tlwg-* / fonts-thai-tlwg families) and
DejaVu Sans, into data/ocr/glyphs.tsv. Each glyph is cropped to its ink at 40 px to the em:
font, char, width, height, rows as hex (one bit a pixel, 1 = ink, each row padded to 4 bits).
Fonts are not committed; the data is. Needs Pillow (pip install pillow) and fontconfig.
"""
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

CHARS = "๐๑๒๓๔๕๖๗๘๙0123456789ieo"
EM = 40


def fonts():
    out = subprocess.run(["fc-list", ":lang=th", "file"], capture_output=True, text=True).stdout
    files = sorted({l.split(":")[0].strip() for l in out.splitlines() if l.strip()})
    files.append("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    files.append("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
    return [f for f in files if Path(f).exists() and f.endswith((".ttf", ".otf"))]


def glyph(font, ch):
    img = Image.new("L", (EM * 3, EM * 3), 255)
    ImageDraw.Draw(img).text((EM, EM // 2), ch, font=font, fill=0)
    w, h = img.size
    px = img.load()
    ink = [(x, y) for y in range(h) for x in range(w) if px[x, y] < 128]
    if not ink:
        return None
    x0, x1 = min(p[0] for p in ink), max(p[0] for p in ink)
    y0, y1 = min(p[1] for p in ink), max(p[1] for p in ink)
    rows = []
    for y in range(y0, y1 + 1):
        bits = "".join("1" if px[x, y] < 128 else "0" for x in range(x0, x1 + 1))
        bits += "0" * (-len(bits) % 4)
        rows.append("%0*x" % (len(bits) // 4, int(bits, 2)))
    return x1 - x0 + 1, y1 - y0 + 1, rows


def main():
    out = Path(__file__).resolve().parent.parent / "data" / "ocr" / "glyphs.tsv"
    lines = ["# made by scripts/make-digit-templates.py: font\tchar\twidth\theight\thex rows"]
    for f in fonts():
        font = ImageFont.truetype(f, EM)
        name = Path(f).stem
        for ch in CHARS:
            # A font without the glyph draws its .notdef box: skip ones that are not its own.
            if ch not in "0123456789ieo" and font.getmask(ch).getbbox() is None:
                continue
            g = glyph(font, ch)
            if g is None:
                continue
            w, h, rows = g
            lines.append(f"{name}\t{ch}\t{w}\t{h}\t{' '.join(rows)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(lines) - 1} glyphs", file=sys.stderr)


if __name__ == "__main__":
    main()
