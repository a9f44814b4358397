"""Label ids and names that collide after case folding or Unicode normalization, or that only
look alike (a Cyrillic `а` for a Latin `a`), get a diagnostic that says which character is at
fault (tests/fixtures/hardening/corpus/lookalikes/, each file added to the base project)."""

from __future__ import annotations

import json
import shutil

import pytest
from hardening_helpers import CORPUS, cli, copy_base

LOOKALIKES = CORPUS / "lookalikes"

# file -> (code, line, column, message part)
EXPECTED = {
    "id-case.yaml": ("TG305", 4, 9, "label id 'Cat' differs from 'cat' only in letter case"),
    "id-cyrillic-a.yaml": ("TG101", 4, 9, "а is U+0430 CYRILLIC SMALL LETTER A; ids use ASCII letters"),
    "id-fullwidth.yaml": ("TG101", 4, 9, "ｃ is U+FF43 FULLWIDTH LATIN SMALL LETTER C"),
    "id-combining-accent.yaml": ("TG101", 4, 9, "is U+0301 COMBINING ACUTE ACCENT"),
    "name-nfd.yaml": ("TG301", 10, 11, "collides with name 'Café' of sibling 'cafe' under 'mammal' (the same text in "
                                       "another Unicode normalization"),
    "name-ligature.yaml": ("TG301", 9, 11, "name 'ﬁsh' of 'fish2' collides with name 'fish' of sibling 'fish' among the "
                                           "root labels (the same text with compatibility characters"),
    "name-fullwidth.yaml": ("TG301", 5, 11, "name 'Ｃat' of 'kitty' collides with name 'Cat' of sibling 'cat'"),
    "name-cyrillic.yaml": ("TG301", 5, 11, "name 'Сat' of 'kitty' collides with name 'Cat' of sibling 'cat' under "
                                           "'mammal' (С is U+0421 CYRILLIC CAPITAL LETTER ES)"),
    "name-greek.yaml": ("TG301", 5, 11, "(Β is U+0392 GREEK CAPITAL LETTER BETA)"),
    "synonym-cyrillic.yaml": ("TG302", 9, 16, "synonym 'Dоg' of 'hound' is the name of label 'dog' (о is U+043E "
                                              "CYRILLIC SMALL LETTER O)"),
    "golden-expected-cyrillic.yaml": ("TG101", 5, 15, "а is U+0430 CYRILLIC SMALL LETTER A"),
    "guideline-link-cyrillic.md": ("TG209", 7, 21, "link names unknown label 'cаt' of taxonomy 'animals' (did you "
                                                   "mean 'cat'?)"),
}


def test_the_corpus_and_the_table_agree():
    assert sorted(p.name for p in LOOKALIKES.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_lookalike_gets_a_diagnostic_naming_the_character(tmp_path, name):
    project = copy_base(tmp_path)
    folder = "guidelines" if name.endswith(".md") else "taxonomies"
    shutil.copyfile(LOOKALIKES / name, project / folder / name)
    result = cli("check", "--project", project, "--format", "json")
    assert result.exit_code == 1
    diagnostics = [d for d in json.loads(result.stdout)["diagnostics"] if d["severity"] == "error"]
    code, line, column, message = EXPECTED[name]
    assert any((d["code"], d["path"], d["line"], d["column"]) == (code, f"{folder}/{name}", line, column)
               and message in f"{d['message']} ({d['hint']})" for d in diagnostics), diagnostics


def test_lookalike_labels_in_annotations_are_unknown_labels(tmp_path):
    project = copy_base(tmp_path)
    records = tmp_path / "records.jsonl"
    records.write_text('{"item": "g1", "annotator": "ana", "label": "c\u0430t"}\n'
                       '{"item": "g1", "annotator": "bo", "label": "CAT"}\n', "utf-8")
    result = cli("score", records, "--project", project)
    assert result.exit_code == 1
    assert f"{records}:1:1: error TS101 unknown label 'cаt' in taxonomy 'animals' (did you mean 'cat'?)" in result.stderr
    assert f"{records}:2:1: error TS101 unknown label 'CAT' in taxonomy 'animals'" in result.stderr
