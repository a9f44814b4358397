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

from itertools import compress
from operator import ne

from ..diagnostics import Severity
from .textnorm import lookalike_note

CODE = "TG302"
NAME = "synonym-is-label-name"
SEVERITY = Severity.ERROR
SUMMARY = "A synonym equal to another label's name."


def check(ctx):
    for taxonomy in ctx.project.taxonomies:
        keys = ctx.term_keys(taxonomy)
        if keys.each_key_in_one_label:  # no synonym is the name of another label
            continue
        labels = taxonomy.labels
        first_named = dict(zip(reversed(keys.names), range(len(labels) - 1, -1, -1)))  # key -> its first label
        for owner in _owners_of_synonyms_naming_another(keys, first_named):
            yield from _synonyms_naming_another(ctx, labels[owner], labels, first_named)


def _owners_of_synonyms_naming_another(keys, first_named: dict) -> list[int]:
    """Indexes of the labels with a synonym whose key is the first name key of another label."""
    owners = keys.synonym_owners
    names_another = map(ne, map(first_named.get, keys.synonyms, owners), owners)  # get's default: no other label
    return sorted(set(compress(owners, names_another)))


def _synonyms_naming_another(ctx, label, labels, first_named: dict):
    for index, synonym in enumerate(label.synonyms):
        named = first_named.get(ctx.name_key(synonym))
        other = labels[named] if named is not None else None
        if other is not None and other.id != label.id:
            yield ctx.diag(CODE, f"synonym '{synonym}' of '{label.id}' is the name of label '{other.id}'"
                           f"{lookalike_note(synonym, other.name)}",
                           label.where("synonyms", index),
                           f"remove it, or mention '{other.id}' in related / confusable_with")
