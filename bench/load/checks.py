"""The checks over one run, one function per aspect: the clients, the revisions against the
database, worker memory, database connections, the outage. `analyse` joins them to the figures."""

import json

from bench.load.figures import error_figures, traffic_figures
from bench.load.redis_fault import FRESH_WITHIN_SECONDS
from bench.load.scenario import SAMPLE_SECONDS

MEMORY_GROWTH_MB = 30
MEMORY_GROWTH_RATIO = 0.10


def check(name, ok, detail=""):
    return {"check": name, "ok": bool(ok), "detail": detail}


def analyse(load, stored, args, server_log):
    """Every figure and check, as a JSON-ready dict."""
    redis_fault = getattr(args, "restart_redis", False)
    # Without Redis the site keeps answering from the database: no error is excused then.
    outage = load.outage if args.restart_db else {}
    report = traffic_figures(load, args)
    in_window, outside = error_figures(report, load.log, outage)
    checks = client_checks(load, report, outage, in_window, outside)
    checks += revision_checks(load, stored, report, outage)
    checks += memory_checks(load, args, report)
    if args.database_url:
        checks += connection_checks(load, args, report, outage)
    if outage or redis_fault:
        checks += outage_checks(load, report, load.outage, in_window)
    if redis_fault:
        checks += freshness_checks(load, report)
    report["server_log"] = server_log
    checks.append(
        check(
            'no "database is locked" in the server log',
            server_log["database is locked"] == 0,
            f"{server_log['database is locked']}",
        )
    )
    report["checks"] = checks
    report["ok"] = all(c["ok"] for c in checks)
    return report


def client_checks(load, report, outage, in_window, outside):
    """Logins, clients stopping in time, no 5xx or unanswered request, no unexpected answer."""
    checks = [
        check(
            "every student logged in",
            len(load.logged_in) == report["students"],
            f"{len(load.logged_in)} of {report['students']} in {report['login_seconds']} s",
        ),
        check("every client stopped in time", load.stuck == 0, f"{load.stuck} still running"),
        check(
            "no 5xx and no unanswered request" + (" outside the outage" if outage else ""),
            not outside,
            f"{len(outside)} outside"
            + (f", {len(in_window)} inside the outage window" if outage else ""),
        ),
        check(
            "no unexpected answer (save refused, bad form, no submission form, odd status)",
            report["unexpected"] == 0,
            f"{report['unexpected']}",
        ),
    ]
    if outage:
        checks.append(
            check(
                "errors inside the outage show the friendly error page",
                all(r.outcome == "friendly error" for r in in_window),
                f"{report['errors']['in outage, friendly page']} of {len(in_window)} friendly",
            )
        )
    return checks


def written(stored_content, typed):
    """The fields of a stored revision the student typed (a revision also has a file hand-in's)."""
    return {field: stored_content.get(field) for field in typed}


def revision_findings(load, stored, outage):
    """Acknowledged saves against the revisions stored, per group: (findings, figures per group)."""
    acks_by_group = {}
    for group, number, username, content, started, ended in load.acks:
        acks_by_group.setdefault(group, []).append((number, username, content, started, ended))
    unconfirmed_groups = {item[0] for item in load.unconfirmed}
    lost, duplicated, unconfirmed_stored, gaps, stale = [], [], [], [], []
    per_group = {}
    for group, info in load.populated["groups"].items():
        state = stored.get(group, {"revisions": [], "revision_number": 0, "content": {}})
        revisions = {r["number"]: r for r in state["revisions"]}
        acks = acks_by_group.get(group, [])
        acked_numbers = {}
        for number, username, content, _, _ in acks:
            revision = revisions.get(number)
            if (
                number in acked_numbers
                or revision is None
                or (revision["author"], written(revision["content"], content))
                != (username, content)
            ):
                lost.append(f"{info['name']} version {number} by {username}")
            acked_numbers[number] = username
        for number in sorted(set(revisions) - set(acked_numbers)):
            # A save whose answer never came (outage) may have landed: that is not a loss.
            if group in unconfirmed_groups and outage:
                unconfirmed_stored.append(f"{info['name']} version {number}")
            else:
                duplicated.append(f"{info['name']} version {number}")
        numbers = sorted(revisions)
        if numbers != list(range(1, len(numbers) + 1)) or state["revision_number"] != len(numbers):
            gaps.append(f"{info['name']}: {numbers[:3]}…{numbers[-3:]}")
        if numbers and revisions[numbers[-1]]["content"] != state["content"]:
            stale.append(info["name"])
        per_group[info["name"]] = {"acknowledged": len(acks), "stored": len(revisions)}
    findings = {
        "lost": lost,
        "duplicated": duplicated,
        "unconfirmed stored": unconfirmed_stored,
        "gaps": gaps,
        "stale": stale,
    }
    return findings, per_group


