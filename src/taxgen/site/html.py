"""Small HTML and Markdown writing helpers. Every user text goes through ``esc`` before it reaches a page."""

from __future__ import annotations

import html
import json
from typing import Iterable


def esc(text: object) -> str:
    """User text as HTML text: ``<script>`` shows as text, quotes are safe inside attributes."""
    return html.escape(str(text), quote=True)


def attrs(**values: object) -> str:
    """`` key="value"`` pairs; ``class_`` for class, ``None``/``False`` dropped, ``True`` bare."""
    out = []
    for key, value in values.items():
        if value is None or value is False:
            continue
        name = _NAMES.get(key) or _NAMES.setdefault(key, key.rstrip("_").replace("_", "-"))
        out.append(f" {name}" if value is True else f' {name}="{esc(value)}"')
    return "".join(out)


_NAMES: dict[str, str] = {}  # keyword -> attribute name (class_ -> class, data_x -> data-x)


_VOID = {"br", "img", "hr", "input"}


def element(tag: str, body: str = "", **values: object) -> str:
    """``<tag attrs>body</tag>``; ``body`` is HTML already (escape text with ``esc``)."""
    attributes = attrs(**values) if values else ""  # a site of 100k labels makes millions of elements
    if tag in _VOID:
        return f"<{tag}{attributes}>"
    return f"<{tag}{attributes}>{body}</{tag}>"


def link(href: str, body: str, **values: object) -> str:
    return element("a", body, href=href, **values)


def items(tag: str, bodies: Iterable[str], **values: object) -> str:
    """A ``ul``/``ol`` of already-HTML bodies; empty string when there are none."""
    rows = "".join(f"<li>{body}</li>" for body in bodies)
    return element(tag, rows, **values) if rows else ""


def block(*parts: str) -> str:
    """A raw HTML block for Markdown: one line, wrapped in blank lines so Markdown leaves it alone."""
    return "\n\n" + "".join(parts) + "\n\n"


def front_matter(title: str, **meta: object) -> str:
    """YAML front matter. The title is HTML-escaped: themes print it unescaped in the header and nav."""
    lines = ["---", f"title: {json.dumps(esc(title), ensure_ascii=False)}"]
    for key, value in meta.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}")
    return "\n".join(lines) + "\n---\n\n"


def mermaid_text(text: str) -> str:
    """Text for a Mermaid node label: anything but letters, digits and spaces as a ``#NNN;`` entity code."""
    return "".join(ch if ch.isalnum() and ch.isascii() or ch == " " else f"#{ord(ch)};" for ch in text)
