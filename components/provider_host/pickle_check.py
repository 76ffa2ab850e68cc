"""Read a pickled provider's opcodes, without unpickling it, and name the class it builds.

A provider that holds no state pickles (with dill, as `pulumi.dynamic.Resource` does) as a
reference to its class and an instance built with no arguments:

    PROTO 4, FRAME, 'components.box.user', 'BoxUserProvider', STACK_GLOBAL,
    EMPTY_TUPLE, NEWOBJ, STOP          (memo stores between them)

`class_reference` accepts exactly that shape (or the older `GLOBAL 'module name'` form of
protocols 2 and 3) and returns `module:Class`; anything else, such as a REDUCE that would
call a function, a BUILD that would set attributes, or bytes after STOP, is refused with
the opcode at fault. `pickletools` only parses, so nothing in the data runs. Pure; used by
`loading.py`.
"""

from __future__ import annotations

import pickletools
from collections.abc import Iterator

# A class reference is under 100 bytes; anything much larger is not one of ours.
MAX_PICKLE_BYTES = 1024
# Opcodes that only frame the data or store into the unpickler's memo: they build nothing.
_FRAMING = frozenset({"PROTO", "FRAME", "MEMOIZE", "PUT", "BINPUT", "LONG_BINPUT"})
_STRINGS = frozenset({"SHORT_BINUNICODE", "BINUNICODE", "BINUNICODE8", "UNICODE"})
_INSTANCE = ("EMPTY_TUPLE", "NEWOBJ", "STOP")


class NotAClassReferenceError(ValueError):
    """The pickle does more than build an argument-less instance of one named class."""


def class_reference(data: bytes) -> str:
    """`module:Class` of the one class `data` instantiates; raises if it does anything else."""
    if len(data) > MAX_PICKLE_BYTES:
        raise NotAClassReferenceError(f"it is {len(data)} bytes, not a class reference")
    ops = list(_significant_opcodes(data))
    names = [name for name, _ in ops]
    if names[:1] == ["GLOBAL"] and names[1:] == list(_INSTANCE):
        module, _, qualname = str(ops[0][1]).partition(" ")
        return f"{module}:{qualname}"
    if names[2:] == ["STACK_GLOBAL", *_INSTANCE] and {names[0], names[1]} <= _STRINGS:
        return f"{ops[0][1]}:{ops[1][1]}"
    raise NotAClassReferenceError(_what_it_does(ops))


def _significant_opcodes(data: bytes) -> Iterator[tuple[str, object]]:
    end = 0
    try:
        for opcode, argument, position in pickletools.genops(data):
            end = (position or 0) + 1  # always known when reading bytes
            if opcode.name not in _FRAMING:
                yield opcode.name, argument
    except ValueError as error:  # truncated, unknown opcode, ...
        raise NotAClassReferenceError(f"it is not a valid pickle ({error})") from None
    if end != len(data):
        raise NotAClassReferenceError(f"it has {len(data) - end} bytes after its end")


def _what_it_does(ops: list[tuple[str, object]]) -> str:
    named = [_short(argument) for name, argument in ops if name == "GLOBAL" or name in _STRINGS]
    calls = [name for name, _ in ops if name in {"REDUCE", "BUILD", "INST", "OBJ", "NEWOBJ_EX"}]
    shown = ", ".join(named[:4]) or "no names"
    doing = f"calls or sets state ({', '.join(sorted(set(calls)))})" if calls else "is no instance"
    return f"it {doing} and references {shown}, not one provider class built without arguments"


def _short(argument: object) -> str:
    # The names come from the state, so they are quoted and cut, never printed raw.
    text = repr(str(argument))
    return text if len(text) <= 60 else f"{text[:57]}..."
