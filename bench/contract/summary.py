"""Figures of one schemathesis run, from its JSON and NDJSON reports (bench/contract.sh).

    python3 bench/contract/summary.py REPORT_DIR ROWS_FILE

Prints the figures (operations, test cases, failures by check, errors) and writes the rows of
the bench table to ROWS_FILE, one per line, tab-separated: metric, value, budget, met
(true / false / null), note. Standard library only.
"""

import collections
import glob
import json
import os
import sys

# Checks whose failures mean a response that does not match the published document.
SCHEMA_CHECKS = (
    "response_schema_conformance",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
)
SERVER_CHECK = "not_a_server_error"
BUDGET = "0 server errors, 0 schema violations"


def newest(report_dir, prefix):
    files = sorted(glob.glob(os.path.join(report_dir, f"{prefix}-*")))
    return files[-1] if files else None


def scan_events(path):
    """Per check: distinct failures (operation, failure code, message), failing cases, runs."""
    distinct = collections.defaultdict(set)
    failing_cases = collections.Counter()
    runs = collections.Counter()
    examples = {}
    if not path:
        return distinct, failing_cases, runs, examples
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                event = json.loads(line)
            except ValueError:
                continue  # a torn last line (the run was stopped)
            finished = event.get("ScenarioFinished")
            if not finished:
                continue
            recorder = finished.get("recorder") or {}
            label = recorder.get("label", "?")
            for case_id, checks in (recorder.get("checks") or {}).items():
                for check in checks:
                    name = check.get("name", "?")
                    runs[name] += 1
                    if check.get("status") == "success":
                        continue
                    failure = ((check.get("failure_info") or {}).get("failure")) or {}
                    message = (failure.get("message") or "").split("\n")[0]
                    key = (failure.get("operation") or label, failure.get("code", "?"), message)
                    distinct[name].add(key)
                    failing_cases[name] += 1
                    examples.setdefault(name, f"{key[0]}: {failure.get('title', '')} ({message})")
    return distinct, failing_cases, runs, examples


def main():
    report_dir, rows_file = sys.argv[1], sys.argv[2]
    rows = []
    summary_path = newest(report_dir, "json")
    summary = None
    if summary_path:
        with open(summary_path, encoding="utf-8") as f:
            summary = json.load(f)
    distinct, failing_cases, runs, examples = scan_events(newest(report_dir, "ndjson"))

    if summary is None and not runs:
        print("contract: schemathesis wrote no report")
        rows.append(("contract: schemathesis", "error", BUDGET, "null", "no report (see the log above)"))
    else:
        version = (summary or {}).get("schemathesis_version", "?")
        ops = (summary or {}).get("operations", {})
        cases = (summary or {}).get("test_cases", {})
        errors = (summary or {}).get("errors", [])
        complete = bool((summary or {}).get("complete"))
        running = (summary or {}).get("running_time")
        generated = cases.get("generated", 0)
        tested = ops.get("tested", 0)
        selected = ops.get("selected", 0)
        print(f"contract: schemathesis {version}, seed {(summary or {}).get('seed')}, "
              f"{'complete' if complete else 'INCOMPLETE (stopped: ' + str((summary or {}).get('stop_reason')) + ')'}"
              + (f", {running:.1f} s" if isinstance(running, (int, float)) else ""))
        print(f"contract: operations tested: {tested} of {selected} selected ({ops.get('total', '?')} in the document)")
        print(f"contract: test cases generated: {generated} (with failures: {cases.get('with_failures', 0)}, "
              f"errored: {cases.get('errored', 0)}, without checks: {cases.get('without_checks', 0)})")
        for phase, info in ((summary or {}).get("phases") or {}).items():
            print(f"contract: phase {phase}: {info.get('status')}"
                  + (f" ({info['skip_reason']})" if info.get("skip_reason") else ""))
        print("contract: failures by check (distinct failures / failing check runs / check runs):")
        for name in sorted(runs):
            n = len(distinct.get(name, ()))
            print(f"  {name:32} {n:4} / {failing_cases.get(name, 0):5} / {runs[name]:6}"
                  + (f"   e.g. {examples[name]}" if name in examples else ""))
        for e in errors:
            print(f"contract: error: {json.dumps(e, ensure_ascii=False)[:300]}")
        warnings = {k: v for k, v in ((summary or {}).get("warnings") or {}).items() if v}
        for k, v in warnings.items():
            print(f"contract: warning {k}: {json.dumps(v, ensure_ascii=False)[:300]}")

        server = len(distinct.get(SERVER_CHECK, ()))
        schema = sum(len(distinct.get(c, ())) for c in SCHEMA_CHECKS)
        other = {c: len(v) for c, v in distinct.items() if c != SERVER_CHECK and c not in SCHEMA_CHECKS and v}
        met = complete and server == 0 and schema == 0 and not errors
        notes = []
        if not complete:
            notes.append("run incomplete")
        if errors:
            notes.append(f"{len(errors)} errors")
        notes.append("other checks: " + (", ".join(f"{c} {n}" for c, n in sorted(other.items())) or "clean"))
        rows.append((
            f"contract: schemathesis {version}, all checks ({tested} operations, {generated} cases)",
            f"{server} server errors, {schema} schema violations",
            BUDGET,
            "true" if met else "false",
            "; ".join(notes),
        ))
        by_check = ", ".join(f"{c} {len(distinct.get(c, ()))}" for c in SCHEMA_CHECKS)
        rows.append(("contract: schema violations by check", by_check, "(info)", "null", ""))
    with open(rows_file, "w", encoding="utf-8") as f:
        for row in rows:
            f.write("\t".join(str(c).replace("\t", " ").replace("\n", " ") for c in row) + "\n")


if __name__ == "__main__":
    main()
