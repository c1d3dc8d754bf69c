"""notebooks/explore.ipynb is committed without outputs and runs top to bottom in this venv's Python."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"


def test_notebook_is_stored_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code
    for cell in code:
        assert cell.get("outputs") == [] and cell.get("execution_count") is None, cell["source"][:60]


@pytest.fixture()
def kernel_manager(tmp_path):
    """A kernel running THIS interpreter (the venv's), whatever kernelspecs the user has installed."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    spec_dir = tmp_path / "kernels" / "ogi-ie-venv"
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "ogi-ie venv", "language": "python"}))
    ksm = KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")], ensure_native_kernel=False)
    return KernelManager(kernel_name="ogi-ie-venv", kernel_spec_manager=ksm)


def test_notebook_runs(kernel_manager):
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, km=kernel_manager, timeout=180, resources={"metadata": {"path": str(NOTEBOOK.parent)}}
                   ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    mimes = {m for o in outputs for m in o.get("data", {})}
    assert {"text/html", "image/png"} <= mimes  # DataFrames / displaCy, and the plot
    html = "".join(o["data"].get("text/html", "") for o in outputs if "data" in o)
    assert "QTY" in html  # the displaCy rendering
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "Glyph" not in text  # no missing-glyph warnings: the CJK font was found
