"""Comparison keys for names: case-, accent- and width-insensitive."""

import unicodedata


def name_key(text: str) -> str:
    """'Café ' and 'cafe' compare equal; so do full-width and ASCII letters."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())
