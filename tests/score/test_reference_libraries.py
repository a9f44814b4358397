"""Our figures against the reference implementations, on random annotation data (hypothesis).

scikit-learn for Cohen's kappa, precision/recall/F1, accuracy and Jaccard; statsmodels for
Fleiss' kappa; the krippendorff package for Krippendorff's alpha. Records go through the whole
pipeline (parse, check, encode, score) and the report is compared with the library's figures
on the same answers. Undefined figures must be null exactly where the library gives NaN or
refuses the data.
"""

from __future__ import annotations

import json
import math
import random
import warnings

import krippendorff
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from score_helpers import score_text, section
from sklearn.metrics import accuracy_score, cohen_kappa_score, jaccard_score, precision_recall_fscore_support
from statsmodels.stats.inter_rater import fleiss_kappa

from taxgen.score.agreement import Ratings, cohen_pairs

TICKET_LEAVES = ["billing.refund", "billing.invoice", "delivery.late", "delivery.damaged", "other"]
TOPIC_LABELS = ["product", "product.price", "product.quality", "service"]
GOLDEN = {"t1": "billing.refund", "t2": "billing.invoice", "t3": "delivery.late", "t4": "delivery.damaged",
          "t5": "other"}
ITEMS = [*GOLDEN, "n1", "n2", "n3"]
ANNOTATORS = ["ana", "ben", "cy", "dee"]

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def close(ours, reference) -> bool:
    """Equal to the report's 6 decimals; None (ours) exactly where the reference is NaN."""
    if reference is None or (isinstance(reference, float) and math.isnan(reference)):
        return ours is None
    return ours is not None and abs(ours - reference) <= 1e-6


@st.composite
def single_label_answers(draw, fill=None):
    """{(item, annotator): label}: each annotator answers a random subset of the items (or every one)."""
    labels = draw(st.lists(st.sampled_from(TICKET_LEAVES), min_size=1, max_size=5, unique=True))
    answers = {}
    for item in ITEMS:
        for annotator in ANNOTATORS:
            if fill or draw(st.booleans()):
                answers[item, annotator] = draw(st.sampled_from(labels))
    return answers or {("t1", "ana"): labels[0]}


def jsonl(answers: dict, field: str = "label", taxonomy: str = "tickets") -> str:
    rows = [{"item": item, "annotator": annotator, field: value, "taxonomy": taxonomy}
            for (item, annotator), value in answers.items()]
    random.Random(len(rows)).shuffle(rows)
    return "".join(json.dumps(row) + "\n" for row in rows)


