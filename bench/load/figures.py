"""The figures of one run: requests, statuses and p50/p95 latency per kind, save outcomes, the
errors inside and outside the outage, and what the server log says."""

import os
import re


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def in_outage(record, outage):
    return bool(outage) and record.started <= outage["end"] and record.ended >= outage["start"]


def traffic_figures(load, args):
    """The run's setting, then requests, statuses and latency per kind, and the saves' outcomes."""
    records = load.log
    report = {
        "students": len(load.populated["students"]),
        "groups": len(load.populated["groups"]),
        "browsers": args.browsers,
        "seconds": round(load.elapsed, 1),
        "login_seconds": round(load.login_seconds, 1),
        "database": "PostgreSQL" if args.database_url else "SQLite",
        "cache": "Redis" if args.redis_url else "local memory",
        "cores": os.cpu_count(),
        "threads": args.threads,
        "kinds": {},
    }
    kinds = {}
    for record in records:
        kinds.setdefault(record.kind, []).append(record)
    for kind, items in kinds.items():
        statuses = {}
        for record in items:
            key = str(record.status) if record.status is not None else "no answer"
            statuses[key] = statuses.get(key, 0) + 1
        latencies = [1000 * (r.ended - r.started) for r in items if r.status is not None]
        report["kinds"][kind] = {
            "requests": len(items),
            "statuses": statuses,
            "p50_ms": round(percentile(latencies, 0.50), 1),
            "p95_ms": round(percentile(latencies, 0.95), 1),
        }
    report["requests"] = len(records)
    report["requests_per_second"] = round(len(records) / max(load.elapsed, 0.001), 1)
    saves = kinds.get("save", [])
    outcomes = {}
    for record in saves:
        outcomes[record.outcome or "?"] = outcomes.get(record.outcome or "?", 0) + 1
    report["save_outcomes"] = outcomes
    rejected = {}
    for record in saves:
        if record.outcome in ("rejected", "unexpected"):
            rejected[record.detail[:120]] = rejected.get(record.detail[:120], 0) + 1
    report["save_rejections"] = rejected
    return report


def error_figures(report, records, outage):
    """The 5xx and unanswered requests, into `report`; returns them (inside, outside) the outage."""
    errors = [r for r in records if r.status is None or r.status >= 500]
    in_window = [r for r in errors if r.status is not None and in_outage(r, outage)]
    outside = [r for r in errors if r not in in_window]
    report["errors"] = {
        "5xx": sum(r.status is not None for r in errors),
        "no answer": sum(r.status is None for r in errors),
        "in outage": len(in_window),
        "in outage, friendly page": sum(r.outcome == "friendly error" for r in in_window),
        "outside outage": len(outside),
        "outside, examples": sorted(
            {f"{r.kind} {r.status}: {(r.detail or '')[:160]}" for r in outside}
        )[:5],
    }
    report["unexpected"] = sum(r.outcome in ("unexpected", "rejected") for r in records)
    return in_window, outside


def read_server_log(path):
    text = path.read_text(errors="replace") if path.exists() else ""
    failing = {}
    for match in re.finditer(r"^Internal Server Error: (\S+)", text, re.M):
        failing[match.group(1)] = failing.get(match.group(1), 0) + 1
    exceptions = {}
    for match in re.finditer(r"^([\w.]+(?:Error|Exception)): (.{0,100})", text, re.M):
        key = f"{match.group(1)}: {match.group(2)}"
        exceptions[key] = exceptions.get(key, 0) + 1
    return {
        "internal server errors by path": failing,
        "exceptions": dict(sorted(exceptions.items(), key=lambda item: -item[1])[:8]),
        "database is locked": text.count("database is locked"),
        "worker timeouts": text.count("WORKER TIMEOUT"),
    }
