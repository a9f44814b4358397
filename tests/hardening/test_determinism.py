"""Outputs are the same bytes on every machine: whatever the locale, the time zone, the order in
which the file system lists a folder, or Python's hash seed.

Each variant below runs every command that writes or prints an output (check, compile, build,
diff, migrate, score, import: determinism_driver.py) in a process of its own, on inputs created
in an order of their own, and every byte they write or print is compared. SOURCE_DATE_EPOCH is
the same in all of them: it is how a reproducible build names its date (MkDocs' sitemap).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hardening_helpers import BASE, HERE, TESTS, tree

TOOLS = TESTS / "fixtures" / "compile" / "tools" / "taxonomies"  # several task kinds, for every compile target
VARIANTS = {
    "utf8-utc-seed0-natural": {"LC_ALL": "C.UTF-8", "TZ": "UTC", "PYTHONHASHSEED": "0",
                               "TAXGEN_TEST_LISTING": "natural"},
    "c-kiritimati-seed1-reverse": {"LC_ALL": "C", "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "1",
                                   "TAXGEN_TEST_LISTING": "reverse"},
    "ascii-stjohns-seed4242-shuffled": {"LC_ALL": "POSIX", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
                                        "PYTHONIOENCODING": "", "TZ": "America/St_Johns", "PYTHONHASHSEED": "4242",
                                        "TAXGEN_TEST_LISTING": "shuffle-7"},
    "lang-kathmandu-random-shuffled": {"LANG": "C.utf8", "TZ": "Asia/Kathmandu", "PYTHONHASHSEED": "random",
                                       "TAXGEN_TEST_LISTING": "shuffle-99"},
}
SHARED_ENV = {"SOURCE_DATE_EPOCH": "1700000000", "NO_COLOR": "1"}


def _inputs() -> dict[str, bytes]:
    """Every input file by path: a project, an edited copy of it for diff, annotations, files to import."""
    files = {f"project/{p.relative_to(BASE).as_posix()}": p.read_bytes()
             for p in BASE.rglob("*") if p.is_file() and "build" not in p.parts and "site" not in p.parts}
    files.update({f"project/taxonomies/{p.name}": p.read_bytes() for p in TOOLS.iterdir()})
    files["project/mkdocs.yml"] = files["project/mkdocs.yml"].replace(
        b"golden_items: show", b"golden_items: show\n      rules: {TG402: 'off', TG403: 'off'}")
    files.update({path.replace("project/", "old/", 1): data for path, data in files.items()})
    new = {path.replace("old/", "new/", 1): data for path, data in files.items() if path.startswith("old/")}
    taxonomy = new["new/taxonomies/animals/taxonomy.yaml"].decode()
    taxonomy = (taxonomy.replace("  - id: cat\n    name: Cat\n", "  - id: kitty\n    name: Cat\n    renamed_from: cat\n")
                .replace("A domesticated canine.", "A domesticated canine, from puppy to old dog.")
                + "  - id: fish\n    name: Fish\n    definition: An animal with gills.\n    examples: [A trout.]\n")
    new["new/taxonomies/animals/taxonomy.yaml"] = taxonomy.encode()
    new["new/taxonomies/animals/golden.yaml"] = new["new/taxonomies/animals/golden.yaml"].replace(b"cat", b"kitty")
    files.update(new)
    rng = random.Random(3)
    records = [f'{{"item": "{item}", "annotator": "{who}", "label": "{rng.choice(["cat", "dog", "bird"])}"}}'
               for item in ("g1", "g2", "g3", "x1", "x2", "x3", "x4") for who in ("ana", "bo", "cy", "dee")]
    files["records.jsonl"] = ("\n".join(records) + "\n").encode()
    concepts = "".join(f'ex:c{n} a skos:Concept ; skos:inScheme ex:s ; skos:prefLabel "Concept {n}"@en ; '
                       f'skos:altLabel "Alias {n}"@en, "Other {n}"@en'
                       + (f" ; skos:broader ex:c{n // 3}" if n > 2 else "") + " .\n" for n in rng.sample(range(30), 30))
    files["labels.ttl"] = ("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix ex: <https://example.org/> .\n"
                           "ex:s a skos:ConceptScheme .\n" + concepts).encode()
    files["labels.csv"] = ("id,name,parent,synonyms\n" + "".join(
        f"c{n},Concept {n},{f'c{n // 3}' if n > 2 else ''},Alias {n}|Other {n}\n" for n in range(30))).encode()
    return files


def _write_inputs(work: Path, files: dict[str, bytes], seed: int) -> None:
    """Create the files in an order of the variant's own."""
    order = sorted(files)
    random.Random(seed).shuffle(order)
    for path in order:
        target = work / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[path])


def _run_variant(tmp_path: Path, files: dict[str, bytes], seed: int, name: str) -> dict[str, bytes]:
    work = tmp_path / f"variant-{seed}"
    _write_inputs(work, files, seed)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG", "PYTHON", "TZ"))}
    env.update(SHARED_ENV, **VARIANTS[name])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, str(HERE / "determinism_driver.py"), str(work)], env=env,
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    for log in [*(work / "logs").iterdir(), *(work / "out").glob("*.stderr")]:
        text = log.read_text("utf-8")
        assert "Traceback" not in text and "Logging error" not in text and "internal error" not in text, (name, text)
    return tree(work / "out")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    tmp_path, files = tmp_path_factory.mktemp("determinism"), _inputs()
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(_run_variant, tmp_path, files, seed, name) for seed, name in enumerate(VARIANTS)}
        return {name: future.result() for name, future in futures.items()}


def test_the_commands_ran_and_wrote_their_outputs(outputs):
    first = next(iter(outputs.values()))
    assert first["exit-codes.json"] == b'{\n "build": 0,\n "check-json": 0,\n "check-sarif": 0,\n "check-text": 0,\n ' \
        b'"compile": 0,\n "diff-json": 0,\n "diff-markdown": 0,\n "diff-text": 0,\n "import-csv": 0,\n ' \
        b'"import-skos": 0,\n "migrate": 0,\n "score-json": 0,\n "score-markdown": 0,\n "score-text": 0\n}'
    assert sum(path.startswith("site/") for path in first) > 100
    assert sum(path.startswith("compiled/") for path in first) > 30
    for path in ("map.json", "migrated.jsonl", "score.md", "import-skos/imported/taxonomy.yaml",
                 "import-csv/imported/taxonomy.yaml", "diff-text.stdout", "score-text.stdout"):
        assert first[path].strip(), path


@pytest.mark.parametrize("name", list(VARIANTS)[1:])
def test_every_output_is_byte_identical_across_machines(outputs, name):
    reference, other = outputs[next(iter(VARIANTS))], outputs[name]
    assert sorted(other) == sorted(reference)
    assert [path for path in reference if other[path] != reference[path]] == []


def test_the_reordering_really_reorders(tmp_path):
    """The listing patch of the driver is in force in the variants (a test of the test)."""
    for name in "abcdef":
        (tmp_path / name).write_text(name)
    code = ("import os, sys, determinism_driver as d; d.reorder_listings(sys.argv[1]); "
            "print(''.join(os.listdir(sys.argv[2])), ''.join(e.name for e in os.scandir(sys.argv[2])))")
    seen = set()
    for order in ("natural", "reverse", "shuffle-7"):
        done = subprocess.run([sys.executable, "-c", code, order, str(tmp_path)], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(HERE)}, check=True)
        listed, scanned = done.stdout.split()
        assert sorted(listed) == sorted(scanned) == list("abcdef")
        seen.add(listed)
    assert len(seen) == 3
    shutil.rmtree(tmp_path)
