"""peelmodel itself, behind the same three functions as the other models."""

from __future__ import annotations

import peelmodel as pm


def load(text: str) -> pm.Dataset:
    return pm.from_json(text, pm.Dataset)


def dump(obj: pm.Dataset) -> str:
    return pm.to_json(obj, indent=None)


def load_one(text: str) -> pm.Inspection:
    return pm.from_json(text, pm.Inspection)
