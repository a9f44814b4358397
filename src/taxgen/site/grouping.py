"""Which labels share a page when a taxonomy is too large for one page per label.

mkdocs-material embeds the navigation in every page, and browsers index every search entry,
so tens of thousands of label pages do not scale. Above the threshold, labels are grouped
into branch pages: a branch is a label with whole sub-trees of its children, packed up to a
fixed number of labels per page. The hierarchy used here is the first-parent tree; labels a
cycle cuts off from every root become roots themselves, so every label lands on exactly one page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Taxonomy

TOP = "_top"  # key of the page packing small top-level labels; ids never start with '_'


@dataclass(frozen=True)
class Branch:
    """One branch page: ``key`` is the label it hangs from (TOP for the roots), ``part`` counts from 1."""

    key: str
    part: int
    label_ids: tuple[str, ...]


@dataclass(frozen=True)
class Tree:
    """The first-parent tree of a taxonomy, in document order."""

    roots: tuple[str, ...]
    children: dict[str, tuple[str, ...]]

    def preorder(self, start: str) -> list[str]:
        out, stack = [], [start]
        while stack:
            label_id = stack.pop()
            out.append(label_id)
            stack.extend(reversed(self.children.get(label_id, ())))
        return out

    def sizes(self) -> dict[str, int]:
        """Number of labels in each sub-tree (iterative: chains may be deeper than Python's stack)."""
        size: dict[str, int] = {}
        for root in self.roots:
            for label_id in reversed(self.preorder(root)):
                size[label_id] = 1 + sum(size[c] for c in self.children.get(label_id, ()))
        return size


def first_parent_tree(taxonomy: Taxonomy) -> Tree:
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for label in taxonomy.labels:
        if taxonomy.get(label.id) is not label:
            continue  # a duplicate id: the first definition is the label
        parent = next((p for p in label.parents if p in taxonomy and p != label.id), None)
        if parent is None:
            roots.append(label.id)
        else:
            children.setdefault(parent, []).append(label.id)
    tree = Tree(tuple(roots), {k: tuple(v) for k, v in children.items()})
    reached = {label_id for root in roots for label_id in tree.preorder(root)}
    for label_id in taxonomy.label_ids:  # cut off by a cycle: break it at its first member
        if label_id not in reached:
            cut = {k: tuple(c for c in v if c != label_id) for k, v in tree.children.items()}
            tree = Tree((*tree.roots, label_id), cut)
            reached.update(tree.preorder(label_id))
    return tree


def branches(tree: Tree, per_page: int) -> list[Branch]:
    """Pack the tree into pages of at most ``per_page`` labels, keeping small sub-trees whole."""
    size = tree.sizes()
    out: list[Branch] = []
    work = [(TOP, (), tree.roots)]
    while work:
        key, lead, subtrees = work.pop(0)
        current, big, part = list(lead), [], 1
        for child in subtrees:
            if size[child] > per_page:
                big.append(child)
                continue
            if current and len(current) + size[child] > per_page:
                out.append(Branch(key, part, tuple(current)))
                current, part = [], part + 1
            current += tree.preorder(child)
        if current:
            out.append(Branch(key, part, tuple(current)))
        work[0:0] = [(child, (child,), tree.children.get(child, ())) for child in big]
    return out
