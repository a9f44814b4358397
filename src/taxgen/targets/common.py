"""Helpers every target shares: which labels a tool offers, names a tool can tell apart, refusals.

Tools offer annotators the *selectable* labels (active; leaves only when the task is
leaf-only). Tools that show a hierarchy get the *visible tree*: every active label plus any
deprecated one that still has an active label below it, as a navigation node.
"""

from __future__ import annotations

import functools
import hashlib
import json
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

from ..diagnostics import Diagnostic, Location, Severity
from ..model import Label, Taxonomy

# Refusal codes. A target's check() returns them with these severities; compile_project
# raises them to errors when the target was asked for by name.
NOT_APPLICABLE = "TG601"
NAME_TOO_LONG = "TG602"
DUPLICATE_NAME = "TG603"
TOO_MANY_LABELS = "TG604"
TOO_FEW_LABELS = "TG605"
UNKNOWN_TARGET = "TG606"
HIERARCHY_TOO_DEEP = "TG607"

CODES = {
    NOT_APPLICABLE: ("target-not-applicable", "The tool cannot express this kind of task (e.g. CVAT and text)."),
    NAME_TOO_LONG: ("name-too-long", "A label name is longer than the tool accepts."),
    DUPLICATE_NAME: ("duplicate-name", "Two labels would show the same name in the tool, even with their paths."),
    TOO_MANY_LABELS: ("too-many-labels", "The taxonomy offers more labels than the tool accepts in one question."),
    TOO_FEW_LABELS: ("too-few-labels", "The taxonomy offers fewer labels than the tool needs."),
    UNKNOWN_TARGET: ("unknown-target", "The `targets` option of mkdocs.yml names a target taxgen does not know."),
    HIERARCHY_TOO_DEEP: ("hierarchy-too-deep", "The hierarchy is too deep, or a DAG expands to too many nodes, "
                                               "to nest in the tool's file."),
}

_WHEN_REFUSED = ("A warning: that one file is left out, the others are written. It is an error (exit 1, nothing "
                 "written) when the target was asked for by name, with --target or the `targets` option.")

SEVERITIES = {NOT_APPLICABLE: Severity.INFO, UNKNOWN_TARGET: Severity.ERROR}  # the others: Severity.WARNING

# What `taxgen rules TG6xx` explains: when the code is reported, a bad and a good example.
CODE_DOCS = {
    NOT_APPLICABLE: "The tool does not do this kind of task, so its file is not made for this taxonomy: CVAT "
                    "labels images and video, not text; Argilla has no question for boxes or polygons; spaCy "
                    "labels text only. A note (info), not a problem; an error only when a target asked for by name "
                    "fits no taxonomy of the project.\n\nBad: `taxgen compile --target cvat` in a project whose "
                    "taxonomies all label text.\n\nGood: `taxgen compile --target cvat` in a project with a "
                    "`task: {kind: boxes, data: image}` taxonomy; the text taxonomies are skipped with this note.",
    NAME_TOO_LONG: "A label's name, as the tool would show it (its path of names when two labels share a name), "
                   "is longer than the tool stores: CVAT 64 characters, doccano 100, Argilla 500. taxgen does not "
                   "cut names, as two cut names may become equal. " + _WHEN_REFUSED + "\n\nBad: a 120-character "
                   "name, compiled for CVAT.\n\nGood: a short `name`, with the long wording in `definition`.",
    DUPLICATE_NAME: "Tools that list labels flat (Argilla, doccano, SageMaker, CVAT) tell them apart by the name "
                    "they show. taxgen shows the path of names (\"Misc / Other\") for labels that share a name; this code means "
                    "two labels are shown the same even so. " + _WHEN_REFUSED + "\n\nBad: a label named "
                    "'Misc / Other' at the root next to 'Other' under 'Misc'.\n\nGood: rename one of them.",
    TOO_MANY_LABELS: "The tool caps the labels of one question or job: Argilla 500 options, SageMaker Ground "
                     "Truth 10 labels for bounding boxes. " + _WHEN_REFUSED + "\n\nBad: a 600-leaf taxonomy "
                     "compiled for Argilla.\n\nGood: split it into one taxonomy per labeling step (e.g. first the "
                     "top level, then each branch).",
    TOO_FEW_LABELS: "The tool needs more choices than the taxonomy offers once deprecated labels (and parents, in "
                    "a leaf-only task) are left out: Argilla label questions and SageMaker classification need 2, "
                    "the others 1. "
                    + _WHEN_REFUSED + "\n\nBad: a single-label taxonomy with one active leaf.\n\nGood: add the "
                    "labels annotators choose between, or check which are deprecated.",
    UNKNOWN_TARGET: "Usually a typo in the `targets` list of the taxgen block in mkdocs.yml, or a target of a "
                    "newer taxgen. An error: nothing is written.\n\nBad:\n\n```yaml\nplugins:\n  - taxgen:\n      targets: "
                    "[labelstudio]\n```\n\nGood:\n\n```yaml\nplugins:\n  - taxgen:\n      targets: "
                    "[label-studio]\n```\n\n`taxgen compile --help` lists the targets.",
    HIERARCHY_TOO_DEEP: "Tools that nest the hierarchy (Label Studio's Taxonomy, Labelbox's nested options) get "
                        "one nested entry per path: a tree deeper than 50 levels, or a DAG whose shared sub-trees "
                        "copied under each parent grow past 10 times the labels, is refused rather than written "
                        "as a file the tool chokes on. " + _WHEN_REFUSED + "\n\nBad: a chain of 52 parent links."
                        "\n\nGood: a flatter hierarchy; flat targets (Argilla, CSV, SKOS) still compile.",
}

