#!/usr/bin/env python3
"""Independent recomputation of the GB/T 30428.4 base counts from an exported event log.

Reads `finegrain export events --format jsonl` output and the CSV sheets written by
`finegrain evaluate --format csv`, recomputes every count of the subdistrict, department,
shift-leader and dispatcher sheets from the raw events alone (no Finegrain code), and
reports each disagreement. Exit status 1 when any count differs.

    finegrain export events --to 2026-11-01 --output events.jsonl
    finegrain evaluate --period 2026-10 --level subdistrict --format csv > subdistrict.csv
    python3 scripts/recompute-evaluation.py events.jsonl 2026-10 subdistrict=subdistrict.csv

Definitions (docs/evaluation.md): events at or after the month's end are ignored; a case is due
to close in the month of min(closure, handling deadline); counts of posts follow the actor of
the step. Time limits measured in working minutes (on-time closing, on-time task sending) need
the working calendar and are not recomputed here.
"""
import csv
import json
import sys
from collections import defaultdict
from datetime import datetime, timedelta, timezone

CST = timezone(timedelta(hours=8))


def when(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def month_bounds(label):
    try:
        year, month = map(int, label.split("-"))
        if not 1 <= month <= 12:
            raise ValueError
    except ValueError:
        sys.exit(f"month: {label!r} is not a month like 2026-10")
    start = datetime(year, month, 1, tzinfo=CST)
    end = datetime(year + (month == 12), 1 if month == 12 else month + 1, 1, tzinfo=CST)
    return start, end


def recompute(path, start, end):
    cases = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                try:
                    e = json.loads(line)
                    cases[e["caseID"]].append(e)
                except (ValueError, KeyError) as error:
                    sys.exit(f"{path}:{number}: not an exported event ({error})")
    counts = defaultdict(lambda: defaultdict(int))  # (level, id) -> indicator -> n

    def add(level, ident, indicator):
        if ident:
            counts[(level, ident)][indicator] += 1

    def inside(t):
        return start <= t < end

    for events in cases.values():
        events.sort(key=lambda e: e["sequence"])
        events = [e for e in events if when(e["at"]) < end]
        if not events:
            continue
        first, last = events[0], events[-1]
        sub = first["payload"].get("subdistrict_code")
        public = first["payload"].get("source") != "inspector"
        department = None
        filed_seen = False
        for i, e in enumerate(events):
            t = when(e["at"])
            actor = (e.get("actor") or {}).get("userID")
            kind = e["type"]
            if kind == "reported" and inside(t):
                add("subdistrict", sub, "reported")
            elif kind == "file" and not filed_seen:
                filed_seen = True
                if inside(t):
                    add("subdistrict", sub, "filed")
                    if public:
                        add("subdistrict", sub, "public_reports_filed")
                    add("shift_leader", actor, "filed_by")
                    d = [x for x in e["deadlines"] if x["step"] == "file" and x.get("completedAt") == e["at"]]
                    if d and when(d[-1]["completedAt"]) <= when(d[-1]["dueAt"]):
                        add("shift_leader", actor, "filed_on_time")
                    if last["status"] not in ("voided", "merged"):
                        add("shift_leader", actor, "filed_accurately")
            elif kind == "dispatch":
                department = e["payload"].get("department_id")
                if inside(t):
                    add("dispatcher", actor, "dispatched")
                    d = [x for x in e["deadlines"] if x["step"] == "dispatch" and x.get("completedAt") == e["at"]]
                    if d and when(d[-1]["completedAt"]) <= when(d[-1]["dueAt"]):
                        add("dispatcher", actor, "dispatched_on_time")
                    following = [x["type"] for x in events[i + 1:] if x["type"] in ("dispatch", "approve_return")]
                    if not following or following[0] != "approve_return":
                        add("dispatcher", actor, "dispatched_accurately")
                    add("department", department, "assigned")
            elif kind == "approve_return":
                department = None
            elif kind == "check" and e["payload"].get("passed") == "false" and inside(t):
                add("department", department, "reworked")
            elif kind == "close" and inside(t):
                add("shift_leader", actor, "closed_by")
        handles = [x for x in last["deadlines"] if x["step"] == "handle"]
        if not handles or handles[-1].get("pausedAt"):
            continue
        handle = handles[-1]
        due = when(handle["dueAt"])
        done = when(handle["completedAt"]) if handle.get("completedAt") else None
        closed_at = None
        if last["status"] == "closed":
            closed_at = when([x for x in events if x["type"] == "close"][-1]["at"])
        owners = [("subdistrict", sub), ("department", department)]
        if inside(min(closed_at or due, due)):
            for level, ident in owners:
                add(level, ident, "due_to_close")
                if closed_at:
                    add(level, ident, "closed")
                    if done and done <= due:
                        add(level, ident, "closed_on_time")
                else:
                    add(level, ident, "overdue_open")
        if inside(min(done or due, due)):
            add("department", department, "due_to_handle")
            if done:
                add("department", department, "handled")
                if done <= due:
                    add("department", department, "handled_on_time")
    return counts


COLUMNS = {
    "subdistrict": ["reported", "filed", "public_reports_filed", "due_to_close", "closed", "closed_on_time", "overdue_open"],
    "department": ["assigned", "due_to_handle", "handled", "handled_on_time", "reworked", "due_to_close", "closed", "closed_on_time", "overdue_open"],
    "shift_leader": ["filed_by", "filed_on_time", "filed_accurately", "closed_by"],
    "dispatcher": ["dispatched", "dispatched_on_time", "dispatched_accurately"],
}


def main(argv):
    if len(argv) < 4:
        print(__doc__)
        return 2
    events, month, sheets = argv[1], argv[2], argv[3:]
    start, end = month_bounds(month)
    counts = recompute(events, start, end)
    problems = 0
    checked = 0
    for spec in sheets:
        level, _, path = spec.partition("=")
        if not path or level not in COLUMNS:
            sys.exit(f"{spec!r}: expected LEVEL=SHEET.csv with LEVEL one of {', '.join(sorted(COLUMNS))}")
        seen = set()
        with open(path, encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            for row in reader:
                try:
                    code = row["code"]
                    seen.add(code)
                except KeyError:
                    sys.exit(f"{path}:{reader.line_num}: no code column")
                for column in COLUMNS[level]:
                    expected = counts[(level, code)][column]
                    try:
                        got = int(row[column] or 0)
                    except (KeyError, ValueError):
                        sys.exit(f"{path}:{reader.line_num}: column {column}: missing or not a whole number")
                    checked += 1
                    if got != expected:
                        problems += 1
                        print(f"{level} {code} {column}: sheet {got}, recomputed {expected}")
        for (lvl, ident), values in counts.items():
            if lvl == level and ident not in seen and any(values[c] for c in COLUMNS[level]):
                problems += 1
                print(f"{level} {ident}: recomputed counts {dict(values)} but no row in the sheet")
    print(f"{checked} counts checked, {problems} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
