"""Data files: metric schemas per template, lexicons, patterns, the jieba user dictionary.

Knowledge lives here as data; code reads it through these helpers, which validate on load and
raise :class:`ie.errors.ResourceError` naming the file, key and value of any problem.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ie.errors import ResourceError

RESOURCE_DIR = Path(__file__).resolve().parent


def resource_path(name: str) -> Path:
    """Absolute path of a resource file, e.g. ``resource_path("units.yaml")``."""
    return RESOURCE_DIR / name


def load_yaml(path: Path | str) -> Any:
    """Parse a YAML (or JSON) file, turning syntax errors into a ResourceError naming the file."""
    import yaml

    path = Path(path)
    try:
        with open(path, encoding="utf-8") as fh:
            if path.suffix == ".json":
                return json.load(fh)
            return yaml.safe_load(fh)
    except FileNotFoundError:
        raise ResourceError(str(path), "file", str(path), "does not exist") from None
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise ResourceError(str(path), "syntax", str(exc).splitlines()[0], "is not valid YAML/JSON") from None


@lru_cache(maxsize=None)
def load_resource(name: str) -> Any:
    """Cached :func:`load_yaml` of a file in ``ie/resources`` (treat the result as read-only)."""
    return load_yaml(resource_path(name))


def str_list(data: dict, key: str, file: str) -> tuple:
    """``data[key]`` as a tuple of non-empty strings; anything else raises ResourceError naming
    ``file``, ``key`` and the value.

    >>> str_list({"approx_infixes": ["余", "多"]}, "approx_infixes", "numerals.yaml")
    ('余', '多')
    """
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ResourceError(file, key, value, "must be a list of non-empty strings")
    return tuple(value)
