"""Figures computed by hand (worked out in the comments) and published reference values."""

from __future__ import annotations

import json

import pytest

from taxgen.score.agreement import Ratings, cohen_pairs, fleiss_kappa, krippendorff_alpha

from score_helpers import score_file, section


def approx(value):
    return pytest.approx(value, abs=1e-6)


# tickets.jsonl, golden answers (expected -> given):
#   t1 refund:  ana refund, ben invoice (sibling), cy refund
#   t2 invoice: ana invoice, ben invoice, cy late (unrelated)
#   t3 late:    ana late, ben damaged (sibling), cy late
#   t4 damaged: ana damaged, ben damaged
#   t5 other:   ana other, ben refund (unrelated)
# Partial credit: a sibling shares the parent: 2*1/(2+2) = 0.5; unrelated 0.


def test_golden_accuracy_and_partial_credit_per_annotator(project):
    golden = section(score_file(project, "tickets.jsonl")[0], "tickets")["golden"]
    assert (golden["answers"], golden["correct"], golden["items"], golden["golden_items"]) == (13, 9, 5, 5)
    assert golden["accuracy"] == approx(9 / 13)
    assert golden["partial_credit"] == approx(10 / 13)  # 9 right + two siblings at 0.5
    assert golden["jaccard"] is None  # single-label: Jaccard would only repeat accuracy
    by_name = {a["annotator"]: a for a in golden["annotators"]}
    assert [(a["answers"], a["correct"]) for a in by_name.values()] == [(5, 5), (5, 2), (3, 2)]
    assert by_name["ben"]["accuracy"] == approx(0.4)
    assert by_name["ben"]["partial_credit"] == approx(0.6)  # 0.5 + 1 + 0.5 + 1 + 0
    assert by_name["cy"]["partial_credit"] == approx(2 / 3)


def test_per_label_precision_recall_f1(project):
    golden = section(score_file(project, "tickets.jsonl")[0], "tickets")["golden"]
    rows = {r["label"]: (r["support"], r["predicted"], r["precision"], r["recall"], r["f1"]) for r in golden["labels"]}
    two_thirds = approx(2 / 3)
    assert rows == {
        "billing.refund": (3, 3, two_thirds, two_thirds, two_thirds),  # ben's t5 answer is a false positive
        "billing.invoice": (3, 3, two_thirds, two_thirds, two_thirds),
        "delivery.late": (3, 3, two_thirds, two_thirds, two_thirds),
        "delivery.damaged": (2, 3, two_thirds, 1.0, approx(0.8)),
        "other": (2, 1, 1.0, 0.5, two_thirds),
    }
    assert [r["label"] for r in golden["labels"]] == list(rows)  # taxonomy order; unused labels left out
    assert golden["macro_f1"] == approx((4 * 2 / 3 + 0.8) / 5)
    assert golden["micro_f1"] == approx(9 / 13)


def test_confused_pairs_most_first_then_label_order(project):
    golden = section(score_file(project, "tickets.jsonl")[0], "tickets")["golden"]
    assert [(p["labels"], p["first_as_second"], p["second_as_first"]) for p in golden["confused_pairs"]] == [
        (["billing.refund", "billing.invoice"], 1, 0),
        (["billing.refund", "other"], 0, 1),
        (["billing.invoice", "delivery.late"], 1, 0),
        (["delivery.late", "delivery.damaged"], 1, 0),
    ]


def test_agreement_single_label(project):
    agreement = section(score_file(project, "tickets.jsonl")[0], "tickets")["agreement"]
    assert (agreement["unit"], agreement["items"], agreement["annotators"]) == ("item", 7, 3)
    # Krippendorff: n = 18 pairable values, sum of o_vv = 8, sum n_v^2 = 66 -> 1 - 17*10/(324-66)
    alpha = agreement["krippendorff_alpha"]
    assert (alpha["value"], alpha["items"], alpha["ratings"]) == (approx(1 - 170 / 258), 7, 18)
    # Fleiss (varying raters): P_a = 3/7, P_e = 181/882 -> 197/701
    assert agreement["fleiss_kappa"]["value"] == approx(197 / 701)
    pairs = {tuple(p["annotators"]): p for p in agreement["cohen_kappa"]}
    assert list(pairs) == [("ana", "ben"), ("ana", "cy"), ("ben", "cy")]
    # ana/ben share 6 items, agree on 3; chance: 7/36 -> (1/2 - 7/36) / (1 - 7/36) = 11/29
    assert (pairs["ana", "ben"]["items"], pairs["ana", "ben"]["observed"]) == (6, 0.5)
    assert pairs["ana", "ben"]["kappa"] == approx(11 / 29)


# topics.jsonl (multi-label), expected m1 {price, quality}, m2 {service, quality}:
#   ana m1 {price, quality} exact;   ben m1 {price}: Jaccard 1/2, credit 2*2/(2+3) = 0.8
#   ana m2 {service}: Jaccard 1/2, credit 2*1/(1+3) = 0.5;  ben m2 {service, price}: 1/3, 2*2/(3+3)


