"""Benchmark: `taxgen import` (parse + build the taxonomy + write its YAML) for label sets of
growing size, against floors measured in the same run:

- parse: merely parsing the input (rdflib for Turtle, defusedxml for XML, the csv module);
- yaml: parsing the written taxonomy YAML with PyYAML's C loader, the cost of the same text
  on the way in. The target applies to the ratio against parse + yaml.

    python benchmarks/bench_import.py                    # 100, 1,000, 10,000 labels
    python benchmarks/bench_import.py --labels 50000 --repeat 1
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import time

from defusedxml.ElementTree import fromstring
import yaml
from rdflib import Graph

from taxgen.importers import ImportOptions, import_data
from taxgen.importers.emit import taxonomy_yaml

FANOUT = 10
TARGET_RATIO = 5.0


def parent_of(index: int) -> int | None:
    return None if index < FANOUT else index // FANOUT - 1


def skos_turtle(count: int) -> bytes:
    lines = ["@prefix skos: <http://www.w3.org/2004/02/skos/core#> .", "@prefix ex: <http://example.org/c/> .",
             "ex:s a skos:ConceptScheme ; skos:prefLabel \"Bench\"@en ."]
    for i in range(count):
        parent = parent_of(i)
        broader = f" ; skos:broader ex:c{parent}" if parent is not None else ""
        lines.append(f"ex:c{i} a skos:Concept ; skos:inScheme ex:s ; skos:prefLabel \"Concept {i}\"@en ; "
                     f"skos:altLabel \"Term {i}\"@en ; skos:definition \"Items about topic {i}.\"@en{broader} .")
    return "\n".join(lines).encode()


def label_studio_xml(count: int) -> bytes:
    children: dict[int | None, list[int]] = {}
    for i in range(count):
        children.setdefault(parent_of(i), []).append(i)

    def choice(i: int) -> str:
        inner = "".join(choice(c) for c in children.get(i, []))
        return f'<Choice value="Topic {i}" hint="Items about topic {i}.">{inner}</Choice>'

    body = "".join(choice(i) for i in children[None])
    return (f'<View><Text name="text" value="$text"/><Taxonomy name="topics" toName="text">{body}</Taxonomy>'
            "</View>").encode()


def csv_table(count: int) -> bytes:
    rows = ["id,name,parent,definition,synonyms"]
    rows += [f"c{i},Concept {i},{'' if parent_of(i) is None else f'c{parent_of(i)}'},Items about topic {i}.,Term {i}"
             for i in range(count)]
    return "\n".join(rows).encode()


FLOORS = {
    "skos": lambda data: Graph().parse(data=data.decode(), format="turtle"),
    "label-studio": lambda data: fromstring(data.decode(), forbid_dtd=True),
    "csv": lambda data: list(csv.reader(io.StringIO(data.decode()))),
}
INPUTS = {"skos": skos_turtle, "label-studio": label_studio_xml, "csv": csv_table}


def best_of(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def taxgen_import(fmt: str, data: bytes) -> list[str]:
    result = import_data(fmt, data, ImportOptions(source=f"bench.{fmt}"))
    assert result.errors == 0, result.diagnostics[:3]
    return [taxonomy_yaml(taxonomy) for taxonomy in result.taxonomies]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
    over = []
    print(f"{'format':<13} {'labels':>7} {'parse s':>9} {'yaml s':>9} {'import s':>9} {'ratio':>6}  target")
    for fmt, make in INPUTS.items():
        for count in args.labels:
            data = make(count)
            texts = taxgen_import(fmt, data)
            parse = best_of(args.repeat, lambda: FLOORS[fmt](data))
            load = best_of(args.repeat, lambda: [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts])
            spent = best_of(args.repeat, lambda: taxgen_import(fmt, data))
            ratio = spent / (parse + load)
            flag = "" if ratio <= TARGET_RATIO else "  OVER"
            print(f"{fmt:<13} {count:>7} {parse:>9.4f} {load:>9.4f} {spent:>9.4f} {ratio:>6.1f}  <= {TARGET_RATIO}{flag}")
            if flag:
                over.append((fmt, count))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
