"""What a diff produces: changes per taxonomy, the migration map, and the policy that judges them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from ..diagnostics import Location
from ..model import Label, Project, Taxonomy
from .kinds import GROUPS, ChangeKind
from .semver import bumped_breaking

# A migration target: the new id, candidates a human chooses from, or None (nothing to migrate to).
Target = str | tuple[str, ...] | None


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    taxonomy: str
    message: str
    old_ids: tuple[str, ...] = ()  # labels of the old version this change is about
    new_ids: tuple[str, ...] = ()  # labels of the new version
    before: str | None = None  # the changed value, as text, for side-by-side display
    after: str | None = None
    location: Location | None = None
    side: str = "new"  # which version ``location`` points into

    @property
    def code(self) -> str:
        return self.kind.code

    def sort_key(self) -> tuple:
        return (self.taxonomy, self.kind.code, self.old_ids or self.new_ids, self.new_ids)


@dataclass(frozen=True)
class TaxonomyDiff:
    id: str
    old: Taxonomy | None
    new: Taxonomy | None
    changes: tuple[Change, ...] = ()
    migration: Mapping[str, Target] = field(default_factory=dict)

    @property
    def old_version(self) -> str | None:
        return self.old.version if self.old is not None else None

    @property
    def new_version(self) -> str | None:
        return self.new.version if self.new is not None else None

    @property
    def major_bumped(self) -> bool:
        return self.old is not None and self.new is not None and bumped_breaking(self.old.version, self.new.version)

    def label(self, side: str, label_id: str) -> Label | None:
        taxonomy = self.old if side == "old" else self.new
        return taxonomy.get(label_id) if taxonomy is not None else None


@dataclass(frozen=True)
class Policy:
    """Which changes fail the diff: breaking for a protected group, unless accepted."""

    protect: frozenset[str] = frozenset(GROUPS)
    allow_breaking: bool = False
    accept_major_bump: bool = True  # a taxonomy whose major version was bumped may break

    def breaking(self, change: Change) -> bool:
        return self.breaking_kind(change.kind)

    def breaking_kind(self, kind: ChangeKind) -> bool:
        return kind.breaks_any(self.protect)


@dataclass(frozen=True)
class DiffReport:
    old: Project
    new: Project
    taxonomies: tuple[TaxonomyDiff, ...] = ()

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(change for diff in self.taxonomies for change in diff.changes)

    @property
    def migration_map(self) -> dict[str, dict[str, Target]]:
        """``{taxonomy: {old_id: new_id | [candidates] | None}}``, only taxonomies with entries."""
        return {diff.id: dict(sorted(diff.migration.items())) for diff in self.taxonomies if diff.migration}

    def blocking(self, policy: Policy) -> tuple[Change, ...]:
        """Breaking changes that make `taxgen diff` fail under ``policy``."""
        if policy.allow_breaking:
            return ()
        return tuple(
            change
            for diff in self.taxonomies
            if not (policy.accept_major_bump and diff.major_bumped)
            for change in diff.changes
            if policy.breaking(change)
        )


def migration_json(mapping: Mapping[str, Mapping[str, Target]]) -> dict:
    """The map with candidate tuples as lists, ready for ``json.dumps``."""
    return {t: {old: list(new) if isinstance(new, tuple) else new for old, new in entries.items()}
            for t, entries in sorted(mapping.items())}
