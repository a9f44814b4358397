"""Two labels under the same parent (or two roots) have names or synonyms that are equal
ignoring case, accents, width and look-alike letters (a Cyrillic `а` for a Latin `a`), so
annotators cannot tell them apart in a list.

Bad:

```yaml
- id: cafe
  name: Café
  parent: venue
- id: coffee-shop
  name: cafe
  parent: venue
```

Good: distinct names; put the shared word in `synonyms` of one label only.
"""

from collections import defaultdict

from ..diagnostics import Severity
from .textnorm import lookalike_note

CODE = "TG301"
NAME = "sibling-name-collision"
SEVERITY = Severity.ERROR
SUMMARY = "Sibling labels whose names or synonyms collide (ignoring case, accents and look-alike letters)."


def check(ctx):
    for taxonomy in ctx.project.taxonomies:
        groups = defaultdict(list)
        for label in taxonomy.labels:
            for parent in label.parents or (None,):
                groups[parent].append(label)
        for parent, siblings in groups.items():
            seen: dict[str, tuple] = {}
            for label in siblings:
                terms = [("name", label.name, ("name",))]
                terms += [("synonym", s, ("synonyms", i)) for i, s in enumerate(label.synonyms)]
                own = set()
                for kind, text, path in terms:
                    key = ctx.name_key(text)
                    if key in own:
                        continue
                    own.add(key)
                    if key in seen and seen[key][0].id != label.id:
                        other, other_kind, other_text = seen[key]
                        where = f"under '{parent}'" if parent else "among the root labels"
                        yield ctx.diag(CODE, f"{kind} '{text}' of '{label.id}' collides with {other_kind} "
                                       f"'{other_text}' of sibling '{other.id}' {where}"
                                       f"{lookalike_note(text, other_text)}", label.where(*path),
                                       "rename one of them, or merge the labels")
                    else:
                        seen.setdefault(key, (label, kind, text))
