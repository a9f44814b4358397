"""Comparison keys for names: case-, accent-, width- and look-alike-insensitive."""

import re
import unicodedata
from itertools import compress, count
from operator import not_
from typing import Sequence

from .textscan import SEPARATOR, JoinedTexts

# Cyrillic and Greek letters drawn like Latin ones (after case folding), from Unicode's confusables
# data: 'Сafé' with a Cyrillic С reads exactly as 'Café' in a label list.
_LOOKALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "і": "i", "ј": "j", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "α": "a", "β": "b", "ε": "e", "ζ": "z", "η": "h", "ι": "i", "κ": "k", "μ": "m", "ν": "n", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "y", "χ": "x",
})


def name_key(text: str) -> str:
    """'Café ' and 'cafe' compare equal; so do full-width and ASCII letters, and 'Сafe' with a Cyrillic С."""
    if text.isascii():  # most names: NFKD, accents and look-alikes change nothing, and lower() is casefold()
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.translate(_LOOKALIKES).split())


# Whitespace that name_key's split() and join change: any but a single space inside the text.
_ODD_SPACES = ("\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f", "  ")
_EDGE_SPACE = re.compile(f"(?:^|(?<={SEPARATOR})) | (?={SEPARATOR})| $")  # a space that starts or ends a text


def name_keys(texts: Sequence[str], scan: JoinedTexts | None = None) -> list[str]:
    """``[name_key(text) for text in texts]``, for many texts at once (``scan``: the texts joined,
    if they already are). For an ASCII text with single spaces inside it only (nearly every name),
    name_key is lower(): one call lowers them all; the few others go through name_key."""
    scan = JoinedTexts(texts) if scan is None else scan
    if not scan.separable:
        return [name_key(text) for text in texts]
    keys = scan.joined.lower().split(SEPARATOR)
    for index in _needing_name_key(texts, scan):
        keys[index] = name_key(texts[index])
    return keys


def _needing_name_key(texts: Sequence[str], scan: JoinedTexts) -> set[int]:
    """Indexes of the texts whose key is more than their lower(): not ASCII, or odd whitespace."""
    joined = scan.joined
    found: set[int] = set()
    if not joined.isascii():  # O(1): str knows whether it is ASCII
        found.update(compress(count(), map(not_, map(str.isascii, texts))))
    found.update(scan.containing(*_ODD_SPACES))
    if " " + SEPARATOR in joined or SEPARATOR + " " in joined or joined.startswith(" ") or joined.endswith(" "):
        found.update(scan.matching(_EDGE_SPACE))
    return found


def lookalike_note(text: str, other: str) -> str:
    """Why two names that collide look identical on screen, as a note for the message, or ''.

    ' (С is U+0421 CYRILLIC CAPITAL LETTER ES)' for a look-alike letter; a note on Unicode
    normalization when the two are one text written with other code points."""
    if text != other and unicodedata.normalize("NFC", text) == unicodedata.normalize("NFC", other):
        return " (the same text in another Unicode normalization: composed and decomposed accents)"
    if text != other and unicodedata.normalize("NFKC", text) == unicodedata.normalize("NFKC", other):
        return " (the same text with compatibility characters, such as a ligature or full-width letters)"
    for char in text + other:
        if not char.isascii() and char.casefold() in _LOOKALIKES_KEYS:
            return f" ({char} is U+{ord(char):04X} {unicodedata.name(char, 'a look-alike letter')})"
    return ""


_LOOKALIKES_KEYS = frozenset(chr(code) for code in _LOOKALIKES)
