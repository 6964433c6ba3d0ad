#!/usr/bin/env python3
"""Scores OCR'd reports against the text dump's values: for each JSON report given (the output
of `ita-extract extract SCAN.pdf`), counts the fields that are exact, null, or wrong: fiscal
year, ITA score and result, the tool scores, the ten indicators, and every question score
(the report's list and each topic's). Usage: score-scans.py TRUTH.json SCAN.json...
"""
import json
import sys


def fields(r):
    out = {"fiscal_year": r.get("fiscal_year"), "ita": r["ita"]["score"], "result": r["ita"]["result"]}
    for k in ("iit", "eit", "eit_part1", "eit_part2", "oit"):
        out[k] = r["tools"][k]
    for i in r["indicators"]:
        out[f"indicator {i['no']}"] = i["score"]
    for q in r["questions"]:
        out[f"q {q['id']}"] = q["score"]
    for t in r["topics"]:
        for q in t["questions"]:
            out[f"topic {t.get('no')} {q.get('id')}"] = q["score"]
    return out


def main():
    truth = fields(json.load(open(sys.argv[1])))
    for path in sys.argv[2:]:
        got = fields(json.load(open(path)))
        exact, null, wrong = 0, 0, []
        for k, want in truth.items():
            if want is None:
                continue
            have = got.get(k)
            if have is None:
                null += 1
            elif have == want:
                exact += 1
            else:
                wrong.append(f"{k}: {have} (want {want})")
        total = sum(1 for v in truth.values() if v is not None)
        print(f"{path}: {exact}/{total} exact ({100 * exact / total:.0f}%), {null} null, {len(wrong)} wrong")
        for w in wrong:
            print("   WRONG", w)


if __name__ == "__main__":
    main()
