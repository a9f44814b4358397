"""A selectable leaf label has no positive example. Annotators learn labels from examples
far faster than from definitions.

Bad: a leaf label with no `examples`.

Good:

```yaml
examples:
  - "Thanks, the replacement arrived a day early!"
  - text: "Five stars, would order again."
    note: Praise with no complaint at all.
```
"""

from itertools import compress
from operator import not_

from ..diagnostics import Severity

CODE = "TG402"
NAME = "leaf-without-example"
SEVERITY = Severity.WARNING
SUMMARY = "A leaf label with no positive example."


def check(ctx):
    for taxonomy in ctx.project.taxonomies:
        without_examples = map(not_, ctx.column(taxonomy, "examples"))
        for label in compress(taxonomy.labels, without_examples):
            if not label.deprecated and taxonomy.is_leaf(label.id):
                yield ctx.diag(CODE, f"leaf label '{label.id}' has no positive example", label.location,
                               "add at least one item under 'examples'")
