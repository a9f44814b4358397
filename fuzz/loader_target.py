"""atheris (libFuzzer) target for taxgen's loader: no bytes in a project file may make it raise.

The first byte of an input picks the file the rest becomes (a taxonomy, golden items, a
guideline with front matter, or mkdocs.yml) in a small project that is otherwise valid.
For every input:

* the located YAML loader (yaml_source.parse_yaml, the reference) and the fast path
  (fast.parse: its own reader checked against yaml-rs) either both refuse the text with the
  same diagnostic or read the same data at the same positions;
* loading the project (load_project: discovery, decoding, YAML, JSON Schema, model) and
  running the rules (check_project) raise nothing, and a second load, served by the content
  cache under build/.cache, gives the same diagnostics.

Anything else is a crash that libFuzzer saves (crash-<sha1> under -artifact_prefix).

Run it for a minute over the committed seed corpus (new inputs go to the first folder, so
keep the committed one second):

    python fuzz/loader_target.py /tmp/new fuzz/corpus/loader -max_total_time=60 -artifact_prefix=/tmp/

tests/hardening/fuzz/test_atheris_loader.py runs it that way in CI; fuzz/make_corpus.py
rebuilds the seed corpus from the fixture projects.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["taxgen"]):
    from taxgen.check import check_project
    from taxgen.loading import fast, yaml_source
    from taxgen.loading.project import load_project

# slot byte -> the project file the rest of the input becomes
SLOTS = ("taxonomies/pets/taxonomy.yaml", "taxonomies/pets/golden.yaml", "guidelines/pets.md", "mkdocs.yml")
BASE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "properties" / "base"


def shape(doc: yaml_source.YamlDocument):
    """What a document says, comparable across loaders: data (repr, so NaN equals NaN),
    root and written texts, and the position of every key, value and item in document order."""
    marks = []
    stack = [doc.data]
    while stack:
        node = stack.pop()
        if isinstance(node, (dict, list)):
            where = doc.positions.get(id(node))
            marks.append(sorted(where.items()) if isinstance(where, dict) else where)
            stack.extend(node.values() if isinstance(node, dict) else node)
    return repr(doc.data), doc.root, sorted(doc.plain_texts.items()), repr(marks)


def parsed(loader, text: str):
    try:
        return shape(loader(text, "fuzz.yaml"))
    except yaml_source.YamlError as exc:  # refusing bad input with a diagnostic is the job
        return exc.diagnostic


def check_loaders_agree(body: bytes) -> None:
    try:
        text = yaml_source.decode_source(body, "fuzz.yaml")
    except yaml_source.YamlError:
        return
    reference, fast_path = parsed(yaml_source.parse_yaml, text), parsed(fast.parse, text)
    if reference != fast_path:
        raise AssertionError(f"fast path and reference loader disagree:\n{fast_path!r}\n{reference!r}")


def check_project_loads(root: Path, slot: str, body: bytes) -> None:
    (root / slot).write_bytes(body)
    shutil.rmtree(root / "build", ignore_errors=True)
    first = load_project(root)
    check_project(first.project, first.diagnostics)
    again = load_project(root)  # from the cache this time
    if again.diagnostics != first.diagnostics:
        raise AssertionError(f"cached load differs:\n{again.diagnostics!r}\n{first.diagnostics!r}")
    (root / slot).write_bytes((BASE / slot).read_bytes())


def main() -> None:
    # the project lives on a file system in memory where there is one; TAXGEN_ATHERIS_WORK names
    # the folder to use instead (libFuzzer ends the process without running cleanup code)
    memory = "/dev/shm" if os.path.isdir("/dev/shm") else None
    work = Path(tempfile.mkdtemp(prefix="taxgen-atheris-", dir=os.environ.get("TAXGEN_ATHERIS_WORK") or memory))
    root = work / "project"
    shutil.copytree(BASE, root)

    def test_one_input(data: bytes) -> None:
        if not data:
            return
        slot, body = SLOTS[data[0] % len(SLOTS)], data[1:]
        if slot.endswith(".yaml"):
            check_loaders_agree(body)
        check_project_loads(root, slot, body)

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    main()
