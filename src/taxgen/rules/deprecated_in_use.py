"""A deprecated label is still the parent of an active label, or the replacement of another.

Deprecated labels disappear from tools; their children would become orphans.

Bad:

```yaml
- id: complaint
  name: Complaint
  status: deprecated
  replaced_by: negative
- id: complaint.billing
  name: Billing complaint
  parent: complaint
```

Good: move `complaint.billing` under `negative`, or keep `complaint` active.
"""

from ..diagnostics import Severity

CODE = "TG206"
NAME = "deprecated-in-use"
SEVERITY = Severity.ERROR
SUMMARY = "A deprecated label used as a parent or as a replacement."


def check(ctx):
    for taxonomy, label in ctx.labels():
        if label.deprecated:
            continue
        for index, parent in enumerate(label.parents):
            target = taxonomy.get(parent)
            if target is not None and target.deprecated:
                yield ctx.diag(CODE, f"parent '{parent}' is deprecated", label.where("parent", index)
                               if len(label.parents) > 1 else label.where("parent"),
                               f"move '{label.id}' under "
                               + (f"'{target.replaced_by[0]}'" if target.replaced_by else "an active label"))
    for taxonomy, label in ctx.labels():
        for index, replacement in enumerate(label.replaced_by):
            target = taxonomy.get(replacement)
            if target is not None and target.deprecated:
                yield ctx.diag(CODE, f"replaced_by '{replacement}' is itself deprecated", label.where("replaced_by"),
                               "point at the active label that replaces it"
                               + (f": '{target.replaced_by[0]}'" if target.replaced_by else ""))
