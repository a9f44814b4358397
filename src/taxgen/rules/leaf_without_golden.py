"""A selectable leaf label has no golden item expecting it, so `taxgen score` cannot tell
whether annotators use it correctly.

Bad: no golden item has `expected: negative.complaint.billing`.

Good:

```yaml
golden_items:
  - id: sent-014
    input: "I was charged twice for the same order."
    expected: negative.complaint.billing
    rationale: A complaint about a charge, not about the product.
```
"""

from ..diagnostics import Severity

CODE = "TG403"
NAME = "leaf-without-golden"
SEVERITY = Severity.WARNING
SUMMARY = "A leaf label that no golden item expects."


def check(ctx):
    for taxonomy in ctx.project.taxonomies:
        expected = {e for item in ctx.project.golden_for(taxonomy.id) for e in item.expected}
        for label in taxonomy.labels:
            if not label.deprecated and taxonomy.is_leaf(label.id) and label.id not in expected:
                yield ctx.diag(CODE, f"leaf label '{label.id}' has no golden item", label.location,
                               "add a golden item that expects it")
