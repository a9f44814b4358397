"""Rebuild fuzz/corpus/loader/ (the atheris target's seed corpus) from the test fixtures.

Every taxonomy, golden-items, guideline and mkdocs.yml file of the fixture projects, and
every file of the hostile YAML corpus, becomes one seed: the slot byte of loader_target.SLOTS
that says which project file it is, then its bytes. Seeds are named by their SHA-1, as
libFuzzer names corpus files, so rebuilding is deterministic and drops duplicates.

    python fuzz/make_corpus.py
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "tests" / "fixtures"
CORPUS = HERE / "corpus" / "loader"
SOURCES = ["properties", "rules", "site", "score/project", "compile", "hostile"]
MAX_SEED_BYTES = 64 * 1024
TAXONOMY, GOLDEN, GUIDELINE, CONFIG = range(4)  # the order of loader_target.SLOTS


def slot_of(path: Path, data: bytes) -> int | None:
    if path.name == "mkdocs.yml":
        return CONFIG
    if path.suffix == ".md":
        return GUIDELINE
    if path.suffix in (".yaml", ".yml"):
        return GOLDEN if b"golden_items" in data else TAXONOMY
    return None


def seeds() -> dict[str, bytes]:
    out = {}
    for source in SOURCES:
        for path in sorted((FIXTURES / source).rglob("*")):
            inside = set(path.relative_to(FIXTURES / source).parts)
            if not path.is_file() or path.is_symlink() or {"build", "site", "docs", ".cache"} & inside:
                continue
            data = path.read_bytes()
            slot = slot_of(path, data)
            if slot is not None and len(data) <= MAX_SEED_BYTES:
                seed = bytes([slot]) + data
                out[hashlib.sha1(seed).hexdigest()] = seed
    return out


def main() -> None:
    shutil.rmtree(CORPUS, ignore_errors=True)
    CORPUS.mkdir(parents=True)
    for name, seed in sorted(seeds().items()):
        (CORPUS / name).write_bytes(seed)
    print(f"{len(list(CORPUS.iterdir()))} seeds in {CORPUS.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
