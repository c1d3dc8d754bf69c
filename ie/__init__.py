"""ogi-ie: information extraction for Chinese government information disclosure annual reports.

>>> import ie
>>> report = ie.extract("宣威市2018年政府信息公开年度工作报告")
>>> report.meta.year
2018
"""
from ie.errors import IeError, LoaderError, ModelError, ResourceError, SettingsError
from ie.batch import extract_many
from ie.pipeline import extract
from ie.records import Cell, Finding, Issue, Meta, Report, Triple

__version__ = "0.1.0"


def load(path, *, year=None, method=None, max_bytes=None):
    """Read a report file (.txt, .html, .docx, .pdf) and extract it; see :func:`ie.loaders.load`."""
    from ie.loaders import load as _load

    return _load(path, year=year, method=method, max_bytes=max_bytes)


__all__ = ["extract", "load", "extract_many", "Report", "Cell", "Triple", "Finding", "Issue", "Meta", "IeError",
           "SettingsError", "ResourceError", "ModelError", "LoaderError", "__version__"]