def revision_checks(load, stored, report, outage):
    """Every acknowledged save stored as acknowledged, nothing else stored, numbered 1..n, the
    latest equal to the current submission."""
    findings, per_group = revision_findings(load, stored, outage)
    lost, duplicated = findings["lost"], findings["duplicated"]
    unconfirmed_stored, gaps, stale = (
        findings["unconfirmed stored"],
        findings["gaps"],
        findings["stale"],
    )
    report["revisions"] = {
        "acknowledged": len(load.acks),
        "stored": sum(len(s["revisions"]) for s in stored.values()),
        "lost": len(lost),
        "duplicated or unacknowledged": len(duplicated),
        "stored, answer lost in the outage": len(unconfirmed_stored),
        "per group": per_group,
    }
    return [
        check(
            "every acknowledged save is stored as acknowledged (no lost revision)",
            not lost,
            f"{len(load.acks)} acknowledged, {len(lost)} lost {lost[:5]}",
        ),
        check(
            "no stored revision that was not acknowledged (no duplicate)",
            not duplicated,
            f"{report['revisions']['stored']} stored, {len(duplicated)} unacknowledged "
            f"{duplicated[:5]}"
            + (
                f"; {len(unconfirmed_stored)} from saves whose answer was lost in the outage"
                if unconfirmed_stored
                else ""
            ),
        ),
        check("revision numbers contiguous from 1", not gaps, "; ".join(gaps[:5])),
        check("latest revision equals the current submission", not stale, ", ".join(stale[:5])),
        check("some saves were acknowledged", load.acks, f"{len(load.acks)}"),
    ]


def memory_checks(load, args, report):
    """Worker memory: from a third of the run to its end, per worker."""
    samples = load.samples
    baseline = next((s for s in samples if s["t"] >= args.seconds / 3), samples[0])
    final = samples[-1]
    memory = {}
    flat = True
    for pid, start_mb in baseline["rss_mb"].items():
        end_mb = final["rss_mb"].get(pid)
        if end_mb is None:
            memory[str(pid)] = {"third": round(start_mb, 1), "end": None}
            continue
        growth = end_mb - start_mb
        memory[str(pid)] = {
            "third": round(start_mb, 1),
            "end": round(end_mb, 1),
            "growth_mb": round(growth, 1),
            "max": round(max(s["rss_mb"].get(pid, 0) for s in samples), 1),
        }
        if not (growth < MEMORY_GROWTH_MB or growth < MEMORY_GROWTH_RATIO * start_mb):
            flat = False
    workers = len(baseline["rss_mb"]) or len(final["rss_mb"])
    report["workers"] = workers
    report["memory_mb"] = memory
    report["worker_pids_seen"] = len({pid for s in samples for pid in s["rss_mb"]})
    return [
        check(
            f"worker memory flat (growth from a third of the run < {MEMORY_GROWTH_MB} MB or "
            f"< {MEMORY_GROWTH_RATIO:.0%})",
            flat and memory,
            ", ".join(
                f"{m['third']}→{m['end']} MB" for m in memory.values() if m.get("end") is not None
            ),
        )
    ]


def connection_checks(load, args, report, outage):
    """Database connections (PostgreSQL): bounded by workers × threads, and steady."""
    samples = load.samples
    workers = report["workers"]
    bound = workers * args.threads
    counts = [s["db_connections"] for s in samples if s["db_connections"] is not None]
    steady = [
        s["db_connections"]
        for s in samples
        if s["db_connections"] is not None
        and s["t"] >= args.seconds / 3
        and not (
            outage
            and outage["start"] - load.t0 - SAMPLE_SECONDS <= s["t"]
            and s["t"] <= outage["end"] - load.t0 + 2 * SAMPLE_SECONDS
        )
    ]
    report["db_connections"] = {
        "min": min(counts, default=None),
        "max": max(counts, default=None),
        "steady min": min(steady, default=None),
        "steady max": max(steady, default=None),
        "bound": bound,
        "samples": counts,
    }
    spread = max(steady) - min(steady) if steady else None
    return [
        check(
            "database connections bounded by workers × threads",
            counts and max(counts) <= bound,
            f"max {max(counts, default=None)} ≤ {workers} × {args.threads} = {bound}",
        ),
        check(
            "database connections flat (steady max − min ≤ threads per worker)",
            spread is not None and spread <= args.threads,
            f"{min(steady, default=None)}..{max(steady, default=None)} after the first third",
        ),
    ]


def freshness_checks(load, report):
    """After Redis came back, an edit made by another process reached the anonymous pages."""
    fresh = load.outage.get("fresh_after_s")
    report["outage"]["edit visible after, s"] = fresh
    return [
        check(
            f"an edit after the restart shows on anonymous pages within {FRESH_WITHIN_SECONDS} s",
            fresh is not None and fresh <= FRESH_WITHIN_SECONDS,
            f"{fresh} s",
        )
    ]


def outage_checks(load, report, outage, in_window):
    """The restart ran, and saves were acknowledged again after it."""
    start, end = outage["start"], outage["end"]
    report["outage"] = {
        "starts_at_s": round(start - load.t0, 2),
        "lasts_s": round(end - start, 2),
        "commands": outage.get("commands"),
        "errors inside": len(in_window),
        "errors inside, by kind": {
            kind: sum(r.kind == kind for r in in_window) for kind in {r.kind for r in in_window}
        },
        "first and last error inside, s": [
            round(min(r.started for r in in_window) - load.t0, 2),
            round(max(r.ended for r in in_window) - load.t0, 2),
        ]
        if in_window
        else None,
        "saves acknowledged during it": sum(start <= a[5] and a[4] <= end for a in load.acks),
    }
    after = [a for a in load.acks if a[4] > end]
    first_after = min((a[5] for a in after), default=None)
    report["outage"]["first save acknowledged after it, s"] = (
        round(first_after - end, 2) if first_after else None
    )
    report["outage"]["saves acknowledged after it"] = len(after)
    return [
        check(
            "the restart ran",
            all(c["returncode"] == 0 for c in outage.get("commands", []))
            and not outage.get("never_recovered"),
            json.dumps(outage.get("commands")),
        ),
        check("service resumed: saves acknowledged after the outage", after, f"{len(after)}"),
    ]
