"""The rule registry: every diagnostic code taxgen can emit, in one table.

To add a rule: write a module in this folder with CODE, NAME, SEVERITY, SUMMARY, a
docstring (what and why, a bad and a good example) and ``check(ctx)``; list it below.
"""

from __future__ import annotations

from . import (deprecated_in_use, duplicate_golden_id, duplicate_label_id, golden_expected_label,
               golden_unknown_label, guideline_unknown_label, hierarchy_cycle, hotkey_clash, id_lookalike,
               invalid_color, leaf_without_example, leaf_without_golden, missing_definition, personal_data, raw_html,
               replacement_missing, sibling_name_collision, synonym_is_label_name, unknown_parent,
               unknown_reference, unreachable_label)
from ..diagnostics import Severity
from .base import Context, RuleInfo, rule_from_module
from .loader_codes import LOADER_RULES

_CHECK_MODULES = (
    duplicate_label_id, unknown_parent, unknown_reference, hierarchy_cycle, unreachable_label, deprecated_in_use,
    golden_unknown_label, guideline_unknown_label, golden_expected_label, replacement_missing, duplicate_golden_id,
    sibling_name_collision, synonym_is_label_name, hotkey_clash, invalid_color, id_lookalike,
    missing_definition, leaf_without_example, leaf_without_golden, personal_data, raw_html,
)

RULES: dict[str, RuleInfo] = {
    info.code: info
    for info in sorted([*LOADER_RULES, *(rule_from_module(m) for m in _CHECK_MODULES)], key=lambda r: r.code)
}


def compile_codes() -> dict[str, RuleInfo]:
    """Codes `taxgen compile` reports when a tool cannot take a taxonomy. Not rules of `taxgen check`
    (nor configurable), but `taxgen rules` lists and explains them too. Imported on demand: a
    check needs none of the targets."""
    from ..targets.common import CODE_DOCS, CODES, SEVERITIES

    return {code: RuleInfo(code, name, SEVERITIES.get(code, Severity.WARNING), summary, CODE_DOCS[code])
            for code, (name, summary) in CODES.items()}


__all__ = ["RULES", "Context", "RuleInfo", "compile_codes"]
