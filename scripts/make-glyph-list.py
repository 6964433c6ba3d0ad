#!/usr/bin/env python3
"""Regenerates src/pdf/agl.rs from the Adobe Glyph List as lopdf ships it (glyphnames.rs).

Usage: scripts/make-glyph-list.py path/to/lopdf/src/encodings/glyphnames.rs
Keeps Latin, spacing modifiers, combining marks, Thai, general punctuation, box drawing, ligatures.
"""
import re
import sys

src = sys.argv[1]
ents = {}
for m in re.finditer(r"^\s+0x([0-9a-fA-F]+)\s*=\s*\[([^\]]*)\];", open(src).read(), re.M):
    cp = int(m.group(1), 16)
    if not (0x20 <= cp < 0x370 or 0x0E00 <= cp < 0x0E80 or 0x2000 <= cp < 0x2200
            or 0xFB00 <= cp <= 0xFB06 or 0x2500 <= cp < 0x2600):
        continue
    for n in m.group(2).split(","):
        n = n.strip()
        if n and n not in ents:
            ents[n] = cp
items = sorted(ents.items(), key=lambda kv: kv[0].encode())
out = ["//! Adobe Glyph List names → Unicode, for the code points Thai report fonts use (Latin,",
       "//! punctuation, Thai, box drawing). Generated from the AGL (via lopdf's copy) by",
       "//! `scripts/make-glyph-list.py`; sorted by name for binary search.",
       "",
       "/// `(glyph name, code point)`, sorted by name (bytes).",
       "pub(crate) static GLYPHS: &[(&str, u16)] = &["]
out += [f'    ("{n}", 0x{cp:04X}),' for n, cp in items]
out.append("];")
open("src/pdf/agl.rs", "w").write("\n".join(out) + "\n")
print(len(items), "names")
