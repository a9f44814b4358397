"""A golden item expects a label that does not exist in its taxonomy.

Bad:

```yaml
golden_items:
  - id: sent-001
    input: "The parcel never arrived."
    expected: negative.delivery-complaint
    rationale: ...
```

Good: `expected: negative.complaint.delivery` (an id that exists).
"""

from ..diagnostics import Severity
from .base import did_you_mean

CODE = "TG208"
NAME = "golden-unknown-label"
SEVERITY = Severity.ERROR
SUMMARY = "A golden item expects a label id that does not exist."


def check(ctx):
    for item in ctx.project.golden_items:
        taxonomy = ctx.project.taxonomy(item.taxonomy)
        if taxonomy is None:
            continue
        for index, expected in enumerate(item.expected):
            if expected not in taxonomy:
                location = item.where("expected", index) if len(item.expected) > 1 else item.where("expected")
                yield ctx.diag(CODE, f"golden item '{item.id}' expects unknown label '{expected}'", location,
                               did_you_mean(expected, taxonomy.label_ids))
