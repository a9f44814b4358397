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
        keys = ctx.term_keys(taxonomy)
        if keys.each_key_in_one_label:  # nearly always: no two labels share a name or synonym at all
            continue
        for parent, siblings in _groups_with(taxonomy.labels, keys.labels_sharing_a_key()).items():
            yield from _collisions(ctx, parent, siblings)


def _groups_with(labels, sharing: set[int]) -> dict:
    """The sibling groups (parent, or None for the roots: its labels in document order) that hold a
    label of ``sharing``: only there can two siblings collide. Groups in the order of their first label."""
    parents = {parent for index in sharing for parent in labels[index].parents or (None,)}
    groups = defaultdict(list)
    for label in labels:
        for parent in label.parents or (None,):
            if parent in parents:
                groups[parent].append(label)
    return groups


def _collisions(ctx, parent, siblings):
    seen: dict[str, tuple] = {}  # key -> (label, term index, text) of its first use
    for label in siblings:
        own = set()
        for index, text in enumerate((label.name, *label.synonyms)):  # index 0: the name
            key = ctx.name_key(text)
            if key in own:
                continue
            own.add(key)
            first = seen.get(key)
            if first is None:
                seen[key] = (label, index, text)
            elif first[0].id != label.id:
                yield _collision(ctx, parent, label, index, text, *first)


def _term(index: int) -> tuple[str, tuple]:
    """The term's kind and field path: index 0 is the name, then the synonyms."""
    return ("name", ("name",)) if index == 0 else ("synonym", ("synonyms", index - 1))


def _collision(ctx, parent, label, index, text, other, other_index, other_text):
    kind, path = _term(index)
    other_kind = _term(other_index)[0]
    where = f"under '{parent}'" if parent else "among the root labels"
    return ctx.diag(CODE, f"{kind} '{text}' of '{label.id}' collides with {other_kind} "
                    f"'{other_text}' of sibling '{other.id}' {where}"
                    f"{lookalike_note(text, other_text)}", label.where(*path),
                    "rename one of them, or merge the labels")
