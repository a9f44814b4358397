"""Two label ids of one taxonomy differ only in letter case (`NO` and `no`), so tools
that fold case, file systems and URLs would mix them up.

Bad:

```yaml
- {id: NO, name: Norway}
- {id: no, name: Negative outcome}
```

Good: `country.NO` and `outcome.no`.
"""

from ..diagnostics import Severity
from .textscan import SEPARATOR, JoinedTexts

CODE = "TG305"
NAME = "id-lookalike"
SEVERITY = Severity.ERROR
SUMMARY = "Label ids that differ only in letter case."


def check(ctx):
    for taxonomy in ctx.project.taxonomies:
        if _distinct_when_folded(taxonomy.label_ids):
            continue
        seen = {}
        for label in taxonomy.labels:
            key = label.id.casefold()
            other = seen.get(key)
            if other is not None and other.id != label.id:
                yield ctx.diag(CODE, f"label id '{label.id}' differs from '{other.id}' only in letter case",
                               label.where("id"), "ids must stay distinct in case-insensitive tools and URLs")
            seen.setdefault(key, label)


def _distinct_when_folded(ids: tuple[str, ...]) -> bool:
    """Whether the (distinct) ids stay distinct case-folded: casefold() works character by character,
    so folding them joined folds each. Most ids are lower case, and folding changes nothing."""
    scan = JoinedTexts(ids)
    if scan.joined is None:
        return False
    folded = scan.joined.casefold()
    return folded == scan.joined or scan.separable and len(set(folded.split(SEPARATOR))) == len(ids)
