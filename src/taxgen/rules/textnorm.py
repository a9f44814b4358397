"""Comparison keys for names: case-, accent-, width- and look-alike-insensitive."""

import unicodedata

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