def test_multi_label_scores(project):
    golden = section(score_file(project, "topics.jsonl")[0], "topics")["golden"]
    assert (golden["answers"], golden["correct"]) == (4, 1)
    assert golden["jaccard"] == approx((1 + 1 / 2 + 1 / 2 + 1 / 3) / 4)
    assert golden["partial_credit"] == approx((1 + 0.8 + 0.5 + 2 / 3) / 4)
    rows = {r["label"]: (r["support"], r["predicted"], r["precision"], r["recall"], r["f1"]) for r in golden["labels"]}
    assert rows == {"product.price": (2, 3, approx(2 / 3), 1.0, approx(0.8)),
                    "product.quality": (4, 1, 1.0, 0.25, approx(0.4)),
                    "service": (2, 2, 1.0, 1.0, 1.0)}
    assert golden["micro_f1"] == approx(10 / 14)
    # ben missed quality and added price on m2: one confusion, quality answered as price
    assert [(p["labels"], p["first_as_second"], p["second_as_first"]) for p in golden["confused_pairs"]] == [
        (["product.price", "product.quality"], 0, 1)]


def test_multi_label_agreement_is_per_item_and_label(project):
    agreement = section(score_file(project, "topics.jsonl")[0], "topics")["agreement"]
    # 2 items x 3 labels used = 6 yes/no decisions by two annotators, 4 agreed, each said yes 3 times
    assert (agreement["unit"], agreement["items"], agreement["labels"]) == ("item-label", 2, 3)
    assert agreement["cohen_kappa"][0]["kappa"] == approx(1 / 3)
    assert agreement["cohen_kappa"][0]["observed"] == approx(4 / 6)
    assert agreement["fleiss_kappa"]["value"] == approx(1 / 3)
    assert agreement["krippendorff_alpha"]["value"] == approx(1 - 11 * 4 / 72)
    assert agreement["krippendorff_alpha"]["ratings"] == 4  # answers, not yes/no decisions


def test_csv_and_jsonl_give_the_same_report(project):
    for stem in ("tickets", "topics"):
        from_jsonl, problems_jsonl = score_file(project, f"{stem}.jsonl")
        from_csv, problems_csv = score_file(project, f"{stem}.csv")
        assert from_jsonl == from_csv
        assert problems_jsonl == problems_csv == []


def test_all_agree_on_one_label_leaves_kappa_undefined_and_json_null(project):
    report, _ = score_file(project, "unanimous.jsonl")
    agreement = section(report, "tickets")["agreement"]
    for figure in (agreement["fleiss_kappa"], agreement["krippendorff_alpha"]):
        assert figure["value"] is None and "all ratings are the same" in figure["undefined"] and figure["items"] == 2
    pair = agreement["cohen_kappa"][0]
    assert pair["kappa"] is None and pair["observed"] == 1.0 and "one and the same answer" in pair["undefined"]
    text = json.dumps(report, allow_nan=False)  # would raise on NaN
    assert "NaN" not in text and '"value": null' in text


def test_one_annotator_has_no_agreement_figures(project):
    report, _ = score_file(project, "one-annotator.jsonl")
    tickets = section(report, "tickets")
    agreement = tickets["agreement"]
    assert (agreement["items"], agreement["cohen_kappa"]) == (0, [])
    assert agreement["fleiss_kappa"] == {"value": None, "items": 0, "ratings": 0,
                                         "undefined": "no item was rated by two or more annotators"}
    assert tickets["golden"]["labels"][0] == {
        "label": "billing.refund", "name": "Refund", "support": 1, "predicted": 2, "true_positives": 1,
        "precision": 0.5, "recall": 1.0, "f1": approx(2 / 3)}
    # a label expected but never answered has no precision: null, not 0 and not NaN
    assert tickets["golden"]["labels"][1]["precision"] is None


def ratings_from_matrix(matrix):
    """Long-form ratings from a raters x units matrix with None for a missing rating."""
    cells = [(unit, rater, value) for rater, row in enumerate(matrix) for unit, value in enumerate(row)
             if value is not None]
    return Ratings.of(*zip(*cells))


def test_cohen_kappa_textbook_example():
    # 50 items: both yes 20, a yes b no 5, a no b yes 10, both no 15 -> p_o 0.7, p_e 0.5, kappa 0.4
    a = [1] * 20 + [1] * 5 + [0] * 10 + [0] * 15
    b = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15
    (pair,) = cohen_pairs(ratings_from_matrix([a, b]))
    assert (pair.units, pair.agreed, pair.kappa) == (50, 35, approx(0.4))


def test_fleiss_kappa_published_example():
    # Fleiss (1971) as reproduced widely: 10 subjects, 14 raters, 5 categories; kappa 0.210
    table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
             [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    cells = [(subject, subject * 100 + k, category) for subject, row in enumerate(table)
             for category, count in enumerate(row) for k in range(count)]
    coefficient = fleiss_kappa(Ratings.of(*zip(*cells)))
    assert (round(coefficient.value, 3), coefficient.units, coefficient.ratings) == (0.210, 10, 140)


def test_krippendorff_alpha_published_example_with_missing_ratings():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", nominal data, 4 coders, 12 units
    a, b, c, d, e = range(1, 6)
    matrix = [[a, b, c, c, b, a, d, a, b, None, None, None],
              [a, b, c, c, b, b, d, a, b, e, None, c],
              [None, c, c, c, b, c, d, b, b, e, a, None],
              [a, b, c, c, b, d, d, a, b, e, a, None]]
    coefficient = krippendorff_alpha(ratings_from_matrix(matrix))
    assert round(coefficient.value, 3) == 0.743
    assert (coefficient.units, coefficient.ratings) == (11, 40)  # the 12th unit has one rating: not pairable
