"""A Griffe extension for the API reference: peelmodel's docstrings, written for
``help()`` and doctest, read as Markdown.

* Sphinx roles (``:class:`Programme```, ``:func:`peelmodel.from_json```) become links
  to the object's entry in the reference when it has one there, else inline code.
* ``>>>`` examples become ``pycon`` code blocks (Markdown would read ``>>>`` as a
  quotation).
* ``:doc:`page``` becomes a link to that page of the documentation.
* An attrs class gets the signature attrs writes for it (keyword-only fields, their
  types and defaults); its fields are listed there rather than one entry each.
* Names with a leading underscore (``__repr__``, ``__attrs_post_init__``) are not API.

Used by ``mkdocs.yml`` only; it does nothing when Griffe is not installed (pytest
imports every module under docs/ when it collects doctests).
"""

from __future__ import annotations

import re
from typing import Any

try:
    import griffe
except ImportError:  # pragma: no cover - the docs extra is not installed
    griffe = None  # type: ignore[assignment]

_ROLE = re.compile(r":(?:py:)?(class|func|meth|mod|attr|data|obj|exc|const|doc):`(~?)([^`]+)`")


def _target(obj: Any, name: str) -> str | None:
    """The canonical path of ``name`` seen from ``obj``, if it is public peelmodel API."""
    head, _, rest = name.partition(".")
    try:
        if head == "peelmodel":
            package = obj.package
            found = package.get_member(rest) if rest else package
        else:
            found = obj.modules_collection.get_member(obj.resolve(head))
            if rest:
                found = found.get_member(rest)
        path: str = found.canonical_path
    except Exception:
        return None
    if any(part.startswith("_") for part in path.split(".")):
        return None  # private: not in the reference
    return path


def _roles(obj: Any, text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        role, tilde, name = match.groups()
        if role == "doc":
            return f"[{name}](../{name}.md)"
        shown = name.rsplit(".", 1)[-1] if tilde else name
        target = _target(obj, name)
        if target is None:
            return f"`{shown}`"
        return f"[`{shown}`][{target}]"

    return _ROLE.sub(replace, text)


def _doctests(text: str) -> str:
    """Fence each run of ``>>>`` lines (with their ``...`` lines and output)."""
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
                i += 1
            if out and out[-1].strip():
                out.append("")
            out += [f"{indent}```pycon", *(indent + b for b in block), f"{indent}```"]
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def _objects(obj: Any) -> Any:
    yield obj
    for member in obj.members.values():
        if not member.is_alias:
            yield from _objects(member)


def _keyword(call: Any, name: str) -> Any:
    for argument in getattr(call, "arguments", ()):
        if getattr(argument, "name", None) == name:
            return argument.value
    return None


def _attrs_class(cls: Any) -> bool:
    return any(str(d.value).startswith(("attrs.frozen", "attrs.define")) for d in cls.decorators)


def _attrs_init(cls: Any) -> None:
    """Give an attrs class the ``__init__`` attrs generates, in place of its fields."""
    kw_only = any(str(_keyword(d.value, "kw_only")) == "True" for d in cls.decorators)
    kind = (
        griffe.ParameterKind.keyword_only if kw_only else griffe.ParameterKind.positional_or_keyword
    )
    parameters = []
    fields = []
    for name, member in cls.members.items():
        if member.is_alias or not member.is_attribute or "property" in member.labels:
            continue
        if "instance-attribute" not in member.labels or member.annotation is None:
            continue
        value = member.value
        default: Any = value
        fields.append(name)
        if str(value).startswith(("attrs.field(", "attr.ib(")):
            if str(_keyword(value, "init")) == "False":
                continue
            default = _keyword(value, "default")
            if default is None and _keyword(value, "factory") is not None:
                default = f"{_keyword(value, 'factory')}()"
        parameters.append(
            griffe.Parameter(
                name.lstrip("_"),
                annotation=member.annotation,
                kind=kind,
                default=default,
            )
        )
    if "__init__" in cls.members:
        return
    for name in fields:
        cls.del_member(name)
    init = griffe.Function(
        "__init__",
        parameters=griffe.Parameters(
            griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword),
            *parameters,
        ),
        returns="None",
        lineno=cls.lineno,
        endlineno=cls.lineno,
    )
    init.labels.add("attrs")
    cls.set_member("__init__", init)


if griffe is not None:

    class PeelmodelDocstrings(griffe.Extension):
        """Rewrite the package's docstrings and attrs classes once it is loaded."""

        def on_package(self, *, pkg: Any, **kwargs: Any) -> None:
            for obj in list(_objects(pkg)):
                if obj.name.startswith("_") and obj is not pkg:
                    obj.public = False
                if obj.is_class and _attrs_class(obj):
                    _attrs_init(obj)
                if obj.docstring is not None:
                    obj.docstring.value = _doctests(_roles(obj, obj.docstring.value))
