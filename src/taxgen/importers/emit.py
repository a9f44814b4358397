"""Imported taxonomy -> taxgen YAML: the schema line first, keys in the format's order,
every scalar quoted where YAML would read it as something else (``NO``, ``yes``, ``1``)."""

from __future__ import annotations

from dataclasses import replace

import yaml

from ..diagnostics import Diagnostic, Location
from ..loading.yaml_source import resolve_plain
from ..model import Label, Taxonomy
from .base import CODES

SCHEMA_ID = "https://taxgen.dev/schemas/taxonomy.schema.json"
PLACEHOLDER_PREFIX = "TODO:"


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter: 40x faster, same text
    """PyYAML resolves YAML 1.1 scalars (yes/no/on/off, sexagesimals): quoting what it would
    misread, plus what taxgen's YAML 1.2 reader would (1e3), keeps every string a string."""

    def ignore_aliases(self, data) -> bool:
        return True  # never &anchors / *aliases: each value written out where it belongs


def _represent_str(dumper: yaml.SafeDumper, value: str):
    if "\n" in value and not any(line != line.rstrip() for line in value.split("\n")):
        style = "|"
    elif not isinstance(resolve_plain(value), str):
        style = "'"  # taxgen's YAML 1.2 reader would take it for a number, bool or null (e.g. 1e3)
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def taxonomy_document(taxonomy: Taxonomy) -> dict:
    """The taxonomy as the plain data of a taxonomy file, keys in the schema's order."""
    task: dict = {"kind": taxonomy.task.kind, "data": taxonomy.task.data}
    if not taxonomy.task.leaf_only:
        task["leaf_only"] = False
    if taxonomy.task.instructions:
        task["instructions"] = taxonomy.task.instructions
    header: dict = {"id": taxonomy.id, "title": taxonomy.title, "version": taxonomy.version}
    if taxonomy.description:
        header["description"] = taxonomy.description
    header["task"] = task
    return {"taxonomy": header, "labels": [_label_document(label) for label in taxonomy.labels]}


def _one_or_list(values: tuple[str, ...]):
    return values[0] if len(values) == 1 else list(values)


def _label_document(label: Label) -> dict:
    out: dict = {"id": label.id, "name": label.name}
    if label.definition:
        out["definition"] = label.definition
    if label.parents:
        out["parent"] = _one_or_list(label.parents)
    for key in ("synonyms", "use_when", "related"):
        if getattr(label, key):
            out[key] = list(getattr(label, key))
    if label.examples:
        out["examples"] = [example.text for example in label.examples]
    if label.color:
        out["color"] = label.color
    if label.hotkey:
        out["hotkey"] = label.hotkey
    if label.status != "active":
        out["status"] = label.status
    if label.replaced_by:
        out["replaced_by"] = _one_or_list(label.replaced_by)
    if label.attributes:
        out["attributes"] = [_attribute_document(a) for a in label.attributes]
    return out


def _attribute_document(attribute) -> dict:
    out: dict = {"name": attribute.name, "type": attribute.type}
    if attribute.values:
        out["values"] = list(attribute.values)
    if attribute.default is not None:
        out["default"] = attribute.default
    if attribute.description:
        out["description"] = attribute.description
    return out


def taxonomy_yaml(taxonomy: Taxonomy, schema_uri: str = SCHEMA_ID, origin: str = "") -> str:
    """The text of ``taxonomies/<id>/taxonomy.yaml``; byte-identical for the same taxonomy."""
    head = f"# yaml-language-server: $schema={schema_uri}\n"
    if origin:
        head += f"# {origin}\n"
    body = yaml.dump(taxonomy_document(taxonomy), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100, indent=2)
    return head + body


def with_placeholder_definitions(taxonomy: Taxonomy, tool: str, output_path: str) -> tuple[Taxonomy, list[Diagnostic]]:
    """Active labels without a definition get a TODO one, so the project passes `taxgen check`
    at once while the missing text stays easy to find (`grep -rn TODO: taxonomies/`)."""
    missing = [label for label in taxonomy.labels if not label.definition and label.status == "active"]
    if not missing:
        return taxonomy, []
    labels = tuple(
        replace(label, definition=f'{PLACEHOLDER_PREFIX} define "{label.name}" (the {tool} source has no definition).')
        if label in missing else label
        for label in taxonomy.labels
    )
    names = ", ".join(label.id for label in missing[:5]) + (", …" if len(missing) > 5 else "")
    diagnostic = Diagnostic("TI008", CODES["TI008"][1],
                            f"{len(missing)} of {len(taxonomy.labels)} labels have no definition in the source ({names}); "
                            f"wrote '{PLACEHOLDER_PREFIX} define …' placeholders",
                            Location(output_path), "write a one- or two-sentence definition for each before annotators use them")
    return replace(taxonomy, labels=labels), [diagnostic]
