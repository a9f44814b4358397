"""Guideline pages: the author's Markdown with ``label:`` links and links between guidelines resolved."""

from __future__ import annotations

import posixpath
import re

from ..model import Guideline
from .html import front_matter
from .layout import Layout
from .taxonomy_pages import SitePage

_LABEL_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\(\s*label:(?P<target>[^)\s]+)\s*\)")
_MD_LINK = re.compile(r"\]\(\s*(?P<target>[^)\s:#]+\.md)(?P<anchor>#[^)\s]*)?\s*\)")


def _relative_md(from_path: str, to_path: str) -> str:
    """A relative ``.md`` link, which MkDocs checks and turns into the right URL."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def resolve_label_links(layout: Layout, guideline: Guideline, page_path: str) -> str:
    """``[Text](label:ID)`` becomes a link to the label; an unknown label keeps its text, unlinked."""

    def replace(match: re.Match) -> str:
        owner, _, label_id = match.group("target").rpartition("/")
        place = layout.place(owner or guideline.taxonomy, label_id)
        if place is None:
            return match.group("text")
        anchor = f"#{place.anchor}" if place.anchor else ""
        return f"[{match.group('text')}]({_relative_md(page_path, place.path)}{anchor})"

    return _LABEL_LINK.sub(replace, guideline.body)


def resolve_guideline_links(layout: Layout, guideline: Guideline, page_path: str, body: str) -> str:
    """Links from one guideline file to another follow the guidelines to their pages in the site."""

    def replace(match: re.Match) -> str:
        source = posixpath.normpath(posixpath.join(posixpath.dirname(guideline.source), match.group("target")))
        target = layout.guidelines.get(source)
        if target is None:
            return match.group(0)
        return f"]({_relative_md(page_path, target)}{match.group('anchor') or ''})"

    return _MD_LINK.sub(replace, body)


def guideline_page(layout: Layout, guideline: Guideline) -> SitePage:
    path = layout.guidelines[guideline.source]
    body = resolve_guideline_links(layout, guideline, path, resolve_label_links(layout, guideline, path))
    return SitePage(path, guideline.title, front_matter(guideline.title) + body, user_markdown=True)
