"""Make HTML rendered from users' Markdown (guidelines, descriptions) safe to show.

Markdown lets authors write raw HTML; a guideline could carry a ``<script>`` or an
``onclick=``. Pages holding users' Markdown pass through an allow-list sanitizer (nh3, the
Ammonia library) after rendering: what Markdown and the theme produce stays, scripts,
event handlers and ``javascript:`` links go.
"""

from __future__ import annotations

import nh3

_TAGS = {
    "a", "abbr", "article", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label",
    "li", "mark", "nav", "ol", "p", "path", "pre", "q", "s", "section", "small", "span", "strong", "sub", "summary",
    "sup", "svg", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role"},
    "a": {"href", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "details": {"open"},
    "input": {"type", "checked", "disabled"},
    "ol": {"start"},
    "svg": {"viewbox", "xmlns", "width", "height", "fill"},
    "path": {"d", "fill"},
}


def sanitize_html(html: str) -> str:
    """``html`` with everything outside the allow-list removed (``data-*`` and ``aria-*`` kept)."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, generic_attribute_prefixes={"data-", "aria-"},
                     url_schemes={"http", "https", "mailto"}, link_rel=None, strip_comments=True)
