"""Production settings refuse unsafe configurations and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "PATH": os.environ["PATH"],
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "SECRET_KEY": "x7!kq2-production-like-secret-key-with-enough-entropy-0192837465abcdef",
    "ALLOWED_HOSTS": "cities.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://cities.example.org",
}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.parametrize("extra", [{}, {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x"}])
def test_deploy_check_is_clean_under_production_settings(extra):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV | extra)
    assert result.returncode == 0, result.stdout + result.stderr


def test_media_go_to_s3_compatible_storage_when_a_bucket_is_configured():
    env = PRODUCTION_ENV | {"S3_BUCKET": "course-media", "S3_ENDPOINT_URL": "http://127.0.0.1:9"}
    code = (
        "from django.core.files.storage import storages as s;"
        "print(type(s['default']).__name__, s['default'].url('slides/x.png'))"
    )
    result = manage("shell", "--verbosity", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "http://127.0.0.1:9/course-media/slides/x.png"]


def test_settings_refuse_a_private_folder_inside_the_served_media(tmp_path):
    env = PRODUCTION_ENV | {
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "media" / "private"),
    }
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "PRIVATE_MEDIA_ROOT must lie outside MEDIA_ROOT" in result.stderr


def test_a_gunicorn_worker_loads_the_chinese_dictionaries_as_it_starts_and_freezes_them():
    """In a fresh interpreter, as a worker: after post_worker_init, jieba and OpenCC are loaded
    (the first glossary page no longer loads 90 MB mid-run) and the collector skips them."""
    probe = (
        "import gc, jieba\n"
        "from config import gunicorn\n"
        "from glossary.chinese import han\n"
        "assert not jieba.dt.initialized\n"
        "gunicorn.post_worker_init(None)\n"
        "print(jieba.dt.initialized, han._simplified_to_traditional.cache_info().currsize,"
        " gc.get_freeze_count() > 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "1", "True"]
