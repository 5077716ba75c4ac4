"""Safe YAML loading that remembers line numbers.

Mappings come back as `LineDict`: a dict that also knows the line where it starts and where
each of its keys is written, so every validation message can name `file:line`. Duplicate
keys, which PyYAML would silently overwrite, are reported instead. Sequences come back as
`LineList`, which knows the line of each item (a card that is a bare string has no other).
"""

from __future__ import annotations

import yaml

try:  # the C parser is ~10x faster; both construct with the same safe constructor
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Base = yaml.SafeLoader


class LineDict(dict):
    line: int = 0
    key_lines: dict
    duplicate_keys: list


class LineList(list):
    line: int = 0
    item_lines: list


class _LineLoader(_Base):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    result.duplicate_keys = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in result:
            result.duplicate_keys.append((key, key_node.start_mark.line + 1))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_with_lines(text: str):
    """Parse one YAML document; raises yaml.YAMLError (with a problem_mark) on bad syntax."""
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
