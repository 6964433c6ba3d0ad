#!/usr/bin/env python3
"""Builds the glyph-outline index (data/fonts/outlines.tsv) that src/pdf/outline.rs reads to
decode fonts whose PDF gives no usable character map (a Ghostscript redistill of a Chromium
PDF, pdftops → ps2pdf): a hash of each glyph's outline → the characters it draws.

Fonts: every Thai font installed system-wide (`fc-list :lang=th` under /usr/share/fonts:
fonts-tlwg, Noto Thai; fonts in ~/.fonts come in only through --extra) and the Latin
fonts producers pair with them (Liberation, DejaVu, Noto Sans / Serif, and Noto Sans
Devanagari, where LibreOffice finds its curly quotes). Glyphs: those the
font's Unicode cmap reaches from Thai (and the Thai glyph variants of the Private Use Area, read
back as src/thai.rs does), Basic Latin, Latin-1's signs (not its letters), common punctuation,
bullets and the Latin ligatures ff fi fl ffi ffl, plus glyphs that GSUB
makes from Thai glyphs (positional variants, ligatures), as src/pdf/truetype.rs follows them,
and GSUB's ligatures of ASCII letters that no code point reaches (Google's `fi`).

The hash (FNV-1a 64, low 48 bits) is over the outline with composites flattened (component
transforms applied, coordinates rounded), as x, y, on-curve per point and contour by contour:
subsetting, redistilling and hint stripping keep it (glyph ids, instructions and composite
numbering do not matter). Empty glyphs (spaces) are left out: the reader handles them. A hash
that two fonts give different texts is dropped, unless exactly one of them is ASCII or Thai;
`I|l` is an outline that is capital I in one font and small l in another (or in the same one).

Before writing, a few fonts are subset with fontTools (hinting dropped, glyphs renumbered) and
every character is checked to hash as in the full font.

Fonts real Thai reports use that no Debian package has, given with `--extra DIR_OR_FILE`
(repeatable; `.ttf` and `.woff2` files, directories searched recursively):
- TH Sarabun New (SIPA's free licence; the four styles): the base64 TTFs in `build/vfs_fonts.js`
  of the npm package pdfmake-thai 0.1.38 (`npm pack pdfmake-thai@0.1.38`, untar; the file sets
  `this.pdfMake.vfs = {"THSarabunNew.ttf": "<base64>", ...}`: decode the four THSarabunNew*
  entries into files).
- Google Fonts' Thai families (OFL), regular and bold: `npm pack @fontsource/<family>` for
  sarabun kanit prompt mitr pridi taviraj trirong athiti chakra-petch bai-jamjuree
  ibm-plex-sans-thai k2d krub niramit charm mali maitree sriracha itim chonburi pattaya
  noto-sans-thai-looped; keep `files/*-{thai,latin}-{400,700}-normal.woff2` (fontTools reads
  woff2 with `pip install brotli`). These are subsets of Google's TTFs with the outlines
  unchanged (checked for Sarabun 400/700 against the TTFs of @expo-google-fonts/sarabun: every
  code point hashes alike); a font of another version may not (fontsource's Noto Sans Thai 2.002
  shares 14 of its 94 Thai outlines with Debian's 2.000).
`--harvest PDF` (repeatable; needs qpdf) adds the outlines of CID fonts embedded in a PDF with a
ToUnicode map, where the map is trustworthy (see `harvested`): the TH SarabunIT๙ subset of
fixtures/pdf/gazette-140A022N.pdf (a Royal Gazette issue) gives the outlines where IT๙
differs from TH Sarabun New (ณ ต ย).
The index was made with: `--extra /tmp/fontsrc/th-sarabun-new --extra /tmp/fontsrc/woff2
--harvest fixtures/pdf/gazette-140A022N.pdf` (the four TH Sarabun New TTFs; the 80 woff2
files, 22 families: Chonburi, Itim, Pattaya, Sriracha have no bold).

`--variants` writes only data/fonts/variants.tsv instead: the outlines (points, not hashes) of
each font's Thai glyphs that only GSUB reaches, by PostScript name, which src/pdf/outline.rs
compares by shape with the gaps of a map that no hash finds (Qt re-fits their curves); made with
`--variants --extra /tmp/fontsrc/th-sarabun-new --extra /tmp/fontsrc/woff2` (50 fonts, 1,684
glyphs).

Output: `text<TAB>hash hash ...` (hashes as 12 hex digits, sorted), sorted by text; the text is
escaped as `\\uXXXX` for anything not printable. Run: python3 scripts/make-glyph-index.py
[--extra DIR_OR_FILE ...] [--harvest PDF ...] [--check FONT.ttf ...] (with --check, prints how many of each font's
glyphs the index knows; nothing is written). Needs fontTools (pip install fonttools), brotli for
woff2, qpdf for --harvest, and fontconfig. Fonts are not committed; the data is.
"""
import logging
import math
import subprocess
import sys
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

