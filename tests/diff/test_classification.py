"""Every change kind on a fixture pair tests/fixtures/diff/<case>/{old,new}/, with its exact classification."""

from pathlib import Path

import pytest

from taxgen.diff import CHANGE_KINDS, Policy, diff_projects
from taxgen.loading.project import load_project

CASES = Path(__file__).parent.parent / "fixtures" / "diff"

# case -> (changes as (code, old ids, new ids), migration map)
EXPECTED = {
    "no-changes": ([], {}),
    "label-added": ([("TD101", (), ("owl",))], {}),
    "label-removed": ([("TD102", ("parrot",), ())], {"animals": {"parrot": None}}),
    "label-removed-after-deprecation": ([("TD102", ("cat",), ())], {"animals": {"cat": "dog"}}),
    "label-renamed": ([("TD103", ("dog",), ("domestic-dog",))], {"animals": {"dog": "domestic-dog"}}),
    "label-renamed-identical-content": ([("TD103", ("parrot",), ("psittacine",))],
                                        {"animals": {"parrot": "psittacine"}}),
    # children follow their renamed parent: no label-moved, no relation changes for them
    "rename-parent-keeps-children": ([("TD103", ("pet",), ("pets",)), ("TD202", ("pet",), ("pets",))],
                                     {"animals": {"pet": "pets"}}),
    "label-split": ([("TD104", ("dog",), ("dog-small", "dog-large")), ("TD207", ("fox",), ("fox",))],
                    {"animals": {"dog": ("dog-small", "dog-large")}}),
    "labels-merged": ([("TD105", ("dog", "cat"), ("pet-mammal",))],
                      {"animals": {"cat": "pet-mammal", "dog": "pet-mammal"}}),
    "label-merged-into-existing": ([("TD105", ("cat", "dog"), ("dog",))], {"animals": {"cat": "dog"}}),
    "label-deprecated": ([("TD106", ("parrot",), ("parrot",))], {}),
    "label-deprecated-replaced": ([("TD107", ("cat",), ("cat",))], {"animals": {"cat": "dog"}}),
    "label-deprecated-replaced-by-several": ([("TD107", ("parrot",), ("parrot",))],
                                             {"animals": {"parrot": ("cat", "fox")}}),
    "label-reactivated": ([("TD108", ("parrot",), ("parrot",))], {}),
    "leaf-became-parent": ([("TD101", (), ("adult-dog",)), ("TD101", (), ("puppy",)),
                            ("TD109", ("dog",), ("dog",))], {"animals": {"dog": ("puppy", "adult-dog")}}),
    "label-moved": ([("TD201", ("parrot",), ("parrot",))], {}),
    "name-changed": ([("TD202", ("dog",), ("dog",))], {}),
    "definition-changed": ([("TD203", ("cat",), ("cat",))], {}),
    "rules-changed": ([("TD204", ("cat",), ("cat",))], {}),
    "examples-changed": ([("TD205", ("fox",), ("fox",))], {}),
    "synonyms-changed": ([("TD206", ("dog",), ("dog",))], {}),
    "relations-changed": ([("TD207", ("cat",), ("cat",))], {}),
    "hotkey-changed": ([("TD208", ("parrot",), ("parrot",))], {}),
    "color-changed": ([("TD209", ("cat",), ("cat",))], {}),
    "sensitivity-changed": ([("TD210", ("pet",), ("pet",))], {}),
    "attribute-added": ([("TD211", ("cat",), ("cat",)), ("TD211", ("dog",), ("dog",))], {}),
    "attribute-changed": ([("TD212", ("dog",), ("dog",))], {}),
    "attribute-removed": ([("TD212", ("dog",), ("dog",))], {}),
    "attribute-details-changed": ([("TD213", ("dog",), ("dog",))], {}),
    "taxonomy-added": ([("TD301", (), ())], {}),
    "taxonomy-removed": ([("TD302", (), ())], {"plants": {"flower": None, "tree": None}}),
    "task-kind-changed": ([("TD303", (), ())], {}),
    "task-data-changed": ([("TD304", (), ())], {}),
    "leaf-only-enabled": ([("TD305", (), ())], {"animals": {"pet": ("dog", "cat"), "wild": ("fox", "parrot")}}),
    "leaf-only-disabled": ([("TD306", (), ())], {}),
    "taxonomy-details-changed": ([("TD307", (), ())], {}),
    "major-version-not-bumped": ([("TD102", ("parrot",), ()), ("TD401", (), ())], {"animals": {"parrot": None}}),
    "major-version-not-bumped-zero": ([("TD102", ("parrot",), ()), ("TD401", (), ())],
                                      {"animals": {"parrot": None}}),
    "zero-minor-bump-is-breaking-bump": ([("TD102", ("parrot",), ())], {"animals": {"parrot": None}}),
    "version-not-bumped": ([("TD202", ("dog",), ("dog",)), ("TD402", (), ())], {}),
    "version-decreased": ([("TD202", ("dog",), ("dog",)), ("TD403", (), ())], {}),
    "pull-request": ([("TD101", (), ("owl",)), ("TD102", ("fox",), ()),
                      ("TD104", ("dog",), ("dog-small", "dog-large")), ("TD201", ("parrot",), ("parrot",)),
                      ("TD202", ("cat",), ("cat",)), ("TD203", ("cat",), ("cat",)), ("TD401", (), ())],
                     {"animals": {"dog": ("dog-small", "dog-large"), "fox": None}}),
}


