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
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.translate(_LOOKALIKES).split())


def lookalike_note(*texts: str) -> str:
    """' (С is U+0421 CYRILLIC CAPITAL LETTER ES)' for the first look-alike letter in ``texts``, else ''.

    Two names that collide only through such a letter look identical on screen; the note says why."""
    for text in texts:
        for char in text:
            if not char.isascii() and char.casefold() in _LOOKALIKES_KEYS:
                return f" ({char} is U+{ord(char):04X} {unicodedata.name(char, 'a look-alike letter')})"
    return ""


_LOOKALIKES_KEYS = frozenset(chr(code) for code in _LOOKALIKES)