logging.getLogger("fontTools").setLevel(logging.ERROR)

OUT = Path(__file__).resolve().parent.parent / "data" / "fonts" / "outlines.tsv"
VARIANTS = OUT.parent / "variants.tsv"
MAX_DEPTH = 8
ROUNDS = 3

LATIN_FONTS = [
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/dejavu",
]
NOTO_LATIN = ["NotoSans-", "NotoSerif-", "NotoSansDevanagari-"]


def code_points():
    """(code point, rank): lower rank wins when one glyph is reached from several."""
    out = []
    out += [(c, 0) for c in range(0x20, 0x7F)]
    out += [(c, 1) for c in range(0x0E01, 0x0E5C)]
    out += [(c, 2) for c in range(0xF700, 0xF71B)]
    out += [(c, 2) for c in range(0xF884, 0xF89F)]
    out += [(c, 3) for c in list(range(0xA0, 0xC0)) + [0xD7, 0xF7]]  # Latin-1 signs, not letters
    out += [(c, 3) for c in range(0x2010, 0x2045)]
    out += [(c, 3) for c in (0x25A0, 0x25A1, 0x25AA, 0x25AB, 0x25B2, 0x25B6, 0x25BA, 0x25BC, 0x25C6, 0x25C7, 0x25CB, 0x25CF, 0x25E6)]
    out += [(c, 3) for c in range(0xFB00, 0xFB05)]  # Latin ligatures: ff fi fl ffi ffl
    out += [(c, 3) for c in (0x20AC, 0x2122, 0x2212, 0x2713, 0x2714, 0x2717, 0x2610, 0x2611, 0x2612)]
    return out


# Characters that fonts draw alike, folded to one before hashes are compared across fonts (a
# soft hyphen, a non-breaking hyphen and a minus drawn as the hyphen are read as `-`).
FOLD = {
    "\u00AD": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
    "\u2015": "\u2014", "\u2043": "-", "\u203E": "\u00AF", "\u2024": ".", "\u201A": ",", "\u2033": '"', "\u2032": "'", "\u2044": "/",
}


def pua_to_standard(u):
    """Mirror of src/thai.rs pua_to_standard."""
    if u == 0xF700: return 0x0E10
    if 0xF701 <= u <= 0xF704: return 0x0E34 + (u - 0xF701)
    if 0xF705 <= u <= 0xF709: return 0x0E48 + (u - 0xF705)
    if 0xF70A <= u <= 0xF70E: return 0x0E48 + (u - 0xF70A)
    if u == 0xF70F: return 0x0E0D
    if u == 0xF710: return 0x0E31
    if u == 0xF711: return 0x0E4D
    if u == 0xF712: return 0x0E47
    if 0xF713 <= u <= 0xF717: return 0x0E48 + (u - 0xF713)
    if 0xF718 <= u <= 0xF71A: return 0x0E38 + (u - 0xF718)
    if u == 0xF884: return 0x0E31
    if 0xF885 <= u <= 0xF888: return 0x0E34 + (u - 0xF885)
    if u == 0xF889: return 0x0E47
    if 0xF88A <= u <= 0xF898: return 0x0E48 + (u - 0xF88A) // 3
    if u == 0xF899: return 0x0E4D
    if u == 0xF89A: return 0x0E0D
    if 0xF89B <= u <= 0xF89D: return 0x0E38 + (u - 0xF89B)
    if u == 0xF89E: return 0x0E10
    return None


def is_thai(s):
    return all(0x0E01 <= ord(c) <= 0x0E5B for c in s)