def diff_case(case: str):
    old = load_project(CASES / case / "old")
    new = load_project(CASES / case / "new")
    assert not old.diagnostics and not new.diagnostics, (old.diagnostics, new.diagnostics)
    return diff_projects(old.project, new.project)


def test_every_fixture_case_has_an_expectation_and_back():
    assert sorted(p.name for p in CASES.iterdir() if p.is_dir()) == sorted(EXPECTED)


def test_every_change_kind_is_covered_by_a_fixture():
    covered = {code for changes, _ in EXPECTED.values() for code, _, _ in changes}
    assert covered == set(CHANGE_KINDS)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_classification_is_exact(case):
    report = diff_case(case)
    expected_changes, expected_map = EXPECTED[case]
    assert [(c.code, c.old_ids, c.new_ids) for c in report.changes] == expected_changes
    assert report.migration_map == expected_map


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_a_version_compared_with_itself_has_no_changes(case):
    for side in ("old", "new"):
        project = load_project(CASES / case / side).project
        report = diff_projects(project, project)
        assert report.changes == () and report.migration_map == {}


def test_changes_point_at_the_right_version_and_line():
    report = diff_case("pull-request")
    by_code = {c.code: c for c in report.changes}
    removed, moved = by_code["TD102"], by_code["TD201"]
    assert (removed.side, removed.location.path) == ("old", "taxonomies/animals/taxonomy.yaml")
    old_text = (CASES / "pull-request/old/taxonomies/animals/taxonomy.yaml").read_text().split("\n")
    assert old_text[removed.location.line - 1] == "- id: fox"
    new_text = (CASES / "pull-request/new/taxonomies/animals/taxonomy.yaml").read_text().split("\n")
    assert moved.side == "new" and new_text[moved.location.line - 1] == "  parent: pet"
    assert (moved.before, moved.after) == ("wild", "pet")


def test_breaking_verdicts_follow_the_policy():
    report = diff_case("pull-request")
    blocking = {c.code for c in report.blocking(Policy())}
    assert blocking == {"TD102", "TD104", "TD201"}
    assert {c.code for c in report.blocking(Policy(protect=frozenset({"annotations"})))} == {"TD102", "TD104"}
    assert report.blocking(Policy(allow_breaking=True)) == ()


def test_a_major_bump_accepts_breaking_changes_unless_configured_not_to():
    report = diff_case("label-removed")  # 1.0.0 -> 2.0.0
    assert report.taxonomies[0].major_bumped
    assert report.blocking(Policy()) == ()
    assert [c.code for c in report.blocking(Policy(accept_major_bump=False))] == ["TD102"]
    # a removed taxonomy has no new version to bump: only --allow-breaking accepts it
    assert [c.code for c in diff_case("taxonomy-removed").blocking(Policy())] == ["TD302"]


def test_split_files_and_document_order_do_not_matter(tmp_path):
    """The same labels spread over two files, in another order, are the same taxonomy."""
    old_file = (CASES / "no-changes/old/taxonomies/animals/taxonomy.yaml").read_text()
    head, labels = old_file.split("labels:\n")
    entries = ["- id:" + chunk for chunk in labels.split("- id:")[1:]]
    (tmp_path / "taxonomies").mkdir()
    (tmp_path / "taxonomies/a.yaml").write_text(head + "labels:\n" + "".join(reversed(entries[3:])))
    (tmp_path / "taxonomies/b.yaml").write_text("taxonomy: animals\nlabels:\n" + "".join(entries[:3]))
    new = load_project(tmp_path)
    assert not new.diagnostics
    report = diff_projects(load_project(CASES / "no-changes/old").project, new.project)
    assert report.changes == ()
