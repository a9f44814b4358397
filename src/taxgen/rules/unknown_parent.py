"""A label's `parent` names a label that does not exist in its taxonomy.

Bad:

```yaml
- id: vehicle.car
  name: Car
  parent: vehicle.cars
```

Good:

```yaml
- id: vehicle.car
  name: Car
  parent: vehicle
```
"""

from itertools import chain, compress
from operator import not_

from ..diagnostics import Severity
from .base import did_you_mean

CODE = "TG202"
NAME = "unknown-parent"
SEVERITY = Severity.ERROR
SUMMARY = "A parent id that no label of the taxonomy has."


def check(ctx):
    for taxonomy in ctx.project.taxonomies:
        known = ctx.known_ids(taxonomy)
        parents = ctx.column(taxonomy, "parents")
        if known.issuperset(chain.from_iterable(parents)):  # nearly always
            continue
        for label in compress(taxonomy.labels, map(not_, map(known.issuperset, parents))):
            yield from _unknown_parents(ctx, taxonomy, label)


def _unknown_parents(ctx, taxonomy, label):
    for index, parent in enumerate(label.parents):
        if parent not in taxonomy:
            yield ctx.diag(CODE, f"unknown parent '{parent}'", label.where("parent", index)
                           if len(label.parents) > 1 else label.where("parent"),
                           did_you_mean(parent, taxonomy.label_ids))
