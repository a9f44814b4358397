"""A deprecated label does not say what replaces it, or an active label has `replaced_by`.

Annotations that carry a deprecated id need a migration target.

Bad:

```yaml
- id: complaint
  name: Complaint
  status: deprecated
```

Good:

```yaml
- id: complaint
  name: Complaint
  status: deprecated
  replaced_by: negative.complaint
```
"""

from itertools import compress
from operator import or_

from ..diagnostics import Severity

CODE = "TG212"
NAME = "deprecation-replacement"
SEVERITY = Severity.WARNING
SUMMARY = "Deprecated without replaced_by, or replaced_by on an active label."
_DEPRECATED = "deprecated"  # Label.deprecated's status


def check(ctx):
    for taxonomy in ctx.project.taxonomies:
        replaced = map(bool, ctx.column(taxonomy, "replaced_by"))
        deprecated = map(_DEPRECATED.__eq__, ctx.column(taxonomy, "status"))
        for label in compress(taxonomy.labels, map(or_, replaced, deprecated)):  # most taxonomies: few
            yield from _mismatch(ctx, label)


def _mismatch(ctx, label):
    if label.deprecated and not label.replaced_by:
        yield ctx.diag(CODE, f"deprecated label '{label.id}' has no replaced_by", label.where("status"),
                       "name the label existing annotations should move to")
    elif not label.deprecated and label.replaced_by:
        yield ctx.diag(CODE, f"active label '{label.id}' has replaced_by", label.where("replaced_by"),
                       "add 'status: deprecated', or remove replaced_by")
