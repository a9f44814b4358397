"""The model is plain immutable data with no I/O: every stage after loading may share it freely."""

from __future__ import annotations

import ast
import dataclasses
import inspect
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from taxgen import model

DATACLASSES = [obj for _, obj in inspect.getmembers(model, inspect.isclass)
               if dataclasses.is_dataclass(obj) and obj.__module__ == model.__name__]


@pytest.mark.parametrize("cls", DATACLASSES, ids=lambda cls: cls.__name__)
def test_every_model_class_is_a_frozen_dataclass(cls):
    assert cls.__dataclass_params__.frozen


def test_a_label_cannot_be_changed_in_place():
    label = model.Label(id="cat", name="Cat", taxonomy="animals")
    with pytest.raises(FrozenInstanceError):
        label.name = "Dog"
    taxonomy = model.Taxonomy(id="animals", title="Animals", version="1.0.0", task=model.Task(), labels=(label,))
    with pytest.raises(TypeError):
        taxonomy._index["dog"] = label  # read-only views, not dicts


def test_the_model_module_does_no_io():
    tree = ast.parse(Path(model.__file__).read_text("utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert imported <= {"__future__", "dataclasses", "types", "typing", "diagnostics"}
    called = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert not called & {"open", "print", "input", "exec", "eval"}
