"""Counts a report's RECORDS by the fixture semantics of edge/README (not by any tool):
a line once per (file, line), covered if any entry has hits > 0; Cobertura branches from
condition-coverage '(a/b)' (max per line); LCOV branches from BRDA (covered if taken > 0);
Clover: stmt/cond lines, branches valid truecount+falsecount, covered truecount (istanbul
meaning); JaCoCo per <sourcefile> <line mi ci mb cb>. Used only to document where a tool's
records disagree with its own totals.  Usage: record_counts.py KIND FILE"""
import re
import sys
import xml.etree.ElementTree as ET


def _tot(files):
    return {k: sum(f[k] for f in files.values()) for k in ("lines_valid", "lines_covered", "branches_valid", "branches_covered")}


def _pack(d):
    return {"lines_valid": len(d["l"]), "lines_covered": sum(1 for h in d["l"].values() if h > 0),
            "branches_valid": d["bv"] if "bv" in d else sum(b for _, b in d["b"].values()),
            "branches_covered": d["bc"] if "bc" in d else sum(a for a, _ in d["b"].values())}


def cobertura(path, include_method_lines=True):
    files = {}
    for c in ET.parse(path).getroot().iter("class"):
        d = files.setdefault(c.get("filename"), {"l": {}, "b": {}})
        lines = c.iter("line") if include_method_lines else (c.find("lines") if c.find("lines") is not None else [])
        for ln in lines:
            n = int(ln.get("number"))
            d["l"][n] = max(d["l"].get(n, 0), int(float(ln.get("hits", "0"))))
            m = re.search(r"\((\d+)/(\d+)\)", ln.get("condition-coverage") or "")
            if m:
                a, b = int(m.group(1)), int(m.group(2))
                o = d["b"].get(n, (0, 0))
                d["b"][n] = (max(o[0], a), max(o[1], b))
    out = {f: _pack(d) for f, d in files.items()}
    return {"totals": _tot(out), "files": out}


def lcov(path):
    files = {}
    cur = None
    for raw in open(path):
        line = raw.strip()
        if line.startswith("SF:"):
            cur = files.setdefault(line[3:], {"l": {}, "br": {}})
        elif line.startswith("DA:"):
            n, h = line[3:].split(",")[:2]
            cur["l"][int(n)] = max(cur["l"].get(int(n), 0), int(h))
        elif line.startswith("BRDA:"):
            ln, blk, br, taken = line[5:].split(",")
            k = (ln, blk, br)
            cur["br"][k] = cur["br"].get(k, 0) + (0 if taken == "-" else int(taken))
    out = {}
    for f, d in files.items():
        out[f] = {"lines_valid": len(d["l"]), "lines_covered": sum(1 for h in d["l"].values() if h > 0),
                  "branches_valid": len(d["br"]), "branches_covered": sum(1 for v in d["br"].values() if v > 0)}
    return {"totals": _tot(out), "files": out}


def clover(path):
    out = {}
    for proj in ET.parse(path).getroot().findall("project"):   # <testproject> excluded
        for f in proj.iter("file"):
            d = {"l": {}, "bv": 0, "bc": 0}
            for ln in f.findall("line"):
                t = ln.get("type")
                if t not in ("stmt", "cond"):
                    continue
                n = int(ln.get("num"))
                d["l"][n] = max(d["l"].get(n, 0), int(ln.get("count", "0")))
                if t == "cond":
                    tc, fc = int(ln.get("truecount", "0")), int(ln.get("falsecount", "0"))
                    d["bv"] += tc + fc
                    d["bc"] += tc
            out[f.get("path") or f.get("name")] = _pack(d)
    return {"totals": _tot(out), "files": out}


def jacoco(path):
    out = {}
    for pk in ET.parse(path).getroot().iter("package"):
        for sf in pk.findall("sourcefile"):
            lv = lc = bv = bc = 0
            for ln in sf.findall("line"):
                mi, ci, mb, cb = (int(ln.get(k, "0")) for k in ("mi", "ci", "mb", "cb"))
                if mi + ci > 0:
                    lv += 1
                    lc += ci > 0
                bv += mb + cb
                bc += cb
            out[pk.get("name") + "/" + sf.get("name")] = {"lines_valid": lv, "lines_covered": lc,
                                                          "branches_valid": bv, "branches_covered": bc}
    return {"totals": _tot(out), "files": out}


if __name__ == "__main__":
    import json
    print(json.dumps(globals()[sys.argv[1]](sys.argv[2]), indent=2))
