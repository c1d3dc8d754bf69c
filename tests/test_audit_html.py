"""The HTML audit page: self-contained, escaped, every in-page link resolves; renders in headless
Chromium without console errors (skipped without Chromium unless CI is set)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import SEED_IDS
from helpers_gold import gold_report
from ie.commands.reconcile import summary_lines
from ie.export.html import audit_html, write_audit_pages
from ie.reconcile import reconcile
from ie.records import Cell, Finding, Meta, NarrativeRef, Report, TableRef, Triple

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def reconciled_report(doc: str) -> Report:
    r = gold_report(doc)
    issues: list = []
    findings, derived, linked = reconcile(r, issues=issues)
    return Report(text=r.text, meta=r.meta, cells=r.cells, triples=tuple(linked or ()), findings=tuple(findings),
                  issues=tuple(issues), derived=tuple(derived), source=f"{doc}.txt")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list = []
        self.hrefs: list = []
        self.external: list = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        href = a.get("href")
        if href is not None:
            (self.hrefs if href.startswith("#") else self.external).append(href)
        for key in ("src", "srcset"):
            if key in a:
                self.external.append(a[key])
        if tag == "link":
            self.external.append(a.get("href", ""))


def parse(page: str) -> _Links:
    p = _Links()
    p.feed(page)
    return p


@pytest.mark.parametrize("doc", SEED_IDS)
def test_every_link_resolves_and_nothing_is_external(doc):
    page = audit_html(reconciled_report(doc))
    p = parse(page)
    assert len(p.ids) == len(set(p.ids)), "duplicate ids"
    missing = [h for h in p.hrefs if h[1:] not in set(p.ids)]
    assert not missing, missing[:5]
    assert not p.external
    assert "http://" not in re.sub(r">[^<]*<", "><", page) and "@import" not in page
    assert p.hrefs, "the page links nothing"


def test_page_links_both_sides_of_a_disagreement():
    report = reconciled_report("000_79ef27311e66addd")
    page = audit_html(report)
    dis = next(i for i, f in enumerate(report.findings) if f.kind == "disagree")
    f = report.findings[dis]
    q = f"q-{f.narrative[0].start}-{f.narrative[0].end}"
    item = re.search(rf'<li id="f-{dis}"[^>]*>.*?</li>', page, re.S).group(0)
    assert f'href="#{q}"' in item and re.search(r'href="#c-\d+"', item)
    assert re.search(rf'id="{q}" class="q k-disagree"', page)
    assert re.search(r'<tr id="c-\d+" class="k-disagree">', page)


def test_all_text_is_escaped():
    evil = '<script>alert("x")</script>&<b>'
    t = Triple("7件", 0, 2, 7, "件", False, "count", evil, 2, 4, "2018")
    report = Report(text="7件" + evil, meta=Meta(year=2018, title=evil),
                    cells=(Cell("a.x", evil, evil, evil, 1, "1", "件", None, None),), triples=(t,),
                    findings=(Finding("disagree", "a.x", (NarrativeRef(0, 2, 7),), (TableRef(evil, evil, 1, "a.x"),), evil),))
    page = audit_html(report)
    assert "<script>alert" not in page and "<b>" not in page
    assert page.count("<script>") == 1  # only the page's own script
    p = parse(page)
    assert all(h[1:] in set(p.ids) for h in p.hrefs)


def test_write_pages_and_cli_summary(tmp_path):
    reports = [reconciled_report(d) for d in ("000_79ef27311e66addd", "003_41c4ed6ffaa77de1")]
    paths = write_audit_pages(reports, tmp_path / "out")
    assert [p.name for p in paths] == ["000_79ef27311e66addd.html", "003_41c4ed6ffaa77de1.html"]
    lines = summary_lines(reports[0])
    assert lines[1].startswith("  findings: agree 4, disagree 1, identity 1")
    assert any("48件" in ln and "68" in ln for ln in lines if "disagree" in ln)
    assert any(ln.startswith("  meta") for ln in lines)


def test_cli_reconcile_runs(tmp_path, capsys):
    from ie.cli import main

    src = os.path.join(os.path.dirname(__file__), "..", "corpus", "reports", "002_e9fe4faf6c2b1375.txt")
    assert main(["reconcile", src, "--html", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "002_e9fe4faf6c2b1375.txt" in out and "findings:" in out
    assert (tmp_path / "002_e9fe4faf6c2b1375.html").is_file()


# ------------------------------------------------------------------------------ headless Chromium

_PROBE_HEAD = ("<script>window.__errors=[];window.addEventListener('error',function(e){"
               "window.__errors.push(String(e.message));});</script>")
_PROBE_TAIL = ("<script>(function(){var bad=[];document.querySelectorAll('a[href^=\"#\"]').forEach(function(a){"
               "var id=decodeURIComponent(a.getAttribute('href').slice(1));if(!document.getElementById(id)){bad.push(id);}});"
               "document.documentElement.setAttribute('data-links',String(document.querySelectorAll('a[href^=\"#\"]').length));"
               "document.documentElement.setAttribute('data-broken',bad.join(' '));"
               "document.documentElement.setAttribute('data-errors',window.__errors.join(' | '));})();</script>")


def _chromium():
    path = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, but CI is set: .ci/run installs it")
        pytest.skip("chromium is not installed (set CI=true to make this a failure)")
    return path


@pytest.mark.parametrize("doc", ["000_79ef27311e66addd", "003_41c4ed6ffaa77de1"])
def test_page_renders_in_headless_chromium(doc, tmp_path):
    chromium = _chromium()
    page = audit_html(reconciled_report(doc))
    probed = page.replace("<style>", _PROBE_HEAD + "<style>", 1).replace("</body>", _PROBE_TAIL + "</body>", 1)
    f = tmp_path / "page.html"
    f.write_text(probed, encoding="utf-8")
    cmd = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
           "--dump-dom", f.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    dom = proc.stdout
    assert proc.returncode == 0, proc.stderr[-2000:]
    m = re.search(r'<html[^>]*data-links="(\d+)"[^>]*>', dom)
    assert m, "the probe did not run: " + dom[:300]
    html_tag = m.group(0)
    assert int(m.group(1)) > 0
    assert 'data-broken=""' in html_tag, html_tag
    assert 'data-errors=""' in html_tag, html_tag
    console = [ln for ln in proc.stderr.splitlines() if "CONSOLE" in ln and ("Uncaught" in ln or "Error" in ln)]
    assert not console, console
