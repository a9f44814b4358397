"""A golden item expects a label annotators cannot choose: a deprecated label, a parent
label in a leaf-only task, or several labels in a single-label task.

Bad (leaf-only task, `negative` has children):

```yaml
expected: negative
```

Good:

```yaml
expected: negative.complaint.billing
```
"""

from ..diagnostics import Severity

CODE = "TG210"
NAME = "golden-unselectable-label"
SEVERITY = Severity.ERROR
SUMMARY = "A golden item expects a deprecated or non-leaf label, or too many labels."


def check(ctx):
    for item in ctx.project.golden_items:
        taxonomy = ctx.project.taxonomy(item.taxonomy)
        if taxonomy is None:
            continue
        if taxonomy.task.kind == "single-label" and len(item.expected) > 1:
            yield ctx.diag(CODE, f"golden item '{item.id}' expects {len(item.expected)} labels in a single-label task",
                           item.where("expected"), "keep the one label annotators should choose")
        for index, expected in enumerate(item.expected):
            label = taxonomy.get(expected)
            if label is None:
                continue
            if label.deprecated:
                hint = f"expect '{label.replaced_by[0]}' instead" if label.replaced_by else None
                yield ctx.diag(CODE, f"golden item '{item.id}' expects deprecated label '{expected}'",
                               _location(item, index), hint)
            elif taxonomy.task.leaf_only and not taxonomy.is_leaf(expected):
                children = ", ".join(f"'{c}'" for c in taxonomy.children(expected)[:5])
                yield ctx.diag(CODE, f"golden item '{item.id}' expects '{expected}', which is not a leaf label "
                               "in a leaf-only task", _location(item, index), f"expect one of its children: {children}")


def _location(item, index: int):
    """Worked out for a finding only: a location may have to be read from the file again."""
    return item.where("expected", index) if len(item.expected) > 1 else item.where("expected")
