"""The compile targets, in one table.

Each target is a module in this folder with two pure functions:

* ``render(taxonomy) -> str``: the file's text (deterministic: document order, no timestamps);
* ``check(taxonomy) -> list[Diagnostic]``: why the tool cannot take this taxonomy (TG6xx),
  empty when it can. A target with refusals is not rendered for that taxonomy.

To add a target: write the module, add one line below.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from . import annotation, argilla, canonical, csv_table, cvat, doccano, label_studio, labelbox, prodigy, sagemaker, \
    skos, spacy
from .common import CODES


@dataclass(frozen=True)
class Target:
    name: str
    file: str
    description: str
    module: ModuleType

    def check(self, taxonomy) -> list:
        return list(self.module.check(taxonomy))

    def render(self, taxonomy) -> bytes:
        return self.module.render(taxonomy).encode("utf-8")


TARGETS: dict[str, Target] = {target.name: target for target in (
    Target("canonical", "label-schema.json", "taxgen's JSON label schema: every label, its hierarchy and hints",
           canonical),
    Target("annotation", "annotation.schema.json", "JSON Schema (2020-12) validating one annotation record",
           annotation),
    Target("label-studio", "label-studio.xml", "Label Studio labeling config", label_studio),
    Target("labelbox", "labelbox.json", "Labelbox ontology", labelbox),
    Target("cvat", "cvat.json", "CVAT labels (images)", cvat),
    Target("argilla", "argilla.json", "Argilla 2.x dataset settings", argilla),
    Target("doccano", "doccano.json", "doccano label types", doccano),
    Target("sagemaker", "sagemaker.json", "SageMaker Ground Truth label category configuration", sagemaker),
    Target("prodigy", "prodigy.txt", "Prodigy labels, one per line (--label)", prodigy),
    Target("spacy", "spacy.json", "spaCy label list for textcat / spancat / ner", spacy),
    Target("skos", "skos.ttl", "SKOS concept scheme (Turtle)", skos),
    Target("csv", "labels.csv", "one row per label, for spreadsheets", csv_table),
)}

__all__ = ["CODES", "TARGETS", "Target"]
