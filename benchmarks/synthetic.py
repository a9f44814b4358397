"""Synthetic taxgen projects of any size, for the benchmarks.

    from synthetic import write_synthetic_project   # benchmarks/ is on sys.path when a script there runs
    project = write_synthetic_project(folder, labels=100_000, files=10, seed=0)

Writes mkdocs.yml, a taxonomy split over ``files`` files (a hierarchy five or six levels deep at
100k labels; every label with a definition, use / do-not-use rules, two synonyms, three examples,
a related label; leaves with a near-miss), golden items for about half of the leaves, and one
guideline. The project passes `taxgen check --strict`: the leaves without a golden item are
reported at `info` level (mkdocs.yml sets TG403 to info), so that rule still runs. Same
arguments, same bytes.

``shape="lean"`` writes the label shape of issue 8's measurements instead: id, name, parent,
definition, two synonyms and three examples per label (about 350 bytes, so 100k labels fit in
one file of about 35 MB), the taxonomy files and mkdocs.yml only (no golden items, so
mkdocs.yml turns TG403 off, and no guideline).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

TAXONOMY_ID = "synthetic"
ROOTS = 8
FANOUT = 10
MAX_FILE_LABELS = 40_000  # about 25 MB of YAML: under the loader's 64 MiB file limit
MAX_LEAN_FILE_LABELS = 150_000  # the lean shape: about 52 MB
SHAPES = ("full", "lean")

ADJECTIVES = ("quiet", "urgent", "formal", "casual", "recurring", "partial", "disputed", "verified", "late", "early",
              "internal", "external", "minor", "major", "regional", "seasonal")
NOUNS = ("billing", "delivery", "account", "refund", "invoice", "warranty", "contract", "shipment", "complaint",
         "request", "renewal", "payment", "order", "booking", "claim", "notice")
VERBS = ("asks about", "reports", "disputes", "confirms", "cancels", "praises", "questions", "escalates")


@dataclass(frozen=True)
class SyntheticProject:
    root: Path
    taxonomy_id: str
    taxonomy_files: tuple[Path, ...]
    golden_file: Path | None  # None for the lean shape
    label_ids: tuple[str, ...]
    leaf_ids: tuple[str, ...]
    golden_ids: tuple[str, ...]


def _parent(index: int) -> int | None:
    return None if index < ROOTS else (index - ROOTS) // FANOUT


def _label_id(index: int) -> str:
    return f"topic-{index:06d}"


def _a(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def _words(index: int) -> tuple[str, str]:
    return ADJECTIVES[index % len(ADJECTIVES)], NOUNS[(index // len(ADJECTIVES)) % len(NOUNS)]


def _head(index: int) -> list[str]:
    """The id, name and parent lines of a label: the same in both shapes."""
    adjective, noun = _words(index)
    lines = [f"  - id: {_label_id(index)}", f"    name: {adjective.capitalize()} {noun} {index}"]
    parent = _parent(index)
    if parent is not None:
        lines.append(f"    parent: {_label_id(parent)}")
    return lines


def _label_yaml(index: int, count: int, rng: random.Random) -> str:
    adjective, noun = _words(index)
    parent = _parent(index)
    has_children = index * FANOUT + ROOTS < count
    sibling = index + 1 if index + 1 < count and _parent(index + 1) == parent else index - 1
    lines = _head(index)
    lines += [
        f"    definition: The message {rng.choice(VERBS)} {_a(adjective)} {noun} matter, case {index} of the set.",
        f"    synonyms: [{noun} case {index}, {adjective} {noun} topic {index}]",
        "    use_when:",
        f"      - The main point of the message is {_a(adjective)} {noun}.",
        "    do_not_use_when:",
        f"      - when: The {noun} is only mentioned in passing.",
    ]
    if sibling >= 0:
        lines.append(f"        instead: {_label_id(sibling)}")
        lines.append(f"    related: [{_label_id(sibling)}]")
    lines.append("    examples:")
    for verb in rng.sample(VERBS, 3):
        lines.append(f"      - The customer {verb} the {adjective} {noun} from case {index}.")
    if not has_children and sibling >= 0:
        lines += [
            "    near_misses:",
            f"      - text: A passing remark about some {noun}.",
            f"        use: {_label_id(sibling)}",
            "        why: The message is about something else.",
        ]
    if parent is None:
        lines.append(f"    color: \"#{rng.randrange(0x1000000):06x}\"")
    return "\n".join(lines) + "\n"


def _lean_label_yaml(index: int, rng: random.Random) -> str:
    adjective, noun = _words(index)
    lines = _head(index)
    lines += [
        f"    definition: A message that {rng.choice(VERBS)} {_a(adjective)} {noun}, case {index}.",
        f"    synonyms: [{noun} {index}, {adjective} {noun} {index}]",
        "    examples:",
    ]
    lines += [f"      - {verb.capitalize()} the {noun} of case {index}." for verb in rng.sample(VERBS, 3)]
    return "\n".join(lines) + "\n"


def _header(count: int) -> str:
    return (
        "# yaml-language-server: $schema=https://taxgen.dev/schemas/taxonomy.schema.json\n"
        "taxonomy:\n"
        f"  id: {TAXONOMY_ID}\n"
        f"  title: Synthetic support topics ({count:,} labels)\n"
        "  version: 1.0.0\n"
        "  description: A generated taxonomy for benchmarks.\n"
        "  task:\n"
        "    kind: single-label\n"
        "    data: text\n"
        "labels:\n"
    )


MKDOCS = """\
site_name: Synthetic taxonomy
theme:
  name: material
