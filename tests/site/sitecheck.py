"""Reading a built site like a crawler: every page's links and anchors, and which of them are broken."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src"}


@dataclass
class PageInfo:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.info = PageInfo()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.info.ids.add(values["id"])
        attribute = _LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute):
            self.info.links.append(values[attribute])


def read_page(path: Path) -> PageInfo:
    collector = _Collector()
    collector.feed(path.read_text("utf-8"))
    return collector.info


def html_pages(site: Path) -> dict[str, PageInfo]:
    return {p.relative_to(site).as_posix(): read_page(p) for p in sorted(site.rglob("*.html"))}


def target_file(site: Path, page: str, url: str) -> str | None:
    """The site file a relative link points at, or None for links that leave the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page
    base = "" if parts.path.startswith("/") else posixpath.dirname(page)  # 404.html links from the root
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
    if parts.path.endswith("/") or (site / path).is_dir():
        path = posixpath.join(path, "index.html")
    return path


def broken_links(site: Path) -> list[str]:
    """Every internal link whose file or anchor is missing, as 'page -> link (why)'."""
    pages = html_pages(site)
    broken = []
    for page, info in pages.items():
        for url in info.links:
            target = target_file(site, page, url)
            if target is None:
                continue
            if target.startswith("..") or not (site / target).is_file():
                broken.append(f"{page} -> {url} (no file {target})")
                continue
            anchor = unquote(urlsplit(url).fragment)
            if anchor and target in pages and anchor not in pages[target].ids:
                broken.append(f"{page} -> {url} (no anchor)")
    return broken
