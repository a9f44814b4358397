"""The importer registry: every format `taxgen import` reads, in one table.

To add a format: write a module in this folder with FORMAT, TITLE, SUFFIXES and
``read(data: bytes, options: ImportOptions) -> ImportResult`` (pure: bytes in, taxonomies and
diagnostics out, never raising for bad input); list it below.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import ModuleType
from typing import Callable

from . import argilla, csv_table, cvat, doccano, label_studio, labelbox, skos
from .base import CODES, ImportOptions, ImportResult, Reporter


@dataclass(frozen=True)
class Importer:
    format: str
    title: str  # the tool's name, for messages
    suffixes: tuple[str, ...]
    read: Callable[[bytes, ImportOptions], ImportResult]
    summary: str


def _importer(module: ModuleType) -> Importer:
    summary = (module.__doc__ or "").strip().split("\n")[0]
    return Importer(module.FORMAT, module.TITLE, module.SUFFIXES, module.read, summary)


IMPORTERS: dict[str, Importer] = {
    importer.format: importer for importer in map(_importer, (label_studio, labelbox, cvat, argilla, doccano, skos, csv_table))
}


def import_data(fmt: str, data: bytes, options: ImportOptions) -> ImportResult:
    """Run one importer; taxonomy ids that collide inside one file get a -2, -3… suffix."""
    result = IMPORTERS[fmt].read(data, options)
    seen: set[str] = set()
    taxonomies = []
    for taxonomy in result.taxonomies:
        unique, n = taxonomy.id, 2
        while unique in seen:
            unique, n = f"{taxonomy.id[:60]}-{n}", n + 1
        seen.add(unique)
        if unique != taxonomy.id:
            labels = tuple(replace(label, taxonomy=unique) for label in taxonomy.labels)
            taxonomy = replace(taxonomy, id=unique, labels=labels)
        taxonomies.append(taxonomy)
    return ImportResult(tuple(taxonomies), result.diagnostics)


__all__ = ["CODES", "IMPORTERS", "ImportOptions", "ImportResult", "Importer", "Reporter", "import_data"]
