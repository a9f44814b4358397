"""A synonym of one label is the name of another label of the taxonomy: search would
send annotators to the wrong label.

Bad:

```yaml
- id: truck
  name: Truck
  synonyms: [Van]
- id: van
  name: Van
```

Good: drop `Van` from the synonyms of `truck`.
"""

from ..diagnostics import Severity
from .textnorm import lookalike_note

CODE = "TG302"
NAME = "synonym-is-label-name"
SEVERITY = Severity.ERROR
SUMMARY = "A synonym equal to another label's name."


def check(ctx):
    for taxonomy in ctx.project.taxonomies:
        names = {}
        for label in taxonomy.labels:
            names.setdefault(ctx.name_key(label.name), label)
        for label in taxonomy.labels:
            for index, synonym in enumerate(label.synonyms):
                other = names.get(ctx.name_key(synonym))
                if other is not None and other.id != label.id:
                    yield ctx.diag(CODE, f"synonym '{synonym}' of '{label.id}' is the name of label '{other.id}'"
                                   f"{lookalike_note(synonym, other.name)}",
                                   label.where("synonyms", index),
                                   f"remove it, or mention '{other.id}' in related / confusable_with")
