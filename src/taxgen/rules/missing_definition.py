"""An active label has no definition. The definition is what annotators apply; without
it, every annotator invents their own.

Bad:

```yaml
- id: mixed
  name: Mixed
```

Good:

```yaml
- id: mixed
  name: Mixed
  definition: The message expresses both clearly positive and clearly negative sentiment.
```
"""

from itertools import compress
from operator import not_

from ..diagnostics import Severity

CODE = "TG401"
NAME = "missing-definition"
SEVERITY = Severity.ERROR
SUMMARY = "An active label without a definition."
SCOPE = "label"  # what it finds in a label depends on that label alone (see RuleInfo.scope)


def check(ctx):
    for taxonomy in ctx.project.taxonomies:
        blank = map(not_, map(str.strip, ctx.column(taxonomy, "definition")))
        for label in compress(taxonomy.labels, blank):  # the few without a definition
            if not label.deprecated:
                yield ctx.diag(CODE, f"label '{label.id}' has no definition", label.where("definition"),
                               "say in one or two sentences what makes an item this label")
