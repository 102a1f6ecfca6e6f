"""Writes <case>.expected.json from JaCoCo's own CSV report (<case>.csv, written by the same
run as <case>.xml through org.jacoco.report's CSVFormatter). Nothing is read from the XML."""
import csv
import json
import sys

KINDS = ("INSTRUCTION", "BRANCH", "LINE", "COMPLEXITY", "METHOD")


def pct(c, v):
    return "%.2f" % (100.0 * c / v) if v else "100.00"


def main(case):
    rows = list(csv.DictReader(open(case + ".csv")))
    tot = {k: [0, 0] for k in KINDS}
    files = {}
    for r in rows:
        # nested classes (Grades.Counter) belong to the outer class's source file
        src = r["PACKAGE"].replace(".", "/") + "/" + r["CLASS"].split(".")[0] + ".java"
        f = files.setdefault(src, {k: [0, 0] for k in KINDS})
        for k in KINDS:
            m, c = int(r[k + "_MISSED"]), int(r[k + "_COVERED"])
            f[k][0] += m + c
            f[k][1] += c
            tot[k][0] += m + c
            tot[k][1] += c
    exp = {
        "producer": "JaCoCo 0.8.6 (Debian libjacoco-java, OpenJDK 17, --release 11 class files)",
        "command": "java -javaagent:agent.jar=destfile=jacoco.exec,includes=gk.* -cp classes:test-classes gk.fixture.Main; "
                   "Report jacoco.exec classes src/main fixture %s.xml %s.csv (XMLFormatter + CSVFormatter)" % (case, case),
        "format": "jacoco",
        "reports": {"jacoco": case + ".xml", "jacoco_csv": case + ".csv"},
        "lines_valid": tot["LINE"][0], "lines_covered": tot["LINE"][1],
        "branches_valid": tot["BRANCH"][0], "branches_covered": tot["BRANCH"][1],
        "instructions_valid": tot["INSTRUCTION"][0], "instructions_covered": tot["INSTRUCTION"][1],
        "methods_valid": tot["METHOD"][0], "methods_covered": tot["METHOD"][1],
        "line_percent": pct(tot["LINE"][1], tot["LINE"][0]),
        "branch_percent": pct(tot["BRANCH"][1], tot["BRANCH"][0]),
        "instruction_percent": pct(tot["INSTRUCTION"][1], tot["INSTRUCTION"][0]),
        "files": {f: {"lines_valid": v["LINE"][0], "lines_covered": v["LINE"][1],
                      "branches_valid": v["BRANCH"][0], "branches_covered": v["BRANCH"][1]}
                  for f, v in sorted(files.items())},
        "notes": ("Counts are sums of the per-class rows of JaCoCo's own CSV report (LINE_*, BRANCH_*, INSTRUCTION_*, "
                  "METHOD_*); files are grouped by source file (a nested class such as Grades$Counter, CSV 'Grades.Counter', "
                  "belongs to Grades.java). JaCoCo prints no line/branch percentage in CSV or XML; its HTML shows integer "
                  "instruction and branch 'Cov.' only, so the *_percent fields are covered/valid to 2 places. In the XML the "
                  "same counters appear at method, class, sourcefile, package and report level: sum one level only. "
                  "Lines: a <line nr mi ci mb cb> with mi+ci>0; covered if ci>0; branches mb+cb. The class-level counters of "
                  "Grades and Grades$Counter add up to the Grades.java <sourcefile> counters here because no line is shared. "
                  "The implicit constructor of Grades (line 3, never instantiated) is a "
                  "missed line and method; the private empty constructor of Text is filtered out by JaCoCo (no method, no line 4). Package and class names use '/' (gk/fixture, gk/fixture/Grades$Counter); "
                  "<sourcefile name> is the bare file name, so the report path is package + '/' + name. The XML is one line "
                  "with a DOCTYPE for report.dtd (PUBLIC '-//JACOCO//DTD Report 1.1//EN'): do not fetch it."),
    }
    with open(case + ".expected.json", "w") as fh:
        json.dump(exp, fh, indent=2)
        fh.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
