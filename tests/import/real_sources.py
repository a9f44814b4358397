"""Label sets written by others, fetched from PyPI at test time (never committed) and cached.

The tests using them skip only when the package registry cannot be reached."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

import pytest
import yaml

LABEL_STUDIO = "label-studio==1.23.2"  # its wheel ships the labeling-config templates
SKOS_SDIST = "skosprovider_rdf==1.4.0"  # its sdist ships SKOS vocabularies as test data
CACHE = Path(os.environ.get("TAXGEN_TEST_CACHE") or Path(tempfile.gettempdir()) / "taxgen-test-cache")
UNREACHABLE = ("NewConnectionError", "Max retries exceeded", "Temporary failure in name resolution",
               "Network is unreachable", "Connection refused", "timed out", "No matching distribution found",
               "Could not find a version that satisfies")


def download(requirement: str, *, sdist: bool = False) -> Path:
    """The package file, downloaded once into the cache; skips the test if PyPI is unreachable."""
    folder = CACHE / requirement.replace("==", "-")
    found = sorted(folder.glob("*")) if folder.is_dir() else []
    if found:
        return found[0]
    CACHE.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=CACHE))
    kind = ["--no-binary", ":all:"] if sdist else ["--only-binary", ":all:"]
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "-q",
               "-d", str(staging), *kind, requirement]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        shutil.rmtree(staging, ignore_errors=True)
        pytest.skip(f"package registry unreachable: downloading {requirement} timed out")
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        if any(marker in done.stderr for marker in UNREACHABLE):
            pytest.skip(f"package registry unreachable: {done.stderr.strip().splitlines()[-1]}")
        pytest.fail(f"pip download {requirement} failed:\n{done.stderr}")
    try:
        staging.rename(folder)
    except OSError:  # another run cached it meanwhile
        shutil.rmtree(staging, ignore_errors=True)
    return sorted(folder.glob("*"))[0]


def label_studio_templates() -> dict[str, str]:
    """config text -> where it is in the wheel, for every distinct labeling config shipped."""
    configs: dict[str, str] = {}
    with zipfile.ZipFile(download(LABEL_STUDIO)) as wheel:
        for name in sorted(wheel.namelist()):
            if name.endswith("config.yml") and "/annotation_templates/" in name:
                text = yaml.safe_load(wheel.read(name))["config"]
            elif name.endswith("config.xml") and ("/annotation_templates/" in name or "/examples/" in name):
                text = wheel.read(name).decode("utf-8")
            else:
                continue
            configs.setdefault(text.strip(), name)
    return configs


def skos_vocabularies() -> dict[str, bytes]:
    """file name -> content of the RDF files in the sdist's test data."""
    out: dict[str, bytes] = {}
    with tarfile.open(download(SKOS_SDIST, sdist=True)) as archive:
        for member in archive.getmembers():
            parts = member.name.split("/")
            if member.isfile() and parts[-3:-1] == ["tests", "data"] and not member.name.endswith(".txt"):
                out[parts[-1]] = archive.extractfile(member).read()
    return dict(sorted(out.items()))
