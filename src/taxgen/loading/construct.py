"""Model objects made fast, for the loader's hot path (the model module itself does no code generation)."""

from __future__ import annotations

from dataclasses import MISSING, fields


def builder(cls):
    """A function making ``cls(**values)`` faster, for the loader's hot path.

    A frozen dataclass's __init__ sets each field through object.__setattr__: for 100,000 labels
    and their examples, about a fifth of a check. The function fills the instance's __dict__
    instead: the same object (equal, same hash and repr), still frozen. Its code is generated for
    ``cls``, as dataclasses generates __init__ (keyword-only parameters, one store per field): a
    loop over the fields cost twice as much. It sets the fields in their order, as __init__ does,
    so that the instances' dicts share their keys (half the memory, and faster to read). Only for
    classes without __post_init__ or InitVar; a field left out takes its default.
    """
    namespace: dict = {}
    parameters = []
    for f in fields(cls):
        if f.default is not MISSING or f.default_factory is not MISSING:
            # a factory is called once: the defaults of the model's fields are immutable
            namespace[f"_default_{f.name}"] = f.default if f.default is not MISSING else f.default_factory()
            parameters.append(f"{f.name}=_default_{f.name}")
        else:
            parameters.append(f.name)
    return _made(cls, f"*, {', '.join(parameters)}", namespace)


def positional_builder(cls):
    """builder's function taking every field, positionally, in the order of ``fields(cls)`` (for
    Label: source, position, field_positions, id, name, ...). Matching 22 keywords to their
    parameters cost more than filling the object: 0.125 s against 0.05 s for 100,000 labels."""
    return _made(cls, ", ".join(f.name for f in fields(cls)), {})


def _made(cls, parameters: str, namespace: dict):
    assert not hasattr(cls, "__post_init__"), cls
    namespace.update(_new=object.__new__, _cls=cls)
    stores = "".join(f"    state[{f.name!r}] = {f.name}\n" for f in fields(cls))
    source = f"def make({parameters}):\n    made = _new(_cls)\n    state = made.__dict__\n{stores}    return made\n"
    exec(source, namespace)  # noqa: S102 - code made from the dataclass's own field names
    return namespace["make"]
