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

from ..diagnostics import Severity
from .base import did_you_mean

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
    for taxonomy, label in ctx.labels():
        for field, target, owner, path in _references(label):
            if target not in taxonomy:
                yield ctx.diag(CODE, f"{field} refers to unknown label '{target}'", owner.where(*path),
                               did_you_mean(target, taxonomy.label_ids))
            elif target == label.id and field != "near-miss 'use'":
                yield ctx.diag(CODE, f"{field} refers to the label itself", owner.where(*path))
