"""A label refers to a label that does not exist: `related`, `confusable_with`,
`replaced_by`, a `do_not_use_when` rule's `instead`, or a near-miss's `use`.

Bad:

```yaml
do_not_use_when:
  - when: the message only asks a question
    instead: neutral.questoin
```

Good:

```yaml
do_not_use_when:
  - when: the message only asks a question
    instead: neutral.question
```
"""

from itertools import chain, compress
from operator import eq, not_, or_

from ..diagnostics import Severity
from .base import did_you_mean
from .textscan import owner_indexes

CODE = "TG203"
NAME = "unknown-reference"
SEVERITY = Severity.ERROR
SUMMARY = "A related, confusable, replaced_by, instead or near-miss label that does not exist."


def _references(label):
    """(field, target, owner, path): the location, owner.where(*path), is worked out only when reported."""
    for field in ("related", "confusable_with"):
        for index, target in enumerate(getattr(label, field)):
            yield field, target, label, (field, index)
    for index, target in enumerate(label.replaced_by):
        yield "replaced_by", target, label, ("replaced_by", index) if len(label.replaced_by) > 1 else ("replaced_by",)
    for rule in label.do_not_use_when:
        if rule.instead:
            yield "instead", rule.instead, rule, ("instead",)
    for near in label.near_misses:
        if near.use:
            yield "near-miss 'use'", near.use, near, ("use",)


def check(ctx):
    for taxonomy in ctx.project.taxonomies:
        labels = taxonomy.labels
        for index in sorted(_suspects(ctx, taxonomy)):
            yield from _wrong_references(ctx, taxonomy, labels[index])


def _wrong_references(ctx, taxonomy, label):
    for field, target, owner, path in _references(label):
        if target not in taxonomy:
            yield ctx.diag(CODE, f"{field} refers to unknown label '{target}'", owner.where(*path),
                           did_you_mean(target, taxonomy.label_ids))
        elif target == label.id and field != "near-miss 'use'":
            yield ctx.diag(CODE, f"{field} refers to the label itself", owner.where(*path))


def _suspects(ctx, taxonomy) -> set[int]:
    """Indexes of the labels with a reference that is unknown or names its own label (a superset:
    two labels may share an id), worked out for all references of a kind at once."""
    suspects: set[int] = set()
    for targets, owners, optional, may_name_itself in _targets_by_kind(ctx, taxonomy):
        known = ctx.known_ids(taxonomy) | {None} if optional else ctx.known_ids(taxonomy)
        wrong = map(not_, map(known.__contains__, targets))
        if not may_name_itself:
            wrong = map(or_, wrong, map(eq, targets, map(ctx.column(taxonomy, "id").__getitem__, owners)))
        suspects.update(compress(owners, wrong))
    return suspects


def _targets_by_kind(ctx, taxonomy):
    """For each kind of reference that some label has: every target, the index of its label,
    whether a target may be None (a rule without 'instead', a near-miss without 'use') and whether
    it may name its own label."""
    for field in ("related", "confusable_with", "replaced_by"):
        groups = ctx.column(taxonomy, field)
        yield from _if_any(list(chain.from_iterable(groups)), groups, False, False)
    rules = ctx.column(taxonomy, "do_not_use_when")
    yield from _if_any([rule.instead for rule in chain.from_iterable(rules)], rules, True, False)
    nears = ctx.column(taxonomy, "near_misses")
    yield from _if_any([near.use for near in chain.from_iterable(nears)], nears, True, True)


def _if_any(targets: list, groups: list, optional: bool, may_name_itself: bool):
    if targets:
        yield targets, owner_indexes(groups), optional, may_name_itself