def sklearn_quiet(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


@SETTINGS
@given(single_label_answers())
def test_cohen_kappa_of_every_pair_matches_scikit_learn(project, answers):
    report, problems = score_text(project, jsonl(answers))
    assert problems == []
    pairs = {tuple(p["annotators"]): p for p in section(report, "tickets")["agreement"]["cohen_kappa"]}
    expected_pairs = set()
    for a_index, a in enumerate(ANNOTATORS):
        for b in ANNOTATORS[a_index + 1:]:
            shared = [item for item in ITEMS if (item, a) in answers and (item, b) in answers]
            if not shared:
                continue
            expected_pairs.add((a, b))
            first, second = [answers[i, a] for i in shared], [answers[i, b] for i in shared]
            reference = sklearn_quiet(cohen_kappa_score, first, second)
            assert pairs[a, b]["items"] == len(shared)
            assert close(pairs[a, b]["kappa"], float(reference)), (a, b, first, second)
    assert set(pairs) == expected_pairs


@SETTINGS
@given(single_label_answers())
def test_krippendorff_alpha_with_missing_ratings_matches_the_krippendorff_package(project, answers):
    report, _ = score_text(project, jsonl(answers))
    ours = section(report, "tickets")["agreement"]["krippendorff_alpha"]
    codes = {label: i for i, label in enumerate(TICKET_LEAVES)}
    matrix = [[codes[answers[item, a]] if (item, a) in answers else np.nan for item in ITEMS] for a in ANNOTATORS]
    try:
        reference = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    except ValueError:  # one value in the data, or no unit coded twice: the package refuses, we say undefined
        reference = math.nan
    assert close(ours["value"], float(reference))
    pairable = [item for item in ITEMS if sum((item, a) in answers for a in ANNOTATORS) >= 2]
    assert ours["items"] == len(pairable)


@SETTINGS
@given(single_label_answers(fill=True))
def test_fleiss_kappa_matches_statsmodels(project, answers):
    report, _ = score_text(project, jsonl(answers))
    ours = section(report, "tickets")["agreement"]["fleiss_kappa"]
    table = [[sum(answers[item, a] == label for a in ANNOTATORS) for label in TICKET_LEAVES] for item in ITEMS]
    reference = sklearn_quiet(fleiss_kappa, table, method="fleiss")
    assert close(ours["value"], float(reference))
    assert (ours["items"], ours["ratings"]) == (len(ITEMS), len(ITEMS) * len(ANNOTATORS))


@SETTINGS
@given(single_label_answers())
def test_golden_scores_match_scikit_learn(project, answers):
    report, _ = score_text(project, jsonl(answers))
    golden = section(report, "tickets")["golden"]
    graded = [(item, a) for (item, a) in answers if item in GOLDEN]
    if not graded:
        assert golden is None
        return
    truth, given_ = [GOLDEN[item] for item, _ in graded], [answers[key] for key in graded]
    assert close(golden["accuracy"], accuracy_score(truth, given_))
    listed = [label for label in ["billing", *TICKET_LEAVES] if label in truth or label in given_]
    assert [row["label"] for row in golden["labels"]] == listed
    precision, recall, f1, support = sklearn_quiet(precision_recall_fscore_support, truth, given_, labels=listed,
                                                   zero_division=np.nan)
    for row, p, r, f, s in zip(golden["labels"], precision, recall, f1, support):
        assert (row["support"], close(row["precision"], p), close(row["recall"], r), close(row["f1"], f)) == (
            s, True, True, True)
    assert close(golden["macro_f1"], float(np.mean(f1)))
    for annotator in golden["annotators"]:
        mine = [key for key in graded if key[1] == annotator["annotator"]]
        assert close(annotator["accuracy"], accuracy_score([GOLDEN[i] for i, _ in mine], [answers[k] for k in mine]))


def hierarchical_f(taxonomy, given_labels, expected_labels) -> float:
    """The partial-credit formula written plainly with Python sets, as the reference for the vectorised one."""
    def extended(labels):
        return {x for label in labels for x in (label, *taxonomy.ancestors(label))}

    given_set, expected_set = extended(given_labels), extended(expected_labels)
    return 2 * len(given_set & expected_set) / (len(given_set) + len(expected_set))


@st.composite
def multi_label_answers(draw):
    answers = {}
    for item in ("m1", "m2", "x1"):
        for annotator in ANNOTATORS[:3]:
            if draw(st.booleans()):
                answers[item, annotator] = draw(st.lists(st.sampled_from(TOPIC_LABELS), max_size=3, unique=True))
    return answers or {("m1", "ana"): []}


@SETTINGS
@given(multi_label_answers())
def test_multi_label_scores_match_scikit_learn_and_the_plain_formula(project, answers):
    report, problems = score_text(project, jsonl(answers, "labels", "topics"))
    assert problems == []
    topics = section(report, "topics")
    expected = {"m1": ["product.price", "product.quality"], "m2": ["service", "product.quality"]}
    graded = [(item, a) for (item, a) in answers if item in expected]
    golden = topics["golden"]
    if graded:
        def indicator(sets):
            return np.array([[label in labels for label in TOPIC_LABELS] for labels in sets], dtype=int)

        truth, given_ = indicator(expected[i] for i, _ in graded), indicator(answers[k] for k in graded)
        assert close(golden["accuracy"], accuracy_score(truth, given_))
        assert close(golden["jaccard"], sklearn_quiet(jaccard_score, truth, given_, average="samples",
                                                      zero_division=0))
        precision, recall, f1, support = sklearn_quiet(precision_recall_fscore_support, truth, given_,
                                                       zero_division=np.nan)
        rows = {row["label"]: row for row in golden["labels"]}
        for index, label in enumerate(TOPIC_LABELS):
            if support[index] or given_[:, index].any():
                assert close(rows[label]["f1"], f1[index]) and close(rows[label]["precision"], precision[index])
                assert close(rows[label]["recall"], recall[index])
            else:
                assert label not in rows
        taxonomy = project.taxonomy("topics")
        credits = [hierarchical_f(taxonomy, answers[k], expected[k[0]]) for k in graded]
        assert close(golden["partial_credit"], float(np.mean(credits)))
    else:
        assert golden is None
    # agreement: one yes/no decision per item and label used, compared with scikit-learn pair by pair
    used = sorted({label for labels in answers.values() for label in labels}, key=TOPIC_LABELS.index) or [None]
    for pair in topics["agreement"]["cohen_kappa"]:
        a, b = pair["annotators"]
        shared = [item for item in ("m1", "m2", "x1") if (item, a) in answers and (item, b) in answers]
        first = [label in answers[i, a] for i in shared for label in used]
        second = [label in answers[i, b] for i in shared for label in used]
        assert pair["items"] == len(shared)
        assert close(pair["kappa"], float(sklearn_quiet(cohen_kappa_score, first, second)))


@SETTINGS
@given(single_label_answers(), st.randoms(use_true_random=False))
def test_report_does_not_depend_on_record_order(project, answers, rng):
    text = jsonl(answers)
    lines = text.splitlines(keepends=True)
    rng.shuffle(lines)
    assert score_text(project, text)[0] == score_text(project, "".join(lines))[0]


@pytest.mark.parametrize("labels", [[["product.price"], ["product.price"]], [[], []]])
def test_multi_label_all_agree_is_undefined_not_nan(project, labels):
    answers = {("m1", "ana"): labels[0], ("m1", "ben"): labels[1]}
    report, _ = score_text(project, jsonl(answers, "labels", "topics"))
    agreement = section(report, "topics")["agreement"]
    assert agreement["fleiss_kappa"]["value"] is None and agreement["krippendorff_alpha"]["value"] is None
    assert agreement["cohen_kappa"][0]["kappa"] is None


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 8), st.integers(0, 5), st.integers(0, 3)), min_size=1, max_size=80,
                unique_by=lambda r: r[:2]))
def test_cohen_pairs_by_sorting_equal_pairs_by_dense_counting(ratings):
    """Many annotators make the dense key space too big; the sorted path must give the same figures."""
    data = Ratings.of(*zip(*ratings))
    assert cohen_pairs(data, dense_limit=0) == cohen_pairs(data)
