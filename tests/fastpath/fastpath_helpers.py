"""Helpers comparing the fast loading path with the reference one (a module of its own name:
`from conftest import` is ambiguous across test folders)."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

from taxgen.check import check_path
from taxgen.model import Sourced

FIXTURES = Path(__file__).parent.parent / "fixtures"


def fixture_projects() -> list[Path]:
    """Every fixture project (a folder with mkdocs.yml) under tests/fixtures/."""
    return sorted(path.parent for path in FIXTURES.rglob("mkdocs.yml"))


def prepared(root: Path, tmp_path: Path) -> Path:
    """The project; a copy with its over-sized files made (sparse) when it lists them."""
    sized = root / "sized_files.json"
    if not sized.exists():
        return root
    copy = tmp_path / root.name
    shutil.copytree(root, copy, symlinks=True)
    for rel, size in json.loads(sized.read_text()).items():
        with open(copy / rel, "wb") as handle:
            handle.truncate(size)
    return copy


def diagnostics_of(result) -> list[tuple]:
    return [(d.code, d.severity.value, d.message, d.path, d.line, d.column, d.hint) for d in result.diagnostics]


def located_model(project) -> list:
    """Every object of the model with its source, position and field positions, comparably."""
    out: list = []

    def visit(value):
        if isinstance(value, Sourced):
            out.append((type(value).__name__, repr(value), value.location,  # resolved, when found lazily
                        sorted(value.field_positions.items())))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for item in dataclasses.fields(value):
                if not item.name.startswith("_"):
                    visit(getattr(value, item.name))
        elif isinstance(value, (tuple, list)):
            for item in value:
                visit(item)

    visit(project)
    return out


def assert_same_as_reference(result, root: Path, reference_path) -> None:
    """``result`` has the diagnostics and the located model the reference loader gives ``root``."""
    with reference_path:
        reference = check_path(root)
    assert diagnostics_of(result) == diagnostics_of(reference)
    assert located_model(result.project) == located_model(reference.project)


def check_both_ways(root: Path, reference_path) -> tuple:
    """(reference result, fast result with an empty cache, fast result from the cache)."""
    with reference_path:
        reference = check_path(root)
    cold = check_path(root)
    warm = check_path(root)
    return reference, cold, warm


def typed(value):
    """``value`` with the type of every scalar spelled out (1, 1.0 and True differ; NaN equals NaN)."""
    if isinstance(value, dict):
        return ("map", [(key, typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("seq", [typed(item) for item in value])
    return (type(value).__name__, repr(value))


def document_view(doc) -> tuple:
    """A YamlDocument as comparable data: typed values, every position by path, root, written texts."""
    positions: dict = {}

    def walk(node, path):
        marks = doc.positions.get(id(node))
        if isinstance(node, dict):
            for key, item in node.items():
                positions[path + (key,)] = marks[key]
                walk(item, path + (key,))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                positions[path + (index,)] = marks[index]
                walk(item, path + (index,))

    walk(doc.data, ())
    return typed(doc.data), positions, doc.root, dict(doc.plain_texts)


def outcome(parse, text: str) -> tuple:
    """What a parser makes of ``text``: its document, or the diagnostic it raises."""
    from taxgen.loading.yaml_source import YamlError

    try:
        return ("document", document_view(parse(text, "t.yaml")))
    except YamlError as exc:
        return ("error", exc.diagnostic)