MAX_TREE_DEPTH = 50
MAX_TREE_EXPANSION = 10  # a DAG copied under each parent may grow to this many times its labels

PATH_SEPARATOR = " / "

# Colors for labels that have none, for tools that need one: a fixed palette, picked by id.
PALETTE = (
    "#1e88e5", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00acc1", "#fdd835", "#6d4c41",
    "#3949ab", "#d81b60", "#7cb342", "#f4511e", "#5e35b1", "#00897b", "#c0ca33", "#546e7a",
)


def per_taxonomy(function):
    """Keep the result for the last taxonomy (by identity): one compile asks every target, and
    each target several times, for the same views of the same taxonomy."""
    last: list = [None, None]

    @functools.wraps(function)
    def cached(taxonomy: Taxonomy):
        if last[0] is not taxonomy:
            last[:] = [taxonomy, function(taxonomy)]
        return last[1]

    return cached


@per_taxonomy
def labels_of(taxonomy: Taxonomy) -> tuple[Label, ...]:
    """Each label once, in document order (the first definition of a duplicated id)."""
    return tuple(taxonomy.get(label_id) for label_id in taxonomy.label_ids)


@per_taxonomy
def selectable(taxonomy: Taxonomy) -> tuple[Label, ...]:
    return taxonomy.selectable()


@per_taxonomy
def children_of(taxonomy: Taxonomy) -> Mapping[str, tuple[str, ...]]:
    """Direct children of every label that has any, once each, in document order."""
    children: dict[str, list[str]] = {}
    for label in labels_of(taxonomy):
        for parent in dict.fromkeys(label.parents):
            if parent in taxonomy:
                children.setdefault(parent, []).append(label.id)
    return MappingProxyType({parent: tuple(ids) for parent, ids in children.items()})


@per_taxonomy
def visible_ids(taxonomy: Taxonomy) -> frozenset[str]:
    """Active labels and the ancestors that lead to them."""
    visible: set[str] = set()
    for label in labels_of(taxonomy):
        if not label.deprecated and label.id not in visible:
            visible.add(label.id)
            visible.update(taxonomy.ancestors(label.id))
    return frozenset(visible)


def tree_roots(taxonomy: Taxonomy, visible: frozenset[str]) -> list[Label]:
    """Visible labels without a known parent, in document order."""
    return [label for label in labels_of(taxonomy)
            if label.id in visible and not any(p in taxonomy for p in label.parents)]


def tree_children(taxonomy: Taxonomy, label_id: str, visible: frozenset[str]) -> list[Label]:
    return [taxonomy.get(child) for child in children_of(taxonomy).get(label_id, ()) if child in visible]


@per_taxonomy
def tree_shape(taxonomy: Taxonomy) -> tuple[int, int]:
    """(depth, node count) of the visible tree with DAG labels copied under each parent.

    Computed bottom-up once per label, so a pathological DAG cannot blow up the computation.
    """
    visible = visible_ids(taxonomy)
    size: dict[str, int] = {}
    depth: dict[str, int] = {}
    for root in tree_roots(taxonomy, visible):
        stack = [(root.id, False)]
        on_path: set[str] = set()
        while stack:
            label_id, expanded = stack.pop()
            if label_id in size:
                continue
            children = [c.id for c in tree_children(taxonomy, label_id, visible) if c.id not in on_path]
            if not expanded:
                on_path.add(label_id)
                stack.append((label_id, True))
                stack.extend((c, False) for c in children if c not in size)
                continue
            on_path.discard(label_id)
            size[label_id] = 1 + sum(size.get(c, 0) for c in children)
            depth[label_id] = 1 + max((depth.get(c, 0) for c in children), default=0)
    roots = tree_roots(taxonomy, visible)
    return max((depth[r.id] for r in roots), default=0), sum(size[r.id] for r in roots)


def check_tree(taxonomy: Taxonomy, tool: str) -> list[Diagnostic]:
    """Refuse a nested target when the tree is too deep or a DAG copies too much."""
    visible = visible_ids(taxonomy)
    depth, nodes = tree_shape(taxonomy)
    if depth > MAX_TREE_DEPTH:
        return [refusal(HIERARCHY_TOO_DEEP, taxonomy.location,
                        f"{tool}: the hierarchy of '{taxonomy.id}' is {depth} levels deep; the nested file "
                        f"is limited to {MAX_TREE_DEPTH}", "flatten the hierarchy, or compile flat targets only")]
    if nodes > MAX_TREE_EXPANSION * max(len(visible), 1):
        return [refusal(HIERARCHY_TOO_DEEP, taxonomy.location,
                        f"{tool}: labels with several parents are copied under each; '{taxonomy.id}' would grow "
                        f"from {len(visible)} to {nodes} nodes", "give shared sub-trees a single parent")]
    return []


