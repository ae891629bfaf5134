"""The wheel holds every app with its migrations, templates, static files and the demo deck,
and nothing of tests/ or bench/: a non-editable install must run the site on its own.

The wheel is built from a copy of the source tree, so that the build leaves no build/ or
*.egg-info behind. `make test-installed` runs this module against the installed package; the
source tree is then the one PROJECT_SOURCE_DIR names.
"""

import os
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(os.environ.get("PROJECT_SOURCE_DIR") or Path(__file__).parent.parent).resolve()
# Produced by runs and builds, never sources of the wheel (tests/ and bench/ are copied: the
# wheel must leave them out by itself).
NOT_SOURCE = {
    ".git",
    ".venv",
    "node_modules",
    "build",
    "media",
    "staticfiles",
    ".pytest_cache",
    ".ruff_cache",
}


def ignore_outputs(folder, names):
    ignored = {name for name in names if name == "__pycache__" or name.endswith(".egg-info")}
    if Path(folder) == ROOT:
        ignored |= {name for name in names if name in NOT_SOURCE or name.startswith("db.sqlite3")}
    return ignored


def has_build_backend():
    """Whether this environment has the build backend (setuptools>=75), so pip may build
    offline without an isolated build environment; otherwise pip fetches the backend."""
    try:
        return int(version("setuptools").split(".")[0]) >= 75
    except PackageNotFoundError:
        return False


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory):
    """The file names inside a wheel freshly built from the source tree."""
    source = tmp_path_factory.mktemp("source") / "project"
    shutil.copytree(ROOT, source, ignore=ignore_outputs)
    out = tmp_path_factory.mktemp("wheel")
    isolation = ["--no-build-isolation"] if has_build_backend() else []
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-q", "-w", out, source],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def project_apps():
    """The installed apps whose package is in the source tree."""
    return [name for name in settings.INSTALLED_APPS if (ROOT / name / "__init__.py").is_file()]


def source_files(folder, pattern="*"):
    """Files under `folder` of the source tree, as wheel paths."""
    return {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / folder).rglob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_project_apps_are_the_installed_apps_of_the_source_tree():
    assert project_apps() == settings.PROJECT_APPS


@pytest.mark.parametrize("package", ["config", *settings.PROJECT_APPS])
def test_every_module_of_each_app_is_in_the_wheel(wheel_files, package):
    modules = source_files(package, "*.py")
    assert f"{package}/__init__.py" in modules
    assert modules - wheel_files == set()


def test_every_migration_is_in_the_wheel(wheel_files):
    migrations = set().union(
        *(source_files(f"{app}/migrations", "0*.py") for app in project_apps())
    )
    assert len(migrations) >= 6
    assert migrations - wheel_files == set()


def test_every_template_and_static_file_is_in_the_wheel(wheel_files):
    data = set()
    for app in project_apps():
        data |= source_files(f"{app}/templates") | source_files(f"{app}/static")
    data |= source_files("core/root")  # WHITENOISE_ROOT: /favicon.ico
    assert {"core/templates/base.html", "core/static/css/site.css", "core/root/favicon.ico"} <= data
    assert data - wheel_files == set()


def test_the_demo_deck_is_in_the_wheel(wheel_files):
    decks = source_files("demo/decks", "*.md")
    assert "demo/decks/week-07-planning-for-innovation.md" in decks
    assert decks - wheel_files == set()


def test_tests_and_benchmarks_stay_out_of_the_wheel(wheel_files):
    assert not {name for name in wheel_files if name.split("/")[0] in {"tests", "bench"}}
