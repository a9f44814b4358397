"""The published format: the JSON Schemas editors read, and the site's reference page made from them.

Every field of every object in the taxonomy, golden-items and guideline schemas has a
description, and the generated reference/format.md lists it, with that description, in the
table of the object it belongs to. The schemas are valid Draft 2020-12 and editors find them
through the `# yaml-language-server: $schema=...` line `taxgen init` writes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from taxgen.cli import main
from taxgen.site.reference_pages import SCHEMAS, format_page, load_schema

NAMES = [name for name, _title, _where in SCHEMAS]


def resolved(schema: dict, node: dict) -> dict:
    """The node with its local $ref followed; the node's own keys win (as in JSON Schema 2020-12)."""
    ref = node.get("$ref")
    if not ref:
        return node
    target = resolved(schema, schema["$defs"][ref.removeprefix("#/$defs/")])
    return {**target, **{key: value for key, value in node.items() if key != "$ref"}}


def objects(schema: dict, node: dict, path: str = ""):
    """(path, object node) for every object with fields, named as the reference page names them."""
    node = resolved(schema, node)
    if "properties" in node:
        yield path, node
        for name, prop in node["properties"].items():
            yield from objects(schema, prop, f"{path}.{name}" if path else name)
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        yield from objects(schema, node["items"], path + "[]")
    for key in ("oneOf", "anyOf"):
        for alternative in node.get(key, ()):
            yield from objects(schema, alternative, path)


def fields():
    for name in NAMES:
        schema = load_schema(name)
        for path, node in objects(schema, schema):
            for field_name, prop in node["properties"].items():
                yield pytest.param(name, path, field_name, resolved(schema, prop).get("description", ""),
                                   id=f"{name}:{path or '(top)'}.{field_name}")


def tables() -> dict[tuple[str, str], str]:
    """(schema title, object path) -> the Markdown of that object's table on the reference page."""
    out: dict[tuple[str, str], str] = {}
    for section in re.split(r"^## ", format_page().markdown, flags=re.M)[1:]:
        title, _, rest = section.partition("\n")
        parts = re.split(r"^### `([^`]*)`\n", rest, flags=re.M)
        out[(title, "")] = parts[0]
        for path, body in zip(parts[1::2], parts[2::2]):
            out[(title, path)] = body
    return out


TABLES = tables()
TITLES = {name: title for name, title, _where in SCHEMAS}


@pytest.mark.parametrize("schema_name, path, field_name, description", list(fields()))
def test_every_field_is_described_and_on_the_reference_page(schema_name, path, field_name, description):
    assert description.strip(), "the schema gives no description: editors and the site show an empty cell"
    table = TABLES[(TITLES[schema_name], path)]
    cell = " ".join(description.split()).replace("|", "\\|")
    row = next((line for line in table.splitlines() if line.startswith(f"| `{field_name}` |")), None)
    assert row is not None, f"no row for {field_name} in the table of {path or 'the file'}"
    assert row.endswith(f"| {cell} |")


@pytest.mark.parametrize("schema_name", NAMES)
def test_every_object_table_has_an_introduction(schema_name):
    schema = load_schema(schema_name)
    for path, node in objects(schema, schema):
        assert node.get("description", "").strip(), f"object {path or '(top)'} has no description"


@pytest.mark.parametrize("schema_name", [*NAMES, "label-schema"])
def test_schemas_are_valid_draft_2020_12(schema_name):
    schema = load_schema(schema_name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_init_points_editors_at_the_schemas_it_copies(tmp_path):
    root = tmp_path / "project"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    for path in [*root.joinpath("taxonomies").rglob("*.yaml")]:
        first = path.read_text("utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema_path = (path.parent / first.split("=", 1)[1]).resolve()
        schema = yaml.safe_load(schema_path.read_text("utf-8"))
        document = yaml.safe_load(path.read_text("utf-8"))
        assert not list(Draft202012Validator(schema).iter_errors(document)), path
