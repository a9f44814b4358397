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

from itertools import chain, compress, repeat
from operator import and_, eq, is_not, not_, or_

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
    known = ctx.known_ids(taxonomy)
    suspects: set[int] = set()
    for targets, groups, optional, may_name_itself in _targets_by_kind(ctx, taxonomy):
        wrong = map(not_, map(known.__contains__, targets))
        if optional:  # None: a rule without 'instead', a near-miss without 'use'
            wrong = map(and_, wrong, map(is_not, targets, repeat(None)))
        if not may_name_itself:
            own_ids = chain.from_iterable(map(repeat, ctx.ids(taxonomy), map(len, groups)))
            wrong = map(or_, wrong, map(eq, targets, own_ids))
        flags = list(wrong)
        if any(flags):
            suspects.update(compress(owner_indexes(groups), flags))
    return suspects


def _targets_by_kind(ctx, taxonomy):
    """For each kind of reference that some label has: every target, the labels' groups of
    references (each label's tuple), whether a target may be None and whether it may name its
    own label."""
    related, confusable, replaced, rules, nears = _reference_fields(taxonomy.labels)
    for groups in (related, confusable, replaced):
        yield from _if_any(list(chain.from_iterable(groups)), groups, False, False)
    yield from _if_any([rule.instead for rule in chain.from_iterable(rules)], rules, True, False)
    yield from _if_any([near.use for near in chain.from_iterable(nears)], nears, True, True)


def _reference_fields(labels) -> tuple[list, ...]:
    """The labels' related, confusable_with, replaced_by, do_not_use_when and near_misses, a list
    each, gathered in one pass: a label is read once, where five columns would read it five times."""
    fields: tuple[list, ...] = ([], [], [], [], [])
    related, confusable, replaced, rules, nears = (column.append for column in fields)
    for label in labels:
        related(label.related)
        confusable(label.confusable_with)
        replaced(label.replaced_by)
        rules(label.do_not_use_when)
        nears(label.near_misses)
    return fields


def _if_any(targets: list, groups: list, optional: bool, may_name_itself: bool):
    if targets:
        yield targets, groups, optional, may_name_itself
