"""One self-contained HTML audit page per report: narrative, table and findings, linked both ways.

Public: ``audit_html(report) -> str``, ``write_audit_pages(reports, outdir) -> list[Path]``,
``page_name(report, i)``.

The page has no external resources (inline CSS and a few lines of inline JS) and escapes every piece
of report text. Anchors: a narrative quantity is ``#q-<start>-<end>``, a table cell ``#c-<n>`` (a
derived cell ``#d-<n>``; its number where the text prints it ``#t-<start>-<end>``), a finding ``#f-<n>``. A quantity links to its table cell (or to its
finding when it has no cell), a cell links to the narrative quantity it was compared with, and every
finding links to both sides. Cells and quantities are coloured by the finding that concerns them.
Only ids that exist on the page are ever linked.

>>> from ie.records import Report, Meta, Cell, Triple, Finding, NarrativeRef, TableRef
>>> text = "全县主动公开政府信息7221条。"
>>> t = Triple("7221条", 10, 15, 7221, "条", False, "count", "主动公开政府信息", 2, 10, "2017", "a.proactive.total")
>>> c = Cell("a.proactive.total", "一、主动公开情况", "(一)主动公开政府信息数", None, 7221, "7221", "条", None, None)
>>> f = Finding("agree", "a.proactive.total", (NarrativeRef(10, 15, 7221),),
...             (TableRef("(一)主动公开政府信息数", None, 7221, "a.proactive.total"),), "7221条 = 7221")
>>> page = audit_html(Report(text=text, meta=Meta(year=2017), cells=(c,), triples=(t,), findings=(f,)))
>>> 'id="q-10-15"' in page and 'href="#c-0"' in page and 'href="#q-10-15"' in page
True
"""
from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional

from ie.records import FINDING_KINDS

# colour precedence when several findings concern one place: the worst first
_PRECEDENCE = ("disagree", "identity", "meta", "narrative_sum", "agree", "narrative_only", "table_only")

