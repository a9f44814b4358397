"""Trimming material's search index: only fields some entry uses are declared."""

from __future__ import annotations

import json

from taxgen.site.search_index import trimmed_index

FIELDS = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}


def index(*docs: dict) -> str:
    return json.dumps({"config": {"lang": ["en"], "fields": FIELDS}, "docs": list(docs)}, separators=(",", ":"))


def test_tags_field_is_dropped_when_no_entry_has_tags():
    trimmed = json.loads(trimmed_index(index({"location": "a.html", "title": "Cat", "text": "Ünïcode"})))
    assert trimmed["config"] == {"lang": ["en"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}}
    assert trimmed["docs"] == [{"location": "a.html", "title": "Cat", "text": "Ünïcode"}]


def test_output_is_escaped_ascii_like_materials_own_index():
    # the offline plugin pastes it into a script: \\u2028 and friends must stay escaped
    assert trimmed_index(index({"location": "a.html", "title": "x\u2028y", "text": "é"})).isascii()


def test_index_with_tagged_pages_is_left_alone():
    assert trimmed_index(index({"location": "a.html", "title": "Cat", "text": "", "tags": ["pets"]})) is None


def test_index_without_a_tags_field_is_left_alone():
    data = {"config": {"fields": {"title": {"boost": 1.0}}}, "docs": []}
    assert trimmed_index(json.dumps(data)) is None
