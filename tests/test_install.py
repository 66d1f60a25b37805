"""`pip install .` gives the `loaders` package with its rule files and the `conflict-timeline`
command, and that command works from any folder (no checkout on the path).

The wheel is built offline from a copy of the files a source tree needs (pip wheel
--no-build-isolation --no-index, with the setuptools of requirements-dev.txt), then installed
without dependencies into a venv that sees this interpreter's packages (the dependencies).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SAMPLE = PROJECT / "data" / "samples" / "gaza.txt"


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "CONFLICT_TIMELINE", "VIRTUAL_ENV"))}


def package_files() -> set[str]:
    """Every file of the loaders package in the checkout (code, rule files, their README)."""
    root = PROJECT / "loaders"
    return {f"loaders/{p.relative_to(root).as_posix()}" for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source") / "conflict-timeline"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "requirements.txt"):
        shutil.copy(PROJECT / name, source / name)
    shutil.copytree(PROJECT / "loaders", source / "loaders", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = source.parent / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                            "-w", str(dist), str(source)], capture_output=True, text=True, timeout=300,
                           env=clean_env(), cwd=source.parent)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    (built,) = dist.glob("conflict_timeline-*.whl")
    return built


@pytest.mark.slow
def test_wheel_holds_the_package_its_rules_the_command_and_the_requirements(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA")).rsplit("/", 1)[0]
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
        metadata = archive.read(f"{info}/METADATA").decode()
    missing = package_files() - names
    assert not missing, sorted(missing)
    assert {n for n in names if n.startswith("loaders/rules/")} >= {"loaders/rules/language.yaml",
                                                                  "loaders/rules/timex/rules.txt"}
    assert "conflict-timeline = loaders.cli:main" in entry_points
    required = [line.split("#", 1)[0].strip() if " @ " not in line else line.strip()
                for line in (PROJECT / "requirements.txt").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    declared = [line.removeprefix("Requires-Dist: ") for line in metadata.splitlines() if line.startswith("Requires-Dist: ")]
    assert declared == required  # one list: requirements.txt


@pytest.mark.slow
def test_installed_command_runs_from_any_folder(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    python, command = venv / "bin" / "python", venv / "bin" / "conflict-timeline"
    install = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)],
                             capture_output=True, text=True, timeout=300, env=clean_env())
    assert install.returncode == 0, install.stderr[-2000:]
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()

    where = subprocess.run([str(python), "-c", "import loaders; print(loaders.__file__)"], cwd=elsewhere,
                           capture_output=True, text=True, timeout=120, env=clean_env())
    assert where.stdout.strip().startswith(str(venv)), where.stdout + where.stderr

    events = subprocess.run([str(command), "events", str(SAMPLE), "--published", "2025-03-23", "--no-progress"],
                            cwd=elsewhere, capture_output=True, text=True, timeout=300, env=clean_env())
    assert events.returncode == 0, events.stderr[-2000:]
    rows = [json.loads(line) for line in events.stdout.splitlines()]
    assert len(rows) > 5 and all(r["sentence"] and r["event_type"] for r in rows)

    ingest = subprocess.run([str(command), "ingest", str(SAMPLE), "--published", "2025-03-23", "--no-progress"],
                            cwd=elsewhere, capture_output=True, text=True, timeout=300, env=clean_env())
    assert ingest.returncode == 0, ingest.stderr[-2000:]
    assert (elsewhere / "data" / "store").is_dir()  # an installed copy keeps its store where it runs
    usage = subprocess.run([str(command), "--help"], cwd=elsewhere, capture_output=True, text=True, timeout=120,
                           env=clean_env())
    assert usage.stdout.startswith("usage: conflict-timeline ")