def points(glyf, name, depth=0):
    """Contours of (x, y, on) with composites flattened; None when not decodable."""
    if depth > MAX_DEPTH:
        return None
    g = glyf[name]
    if g.numberOfContours == 0:
        return []
    if g.isComposite():
        out = []
        for c in g.components:
            if hasattr(c, "firstPt"):  # point-matched (not ARGS_ARE_XY_VALUES): not followed
                return None
            sub = points(glyf, c.glyphName, depth + 1)
            if sub is None:
                return None
            t = getattr(c, "transform", None)
            scaled = bool(c.flags & 0x0800) and not (c.flags & 0x1000)
            for contour in sub:
                pts = []
                for x, y, on in contour:
                    if t is not None:
                        fx = x * t[0][0] + y * t[1][0]
                        fy = x * t[0][1] + y * t[1][1]
                        if scaled:
                            ox = c.x * t[0][0] + c.y * t[1][0]
                            oy = c.x * t[0][1] + c.y * t[1][1]
                        else:
                            ox, oy = c.x, c.y
                        x, y = math.floor(fx + ox + 0.5), math.floor(fy + oy + 0.5)
                    else:
                        x, y = x + c.x, y + c.y
                    pts.append((x, y, on))
                out.append(pts)
        return out
    coords = g.coordinates
    flags = g.flags
    out, start = [], 0
    for end in g.endPtsOfContours:
        pts = [(int(coords[i][0]), int(coords[i][1]), flags[i] & 1) for i in range(start, end + 1)]
        start = end + 1
        if pts:
            out.append(pts)
    return out


def outline_hash(contours):
    """FNV-1a 64 over the canonical bytes, low 48 bits (mirror of src/pdf/outline.rs)."""
    h = 0xCBF29CE484222325
    def feed(bs):
        nonlocal h
        for b in bs:
            h ^= b
            h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    for c in contours:
        feed(len(c).to_bytes(4, "little"))
        for x, y, on in c:
            feed((x & 0xFFFFFFFF).to_bytes(4, "little"))
            feed((y & 0xFFFFFFFF).to_bytes(4, "little"))
            feed(bytes([1 if on else 0]))
    return h & 0xFFFFFFFFFFFF


def glyph_texts(font, thai_gsub=True):
    """glyph name → text, from the cmap (best-ranked code point) and GSUB (Thai glyphs)."""
    cmap = {}
    for t in font["cmap"].tables:
        if t.isUnicode():
            cmap.update(t.cmap)
    best = {}
    for cp, rank in code_points():
        name = cmap.get(cp)
        if name is None or name == ".notdef":
            continue
        std = pua_to_standard(cp)
        text = chr(std if std is not None else cp)
        text = FOLD.get(text, unicodedata.normalize("NFKC", text) if 0xFB00 <= cp <= 0xFB04 else text)
        if name not in best or (rank, cp) < best[name][0]:
            best[name] = ((rank, cp), text)
    texts = {n: v[1] for n, v in best.items()}
    if thai_gsub and "GSUB" in font:
        follow_gsub(font, texts, cmap)
        latin_ligatures(font, texts)
    return texts


def subtables(font):
    for lookup in font["GSUB"].table.LookupList.Lookup if font["GSUB"].table.LookupList else []:
        for st in lookup.SubTable:
            if lookup.LookupType == 7:
                yield st.ExtSubTable.LookupType, st.ExtSubTable
            else:
                yield lookup.LookupType, st


def mark_order(a, b):
    """One text for a ligature of Thai marks reached in both orders (Sarabun's tone mark +
    nikhahit, from `uni0E48 uni0E4D` and `uni0E4D uni0E48`): the one with the nikhahit last, as
    the text has it (`ม่ำ` is ม, the tone, then sara am = nikhahit + aa); else None."""
    if sorted(a) == sorted(b) and "\u0E4D" in a:
        last = [t for t in (a, b) if t.endswith("\u0E4D")]
        return last[0] if len(last) == 1 else None
    return None


def latin_ligatures(font, texts):
    """Ligatures of ASCII letters (`f_i`, `fi`) that no code point reaches (Google's fonts
    have no U+FB01): the letters they join."""
    letters = {n: t for n, t in texts.items() if len(t) == 1 and t.isascii() and t.isalpha()}
    for kind, st in subtables(font):
        if kind != 4:
            continue
        for first, ligs in st.ligatures.items():
            for lig in ligs:
                parts = [first] + list(lig.Component)
                if lig.LigGlyph not in texts and all(p in letters for p in parts):
                    texts[lig.LigGlyph] = "".join(letters[p] for p in parts)


