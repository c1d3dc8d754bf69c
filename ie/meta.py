"""Report metadata: title, region, year and template."""
from __future__ import annotations

from ie.records import Meta


def extract_meta(text, norm, *, year=None, template=None, table_spans=(), issues=None) -> Meta:
    """PLACEHOLDER until the metadata extractor lands."""
    return Meta(year=year, template=template)
