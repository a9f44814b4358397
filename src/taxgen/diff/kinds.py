"""Every kind of change `taxgen diff` reports, in one table, each with a stable code.

Like ``buf breaking``, verdicts are grouped by what they protect:

* ``annotations``: records already labeled with the old version (they store label ids);
* ``tools``: the label values a labeling tool stores and validates against its compiled
  configuration (taxgen's targets store the label id, and hierarchical tools its path).

A change "breaks" a group when data that was valid for the old version is no longer valid
(or no longer means the same thing) for the new one. Teams choose which groups fail the
diff with ``--protect``.
"""

from __future__ import annotations

from dataclasses import dataclass

ANNOTATIONS, TOOLS = "annotations", "tools"
GROUPS = (ANNOTATIONS, TOOLS)


@dataclass(frozen=True)
class ChangeKind:
    code: str
    name: str
    summary: str
    breaks: frozenset[str]
    why: str

    @property
    def breaking(self) -> bool:
        return bool(self.breaks)

    def breaks_any(self, protect) -> bool:
        return not self.breaks.isdisjoint(protect)


def _kind(code: str, name: str, breaks: tuple[str, ...], summary: str, why: str) -> ChangeKind:
    return ChangeKind(code, name, summary, frozenset(breaks), why)


A, T, BOTH, NONE = (ANNOTATIONS,), (TOOLS,), (ANNOTATIONS, TOOLS), ()

_TABLE = (
    # -- label identity: what an annotation stores ---------------------------------------------
    _kind("TD101", "label-added", NONE, "A new label.",
          "Existing annotations do not use it; tools gain a value."),
    _kind("TD102", "label-removed", BOTH, "A label id is gone, with no successor named.",
          "Annotations that carry the id point at nothing; tools reject the value. The migration map "
          "sends it to its former `replaced_by` when it was deprecated before, otherwise to null."),
    _kind("TD103", "label-renamed", BOTH, "A label's id changed (its `renamed_from`, or identical content).",
          "Annotations carry the old id; the migration map rewrites it to the new one automatically."),
    _kind("TD104", "label-split", BOTH, "One label became several (two or more labels name it in `renamed_from`).",
          "Each annotation on the old label must be re-decided among the candidates; "
          "`taxgen migrate` reports those records instead of guessing."),
    _kind("TD105", "labels-merged", BOTH, "Several labels became one (removed ids named in one `renamed_from`).",
          "Annotations carry ids that no longer exist; the migration map rewrites each to the merged label."),
    _kind("TD106", "label-deprecated", NONE, "A label was deprecated without a replacement.",
          "The id stays valid, so existing annotations stay valid; tools stop offering it for new work."),
    _kind("TD107", "label-deprecated-replaced", NONE, "A label was deprecated with `replaced_by`.",
          "The id stays valid; the migration map offers the replacement (several replacements need a human)."),
    _kind("TD108", "label-reactivated", NONE, "A deprecated label is active again.",
          "Nothing that was valid becomes invalid."),
    _kind("TD109", "leaf-became-parent", BOTH, "A leaf label got children.",
          "Annotations on it become ambiguous (which child was meant?); in a leaf-only task tools no longer "
          "offer it. The migration map lists the children as candidates."),
    # -- label meaning and place ----------------------------------------------------------------
    _kind("TD201", "label-moved", T, "A label moved to another parent.",
          "The id is unchanged, but tools that store the hierarchy path (e.g. taxonomy pickers) store a "
          "different value, and roll-ups by ancestor change."),
    _kind("TD202", "name-changed", NONE, "A label's display name changed.",
          "Annotations and tools store the id; the name is shown only."),
    _kind("TD203", "definition-changed", NONE, "A label's definition changed.",
          "Ids stay valid; review whether annotations made under the old definition still fit."),
    _kind("TD204", "rules-changed", NONE, "A label's use-when / do-not-use-when rules changed.",
          "Ids stay valid; the guidance for new work changed."),
    _kind("TD205", "examples-changed", NONE, "A label's examples or near misses changed.",
          "Ids stay valid; the guidance for new work changed."),
    _kind("TD206", "synonyms-changed", NONE, "A label's synonyms changed.",
          "Synonyms only help annotators search."),
    _kind("TD207", "relations-changed", NONE, "A label's related / confusable labels changed.",
          "Cross-references only guide annotators."),
    _kind("TD208", "hotkey-changed", NONE, "A label's hotkey changed.",
          "A display hint: annotators must relearn the key, stored values do not change."),
    _kind("TD209", "color-changed", NONE, "A label's color changed.", "A display hint only."),
    _kind("TD210", "sensitivity-changed", NONE, "A label's sensitivity class changed.",
          "Stored values do not change, but data handling for items with this label may."),
    _kind("TD211", "attribute-added", NONE, "A label gained an attribute, or an attribute gained values.",
          "Every stored attribute value stays valid; existing records simply lack the new field or value."),
    _kind("TD212", "attribute-changed", BOTH, "A label's attribute was removed, retyped, or lost values.",
          "Attribute values stored in annotations and tools may no longer be valid."),
    _kind("TD213", "attribute-details-changed", NONE, "An attribute's description or default changed.",
          "Stored values stay valid; only new work is affected."),
    # -- the taxonomy as a whole ----------------------------------------------------------------
    _kind("TD301", "taxonomy-added", NONE, "A new taxonomy.", "Nothing existing refers to it."),
    _kind("TD302", "taxonomy-removed", BOTH, "A taxonomy is gone.",
          "Every annotation of it points at nothing; the migration map sends all its labels to null."),
    _kind("TD303", "task-kind-changed", BOTH, "The task kind changed (e.g. single-label to multi-label).",
          "The shape of an annotation record changes (one value, a list, spans, shapes)."),
    _kind("TD304", "task-data-changed", BOTH, "The kind of data labeled changed (e.g. text to image).",
          "Existing annotations refer to a different kind of item."),
    _kind("TD305", "leaf-only-enabled", BOTH, "Only leaf labels may be chosen now.",
          "Annotations on parent labels are no longer valid choices."),
    _kind("TD306", "leaf-only-disabled", NONE, "Parent labels may be chosen now.",
          "Every choice that was valid stays valid."),
    _kind("TD307", "taxonomy-details-changed", NONE, "The taxonomy's title, description or instructions changed.",
          "Display text only."),
    # -- versioning (semver) --------------------------------------------------------------------
    _kind("TD401", "major-version-not-bumped", NONE,
          "Breaking changes, but the major version was not bumped (0.x: the minor version).",
          "Consumers pinning a major version would receive breaking changes; bump MAJOR.MINOR.PATCH accordingly."),
    _kind("TD402", "version-not-bumped", NONE, "Labels changed, but the version did not.",
          "Two different label sets would share one version number."),
    _kind("TD403", "version-decreased", NONE, "The new version is lower than the old one.",
          "Versions must only grow; consumers compare them."),
)

CHANGE_KINDS: dict[str, ChangeKind] = {kind.code: kind for kind in _TABLE}
KIND_BY_NAME: dict[str, ChangeKind] = {kind.name: kind for kind in _TABLE}


def kind(name: str) -> ChangeKind:
    return KIND_BY_NAME[name]
