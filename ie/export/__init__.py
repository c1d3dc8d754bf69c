"""Exports: the JSON contract is ``Report.to_dict()``; panels (Parquet/CSV/JSONL) live in ``panel``."""
from ie.export.panel import COLUMNS, panel_rows, read_panel, write_panel

__all__ = ["COLUMNS", "panel_rows", "write_panel", "read_panel"]
