"""Load and faults: public browsing and students editing group submissions, all at once.

It builds a fresh database (the demo course plus N students enrolled in it, in groups of 3 for
Assignment 2), starts the production server (gunicorn, production settings) on 127.0.0.1 and,
for --seconds, drives it with anonymous readers of the public pages and with the N students,
each logged in once, loading their assignment page and saving their group's submission from the
version they last saw, so members of a group genuinely conflict (409). Every answer is recorded.
A save counts as acknowledged only when the server redirects with "Saved as version N." in the
message cookie it sets. Every ~2 s it samples each worker's memory (VmRSS) and, on PostgreSQL,
the server's connections to the database (pg_stat_activity).

At the end it reads the database back and checks: no 5xx; per group, the revisions stored are
exactly the saves acknowledged (none lost, none duplicated), numbered 1..n, the latest equal to
the submission's current content; worker memory flat; database connections flat and bounded by
workers × threads. It prints requests, statuses and p50/p95 latency per kind, and exits 1 if a
check fails.

With --restart-db (PostgreSQL only) it restarts the PostgreSQL cluster while the students save:
answers that overlap the outage may be 500, but only the site's friendly error page; every save
acknowledged before, during or after the outage must be in the database; service must resume
(the run goes on at least 5 s after the database is back, even past --seconds).

    python -m bench.load                                # SQLite + local-memory cache, 60 s, 30
    python -m bench.load --database-url postgres://postgres@127.0.0.1:5432/postgres \\
        --redis-url redis://127.0.0.1:6379/13 [--restart-db]

Traffic goes only to the server this script starts on 127.0.0.1; every loop is bounded in time.
"""