@per_taxonomy
def shown_names(taxonomy: Taxonomy) -> Mapping[str, str]:
    """Display names of the selectable labels, as flat tools show them."""
    return MappingProxyType(display_names(taxonomy, selectable(taxonomy)))


def display_names(taxonomy: Taxonomy, labels: Sequence[Label]) -> dict[str, str]:
    """Name each label as the tool shows it: its own name, or its path of names when two share it."""
    counts: dict[str, int] = {}
    for label in labels:
        counts[label.name] = counts.get(label.name, 0) + 1
    names = {}
    for label in labels:
        if counts[label.name] > 1:
            names[label.id] = PATH_SEPARATOR.join(
                taxonomy.get(i).name for i in taxonomy.path(label.id) if taxonomy.get(i) is not None)
        else:
            names[label.id] = label.name
    return names


def check_names(taxonomy: Taxonomy, labels: Sequence[Label], names: Mapping[str, str], tool: str,
                max_length: int | None = None) -> list[Diagnostic]:
    """Names the tool would reject: too long, or still equal after adding paths."""
    out = []
    seen: dict[str, Label] = {}
    for label in labels:
        name = names[label.id]
        if max_length is not None and len(name) > max_length:
            out.append(refusal(NAME_TOO_LONG, label.where("name"),
                               f"{tool} accepts label names of at most {max_length} characters; "
                               f"'{label.id}' is shown as {len(name)} characters",
                               f"shorten the name of '{label.id}' to {max_length} characters"
                               + (" (its path is used because another label has the same name)"
                                  if name != label.name else "")))
        if name in seen:
            out.append(refusal(DUPLICATE_NAME, label.where("name"),
                               f"{tool} tells labels apart by name; '{label.id}' and '{seen[name].id}' "
                               f"are both shown as {name!r}", "rename one of them"))
        else:
            seen[name] = label
    return out


def check_count(taxonomy: Taxonomy, count: int, tool: str, *, minimum: int = 1,
                maximum: int | None = None, what: str = "labels") -> list[Diagnostic]:
    if count < minimum:
        return [refusal(TOO_FEW_LABELS, taxonomy.location,
                        f"{tool} needs at least {minimum} {what}; '{taxonomy.id}' offers {count}",
                        "add labels, or check which are deprecated or not leaves")]
    if maximum is not None and count > maximum:
        return [refusal(TOO_MANY_LABELS, taxonomy.location,
                        f"{tool} accepts at most {maximum} {what}; '{taxonomy.id}' offers {count}",
                        "split the taxonomy into smaller ones, one per labeling step")]
    return []


def not_applicable(taxonomy: Taxonomy, tool: str, why: str) -> list[Diagnostic]:
    return [Diagnostic(NOT_APPLICABLE, Severity.INFO, f"{tool} is not compiled for '{taxonomy.id}': {why}",
                       taxonomy.where("task"))]


def refusal(code: str, location: Location, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, location, hint)


def color_of(label: Label) -> str:
    """The label's #rrggbb color (lower case), or a palette color fixed by its id."""
    if label.color:
        return label.color.lower()
    digest = hashlib.sha256(label.id.encode("utf-8")).digest()
    return PALETTE[digest[0] % len(PALETTE)]


def text_color_on(background: str) -> str:
    """Black or white, whichever reads better on the background (WCAG relative luminance)."""
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(background[i:i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance > 0.179 else "#ffffff"


def hotkey_of(label: Label, alphabet: str | None = None) -> str | None:
    """The label's hotkey in lower case if the tool's alphabet has it (tools compare them so)."""
    if not label.hotkey:
        return None
    key = label.hotkey.lower()
    return key if alphabet is None or key in alphabet else None


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def json_text(data, inline_depth: int | None = None) -> str:
    """Stable JSON: keys in the order built, UTF-8 as is, newline at the end.

    Indented two spaces; containers ``inline_depth`` levels down are written on one line each
    (e.g. 2: one label per line), which keeps large files readable and diffable, and fast:
    Python's C encoder only runs without indentation.
    """
    if inline_depth is None:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    out: list[str] = []
    _write_json(data, inline_depth, 0, out)
    out.append("\n")
    return "".join(out)


_inline = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _write_json(value, inline_depth: int, depth: int, out: list[str]) -> None:
    if depth >= inline_depth or not isinstance(value, (dict, list)) or not value:
        out.append(_inline(value))
        return
    inner = "\n" + "  " * (depth + 1)
    if isinstance(value, dict):
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            out.append(("," if index else "") + inner + _inline(key) + ": ")
            _write_json(item, inline_depth, depth + 1, out)
        out.append("\n" + "  " * depth + "}")
    else:
        out.append("[")
        for index, item in enumerate(value):
            out.append(("," if index else "") + inner)
            _write_json(item, inline_depth, depth + 1, out)
        out.append("\n" + "  " * depth + "]")


def join_values(values: Iterable[str]) -> str:
    return " | ".join(values)
