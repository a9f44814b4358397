"""``diff_projects(old, new)``: classify every change between two versions. Pure: model in, report out."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

from ..model import Label, Project, Taxonomy
from .changes import Change, DiffReport, TaxonomyDiff, Target
from .kinds import kind
from .semver import bumped_breaking, decreased


def diff_projects(old: Project, new: Project) -> DiffReport:
    old_ids = {t.id for t in old.taxonomies}
    new_ids = {t.id for t in new.taxonomies}
    diffs = tuple(diff_taxonomies(old.taxonomy(t), new.taxonomy(t)) for t in sorted(old_ids | new_ids))
    return DiffReport(old=old, new=new, taxonomies=diffs)


def diff_taxonomies(old: Taxonomy | None, new: Taxonomy | None) -> TaxonomyDiff:
    if old is None:
        assert new is not None
        change = Change(kind("taxonomy-added"), new.id, f"taxonomy '{new.id}' added with {len(new.label_ids)} labels",
                        location=new.location)
        return TaxonomyDiff(new.id, None, new, (change,))
    if new is None:
        change = Change(kind("taxonomy-removed"), old.id, f"taxonomy '{old.id}' removed", location=old.location,
                        side="old")
        return TaxonomyDiff(old.id, old, None, (change,), {label_id: None for label_id in old.label_ids})
    builder = _TaxonomyDiffer(old, new)
    changes = builder.run()
    changes += _version_changes(old, new, changes)
    return TaxonomyDiff(old.id, old, new, tuple(sorted(changes, key=Change.sort_key)), builder.migration)


class _TaxonomyDiffer:
    """Pairs the labels of two versions of one taxonomy, then compares each pair."""

    def __init__(self, old: Taxonomy, new: Taxonomy):
        self.old, self.new, self.t = old, new, new.id
        self.changes: list[Change] = []
        self.migration: dict[str, Target] = {}
        self.renamed: dict[str, str] = {}  # old id -> new id, for renames and merges
        self.rename_pairs: list[tuple[str, str]] = []  # (old id, new id) of one label renamed

    def run(self) -> list[Change]:
        self._taxonomy_fields()
        removed = [i for i in self.old.label_ids if i not in self.new]
        added = [i for i in self.new.label_ids if i not in self.old]
        successors = self._explicit_successors(removed)
        implicit = _identical_content(
            [self.old.get(i) for i in removed if i not in successors],
            [self.new.get(i) for i in added if i not in {s for ids in successors.values() for s in ids}])
        for old_id, new_id in implicit.items():
            successors[old_id] = [new_id]
        self._identity_changes(removed, successors, implicit)
        claimed = {s for ids in successors.values() for s in ids}
        for new_id in added:
            if new_id not in claimed:
                label = self.new.get(new_id)
                self._add("label-added", f"label '{new_id}' added", new=(new_id,), location=label.location)
        pairs = [(i, i) for i in self.old.label_ids if i in self.new] + self.rename_pairs
        for old_id, new_id in pairs:
            self._compare_labels(self.old.get(old_id), self.new.get(new_id))
        return self.changes

    # ---- bookkeeping ---------------------------------------------------------------------------
    def _add(self, kind_name: str, message: str, *, old: tuple[str, ...] = (), new: tuple[str, ...] = (),
             before: str | None = None, after: str | None = None, location=None, side: str = "new") -> None:
        self.changes.append(Change(kind(kind_name), self.t, message, old, new, before, after, location, side))

    def _migrate(self, old_id: str, target: Target) -> None:
        self.migration.setdefault(old_id, target)  # the first (identity) verdict wins over later ones

    # ---- identity: removed, renamed, split, merged ---------------------------------------------
    def _explicit_successors(self, removed: list[str]) -> dict[str, list[str]]:
        """Removed ids -> the new labels that name them in ``renamed_from``."""
        gone = set(removed)
        successors: dict[str, list[str]] = {}
        for label_id in self.new.label_ids:
            for former in self.new.get(label_id).renamed_from:
                if former in gone:
                    successors.setdefault(former, []).append(label_id)
        return successors

    def _identity_changes(self, removed: list[str], successors: dict[str, list[str]], implicit: dict) -> None:
        by_target: dict[str, list[str]] = {}
        for old_id in removed:
            label = self.old.get(old_id)
            targets = successors.get(old_id)
            if not targets:
                target = self._former_replacement(label)
                note = f" (it was deprecated; replaced by {_ids(label.replaced_by)})" if label.replaced_by else ""
                self._add("label-removed", f"label '{old_id}' removed{note}", old=(old_id,),
                          location=label.location, side="old")
                self._migrate(old_id, target)
            elif len(targets) > 1:
                self._add("label-split", f"label '{old_id}' split into {_ids(targets)}", old=(old_id,),
                          new=tuple(targets), location=self.new.get(targets[0]).location)
                self._migrate(old_id, tuple(targets))
            else:
                by_target.setdefault(targets[0], []).append(old_id)
        for new_id, sources in by_target.items():
            location = self.new.get(new_id).where("renamed_from")
            if len(sources) > 1 or new_id in self.old:
                kept = (new_id,) if new_id in self.old else ()
                self._add("labels-merged", f"labels {_ids((*sources, *kept))} merged into '{new_id}'",
                          old=(*sources, *kept), new=(new_id,), location=location)
            else:
                how = "identical content" if sources[0] in implicit else "renamed_from"
                self._add("label-renamed", f"label '{sources[0]}' renamed to '{new_id}' ({how})",
                          old=(sources[0],), new=(new_id,), location=self.new.get(new_id).location)
                self.rename_pairs.append((sources[0], new_id))
            for source in sources:
                self.renamed[source] = new_id
                self._migrate(source, new_id)

    def _former_replacement(self, label: Label) -> Target:
        """A removed label that was already deprecated migrates to its replacement(s), if they exist."""
        existing = tuple(r for r in label.replaced_by if r in self.new)
        if not existing:
            return None
        return existing[0] if len(existing) == 1 else existing

    # ---- one label in both versions ------------------------------------------------------------
    def _compare_labels(self, old: Label, new: Label) -> None:
        ids = {"old": (old.id,), "new": (new.id,)}
        if self.old.is_leaf(old.id) and not self.new.is_leaf(new.id):
            self._leaf_became_parent(old, new, ids)
        if old == new or old == replace(new, id=old.id, renamed_from=old.renamed_from):
            return
        self._status(old, new, ids)
        old_parents = tuple(map(self._renamed_id, old.parents))
        if old_parents != new.parents:
            self._add("label-moved", f"label '{new.id}' moved to {'another parent' if new.parents else 'the top level'}",
                      **ids, before=", ".join(old.parents) or "(top level)", after=", ".join(new.parents) or "(top level)",
                      location=new.where("parent") if new.parents else new.location)
        for kind_name, noun, field_name, text_of in _FIELD_CHANGES:
            # references to renamed labels are compared under their new ids
            before, after = text_of(old, self._renamed_id), text_of(new, _same)
            if before != after:
                self._add(kind_name, f"{noun} of '{new.id}' changed", **ids, before=before, after=after,
                          location=new.where(field_name))
        self._attributes(old, new, ids)

    def _leaf_became_parent(self, old: Label, new: Label, ids: dict) -> None:
        children = self.new.children(new.id)
        self._add("leaf-became-parent", f"label '{new.id}' now has children: {_ids(children)}", **ids,
                  location=self.new.get(children[0]).where("parent") if children else new.location)
        # in a leaf-only task the label itself is no longer a valid choice
        self._migrate(old.id, children if self.new.task.leaf_only else (new.id, *children))

    def _renamed_id(self, old_id: str) -> str:
        return self.renamed.get(old_id, old_id)

    def _status(self, old: Label, new: Label, ids: dict) -> None:
        old_replacements = tuple(map(self._renamed_id, old.replaced_by))
        if new.deprecated and (not old.deprecated or old_replacements != new.replaced_by):
            where = new.where("status")
            if not new.replaced_by:
                self._add("label-deprecated", f"label '{new.id}' deprecated without a replacement", **ids,
                          location=where)
                return
            self._add("label-deprecated-replaced", f"label '{new.id}' deprecated, replaced by {_ids(new.replaced_by)}",
                      **ids, before=_ids(old.replaced_by) or None, after=_ids(new.replaced_by), location=where)
            targets = tuple(self._follow_replacements(r) for r in new.replaced_by)
            self._migrate(old.id, targets[0] if len(targets) == 1 else tuple(dict.fromkeys(targets)))
        elif old.deprecated and not new.deprecated:
            self._add("label-reactivated", f"label '{new.id}' is active again", **ids, location=new.location)

    def _follow_replacements(self, label_id: str) -> str:
        """Skip replacements that are themselves deprecated with a single replacement (cycle-safe)."""
        seen = {label_id}
        label = self.new.get(label_id)
        while label is not None and label.deprecated and len(label.replaced_by) == 1 and label.replaced_by[0] not in seen:
            label_id = label.replaced_by[0]
            seen.add(label_id)
            label = self.new.get(label_id)
        return label_id

    def _attributes(self, old: Label, new: Label, ids: dict) -> None:
        before = {a.name: a for a in old.attributes}
        after = {a.name: a for a in new.attributes}
        for name in sorted(before.keys() | after.keys()):
            was, now = before.get(name), after.get(name)
            if was == now:
                continue
            if was is None:
                kind_name, verb = "attribute-added", "added to"
            elif now is None:
                kind_name, verb = "attribute-changed", "removed from"
            elif was.type != now.type or set(was.values) - set(now.values):
                kind_name, verb = "attribute-changed", "changed (type or values) on"
            elif set(now.values) - set(was.values):
                kind_name, verb = "attribute-added", "gained values on"
            else:
                kind_name, verb = "attribute-details-changed", "changed (description, default or order of values) on"
            self._add(kind_name, f"attribute '{name}' {verb} '{new.id}'", **ids,
                      before=_attribute_text(was) if was else None, after=_attribute_text(now) if now else None,
                      location=new.where("attributes"))

    # ---- the taxonomy itself -------------------------------------------------------------------
    def _taxonomy_fields(self) -> None:
        old, new = self.old, self.new
        if old.task.kind != new.task.kind:
            self._add("task-kind-changed", f"task kind changed from {old.task.kind} to {new.task.kind}",
                      before=old.task.kind, after=new.task.kind, location=new.where("task"))
        if old.task.data != new.task.data:
            self._add("task-data-changed", f"task data changed from {old.task.data} to {new.task.data}",
                      before=old.task.data, after=new.task.data, location=new.where("task"))
        if old.task.leaf_only != new.task.leaf_only:
            name = "leaf-only-enabled" if new.task.leaf_only else "leaf-only-disabled"
            verb = "only leaf labels may be chosen now" if new.task.leaf_only else "parent labels may be chosen now"
            self._add(name, verb, before=str(old.task.leaf_only).lower(), after=str(new.task.leaf_only).lower(),
                      location=new.where("task"))
            if new.task.leaf_only:  # annotations on a parent must now pick one of its children
                for label_id in new.label_ids:
                    children = new.children(label_id)
                    if children and label_id in old:
                        self._migrate(label_id, children)
        details = [(n, getattr(old, a) if a else old.task.instructions, getattr(new, a) if a else new.task.instructions)
                   for n, a in (("title", "title"), ("description", "description"), ("instructions", None))]
        changed = [(n, b, a) for n, b, a in details if b != a]
        if changed:
            self._add("taxonomy-details-changed", f"taxonomy {', '.join(n for n, _, _ in changed)} changed",
                      before="\n".join(f"{n}: {b}" for n, b, _ in changed),
                      after="\n".join(f"{n}: {a}" for n, _, a in changed), location=new.location)


def _version_changes(old: Taxonomy, new: Taxonomy, changes: list[Change]) -> list[Change]:
    """The semver checks, judged on every change found in this taxonomy."""
    out = []
    where = new.where("version")
    span = f"{old.version} -> {new.version}"
    if decreased(old.version, new.version):
        out.append(Change(kind("version-decreased"), new.id, f"version went down: {span}", location=where))
    breaking = [c for c in changes if c.kind.breaking]
    if breaking and not bumped_breaking(old.version, new.version):
        out.append(Change(kind("major-version-not-bumped"), new.id,
                          f"{len(breaking)} breaking change{'s' if len(breaking) != 1 else ''} but the version "
                          f"was not bumped to a new major version ({span})", location=where))
    elif changes and old.version == new.version:
        out.append(Change(kind("version-not-bumped"), new.id, f"labels changed but the version is still {new.version}",
                          location=where))
    return out


def _identical_content(removed: list[Label], added: list[Label]) -> dict[str, str]:
    """Implicit renames: a removed and an added label equal in everything but id, and unique so."""
    def key(label: Label) -> Label:
        return replace(label, id="", parents=(), renamed_from=())

    def unique(labels: Iterable[Label]) -> dict[Label, Label]:
        seen: dict[Label, Label | None] = {}
        for label in labels:
            k = key(label)
            seen[k] = None if k in seen else label
        return {k: v for k, v in seen.items() if v is not None}

    old_by_key, new_by_key = unique(removed), unique(added)
    return {label.id: new_by_key[k].id for k, label in old_by_key.items() if k in new_by_key}


def _ids(ids: Iterable[str]) -> str:
    return ", ".join(f"'{i}'" for i in ids)


def _same(label_id: str) -> str:
    return label_id


def _rules_text(label: Label, ref: Callable[[str], str]) -> str:
    return "\n".join([*(f"use when: {r}" for r in label.use_when),
                      *(f"do not use when: {r.text}" + (f" (instead: {ref(r.instead)})" if r.instead else "")
                        for r in label.do_not_use_when)])


def _examples_text(label: Label, ref: Callable[[str], str]) -> str:
    return "\n".join([*(f"example: {e.text}" for e in label.examples),
                      *(f"near miss: {m.text}" + (f" (use: {ref(m.use)})" if m.use else "") for m in label.near_misses)])


def _relations_text(label: Label, ref: Callable[[str], str]) -> str:
    return "\n".join([*(f"related: {ref(r)}" for r in label.related),
                      *(f"confusable with: {ref(r)}" for r in label.confusable_with)])


def _attribute_text(attribute) -> str:
    values = f" [{', '.join(attribute.values)}]" if attribute.values else ""
    return f"{attribute.name}: {attribute.type}{values}"


# (change kind, what changed, field whose position to point at, the field's value as text given
# a function that maps label references to the ids they compare under)
_FIELD_CHANGES: tuple[tuple[str, str, str, Callable[[Label, Callable[[str], str]], str]], ...] = (
    ("name-changed", "name", "name", lambda label, _ref: label.name),
    ("definition-changed", "definition", "definition", lambda label, _ref: label.definition),
    ("rules-changed", "rules", "use_when", _rules_text),
    ("examples-changed", "examples", "examples", _examples_text),
    ("synonyms-changed", "synonyms", "synonyms", lambda label, _ref: ", ".join(label.synonyms)),
    ("relations-changed", "related labels", "related", _relations_text),
    ("hotkey-changed", "hotkey", "hotkey", lambda label, _ref: label.hotkey or ""),
    ("color-changed", "color", "color", lambda label, _ref: label.color or ""),
    ("sensitivity-changed", "sensitivity", "sensitivity", lambda label, _ref: label.sensitivity or ""),
)
