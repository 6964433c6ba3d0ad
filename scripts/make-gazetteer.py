#!/usr/bin/env python3
"""Regenerates data/gazetteer/{provinces,districts}.tsv from the PyPI package `geothai`.

Usage:
    pip download --no-deps --only-binary :all: -d /tmp/geothai geothai==3.2.1
    scripts/make-gazetteer.py /tmp/geothai/geothai-3.2.1-py3-none-any.whl

Reads geothai/_data/provinces.json and districts.json (lists of [code, name_th, name_en]) from
the wheel, checks them (codes, NFC, no tabs) and writes one row per area, sorted by code.
Subdistricts, postal codes and abolished areas are not used.
"""
import json
import sys
import unicodedata
import zipfile

wheel = zipfile.ZipFile(sys.argv[1])


def load(name):
    return json.loads(wheel.read(f"geothai/_data/{name}.json"))


def check(code, digits, *names):
    assert len(code) == digits and code.isdigit(), code
    for n in names:
        assert n and n == n.strip() and "\t" not in n and "\n" not in n, n
        assert unicodedata.normalize("NFC", n) == n, n


provinces = sorted(load("provinces"))
districts = sorted(load("districts"))
codes = {p[0] for p in provinces}
for code, th, en in provinces:
    check(code, 2, th, en)
for code, th, en in districts:
    check(code, 4, th, en)
    assert code[:2] in codes, code

with open("data/gazetteer/provinces.tsv", "w", encoding="utf-8", newline="\n") as f:
    f.write("code\tname_th\tname_en\n")
    for code, th, en in provinces:
        f.write(f"{code}\t{th}\t{en}\n")
with open("data/gazetteer/districts.tsv", "w", encoding="utf-8", newline="\n") as f:
    f.write("code\tprovince_code\tname_th\tname_en\n")
    for code, th, en in districts:
        f.write(f"{code}\t{code[:2]}\t{th}\t{en}\n")
print(f"{len(provinces)} provinces, {len(districts)} districts "
      f"({sum(d[0].startswith('10') for d in districts)} in Bangkok)")
