"""The load itself: students saving their group's submission, anonymous readers of the public
pages, the sampler of worker memory and database connections, and the database restart."""

import os
import random
import subprocess
import threading
import time
from urllib.parse import urlsplit

from bench.load.client import CSRF, SAVED, Client, form_state, is_friendly_error, message_texts
from bench.load.database import COURSE, PASSWORD
from bench.server import worker_rss

PUBLIC_PAGES = {
    "course home": f"/{COURSE}/",
    "week page": f"/{COURSE}/weeks/7/",
    "slideshow": f"/{COURSE}/weeks/7/slides/",
    "readings": f"/{COURSE}/readings/",
    "glossary": f"/{COURSE}/glossary/",
    "characters": f"/{COURSE}/characters/",
}
SAMPLE_SECONDS = 2.0
JOIN_SECONDS = 50  # how long threads may overrun the deadline (one request at most)
RECOVERY_SECONDS = 5  # the least a --restart-db run goes on after the database is back


class Load:
    """The students, the readers, the sampler and the fault, around one running server."""

    def __init__(self, args, port, populated, server_pid, database):
        self.args = args
        self.port = port
        self.populated = populated
        self.server_pid = server_pid
        self.database = database  # (server URL, database name) on PostgreSQL, else None
        self.log = []  # every Record; list.append is atomic
        self.acks = []  # (group pk, number, username, content, started, ended)
        self.unconfirmed = []  # (group pk, username, content, started, ended): no answer
        self.logged_in = []
        self.samples = []
        self.outage = {}
        self.fault = None  # a callable run beside the load at --restart-at (the Redis fault)
        self.go = threading.Event()
        self.done = threading.Event()
        self.t0 = None
        self.deadline = None

    # Students ------------------------------------------------------------------------------

    def student(self, index, username, group):
        rng = random.Random(self.args.seed * 1000 + index)  # noqa: S311 (think times)
        client = Client(self.port, self.log)
        if not self.log_in(client, username):
            return
        self.logged_in.append(username)
        if not self.go.wait(timeout=300):
            return
        save_path = self.populated["groups"][group]["save"]
        state = self.load_page(client)
        sequence = 0
        while time.monotonic() < self.deadline:
            if state is None:  # the page did not load: wait a little and reload it
                time.sleep(min(0.5, max(0.0, self.deadline - time.monotonic())))
                if time.monotonic() < self.deadline:
                    state = self.load_page(client)
                continue
            time.sleep(rng.uniform(0, self.args.think))
            if time.monotonic() >= self.deadline:
                break
            sequence += 1
            base, token = state
            content = {
                "topic": f"{self.populated['groups'][group]['name']}, draft {sequence} "
                f"by {username}",
                "sources": [
                    f"Field notes of {username}, visit {sequence}",
                    "Lindtner, S. (2020). Prototype Nation. Princeton University Press.",
                    f"https://example.org/{username}/{sequence}",
                ],
                "argument": f"{username} argues in draft {sequence} that planning shapes "
                "innovation in Shenzhen",
            }
            form = {
                "csrfmiddlewaretoken": token,
                "base_number": str(base),
                "topic": content["topic"],
                "sources": "\n".join(content["sources"]),
                "argument": content["argument"],
            }
            record, response, body, cookies = client.request("save", "POST", save_path, form)
            state = self.after_save(
                client, record, response, body, cookies, group, username, content
            )

    def log_in(self, client, username):
        record, _, body, _ = client.request("login page", "GET", "/accounts/login/")
        token = CSRF.search(body) if record.status == 200 else None
        if token is None:
            return False
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": PASSWORD,
        }
        record, _, _, _ = client.request("login", "POST", "/accounts/login/", form)
        return record.status == 302 and "sessionid" in client.cookies

    def load_page(self, client, path=None):
        record, _, body, _ = client.request(
            "assignment page", "GET", path or self.populated["assignment"]
        )
        if record.status != 200:
            self.note_error(record, body)
            return None
        state = form_state(body)
        if state is None:
            record.outcome, record.detail = "unexpected", "no submission form on the page"
        return state

    def after_save(self, client, record, response, body, cookies, group, username, content):
        """Classify the save's answer; return the form state to save from next."""
        unconfirmed = (group, username, content, record.started, record.ended)
        if record.status == 302:
            texts = message_texts(cookies.get("messages"))
            last = texts[-1] if texts else ""
            saved = SAVED.fullmatch(last)
            if saved:
                record.outcome = "acknowledged"
                number = int(saved.group(1))
                self.acks.append((group, number, username, content, record.started, record.ended))
            elif last == "No changes to save.":
                record.outcome = "unchanged"
            else:
                record.outcome, record.detail = "rejected", last or "no message"
            location = urlsplit(response.headers.get("Location", "")).path
            return self.load_page(client, location or None)
        if record.status == 409:
            record.outcome = "conflict"
            state = form_state(body)
            return state if state is not None else self.load_page(client)
        if record.status is None or record.status >= 500:
            self.unconfirmed.append(unconfirmed)
            self.note_error(record, body)
        else:
            record.outcome, record.detail = "unexpected", body[:200]
        return self.load_page(client)

    @staticmethod
    def note_error(record, body):
        if record.status is not None and record.status >= 500:
            record.outcome = "friendly error" if is_friendly_error(body) else "raw error"
            record.detail = body[:300]

    # Readers -------------------------------------------------------------------------------

    def reader(self, index):
        rng = random.Random(self.args.seed * 1000 + 500 + index)  # noqa: S311 (page choice)
        client = Client(self.port, self.log)
        pages = list(PUBLIC_PAGES.items())
        if not self.go.wait(timeout=300):
            return
        while time.monotonic() < self.deadline:
            kind, path = rng.choice(pages)
            record, _, body, _ = client.request(kind, "GET", path)
            self.note_error(record, body)
            time.sleep(rng.uniform(0, self.args.browse_think))

    # Sampler and fault ---------------------------------------------------------------------

    def sample(self, connection=None):
        """One sample of worker memory and database connections; returns the connection."""
        connections = None
        if self.database:
            import psycopg

            server_url, name = self.database
            try:
                if connection is None or connection.closed:
                    connection = psycopg.connect(server_url, autocommit=True, connect_timeout=2)
                connections = connection.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = %s AND backend_type = 'client backend'",
                    [name],
                ).fetchone()[0]
            except psycopg.Error:
                if connection is not None:
                    connection.close()
                connection = None
        self.samples.append(
            {
                "t": time.monotonic() - self.t0,
                "rss_mb": worker_rss(self.server_pid),
                "db_connections": connections,
            }
        )
        return connection

    def sampler(self):
        connection = None
        while not self.done.is_set():
            connection = self.sample(connection)
            self.done.wait(SAMPLE_SECONDS)
        if connection is not None:
            connection.close()

    def restart_database(self):
        """Restart the PostgreSQL cluster once, at --restart-at of the run; note the outage."""
        import psycopg

        at = self.t0 + self.args.seconds * self.args.restart_at
        if self.done.wait(max(0.0, at - time.monotonic())):
            return
        version = sorted(os.listdir("/etc/postgresql"))[0]
        command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]
        self.outage["start"] = time.monotonic()
        if self.args.outage_seconds:
            steps = [command + ["stop"], None, command + ["start"]]
        else:
            steps = [command + ["restart"]]
        results = []
        for step in steps:
            if step is None:
                time.sleep(self.args.outage_seconds)
                continue
            result = subprocess.run(step, capture_output=True, text=True, timeout=120)
            results.append(
                {
                    "command": " ".join(step),
                    "returncode": result.returncode,
                    "stderr": result.stderr,
                }
            )
        self.outage["commands"] = results
        server_url, _ = self.database
        up_by = time.monotonic() + 60
        while time.monotonic() < up_by:  # the outage ends when a new connection succeeds
            try:
                with psycopg.connect(server_url, connect_timeout=2):
                    break
            except psycopg.Error:
                time.sleep(0.1)
        else:
            self.outage["never_recovered"] = True
        self.outage["end"] = time.monotonic()
        # Watch normal service for a while after the outage, even past --seconds.
        self.deadline = max(self.deadline, self.outage["end"] + RECOVERY_SECONDS)

    # Running ------------------------------------------------------------------------------

    def run(self):
        self.login_started = time.monotonic()
        threads = [
            threading.Thread(target=self.student, args=(i, s["username"], s["group"]), daemon=True)
            for i, s in enumerate(self.populated["students"])
        ]
        for thread in threads:
            thread.start()
        login_by = time.monotonic() + 60 + 2 * len(threads)
        while len(self.logged_in) < len(threads) and time.monotonic() < login_by:
            if not any(thread.is_alive() for thread in threads):
                break
            time.sleep(0.1)
        self.login_seconds = time.monotonic() - self.login_started
        readers = [
            threading.Thread(target=self.reader, args=(i,), daemon=True)
            for i in range(self.args.browsers)
        ]
        for thread in readers:
            thread.start()
        self.t0 = time.monotonic()
        self.deadline = self.t0 + self.args.seconds
        helpers = [threading.Thread(target=self.sampler, daemon=True)]
        if self.args.restart_db:
            helpers.append(threading.Thread(target=self.restart_database, daemon=True))
        if self.fault:
            helpers.append(threading.Thread(target=self.fault, daemon=True))
        for thread in helpers:
            thread.start()
        self.go.set()
        for thread in threads + readers:  # the deadline may move (restart_database)
            while thread.is_alive() and time.monotonic() < self.deadline + JOIN_SECONDS:
                thread.join(timeout=1)
        self.stuck = sum(thread.is_alive() for thread in threads + readers)
        self.elapsed = time.monotonic() - self.t0
        self.done.set()
        for thread in helpers:
            thread.join(timeout=130)
        self.sample()  # the end of the run
