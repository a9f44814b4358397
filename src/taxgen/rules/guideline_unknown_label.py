"""A guideline links to, or says it covers, a label or taxonomy that does not exist.

Bad:

```markdown
Use [Negative](label:negatve) for complaints.
```

Good:

```markdown
Use [Negative](label:negative) for complaints.
```
"""

from ..diagnostics import Severity
from .base import did_you_mean

CODE = "TG209"
NAME = "guideline-unknown-label"
SEVERITY = Severity.ERROR
SUMMARY = "A guideline links to or covers a label that does not exist."


def _resolve(ctx, taxonomy_id, label_id, location, what):
    if taxonomy_id is None:
        return ctx.diag(CODE, f"{what} 'label:{label_id}' does not say which taxonomy it means", location,
                        "add 'taxonomy:' to the front matter or write label:TAXONOMY/ID")
    taxonomy = ctx.project.taxonomy(taxonomy_id)
    if taxonomy is None:
        return ctx.diag(CODE, f"{what} names unknown taxonomy '{taxonomy_id}'", location,
                        did_you_mean(taxonomy_id, [t.id for t in ctx.project.taxonomies]))
    if label_id not in taxonomy:
        return ctx.diag(CODE, f"{what} names unknown label '{label_id}' of taxonomy '{taxonomy_id}'", location,
                        did_you_mean(label_id, taxonomy.label_ids))
    return None


def check(ctx):
    for guideline in ctx.project.guidelines:
        if guideline.taxonomy and ctx.project.taxonomy(guideline.taxonomy) is None:
            yield ctx.diag(CODE, f"guideline covers unknown taxonomy '{guideline.taxonomy}'", guideline.where("taxonomy"),
                           did_you_mean(guideline.taxonomy, [t.id for t in ctx.project.taxonomies]))
            continue
        for index, ref in enumerate(guideline.labels):
            taxonomy_id, _, label_id = ref.rpartition("/")
            found = _resolve(ctx, taxonomy_id or guideline.taxonomy, label_id, guideline.where("labels", index),
                             "front matter")
            if found:
                yield found
        for link in guideline.links:
            found = _resolve(ctx, link.taxonomy, link.label, link.location, "link")
            if found:
                yield found
