"""Two labels of one taxonomy share an id (also when they sit in different files).

An id is what annotations store; two labels with one id make every existing annotation
ambiguous.

Bad:

```yaml
- id: car
  name: Car
- id: car
  name: Passenger car
```

Good:

```yaml
- id: car
  name: Car
- id: car.passenger
  name: Passenger car
```
"""

from ..diagnostics import Severity

CODE = "TG201"
NAME = "duplicate-label-id"
SEVERITY = Severity.ERROR
SUMMARY = "Two labels of one taxonomy have the same id."


def check(ctx):
    for taxonomy in ctx.project.taxonomies:
        if len(taxonomy.label_ids) == len(taxonomy.labels):  # the index keeps an id once: no id is given twice
            continue
        first = {}
        for label in taxonomy.labels:
            if label.id in first:
                other = first[label.id]
                yield ctx.diag(CODE, f"duplicate label id '{label.id}' (first defined at {other.location})",
                               label.where("id"), "ids are stable and unique; give one of them a new id")
            else:
                first[label.id] = label
