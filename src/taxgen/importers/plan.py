"""From an import result to the files to write: pure, so the CLI only reads and writes."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from .base import ImportResult
from .emit import SCHEMA_ID, taxonomy_yaml, with_placeholder_definitions


@dataclass(frozen=True)
class ImportPlan:
    files: dict[str, str] = field(default_factory=dict)  # path relative to the output folder -> text
    labels: dict[str, int] = field(default_factory=dict)  # same path -> label count
    diagnostics: tuple[Diagnostic, ...] = ()


def plan_files(result: ImportResult, *, fmt: str, tool: str, source_name: str, out_display: str,
               local_schema: str | None = None, placeholders: bool = True) -> ImportPlan:
    """``taxonomies/<id>/taxonomy.yaml`` text for every imported taxonomy.

    ``local_schema``: the project's copy of the schema, relative to the output folder (as
    `taxgen init` writes it); the published schema URL otherwise. ``out_display`` prefixes
    paths in diagnostics.
    """
    files: dict[str, str] = {}
    labels: dict[str, int] = {}
    diagnostics: list[Diagnostic] = []
    for taxonomy in result.taxonomies:
        rel = f"{taxonomy.id}/taxonomy.yaml"
        if placeholders:
            taxonomy, found = with_placeholder_definitions(taxonomy, tool, posixpath.join(out_display, rel))
            diagnostics += found
        schema = posixpath.join("..", local_schema) if local_schema else SCHEMA_ID
        files[rel] = taxonomy_yaml(taxonomy, schema, f"Imported from {source_name} by `taxgen import {fmt}`.")
        labels[rel] = len(taxonomy.labels)
    return ImportPlan(files, labels, tuple(diagnostics))
