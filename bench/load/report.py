"""The report of one run, as printed: figures per kind, saves, revisions, errors, memory,
database connections, the outage, the server log, and every check."""

import json


def print_report(report):
    print(
        f"\nLoad: {report['students']} students in {report['groups']} groups + "
        f"{report['browsers']} anonymous readers for {report['seconds']} s "
        f"(logins took {report['login_seconds']} s before); {report['database']}, "
        f"{report['cache']} cache; gunicorn {report['workers']} worker(s) × "
        f"{report['threads']} threads; {report['cores']} cores"
    )
    print(
        f"{'kind':<16} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8}  statuses\n"
        + "\n".join(
            f"{kind:<16} {k['requests']:>8} {k['p50_ms']:>8.1f} {k['p95_ms']:>8.1f}  "
            + ", ".join(f"{status}: {n}" for status, n in sorted(k["statuses"].items()))
            for kind, k in sorted(report["kinds"].items())
        )
    )
    print(f"{'total':<16} {report['requests']:>8}  ({report['requests_per_second']} requests/s)")
    print(f"\nSaves: {report['save_outcomes']}")
    if report["save_rejections"]:
        print(f"  rejected or unexpected: {report['save_rejections']}")
    revisions = report["revisions"]
    print(
        f"Revisions: {revisions['acknowledged']} acknowledged, {revisions['stored']} stored, "
        f"{revisions['lost']} lost, {revisions['duplicated or unacknowledged']} unacknowledged"
        + (
            f", {revisions['stored, answer lost in the outage']} stored from saves whose answer "
            "was lost in the outage"
            if revisions["stored, answer lost in the outage"]
            else ""
        )
    )
    print(
        "  per group (acknowledged/stored): "
        + ", ".join(
            f"{name[-2:]} {g['acknowledged']}/{g['stored']}"
            for name, g in revisions["per group"].items()
        )
    )
    print(f"Errors: {json.dumps(report['errors'], ensure_ascii=False)}")
    print(
        "Worker RSS MB (a third in → end): "
        + ", ".join(
            f"{m['third']} → {m['end']}" + (f" (max {m['max']})" if "max" in m else "")
            for m in report["memory_mb"].values()
        )
        + f"; {report['worker_pids_seen']} worker process(es) seen"
    )
    if "db_connections" in report:
        db = report["db_connections"]
        print(
            f"DB connections: min {db['min']}, max {db['max']}, steady {db['steady min']}.."
            f"{db['steady max']}, bound {db['bound']}; samples {db['samples']}"
        )
    if "outage" in report:
        print(f"Outage: {json.dumps(report['outage'], ensure_ascii=False)}")
    print(f"Server log: {json.dumps(report['server_log'], ensure_ascii=False)}")
    print("\nChecks:")
    for check in report["checks"]:
        print(f"  {'PASS' if check['ok'] else 'FAIL'}  {check['check']}  ({check['detail']})")
    print(f"\nRESULT: {'PASS' if report['ok'] else 'FAIL'}")
