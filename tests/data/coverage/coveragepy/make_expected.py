"""Writes <case>.expected.json from coverage.py's own `coverage json` output
(<case>.json) and its `coverage report` text (<case>.report.txt).
Nothing here is computed from the XML or LCOV files."""
import json
import re
import sys

NOTES = (
    "Totals are coverage.py's own: lines_valid=totals.num_statements, "
    "lines_covered=totals.covered_lines, branches_valid=totals.num_branches, "
    "branches_covered=totals.covered_branches (from <case>.json, `coverage json`). "
    "combined_percent is the TOTAL 'Cover' column of `coverage report` with branch=True "
    "= (covered_lines+covered_branches)/(num_statements+num_branches). coverage.py prints no "
    "line-only or branch-only percentage: line_percent/branch_percent here are "
    "100*covered/valid rounded to 2 places (the same figure as the XML header line-rate/branch-rate "
    "x100). The Cobertura XML header (lines-valid, lines-covered, branches-valid, branches-covered) "
    "agrees with its <line> records and with these totals. calc/__init__.py is an empty file: "
    "0 statements, shown as 100% by coverage report, an empty <lines/> class in the XML, but in "
    "the LCOV file coverage.py 6.5 writes 'DA:1,1' with 'LF:0' and 'LH:1' for it, so counting "
    "LCOV DA records gives one extra valid+covered line (see lcov_records)."
)


def pct(a, b):
    return "%.2f" % (100.0 * a / b) if b else "100.00"


def lcov_records(path):
    """What the DA/BRDA records of the .info say, plus its LF/LH/BRF/BRH lines,
    to document where coverage.py's LCOV disagrees with its own totals."""
    files = {}
    cur = None
    for line in open(path):
        line = line.strip()
        if line.startswith("SF:"):
            cur = files.setdefault(line[3:], {"da": {}, "brda": [], "LF": None, "LH": None, "BRF": None, "BRH": None})
        elif line.startswith("DA:"):
            n, hits = line[3:].split(",")[:2]
            cur["da"][int(n)] = max(cur["da"].get(int(n), 0), int(hits))
        elif line.startswith("BRDA:"):
            cur["brda"].append(line[5:].split(",")[3])
        elif line.split(":")[0] in ("LF", "LH", "BRF", "BRH"):
            k, v = line.split(":")
            cur[k] = int(v)
    out = {}
    for f, d in files.items():
        out[f] = {
            "lines_valid": len(d["da"]),
            "lines_covered": sum(1 for h in d["da"].values() if h > 0),
            "branches_valid": len(d["brda"]),
            "branches_covered": sum(1 for t in d["brda"] if t not in ("-", "0")),
            "LF": d["LF"], "LH": d["LH"], "BRF": d["BRF"], "BRH": d["BRH"],
        }
    tot = {k: sum(v[k] for v in out.values()) for k in ("lines_valid", "lines_covered", "branches_valid", "branches_covered")}
    return {"note": "counted from the DA/BRDA records of the .info (a line once per file+line; a BRDA covered if taken is a number > 0), with the file's own LF/LH/BRF/BRH lines alongside. Differs from the tool totals only through the empty-file quirk.",
            "totals": tot, "files": out}


def main(case, command):
    data = json.load(open(case + ".json"))
    report = open(case + ".report.txt").read()
    m = re.search(r"^TOTAL\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)%", report, re.M)
    t = data["totals"]
    assert int(m.group(1)) == t["num_statements"] and int(m.group(3)) == t["num_branches"]
    assert m.group(5) == t["percent_covered_display"]
    exp = {
        "producer": "coverage.py " + data["meta"]["version"],
        "command": command,
        "format": "cobertura",
        "reports": {"cobertura": case + ".xml", "lcov": case + ".info", "coveragepy_json": case + ".json",
                    "text": case + ".report.txt"},
        "lines_valid": t["num_statements"],
        "lines_covered": t["covered_lines"],
        "branches_valid": t["num_branches"],
        "branches_covered": t["covered_branches"],
        "line_percent": pct(t["covered_lines"], t["num_statements"]),
        "branch_percent": pct(t["covered_branches"], t["num_branches"]),
        "combined_percent": m.group(5),
        "files": {
            f: {"lines_valid": v["summary"]["num_statements"], "lines_covered": v["summary"]["covered_lines"],
                "branches_valid": v["summary"]["num_branches"], "branches_covered": v["summary"]["covered_branches"],
                "combined_percent": v["summary"]["percent_covered_display"]}
            for f, v in sorted(data["files"].items())
        },
        "lcov_records": lcov_records(case + ".info"),
        "notes": NOTES,
    }
    with open(case + ".expected.json", "w") as fh:
        json.dump(exp, fh, indent=2)
        fh.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