def follow_gsub(font, texts, cmap):
    """Single, alternate and ligature substitutions of Thai glyphs, as src/pdf/truetype.rs."""
    cmapped = set(texts)
    elsewhere = {n for cp, n in cmap.items() if not (0x0E00 <= cp <= 0x0E7F or 0xE000 <= cp <= 0xF8FF)}
    frontier = {n: t for n, t in texts.items() if is_thai(t)}
    derived = {}
    for _ in range(ROUNDS):
        found = []
        for kind, st in subtables(font):
            if kind == 1:
                for src, dst in st.mapping.items():
                    if src in frontier:
                        found.append((dst, frontier[src]))
            elif kind == 3:
                for src, alts in st.alternates.items():
                    if src in frontier:
                        found += [(a, frontier[src]) for a in alts[:32]]
            elif kind == 4:
                for first, ligs in st.ligatures.items():
                    if first not in frontier:
                        continue
                    for lig in ligs:
                        parts = [texts.get(c) or derived.get(c) for c in lig.Component]
                        if all(p is not None and is_thai(p) for p in parts):
                            found.append((lig.LigGlyph, frontier[first] + "".join(parts)))
        nxt = {}
        for g, t in found:
            if g in cmapped:
                continue
            if g in derived:
                if derived[g] is not None and derived[g] != t:
                    derived[g] = mark_order(derived[g], t)
                continue
            derived[g] = t
            nxt[g] = t
        if not nxt:
            break
        frontier = nxt
    for g, t in derived.items():
        if t is not None and g not in elsewhere:
            texts[g] = t


def extra_files(paths):
    """Font files named, or found under the directories named, by --extra."""
    out = set()
    for p in map(Path, paths):
        if p.is_dir():
            out |= {str(f) for f in p.rglob("*") if f.suffix in (".ttf", ".woff2")}
        elif p.is_file():
            out.add(str(p))
        else:
            raise SystemExit(f"--extra {p}: no such file or directory")
    return out


def font_files(extra=()):
    out = subprocess.run(["fc-list", ":lang=th", "file"], capture_output=True, text=True).stdout
    # System fonts only: fonts in ~/.fonts come in through --extra, named.
    files = {l.split(":")[0].strip() for l in out.splitlines() if l.strip().startswith("/usr/share/fonts/")}
    for d in LATIN_FONTS:
        files |= {str(p) for p in Path(d).glob("*.ttf")}
    files |= {str(p) for p in Path("/usr/share/fonts/truetype/noto").glob("*.ttf") if any(p.name.startswith(n) for n in NOTO_LATIN)}
    files = {f for f in files if f.endswith(".ttf") and "MathTeXGyre" not in f}
    return sorted(files | extra_files(extra))


def font_hashes(path):
    """(hash, text) of each indexed glyph of a font file."""
    font = TTFont(path, lazy=True)
    if "glyf" not in font:
        return []
    glyf = font["glyf"]
    out = []
    for name, text in glyph_texts(font).items():
        pts = points(glyf, name)
        if pts:
            out.append((outline_hash(pts), text))
    return out


def variant_glyphs(path):
    """(PostScript name, units per em, [(text, contours)]) of a font's Thai glyphs that only
    GSUB reaches (no code point maps to them): the shaped variants a producer whose ToUnicode
    comes from the cmap leaves out of its map, for src/pdf/outline.rs to match by shape."""
    font = TTFont(path, lazy=True)
    if "glyf" not in font:
        return None
    cmapped = set()
    for t in font["cmap"].tables:
        if t.isUnicode():
            cmapped |= set(t.cmap.values())
    out = []
    for name, text in sorted(glyph_texts(font).items()):
        if name in cmapped or not is_thai(text):
            continue
        pts = points(font["glyf"], name)
        if pts:
            out.append((text, pts))
    if not out:
        return None
    return font["name"].getDebugName(6), font["head"].unitsPerEm, out


def write_variants(files):
    """data/fonts/variants.tsv: `font<TAB>units<TAB>text<TAB>contours`, one glyph a line; a
    contour's points as `dx,dy` from the point before (the first from 0,0; `~` before an
    off-curve one), contours split by `|`."""
    lines = set()
    for f in files:
        v = variant_glyphs(f)
        if v is None:
            continue
        ps, units, glyphs = v
        for text, contours in glyphs:
            shape = "|".join(" ".join(("" if on else "~") + f"{x - px},{y - py}"
                                      for (px, py, _), (x, y, on) in zip([(0, 0, 1)] + c, c)) for c in contours)
            lines.add(f"{ps}\t{units}\t{escape(text)}\t{shape}")
    with open(VARIANTS, "w", encoding="utf-8") as out:
        out.write("# made by scripts/make-glyph-index.py --variants: font<TAB>units per em<TAB>text<TAB>"
                  "contours (dx,dy from the point before; ~ before an off-curve point; | between contours)\n")
        out.writelines(l + "\n" for l in sorted(lines))
    fonts = len({l.split("\t")[0] for l in lines})
    print(f"{fonts} fonts, {len(lines)} variant glyphs; {VARIANTS.stat().st_size} bytes", file=sys.stderr)