_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:0;
color:#1d2329;background:#f6f7f9;line-height:1.6}
header{background:#26323d;color:#fff;padding:12px 20px}
header h1{font-size:20px;margin:0 0 4px}
header .sub{font-size:13px;opacity:.85}
.counts span{display:inline-block;margin:6px 8px 0 0;padding:1px 8px;border-radius:10px;font-size:12px;color:#111}
main{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px;padding:16px 20px}
section{background:#fff;border:1px solid #d9dde2;border-radius:6px;padding:12px 16px;min-width:0}
section h2{font-size:16px;margin:0 0 8px}
#narrative .text{white-space:pre-wrap;font-size:14px;overflow-wrap:anywhere}
#findings{grid-column:1 / -1}
.q{border-radius:3px;padding:0 2px;text-decoration:none;color:inherit;border-bottom:2px solid #9aa5b1}
.cellq{border-radius:3px;text-decoration:none;color:inherit;border-bottom:1px dotted #9aa5b1}
a.q:hover,a.ref:hover{outline:2px solid #26323d}
table{border-collapse:collapse;width:100%;font-size:12px}
td.m{color:#667;font-size:11px;font-family:monospace}
td.s{width:5.5em}
th,td{border:1px solid #e1e4e8;padding:3px 6px;text-align:left;vertical-align:top}
td.v{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.v a{color:inherit}
ol.f{padding-left:24px;font-size:13px}
ol.f li{margin:4px 0;padding:2px 6px;border-radius:4px}
.kind{font-weight:bold;margin-right:6px}
a.ref{font-size:12px;margin-left:6px}
:target{outline:3px solid #f08c00;scroll-margin-top:40px}
.k-agree{background:#d3f9d8}.k-disagree{background:#ffc9c9}.k-identity{background:#ffd8a8}
.k-narrative_sum{background:#d0ebff}.k-percent{background:#e5dbff}.k-meta{background:#fff3bf}
.k-narrative_only{background:#f1f3f5}.k-table_only{background:#f8f9fa;color:#667}.k-none{background:#fff}
.hide-agree li.k-agree{display:none}
label.toggle{font-size:12px;font-weight:normal;margin-left:12px}
@media (max-width:900px){main{grid-template-columns:1fr}}
"""

_JS = """
(function(){
  var box=document.getElementById('hide-agree');
  var list=document.getElementById('finding-list');
  if(box&&list){box.addEventListener('change',function(){list.classList.toggle('hide-agree',box.checked);});}
})();
"""


def _e(s) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _fmt(v) -> str:
    if v is None:
        return "—"
    return format(v.normalize(), "f") if hasattr(v, "normalize") else str(v)


def _worst(kinds: Iterable[str]) -> Optional[str]:
    ks = set(kinds)
    for k in _PRECEDENCE:
        if k in ks:
            return k
    return None


def _cell_key(metric, column) -> tuple:
    return (metric, column)


def audit_html(report, *, title: Optional[str] = None) -> str:
    """The audit page of one report as an HTML string (UTF-8, self-contained)."""
    text = report.text or ""
    cells = list(report.cells)
    derived = list(report.derived)
    findings = list(report.findings)
    meta = report.meta

    # ids of the table side
    cell_ids: dict = {}
    label_ids: dict = {}
    for i, c in enumerate(cells):
        cell_ids.setdefault(_cell_key(c.metric, c.column), f"c-{i}")
        label_ids.setdefault((c.label, c.column), f"c-{i}")
    for i, c in enumerate(derived):
        cell_ids.setdefault(_cell_key(c.metric, c.column), f"d-{i}")

    def ref_id(ref) -> Optional[str]:
        return cell_ids.get(_cell_key(ref.metric, ref.column)) or label_ids.get((ref.label, ref.column))

    # narrative spans: triples, then finding refs not covered by a triple; no overlaps
    spans: dict = {}
    for t in report.triples:
        if 0 <= t.start < t.end <= len(text):
            spans[(t.start, t.end)] = t
    for f in findings:
        for n in f.narrative:
            if 0 <= n.start < n.end <= len(text):
                spans.setdefault((n.start, n.end), None)
    # table cells as printed in the text: highlighted too, linked to their row
    cell_spans: dict = {}
    for i, c in enumerate(cells):
        if c.start is not None and c.end is not None and 0 <= c.start < c.end <= len(text) \
                and (c.start, c.end) not in spans:
            cell_spans[(c.start, c.end)] = f"c-{i}"
    ordered, last_end = [], -1
    for (s, e) in sorted(set(spans) | set(cell_spans)):
        if s >= last_end:
            ordered.append((s, e))
            last_end = e
    span_ids = {(s, e): (f"t-{s}-{e}" if (s, e) in cell_spans else f"q-{s}-{e}") for s, e in ordered}

    # what concerns each place
    span_kinds: dict = {}
    span_target: dict = {}
    cell_kinds: dict = {}
    cell_back: dict = {}
    finding_of_span: dict = {}
    for i, f in enumerate(findings):
        fid = f"f-{i}"
        targets = [ref_id(r) for r in f.table]
        targets = [x for x in targets if x]
        for n in f.narrative:
            key = (n.start, n.end)
            if key in span_ids:
                span_kinds.setdefault(key, []).append(f.kind)
                finding_of_span.setdefault(key, fid)
                if targets and key not in span_target:
                    span_target[key] = targets[0]
                for x in targets:
                    cell_back.setdefault(x, span_ids[key])
        for x in targets:
            cell_kinds.setdefault(x, []).append(f.kind)
    for c_i, c in enumerate(derived):
        key = (c.start, c.end)
        if key in span_ids:
            span_target.setdefault(key, f"d-{c_i}")
            cell_back.setdefault(f"d-{c_i}", span_ids[key])

    for key, cid in cell_spans.items():  # a cell no narrative quantity speaks of links to where it is printed
        if key in span_ids:
            cell_back.setdefault(cid, span_ids[key])

    out = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_e(title or meta.title or report.source or 'report')} — audit</title>",
           f"<style>{_CSS}</style></head><body>"]
    counts = Counter(f.kind for f in findings)
    out.append("<header>")
    out.append(f"<h1>{_e(title or meta.title or report.source or 'report')}</h1>")
    sub = [f"year {_e(meta.year)}" if meta.year else "year unknown",
           f"template {_e(meta.template)}" if meta.template else "no statistics table",
           f"{len(cells)} cells", f"{len(derived)} derived cells", f"{len(report.triples)} narrative quantities",
           f"{len(report.issues)} issues"]
    out.append(f'<div class="sub">{" · ".join(sub)}</div>')
    out.append('<div class="counts">' + "".join(
        f'<span class="k-{_e(k)}">{_e(k)} {counts[k]}</span>' for k in FINDING_KINDS if counts[k]) + "</div>")
    out.append("</header><main>")

    # narrative
    out.append('<section id="narrative"><h2>Narrative</h2>')
    body = ['<div class="text">']
    pos = 0
    for s, e in ordered:
        body.append(_e(text[pos:s]))
        key = (s, e)
        if key in cell_spans:
            cid = cell_spans[key]
            kind = _worst(cell_kinds.get(cid, ())) or "none"
            body.append(f'<a id="{span_ids[key]}" class="cellq k-{_e(kind)}" href="#{cid}">{_e(text[s:e])}</a>')
            pos = e
            continue
        kind = _worst(span_kinds.get(key, ())) or "none"
        t = spans.get(key)
        tip = f"{t.metric_text} → {t.metric or 'no metric'} ({t.kind}, {t.period})" if t is not None else ""
        target = span_target.get(key) or finding_of_span.get(key)
        attrs = f'id="{span_ids[key]}" class="q k-{_e(kind)}" title="{_e(tip)}"'
        if target:
            body.append(f'<a {attrs} href="#{_e(target)}">{_e(text[s:e])}</a>')
        else:
            body.append(f"<span {attrs}>{_e(text[s:e])}</span>")
        pos = e
    body.append(_e(text[pos:]))
    body.append("</div>")
    out.append("".join(body))  # one string: the text is pre-wrapped, a joining newline would show
    out.append("</section>")

    # table(s)
    out.append('<section id="tables"><h2>Statistics table</h2>')
    if cells:
        out.append(_table(cells, "c", cell_kinds, cell_back))
    else:
        out.append("<p>No statistics table in this report.</p>")
    if derived:
        out.append("<h2>Derived from the narrative</h2>")
        out.append(_table(derived, "d", cell_kinds, cell_back))
    out.append("</section>")

    # findings
    out.append('<section id="findings"><h2>Findings <label class="toggle"><input type="checkbox" id="hide-agree">'
               " hide agreements</label></h2>")
    out.append('<ol class="f" id="finding-list">')
    for i, f in enumerate(findings):
        links = []
        for n in f.narrative:
            sid = span_ids.get((n.start, n.end))
            if sid:
                links.append(f'<a class="ref" href="#{sid}">{_e(text[n.start:n.end])}</a>')
        for r in f.table:
            cid = ref_id(r)
            if cid:
                links.append(f'<a class="ref" href="#{cid}">{_e(r.label)} {_e(_fmt(r.value))}</a>')
        if f.kind == "table_only":
            links = links[:12] + ([f'<span class="ref">… {len(links) - 12} more</span>'] if len(links) > 12 else [])
        out.append(f'<li id="f-{i}" class="k-{_e(f.kind)}"><span class="kind">{_e(f.kind)}</span>'
                   f"{_e(f.message)}{''.join(links)}</li>")
    out.append("</ol>")
    if report.issues:
        out.append("<h2>Issues</h2><ul>" + "".join(
            f"<li><b>{_e(i.code)}</b> {_e(i.message)}</li>" for i in report.issues) + "</ul>")
    out.append("</section></main>")
    out.append(f"<script>{_JS}</script></body></html>")
    return "\n".join(out)


def _table(cells: list, prefix: str, cell_kinds: dict, cell_back: dict) -> str:
    rows = ["<table><thead><tr><th>section</th><th>label</th><th>column</th><th>value</th><th>metric</th></tr>"
            "</thead><tbody>"]
    last_section = object()
    for i, c in enumerate(cells):
        cid = f"{prefix}-{i}"
        kind = _worst(cell_kinds.get(cid, ())) or "none"
        back = cell_back.get(cid)
        value = _e(_fmt(c.value))
        value_html = f'<a href="#{_e(back)}">{value}</a>' if back else value
        section = "" if c.section == last_section else _e(c.section)
        last_section = c.section
        rows.append(f'<tr id="{cid}" class="k-{_e(kind)}"><td class="s">{section}</td><td>{_e(c.label or c.label_raw)}</td>'
                    f'<td>{_e(c.column)}</td><td class="v">{value_html}</td><td class="m">{_e(c.metric)}</td></tr>')
    rows.append("</tbody></table>")
    return "".join(rows)


def page_name(report, index: int) -> str:
    """A file name for the report's page: its source file stem, else ``report-<index>``."""
    stem = Path(report.source).stem if report.source else f"report-{index}"
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._") or f"report-{index}"
    return f"{stem}.html"


def write_audit_pages(reports: Iterable, outdir) -> list:
    """Write one page per report into ``outdir`` (created); returns the paths written."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    paths, used = [], set()
    for i, r in enumerate(reports):
        name = page_name(r, i)
        if name in used:
            name = f"{Path(name).stem}-{i}.html"
        used.add(name)
        p = outdir / name
        p.write_text(audit_html(r), encoding="utf-8")
        paths.append(p)
    return paths
