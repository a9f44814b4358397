"""The model: plain immutable data every stage after loading reads. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from .diagnostics import Location

_EMPTY: Mapping = MappingProxyType({})

# Task kinds and what they mean for tools.
TASK_KINDS = ("single-label", "multi-label", "spans", "boxes", "polygons")
DATA_KINDS = ("text", "image", "audio", "document")


@dataclass(frozen=True)
class Sourced:
    """Mixin: where the object was defined, and where each of its fields was.

    ``field_positions`` maps a field path such as ``"parent"``, ``"parent/1"`` or
    ``"do_not_use_when/0/instead"`` to ``(line, column)`` in ``source``. An object loaded
    without positions has, for both, a loading.positions.Deferred that finds them on first use.
    """

    source: str = field(default="", kw_only=True, compare=False)
    position: tuple[int, int] = field(default=(0, 0), kw_only=True, compare=False)
    field_positions: Mapping[str, tuple[int, int]] = field(default_factory=lambda: _EMPTY, kw_only=True, compare=False, repr=False)

    @property
    def location(self) -> Location:
        position = self.position
        if type(position) is not tuple:  # a Deferred (loading/positions.py): found in the text when asked
            position = position.resolve()
        return Location(self.source, *position)

    def where(self, *path) -> Location:
        """Location of a field (``where("parent", 1)``), falling back to the object itself."""
        parts = [str(p) for p in path]
        while parts:
            pos = self.field_positions.get("/".join(parts))
            if pos is not None:
                return Location(self.source, *pos)
            parts.pop()
        return self.location


@dataclass(frozen=True)
class Rule(Sourced):
    """A "do not use when" rule, optionally naming the label to use instead."""

    text: str
    instead: str | None = None


@dataclass(frozen=True)
class Example(Sourced):
    text: str
    note: str = ""


@dataclass(frozen=True)
class NearMiss(Sourced):
    """An item that looks like the label but is not: the right answer and why."""

    text: str
    why: str
    use: str | None = None


@dataclass(frozen=True)
class Attribute:
    name: str
    type: str
    values: tuple[str, ...] = ()
    default: str | int | float | bool | None = None
    description: str = ""


@dataclass(frozen=True)
class Label(Sourced):
    id: str
    name: str
    taxonomy: str
    definition: str = ""
    parents: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    use_when: tuple[str, ...] = ()
    do_not_use_when: tuple[Rule, ...] = ()
    related: tuple[str, ...] = ()
    confusable_with: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    near_misses: tuple[NearMiss, ...] = ()
    color: str | None = None
    hotkey: str | None = None
    status: str = "active"
    replaced_by: tuple[str, ...] = ()
    renamed_from: tuple[str, ...] = ()
    sensitivity: str | None = None
    attributes: tuple[Attribute, ...] = ()

    @property
    def deprecated(self) -> bool:
        return self.status == "deprecated"


@dataclass(frozen=True)
class Task:
    kind: str = "single-label"
    data: str = "text"
    leaf_only: bool = True
    instructions: str = ""

    @property
    def multi(self) -> bool:
        """Several labels per item (multi-label classification, or several spans/shapes)."""
        return self.kind != "single-label"

    @property
    def classification(self) -> bool:
        return self.kind in ("single-label", "multi-label")


@dataclass(frozen=True)
class ChangelogEntry:
    version: str
    changes: tuple[str, ...]
    date: str | None = None


@dataclass(frozen=True)
class Taxonomy(Sourced):
    id: str
    title: str
    version: str
    task: Task
    description: str = ""
    labels: tuple[Label, ...] = ()
    changelog: tuple[ChangelogEntry, ...] = ()
    files: tuple[str, ...] = ()
    _index: Mapping[str, Label] = field(default_factory=lambda: _EMPTY, init=False, compare=False, repr=False)
    _children: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, Label] = {}
        children: dict[str, list[str]] = {}
        for label in self.labels:
            index.setdefault(label.id, label)  # first definition wins; duplicates are diagnosed
            for parent in label.parents:
                children.setdefault(parent, []).append(label.id)
        object.__setattr__(self, "_index", MappingProxyType(index))
        object.__setattr__(self, "_children", MappingProxyType({k: tuple(v) for k, v in children.items()}))

    def get(self, label_id: str) -> Label | None:
        return self._index.get(label_id)

    def __contains__(self, label_id: object) -> bool:
        return label_id in self._index

    @property
    def label_ids(self) -> tuple[str, ...]:
        return tuple(self._index)

    def children(self, label_id: str) -> tuple[str, ...]:
        """Direct children, in document order."""
        return tuple(c for c in self._children.get(label_id, ()) if c in self._index)

    def is_leaf(self, label_id: str) -> bool:
        return not self._children.get(label_id)

    @property
    def roots(self) -> tuple[Label, ...]:
        return tuple(label for label in self._index.values() if not label.parents)

    def selectable(self) -> tuple[Label, ...]:
        """Labels an annotator may choose: active, and leaves when the task is leaf-only."""
        return tuple(
            label
            for label in self._index.values()
            if not label.deprecated and (not self.task.leaf_only or self.is_leaf(label.id))
        )

    def ancestors(self, label_id: str) -> tuple[str, ...]:
        """All ancestors (nearest first, breadth-first), cycle-safe."""
        seen: list[str] = []
        frontier = list(self._index[label_id].parents) if label_id in self._index else []
        while frontier:
            nxt: list[str] = []
            for pid in frontier:
                if pid in seen or pid == label_id or pid not in self._index:
                    continue
                seen.append(pid)
                nxt.extend(self._index[pid].parents)
            frontier = nxt
        return tuple(seen)

    def path(self, label_id: str) -> tuple[str, ...]:
        """Ids from a root down to the label along first parents (cycle-safe)."""
        chain = [label_id]
        label = self._index.get(label_id)
        while label is not None and label.parents:
            pid = label.parents[0]
            if pid in chain or pid not in self._index:
                break
            chain.append(pid)
            label = self._index[pid]
        return tuple(reversed(chain))


@dataclass(frozen=True)
class GoldenItem(Sourced):
    id: str
    taxonomy: str
    expected: tuple[str, ...]
    rationale: str
    text: str | None = None
    file: str | None = None
    url: str | None = None
    difficulty: str | None = None

    @property
    def input_display(self) -> str:
        return self.text or self.file or self.url or ""


@dataclass(frozen=True)
class LabelLink(Sourced):
    """A ``label:ID`` or ``label:TAXONOMY/ID`` link in a guideline body."""

    target: str
    taxonomy: str | None
    label: str


@dataclass(frozen=True)
class Guideline(Sourced):
    title: str
    body: str
    body_line: int = 1
    taxonomy: str | None = None
    labels: tuple[str, ...] = ()
    order: int = 0
    links: tuple[LabelLink, ...] = ()

    @property
    def slug(self) -> str:
        stem = self.source.rsplit("/", 1)[-1]
        return stem[:-3] if stem.endswith(".md") else stem


@dataclass(frozen=True)
class RuleSetting:
    enabled: bool = True
    severity: str | None = None


@dataclass(frozen=True)
class Config:
    """The ``taxgen`` block of mkdocs.yml; defaults work with no settings at all."""

    taxonomies_dir: str = "taxonomies"
    guidelines_dir: str = "guidelines"
    build_dir: str = "build"
    golden_items: str = "show"  # "show" on the site, or "hide" (honeypot use)
    targets: tuple[str, ...] = ()  # empty: every target
    rules: Mapping[str, RuleSetting] = field(default_factory=lambda: _EMPTY)
    score_report: str | None = None
    label_pages_threshold: int = 2000
    mermaid_max_labels: int = 60

    @property
    def schemas_dir(self) -> str:
        return f"{self.build_dir}/schemas"


@dataclass(frozen=True)
class Project:
    root: str
    config: Config
    taxonomies: tuple[Taxonomy, ...] = ()
    golden_items: tuple[GoldenItem, ...] = ()
    guidelines: tuple[Guideline, ...] = ()
    files: tuple[str, ...] = ()  # every file read, relative to root

    def taxonomy(self, taxonomy_id: str) -> Taxonomy | None:
        for taxonomy in self.taxonomies:
            if taxonomy.id == taxonomy_id:
                return taxonomy
        return None

    def golden_for(self, taxonomy_id: str) -> tuple[GoldenItem, ...]:
        return tuple(item for item in self.golden_items if item.taxonomy == taxonomy_id)

    @property
    def label_count(self) -> int:
        return sum(len(t.label_ids) for t in self.taxonomies)