def escape(text):
    return "".join(c if c.isprintable() and c not in "\t\\ " else "\\u%04X" % ord(c) for c in text)


def check(paths, index):
    """For fonts embedded in PDFs (no usable cmap): how many non-empty glyphs the index knows."""
    for p in paths:
        font = TTFont(p, lazy=True)
        glyf = font["glyf"]
        known = total = 0
        missing = []
        for name in font.getGlyphOrder():
            pts = points(glyf, name)
            if pts == []:
                continue
            if pts is None:
                total += 1
                missing.append(name)
                continue
            total += 1
            h = outline_hash(pts)
            if h in index:
                known += 1
            else:
                missing.append(name)
        print(f"{p}: {known}/{total} known; missing {missing[:20]}")


def subset_check(path):
    """The hash survives subsetting (glyphs renumbered, hinting dropped, composites re-pointed):
    every character of a subset hashes as in the full font. Raises if not."""
    import io
    from fontTools import subset
    full = TTFont(path)
    text = "".join(chr(c) for c in range(0x0E01, 0x0E5C)) + "0123456789.,()IiTtEeOo-/%"
    opts = subset.Options()
    opts.hinting = False
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(text=text)
    small = TTFont(path)
    sub.subset(small)
    buf = io.BytesIO()
    small.save(buf)
    small = TTFont(io.BytesIO(buf.getvalue()))
    a, b = full.getBestCmap(), small.getBestCmap()
    n = 0
    for ch in text:
        if ord(ch) in a and ord(ch) in b:
            pa, pb = points(full["glyf"], a[ord(ch)]), points(small["glyf"], b[ord(ch)])
            if pa != pb or (pa and outline_hash(pa) != outline_hash(pb)):
                raise SystemExit(f"{path}: {ch!r} hashes differently in a subset")
            n += 1
    return n


def cmap_pairs(text):
    """code → text of a ToUnicode CMap (bfchar and bfrange, both forms)."""
    import re
    out = {}
    hexs = lambda h: bytes.fromhex(h).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for a, b in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(a, 16)] = hexs(b)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for a, b, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            lo, hi = int(a, 16), int(b, 16)
            if rest.startswith("["):
                for i, h in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", rest)):
                    out[lo + i] = hexs(h)
            elif hi - lo < 256:
                base = bytes.fromhex(rest[1:-1])
                for i in range(hi - lo + 1):
                    v = int.from_bytes(base, "big") + i
                    out[lo + i] = v.to_bytes(len(base), "big").decode("utf-16-be", "replace")
    return out


def harvest(pdf):
    """(font name, [(hash, text)]) of each CIDFontType2 font embedded in a PDF with a ToUnicode
    map (Identity-H): the map's text for each glyph's outline. Read with qpdf's JSON."""
    import base64, io, json
    j = json.loads(subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized",
                                   "--json-key=qpdf", pdf], capture_output=True, text=True, check=True).stdout)["qpdf"][1]
    obj = lambda ref: j.get(f"obj:{ref}", {})
    val = lambda ref: obj(ref).get("value", obj(ref).get("stream", {}).get("dict"))
    data = lambda ref: base64.b64decode(obj(ref).get("stream", {}).get("data", ""))
    out = []
    for v in j.values():
        d = v.get("value") if isinstance(v, dict) else None
        if not (isinstance(d, dict) and d.get("/Subtype") == "/Type0" and d.get("/Encoding") == "/Identity-H" and "/ToUnicode" in d):
            continue
        desc = d["/DescendantFonts"]
        desc = val(desc) if isinstance(desc, str) else desc
        cid = val(desc[0])
        fd = val(cid.get("/FontDescriptor", ""))
        if not fd or "/FontFile2" not in fd:
            continue
        font = TTFont(io.BytesIO(data(fd["/FontFile2"])))
        if "glyf" not in font:
            continue
        order = font.getGlyphOrder()
        c2g = cid.get("/CIDToGIDMap", "/Identity")
        c2g = None if c2g == "/Identity" else data(c2g)
        pairs = []
        for code, text in cmap_pairs(data(d["/ToUnicode"]).decode("latin-1")).items():
            gid = code if c2g is None else int.from_bytes(c2g[2 * code:2 * code + 2], "big")
            if len(text) == 1 and pua_to_standard(ord(text)) is not None:
                text = chr(pua_to_standard(ord(text)))
            text = FOLD.get(text, text)
            if gid >= len(order) or not (is_thai(text) or (text.isascii() and text.isprintable() and text.strip())):
                continue
            pts = points(font["glyf"], order[gid])
            if pts:
                pairs.append((outline_hash(pts), text))
        out.append((d["/BaseFont"], pairs))
    return out


