"""Semantic diff of two project versions: classified changes, breaking verdicts, migration map."""

from .changes import Change, DiffReport, Policy, TaxonomyDiff, migration_json
from .compare import diff_projects
from .kinds import CHANGE_KINDS, GROUPS, ChangeKind

__all__ = ["CHANGE_KINDS", "GROUPS", "Change", "ChangeKind", "DiffReport", "Policy", "TaxonomyDiff",
           "diff_projects", "migration_json"]
