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

from itertools import compress
from operator import not_

from ..diagnostics import Severity

CODE = "TG206"
NAME = "deprecated-in-use"
SEVERITY = Severity.ERROR
SUMMARY = "A deprecated label used as a parent or as a replacement."
_DEPRECATED = "deprecated"  # Label.deprecated's status


def check(ctx):
    deprecated = [(taxonomy, _deprecated_ids(taxonomy, ctx.column(taxonomy, "status")))
                  for taxonomy in ctx.project.taxonomies]
    for taxonomy, ids in deprecated:
        for label in _referring_to(ctx, taxonomy, "parents", ids):
            if not label.deprecated:
                yield from _deprecated_parents(ctx, taxonomy, label)
    for taxonomy, ids in deprecated:
        for label in _referring_to(ctx, taxonomy, "replaced_by", ids):
            yield from _deprecated_replacements(ctx, taxonomy, label)


def _deprecated_ids(taxonomy, statuses: list[str]) -> set[str]:
    """The ids taxonomy.get finds a deprecated label for (most taxonomies: none)."""
    if _DEPRECATED not in statuses:
        return set()
    deprecated = compress(taxonomy.labels, map(_DEPRECATED.__eq__, statuses))
    return {label.id for label in deprecated if taxonomy.get(label.id).deprecated}


def _referring_to(ctx, taxonomy, field: str, ids: set[str]):
    """The labels whose ``field`` (a tuple of ids) names one of ``ids``, in document order."""
    if not ids:
        return ()
    return compress(taxonomy.labels, map(not_, map(ids.isdisjoint, ctx.column(taxonomy, field))))


def _deprecated_parents(ctx, taxonomy, label):
    for index, parent in enumerate(label.parents):
        target = taxonomy.get(parent)
        if target is not None and target.deprecated:
            yield ctx.diag(CODE, f"parent '{parent}' is deprecated", label.where("parent", index)
                           if len(label.parents) > 1 else label.where("parent"),
                           f"move '{label.id}' under "
                           + (f"'{target.replaced_by[0]}'" if target.replaced_by else "an active label"))


def _deprecated_replacements(ctx, taxonomy, label):
    for replacement in label.replaced_by:
        target = taxonomy.get(replacement)
        if target is not None and target.deprecated:
            yield ctx.diag(CODE, f"replaced_by '{replacement}' is itself deprecated", label.where("replaced_by"),
                           "point at the active label that replaces it"
                           + (f": '{target.replaced_by[0]}'" if target.replaced_by else ""))
