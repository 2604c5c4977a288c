"""YAML parsed to nodes that keep their positions, so every problem can name its place.

Values are never constructed by PyYAML: scalars stay the text the contributor wrote
(``verdict: true`` is the string ``"true"``), and aliases are refused before they can be
expanded, which makes alias bombs harmless. Nesting is limited (a claim is three levels
deep; PyYAML's composer recurses once per level), and anchors are refused as aliases are.
"""

from __future__ import annotations

from typing import Any

import yaml

from factcheck.base.escaping import shown
from factcheck.base.limits import MAX_NESTING
from factcheck.rules.catalogue import FC001, FC006, FC016, FC017, FC022, FC035, FC036, Rule
from factcheck.rules.problems import Position, Problems


class _Refused(yaml.MarkedYAMLError):
    """A document our parser refuses (an alias, an anchor, too deep a nesting): raised where
    it is read, reported with the rule it breaks."""

    def __init__(self, rule: Rule, mark: Any, variant: str = "", **values: Any) -> None:  # an event's mark (loosely typed in PyYAML's stubs)
        super().__init__(problem=rule.message(variant, **values), problem_mark=mark)
        self.rule, self.variant, self.values = rule, variant, values


class _Loader(yaml.SafeLoader):
    """The pure-Python parser, refusing aliases as they are read, too deep a nesting before
    it recurses further, and remembering the first anchor to refuse it once the document
    has shown that it holds no alias (which is reported first)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.first_anchor: yaml.NodeEvent | None = None

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(FC017, event.start_mark, "alias")
        if event.anchor is not None and self.first_anchor is None:
            self.first_anchor = event
        if not isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise _Refused(FC035, event.start_mark, limit=MAX_NESTING)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def position(path: str, node: yaml.Node) -> Position:
    mark = node.start_mark  # (Position.from_mark, inlined: called for every value read)
    return Position(path, mark.line + 1, mark.column + 1)


# libyaml's parser is about ten times faster. It cannot refuse aliases or anchors as they are
# read, so it is used only for text that cannot hold one (they need a '*' or a '&'), and a file
# it rejects is parsed again by the pure-Python parser, whose messages and positions are the
# ones we report. (libyaml's own nesting limit is a thousand levels: ours is checked after.)
_NULL, _STR = "tag:yaml.org,2002:null", "tag:yaml.org,2002:str"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


_FAST: Any = None  # a loader for yaml.compose: libyaml's parser with the resolver below
if hasattr(yaml, "CSafeLoader"):
    from yaml.resolver import BaseResolver

    class _FastLoader(yaml._yaml.CParser, BaseResolver):
        """libyaml's parser with a resolver that tells only null from text: nothing else
        reads a scalar's tag, and the full resolver's regular expressions cost a quarter of
        the parsing time."""

        def __init__(self, stream: str) -> None:
            yaml._yaml.CParser.__init__(self, stream)
            BaseResolver.__init__(self)

        def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode:
                return _NULL if implicit[0] and value in _NULLS else _STR
            tag: str = BaseResolver.resolve(self, kind, value, implicit)
            return tag

    _FAST = _FastLoader


def _compose_fast(text: str) -> yaml.Node | None:
    # libyaml also accepts tabs that the pure-Python parser refuses (after a colon, say), so
    # text with a tab goes to the parser whose verdict on it is the reported one (FC022).
    if _FAST is None or "*" in text or "&" in text or "\t" in text:
        raise yaml.YAMLError("fast parser not usable")
    return yaml.compose(text, Loader=_FAST)


def compose(text: str, path: str, problems: Problems, *, line_offset: int = 0) -> yaml.Node | None:
    """Parse one YAML document into nodes; report syntax errors and return None on failure."""
    try:
        node = _compose_fast(text)
    except yaml.YAMLError:
        node = _compose_checked(text, path, problems, line_offset)
    else:
        too_deep = _first_too_deep(node) if node is not None else None
        if too_deep is not None:
            mark = too_deep.start_mark
            FC035.report(problems, Position(path, mark.line + 1 + line_offset, mark.column + 1), limit=MAX_NESTING)
            return None
    if node is not None:
        _shift(node, line_offset)
    return node


def _first_too_deep(root: yaml.Node) -> yaml.Node | None:
    """The first list or mapping (in reading order) nested deeper than allowed, if any.
    Level by level, without recursion, visiting collections only: a few microseconds."""
    level, depth = [root], 0
    while level:
        depth += 1
        if depth > MAX_NESTING:
            return min(level, key=lambda n: n.start_mark.index)
        deeper = []
        for node in level:
            if node.__class__ is yaml.MappingNode:
                for key, value in node.value:
                    if key.__class__ is not yaml.ScalarNode:
                        deeper.append(key)
                    if value.__class__ is not yaml.ScalarNode:
                        deeper.append(value)
            elif node.__class__ is yaml.SequenceNode:
                deeper.extend(item for item in node.value if item.__class__ is not yaml.ScalarNode)
        level = deeper
    return None


def _compose_checked(text: str, path: str, problems: Problems, line_offset: int) -> yaml.Node | None:
    loader = None
    try:
        loader = _Loader(text)  # (which checks every character first)
        node = loader.get_single_node()
        if loader.first_anchor is not None:
            event = loader.first_anchor
            raise _Refused(FC017, event.start_mark, "anchor", anchor=shown(event.anchor))
        return node
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as NUL
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        FC036.report(problems, Position(path, line + line_offset, col), character=ord(character))
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context == "while scanning a quoted scalar" and exc.context_mark:
            mark = exc.context_mark  # where the unclosed quote opens, not the end of the file
        pos = Position(path, mark.line + 1 + line_offset, mark.column + 1) if mark else Position(path)
        message = exc.problem or str(exc)
        if isinstance(exc, _Refused):
            exc.rule.report(problems, pos, exc.variant, **exc.values)
        elif "'\\t'" in message or _tab_at(text, mark):
            FC022.report(problems, pos)
        else:
            FC001.report(problems, pos, detail=_describe(exc))
        return None
    except yaml.YAMLError as exc:  # errors without a mark
        FC001.report(problems, Position(path, 1 + line_offset, 1), detail=exc)
        return None
    finally:
        if loader is not None:
            loader.dispose()


# PyYAML's words for the mistakes contributors make most, and what to do about them.
_HINTS = {
    "mapping values are not allowed here": "a value that contains ': ' must be put in quotes, or the line is indented wrongly",
    "found another document": "a claim file holds one YAML document; remove the extra '---' line",
    "could not find expected ':'": "each line needs 'field: value', or a long value must be quoted or written as a '|' block",
    "while parsing a flow sequence": "a value that starts with '[' is a list: close it with ']', or put the whole value in quotes",
    "while scanning a quoted scalar": "this quoted value is never closed: add the closing quote",
    "but found '<scalar>'": "text follows a closing quote: put the whole value in quotes, writing a \" inside it as \\\"",
    "expected <block end>": "this line is indented differently from the lines around it (or an evidence entry lacks its '- '); line the fields up with spaces",
}


def _describe(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    if exc.context and problem.startswith("but "):
        text = f"{exc.context}, {problem}"
    elif exc.context and exc.context != problem:
        text = f"{problem} ({exc.context})"
    else:
        text = problem
    hint = next((h for key, h in _HINTS.items() if key in text), None)
    return f"{text}; {hint}" if hint else text


def _tab_at(text: str, mark: yaml.Mark | None) -> bool:
    if mark is None:
        return False
    lines = text.split("\n")
    return mark.line < len(lines) and "\t" in lines[mark.line]


def _shift(root: yaml.Node, lines: int) -> None:
    """Move node marks down by ``lines`` (for YAML that starts below a file's first line)."""
    if not lines:
        return
    stack = [root]
    while stack:
        node = stack.pop()
        for mark_name in ("start_mark", "end_mark"):
            mark = getattr(node, mark_name)
            setattr(node, mark_name, yaml.Mark(mark.name, mark.index, mark.line + lines, mark.column, None, 0))  # no buffer: no snippet
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL and node.value in _NULLS


def mapping_items(node: yaml.MappingNode, path: str, problems: Problems) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A mapping's entries by key text; duplicate and non-text keys are reported."""
    items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            FC006.report(problems, position(path, key), "key")
            continue
        if key.value in items:
            first = items[key.value][0].start_mark.line + 1
            FC016.report(problems, position(path, key), name=shown(key.value), first=first)
            continue
        items[key.value] = (key, value)
    return items
