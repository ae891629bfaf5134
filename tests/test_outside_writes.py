"""A deck imported from the command line while gunicorn serves reaches anonymous visitors of
every worker within the page cache's version TTL (a second), with no Redis and no reload.

SLOW (~15 s): gunicorn as `make serve` runs it (two workers, production settings) on a fresh
SQLite file holding the demo course; the import runs in a process of its own.
"""

import subprocess
import time
import urllib.request

import pytest

from bench.server import (
    PYTHON,
    ROOT,
    collectstatic,
    free_port,
    server_env,
    start_gunicorn,
    stop,
    wait_until_up,
)

SLIDESHOW = "/chinese-cities/weeks/7/slides/"
FRESH = "Fresh from the command line"
TTL = 1.0  # PAGE_CACHE_VERSION_TTL's default


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("outside-writes")
    env = server_env({"WEB_CONCURRENCY": "2"}, f"sqlite:///{workdir / 'db.sqlite3'}", "", workdir)
    for command in (["migrate", "-v0"], ["load_demo"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)
    collectstatic(env)
    port = free_port()
    server = start_gunicorn(env, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://127.0.0.1:{port}{SLIDESHOW}")
        yield f"http://127.0.0.1:{port}", env, workdir
    finally:
        stop(server)


def anonymous_get(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
        return response.read().decode()


def test_a_deck_imported_by_the_command_shows_on_every_worker_within_the_ttl(site):
    base, env, workdir = site
    for _ in range(20):  # both workers have the old slideshow cached
        assert FRESH not in anonymous_get(base + SLIDESHOW)
    deck = workdir / "deck.md"
    deck.write_text(f"# {FRESH}\n---\n# A second slide\n")
    import_deck = ["import_deck", str(deck), "--course", "chinese-cities", "--week", "7"]
    subprocess.run([PYTHON, "manage.py", *import_deck, "--replace"], cwd=ROOT, env=env, check=True)
    # Each worker trusts its copy of the version for the TTL at most: once it has passed, no
    # worker may answer with the old slideshow, however the requests fall on them.
    time.sleep(TTL + 0.1)
    answers = [FRESH in anonymous_get(base + SLIDESHOW) for _ in range(20)]
    assert all(answers), f"{answers.count(False)} of 20 answers still showed the old deck"