def harvested(pdfs, by_hash):
    """New outlines of the PDFs' fonts whose maps are trustworthy: at least 10 of their outlines
    already known from the font files, and at least 95% of those with the map's text (Thai and
    Arabic digits alike: TH SarabunIT๙ draws Arabic digits as Thai ones). Only outlines the
    font files do not give are taken."""
    digits = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    out = []
    for pdf in pdfs:
        for name, pairs in harvest(pdf):
            known = [(h, t) for h, t in pairs if h in by_hash]
            agree = sum(t.translate(digits) in {k.translate(digits) for k in by_hash[h]} for h, t in known)
            new = len({h for h, _ in pairs} - set(by_hash))
            ok = len(known) >= 10 and agree >= 0.95 * len(known)
            print(f"harvest {Path(pdf).name} {name}: {len(pairs)} glyphs, {agree}/{len(known)} known agree, {new} new: {'taken' if ok else 'skipped'}", file=sys.stderr)
            if ok:
                out += [(h, t) for h, t in pairs if h not in by_hash]
    return out


def main():
    import argparse
    ap = argparse.ArgumentParser(description="Builds data/fonts/outlines.tsv (see the docstring).")
    ap.add_argument("--extra", action="append", default=[], metavar="DIR_OR_FILE",
                    help="more fonts (.ttf, .woff2; directories searched recursively)")
    ap.add_argument("--harvest", action="append", default=[], metavar="PDF",
                    help="also outline → text pairs of the CID fonts embedded in this PDF with a trustworthy ToUnicode map")
    ap.add_argument("--check", nargs="+", metavar="FONT", help="report coverage of these fonts; write nothing")
    ap.add_argument("--variants", action="store_true",
                    help="write only data/fonts/variants.tsv (the GSUB-only Thai glyphs' outlines)")
    args = ap.parse_args()
    if args.variants:
        write_variants(font_files(args.extra))
        return
    by_hash = {}
    files = font_files(args.extra)
    for f in files:
        if Path(f).name in ("Garuda.ttf", "Laksaman-Bold.ttf", "NotoSansThai-Regular.ttf", "LiberationSerif-Regular.ttf", "THSarabunNew.ttf"):
            print(f"subset check {Path(f).name}: {subset_check(f)} glyphs hash alike", file=sys.stderr)
    for f in files:
        for h, text in font_hashes(f):
            by_hash.setdefault(h, set()).add(text)
    for h, text in harvested(args.harvest, by_hash):
        by_hash.setdefault(h, set()).add(text)
    index = {}
    for h, texts in by_hash.items():
        # Two texts for one outline: ASCII or Thai wins over a symbol drawn alike (`.` over
        # `·` in fonts whose middle dot is the period); else the hash says nothing.
        plain = [t for t in texts if all(ord(c) < 0x80 or 0x0E00 <= ord(c) < 0x0E80 for c in t)]
        if len(texts) == 1:
            index[h] = next(iter(texts))
        elif len(plain) == 1:
            index[h] = plain[0]
        elif texts == {"I", "l"}:
            # Sans fonts (Sawasdee) draw capital I and small l alike: `I|l`, for the reader
            # to decide by the letters around it.
            index[h] = "I|l"
        else:
            continue
    dropped = len(by_hash) - len(index)
    if args.check:
        check(args.check, index)
        return
    by_text = {}
    for h, t in index.items():
        by_text.setdefault(t, []).append(h)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as out:
        out.write(f"# made by scripts/make-glyph-index.py from {len(files)} fonts: text<TAB>outline hashes (48-bit FNV-1a, hex)\n")
        for t in sorted(by_text):
            out.write(escape(t) + "\t" + " ".join("%012x" % h for h in sorted(by_text[t])) + "\n")
    print(f"{len(files)} fonts, {len(index)} hashes, {len(by_text)} texts, {dropped} ambiguous hashes dropped; {OUT.stat().st_size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
