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
    """Parse one YAML document; raises yaml.YAMLError (with a problem_mark) on bad syntax.

    A deck is built straight from the parser's events, which is about four times faster than
    composing a node tree first (100,000 cards: ~3 s instead of 12). A document that uses what
    only the full loader handles (aliases, explicit tags, merge keys, complex keys, a second
    document) is loaded by it instead, so the result is always the full loader's."""
    return load_reading_cards(text, None)[0]


def load_reading_cards(text: str, new_reader):
    """load_with_lines, with each item of the top-level mapping's `cards` list handed, as soon
    as it is built, to a reader: `reader(root, item, index, line)`, whose return value the
    list keeps instead, so a deck of 100,000 cards never holds all their mappings at once
    (230 MB). `new_reader()` makes one; a fresh one reads the full loader's document, item by
    item after its parse, when the event build gives way midway. Returns (document, reader)."""
    reader = new_reader() if new_reader is not None else None
    try:
        return _from_events(_LineLoader(text), reader), reader
    except _Unusual:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    cards = data.get("cards") if type(data) is LineDict else None
    if new_reader is None or type(cards) is not LineList:
        return data, None if new_reader is None else new_reader()
    reader = new_reader()
    cards[:] = [reader(data, item, index, line) for index, (item, line) in enumerate(zip(cards, cards.item_lines))]
    return data, reader


class _Unusual(Exception):
    """The document needs the full loader."""


_UNUSUAL_KEY_TAGS = {"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"}


def _from_events(loader: _LineLoader, on_card=None):
    """What yaml.load(text, Loader=_LineLoader) returns, or _Unusual. The same C parser raises
    the same syntax errors, from the same marks."""
    try:
        wildcard = loader.yaml_implicit_resolvers.get(None, [])
        resolvers = {first: tuple(found + wildcard) for first, found in loader.yaml_implicit_resolvers.items()}
        no_resolvers = tuple(wildcard)
        constructors = loader.yaml_constructors
        next_event = loader.get_event
        Scalar, MappingStart, SequenceStart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        MappingEnd, SequenceEnd = yaml.MappingEndEvent, yaml.SequenceEndEvent
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # DocumentStart
        # each open collection: [container, key or _NO_KEY] (a mapping waits for a key, then a value)
        stack: list[list] = []
        root = _NO_KEY
        cards = None  # the top-level mapping's `cards` list, when on_card reads its items
        while True:
            event = next_event()
            kind = type(event)
            if kind is Scalar:
                if event.tag is not None:
                    raise _Unusual
                value = event.value
                if event.implicit[0]:  # plain: the resolver's implicit types (int, bool, null, date...)
                    for tag, regexp in resolvers.get(value[:1], no_resolvers):
                        if regexp.match(value):
                            if tag in _UNUSUAL_KEY_TAGS:
                                raise _Unusual  # '<<' or '=' (flatten_mapping's business)
                            node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
                            value = constructors[tag](loader, node)
                            break
                item, line = value, event.start_mark.line + 1
            elif kind is MappingStart or kind is SequenceStart:
                if event.tag is not None:
                    raise _Unusual
                if stack and type(stack[-1][0]) is LineDict and stack[-1][1] is _NO_KEY:
                    raise _Unusual  # a collection as a mapping key
                line = event.start_mark.line + 1
                if kind is MappingStart:
                    new = LineDict()
                    new.key_lines = {}
                    new.duplicate_keys = []
                else:
                    new = LineList()
                    new.item_lines = []
                new.line = line
                if (on_card is not None and kind is SequenceStart and len(stack) == 1
                        and type(stack[0][0]) is LineDict and stack[0][1] is not _NO_KEY and stack[0][1][0] == "cards"):
                    cards = new
                stack.append([new, _NO_KEY])
                continue
            elif kind is MappingEnd or kind is SequenceEnd:
                item, _ = stack.pop()
                line = item.line
            elif kind is yaml.DocumentEndEvent:
                if not loader.check_event(yaml.StreamEndEvent):
                    raise _Unusual  # a second document: the full loader's error
                return None if root is _NO_KEY else root
            else:  # an alias
                raise _Unusual
            if not stack:
                root = item
                continue
            top = stack[-1]
            container = top[0]
            if type(container) is LineList:
                if container is cards:
                    item = on_card(stack[0][0], item, len(container), line)
                container.append(item)
                container.item_lines.append(line)
            elif top[1] is _NO_KEY:
                if item in container:
                    container.duplicate_keys.append((item, line))
                top[1] = (item, line)
            else:
                key, key_line = top[1]
                container[key] = item
                container.key_lines[key] = key_line
                top[1] = _NO_KEY
    finally:
        loader.dispose()


_NO_KEY = object()
