"""An example, near-miss or golden item contains what looks like personal data: an e-mail
address, a phone number, a payment card number (Luhn-valid) or a US SSN. These texts are
published on the annotator site; mask the data.

Bad:

```yaml
examples:
  - "Reach me at jane.doe@example.org or 415-555-0132."
```

Good:

```yaml
examples:
  - "Reach me at [email] or [phone]."
```
"""

import re

from ..diagnostics import Severity
from ..model import GoldenItem

CODE = "TG404"
NAME = "personal-data"
SEVERITY = Severity.ERROR
SUMMARY = "Example or golden text that contains an e-mail, phone, card or SSN-like number."
SCOPE = "label"  # what it finds in a label depends on that label alone (see RuleInfo.scope)

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{2,4}[ .-])\d{3,4}[ .-]?\d{3,4}(?![\w-])")
_CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
_SSN = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")
_NON_DIGIT = re.compile(r"\D+")
_FEWEST_DIGITS = 9  # an SSN has 9, a phone number 9 or more, a card number 13 or more


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def find_personal_data(text: str) -> str | None:
    """The kind of personal data found in ``text``, or None."""
    if "@" in text and _EMAIL.search(text):
        return "an e-mail address"
    if len(_NON_DIGIT.sub("", text)) < _FEWEST_DIGITS:  # most texts: no number worth a closer look
        return None
    if _SSN.search(text):
        return "an SSN-like number"
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 13 <= len(digits) <= 19 and _luhn(digits):
            return "a payment card number"
    for match in _PHONE.finditer(text):
        if 9 <= len(re.sub(r"\D", "", match.group())) <= 15:
            return "a phone number"
    return None


def _texts(ctx):
    """(text, owner, what) in report order: the owner's location is only worked out for a finding."""
    for _taxonomy, label in ctx.labels():
        for example in label.examples:
            yield example.text, example, ("example of", label.id)
        for near in label.near_misses:
            yield near.text, near, ("near-miss of", label.id)
    for item in ctx.project.golden_items:
        if item.text:
            yield item.text, item, ("golden item", item.id)


def _location(owner):
    return owner.where("input") if isinstance(owner, GoldenItem) else owner.location


def check(ctx):
    for text, owner, (what, name) in _texts(ctx):
        found = find_personal_data(text)
        if found:
            yield ctx.diag(CODE, f"{what} '{name}' contains {found}", _location(owner),
                           "mask it, e.g. [email], [phone], [card number]: this text is published")
