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
from .textscan import JoinedTexts

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


# A text can hold personal data only if it has an '@' or _FEWEST_DIGITS digits: a search over the
# joined texts finds the few that have either. Digits are counted in the texts' UTF-8 bytes, where
# each ASCII digit and each byte of a non-ASCII character (which might be a digit of another
# script) becomes a '1', separators stay and all else goes: a text has enough digits only if its
# part has a run of _FEWEST_DIGITS ones.
_ASCII_DIGITS = b"0123456789"
_AS_ONE = bytes(ord("1") if byte in _ASCII_DIGITS or byte >= 0x80 else byte for byte in range(0x100))
_DROPPED = bytes(byte for byte in range(1, 0x80) if byte not in _ASCII_DIGITS)  # 0 is the separator
_ENOUGH_DIGITS = b"1" * _FEWEST_DIGITS


def _candidates(scan) -> list[int]:
    """Indexes of the texts of ``scan`` (a JoinedTexts) that may hold personal data."""
    if scan.joined is None:
        return list(range(scan.size))
    digits = _utf8(scan.joined).translate(_AS_ONE, _DROPPED)
    return sorted({*scan.containing("@"), *scan.matching(_ENOUGH_DIGITS, within=digits)})


def _utf8(text: str) -> bytes:
    try:
        return text.encode()
    except UnicodeEncodeError:  # a lone surrogate (an escape in YAML) becomes bytes like any other character
        return text.encode("utf-8", "surrogatepass")


def _label_texts(label):
    """(text, owner, what) in report order: the owner's location is only worked out for a finding."""
    for example in label.examples:
        yield example.text, example, ("example of", label.id)
    for near in label.near_misses:
        yield near.text, near, ("near-miss of", label.id)


def _golden_texts(items):
    for item in items:
        if item.text:
            yield item.text, item, ("golden item", item.id)


def _texts(ctx):
    """The texts worth the exact check, in report order: those of the labels and golden items a search points at."""
    for taxonomy in ctx.project.taxonomies:
        for label in ctx.label_prose(taxonomy).labels_found(_candidates):
            yield from _label_texts(label)
    items = ctx.project.golden_items
    golden = JoinedTexts([item.text or "" for item in items])
    yield from _golden_texts(items[index] for index in _candidates(golden))


def _location(owner):
    return owner.where("input") if isinstance(owner, GoldenItem) else owner.location


def check(ctx):
    for text, owner, (what, name) in _texts(ctx):
        found = find_personal_data(text)
        if found:
            yield ctx.diag(CODE, f"{what} '{name}' contains {found}", _location(owner),
                           "mask it, e.g. [email], [phone], [card number]: this text is published")
