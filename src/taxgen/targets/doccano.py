"""doccano label types: the JSON list a project's "Import labels" accepts.

doccano has no hierarchy: one entry per selectable label, ``text`` = display name (its path
when two labels share a name). doccano's own model limits are checked here, as its importer
only fails at the database: ``text`` unique and at most 100 characters; ``suffix_key`` (the
shortcut) a lower-case letter or digit, unique; colors ``#rrggbb``. Other hotkeys are left out.
"""

from __future__ import annotations

import string

from ..model import Taxonomy
from .common import check_names, color_of, hotkey_of, json_text, selectable, shown_names, text_color_on

TOOL = "doccano"
MAX_TEXT = 100
SHORTCUT_KEYS = string.digits + string.ascii_lowercase


def check(taxonomy: Taxonomy) -> list:
    labels = selectable(taxonomy)
    return check_names(taxonomy, labels, shown_names(taxonomy), TOOL, max_length=MAX_TEXT)


def render(taxonomy: Taxonomy) -> str:
    labels = selectable(taxonomy)
    names = shown_names(taxonomy)
    entries = []
    for label in labels:
        background = color_of(label)
        entries.append({
            "text": names[label.id],
            "prefix_key": None,
            "suffix_key": hotkey_of(label, SHORTCUT_KEYS),
            "background_color": background,
            "text_color": text_color_on(background),
        })
    return json_text(entries, inline_depth=1)  # one label per line