plugins:
  - search
  - taxgen:
      rules:
        TG403: info  # about half of the leaves have a golden item
"""
LEAN_MKDOCS = MKDOCS.replace("TG403: info  # about half of the leaves have a golden item",
                             "TG403: off  # the lean shape has no golden items")


def write_synthetic_project(folder: Path | str, labels: int, files: int = 1, seed: int = 0,
                            shape: str = "full") -> SyntheticProject:
    """Write a project with ``labels`` labels split over ``files`` taxonomy files into ``folder``."""
    if labels < 1 or files < 1:
        raise ValueError("labels and files must be at least 1")
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {', '.join(SHAPES)}")
    lean = shape == "lean"
    if labels / files > (MAX_LEAN_FILE_LABELS if lean else MAX_FILE_LABELS):
        raise ValueError(f"{labels:,} labels in {files} file(s) exceed the 64 MiB file limit; use more files")
    root = Path(folder)
    rng = random.Random(seed)
    taxonomy_dir = root / "taxonomies" / TAXONOMY_ID
    taxonomy_dir.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(LEAN_MKDOCS if lean else MKDOCS)

    bounds = [labels * part // files for part in range(files + 1)]
    written = []
    for part in range(files):
        name = "taxonomy.yaml" if part == 0 else f"labels-{part:03d}.yaml"
        head = _header(labels) if part == 0 else f"taxonomy: {TAXONOMY_ID}\nlabels:\n"
        indexes = range(bounds[part], bounds[part + 1])
        body = "".join(_lean_label_yaml(index, rng) if lean else _label_yaml(index, labels, rng) for index in indexes)
        path = taxonomy_dir / name
        path.write_text(head + body)
        written.append(path)

    leaves = [index for index in range(labels) if index * FANOUT + ROOTS >= labels]
    if lean:
        return SyntheticProject(
            root=root, taxonomy_id=TAXONOMY_ID, taxonomy_files=tuple(written), golden_file=None,
            label_ids=tuple(_label_id(i) for i in range(labels)), leaf_ids=tuple(_label_id(i) for i in leaves),
            golden_ids=())
    (root / "guidelines").mkdir(parents=True, exist_ok=True)
    golden_leaves = [index for index in leaves if rng.random() < 0.5] or leaves[:1]
    golden = [f"taxonomy: {TAXONOMY_ID}\ngolden_items:\n"]
    for number, index in enumerate(golden_leaves, start=1):
        golden.append(
            f"  - id: gold-{number:06d}\n"
            f"    input: The customer {VERBS[number % len(VERBS)]} case {index}.\n"
            f"    expected: {_label_id(index)}\n"
            f"    rationale: Case {index} is what the message is about.\n")
    golden_file = taxonomy_dir / "golden.yaml"
    golden_file.write_text("".join(golden))

    linked = " and ".join(f"[{_label_id(i)}](label:{_label_id(i)})" for i in range(min(3, labels)))
    (root / "guidelines" / "overview.md").write_text(
        f"---\ntitle: Overview\ntaxonomy: {TAXONOMY_ID}\n---\n# Overview\n\nStart with {linked}.\n")
    return SyntheticProject(
        root=root, taxonomy_id=TAXONOMY_ID, taxonomy_files=tuple(written), golden_file=golden_file,
        label_ids=tuple(_label_id(i) for i in range(labels)), leaf_ids=tuple(_label_id(i) for i in leaves),
        golden_ids=tuple(f"gold-{n:06d}" for n in range(1, len(golden_leaves) + 1)))
