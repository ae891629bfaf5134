"""The live classroom's benchmark (bench/live.py) in a short form: a few followers of the real
stream process, presenter moves and board posts; every event arrives, in time, once."""

import json
import subprocess

from bench.server import PYTHON, ROOT


def test_followers_get_every_move_quickly_and_every_post_once():
    run = subprocess.run(
        [PYTHON, "-m", "bench.live", "--json", "--followers", "15", "--moves", "3"]
        + ["--post-rate", "4", "--post-seconds", "2", "--workers", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert figures["followers"] == 15
    # Without Redis the streams poll the database every 0.5 s: a move takes at most that long.
    assert figures["delivery_p99_ms"] < 1000
    assert figures["posts_sent"] == 8 and figures["posts_refused"] == 0
    assert figures["posts_delivered_to_every_follower"] == 8
    assert figures["posts_received_twice"] == 0
