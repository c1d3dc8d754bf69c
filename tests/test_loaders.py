"""Loaders: real .docx / .pdf / .html files built from the seed reports give the same table cells as the
seed text, and broken files give issues, not crashes.

The seed reports 000/001/002 each hold the 2008-local statistics table in a different flattening. Each
is split here into its narrative lines and the table grid (label | unit | value), then written as a
real file: DOCX with python-docx (with a merged unit column), PDF with reportlab drawing a ruled table
in the WenQuanYi Zen Hei CJK font (the table runs over a page break, header row repeated), and HTML with
``rowspan``/``colspan`` and page chrome around it.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

import ie
from ie.errors import LoaderError, SettingsError
from ie.loaders import load, read_document, sniff

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "corpus" / "reports"
TABLE_SEEDS = ("000_79ef27311e66addd", "001_6202dfbafd518d6c", "002_e9fe4faf6c2b1375")
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
UNITS = {"万元", "人次", "条", "件", "次", "篇", "个", "人", "——"}
VALUE = re.compile(r"^(\d+(\.\d+)?|/|)$")


# ---------------------------------------------------------------- seeds -> (narrative, grid, tail)

def _chunks(lines: list, style: str) -> list:
    """The table region's pieces in reading order: labels, units, values ("" for a blank cell)."""
    out = []
    for line in lines:
        if style == "blank":  # 001: one piece per non-empty line, blank lines between pieces
            if line.strip() or line == "\xa0":
                out.append(line.strip())
            continue
        toks = line.split()  # 000: "label [unit] [value]" on one line, long labels wrapped
        tail = []
        if toks and VALUE.match(toks[-1]):
            tail.insert(0, toks.pop())
        if toks and toks[-1] in UNITS:
            tail.insert(0, toks.pop())
        if line.endswith("\xa0") and toks:
            tail.append("")
        if toks:
            out.append(" ".join(toks))
        out.extend(tail)
    return out


def _rows(chunks: list) -> list:
    rows, row = [], None
    for ch in chunks:
        if ch in UNITS and row is not None and len(row) == 1:
            row.append(ch)
        elif VALUE.match(ch) and row is not None:
            row += [""] * (2 - len(row)) + [ch]
            rows.append(row)
            row = None
        elif row is not None and len(row) == 1:
            row[0] += ch  # a label wrapped onto the next line
        else:
            if row is not None:
                rows.append(row)
            row = [ch]
    if row is not None:
        rows.append(row)
    return [r + [""] * (3 - len(r)) for r in rows]


def split_seed(text: str) -> tuple:
    """(narrative lines, table grid, trailing lines) of a seed report with a statistics table."""
    lines = text.split("\n")
    h = next(i for i, line in enumerate(lines) if line.strip().startswith("统 计 指 标"))
    before = [line.strip() for line in lines[:h] if line.strip()]
    if lines[h].rstrip().endswith("|"):  # 002: one cell per line, three lines per row
        end = h
        while end < len(lines) and lines[end].rstrip().endswith("|"):
            end += 1
        cells = [line.strip().rstrip("|").strip() for line in lines[h:end]]
        grid = [cells[k:k + 3] for k in range(0, len(cells), 3)]
        grid[0] = ["统 计 指 标", "单位", "统计数"]
    else:
        style = "blank" if not lines[h + 1].strip() else "line"
        end = h + 1
        stop = "Top】" if style == "blank" else "\xa0"  # 001 ends at the page's print bar, 000 at a blank
        while end < len(lines) and not (lines[end] == stop or lines[end].startswith(stop) and stop != "\xa0"):
            end += 1
        chunks = _chunks(lines[h + 1:end], style)
        while chunks and chunks[0] in ("单位", "统计数"):  # 001 puts each header cell on its own line
            chunks.pop(0)
        grid = [["统 计 指 标", "单位", "统计数"]] + _rows(chunks)
    after = [line.strip() for line in lines[end:] if line.strip()]
    return before, grid, after


@pytest.fixture(scope="module")
def seeds() -> dict:
    return {doc: split_seed((REPORTS / f"{doc}.txt").read_text(encoding="utf-8")) for doc in TABLE_SEEDS}


def test_split_seed_reads_every_table_row(seeds):
    for doc, (_, grid, _) in seeds.items():
        assert all(len(r) == 3 for r in grid), doc
        labels = [r[0] for r in grid]
        assert "(一)收到申请数" in labels and any(lab.startswith("(三)接受培训人员数") for lab in labels), doc
        assert len(grid) >= 60, (doc, len(grid))
    assert ["七、依申请公开信息收取的费用", "万元", "0"] in seeds["000_79ef27311e66addd"][1]
    assert ["1.按时办结数", "", "152"] in seeds["001_6202dfbafd518d6c"][1]
    assert ["(二)申请办结数", "件", "7"] in seeds["002_e9fe4faf6c2b1375"][1]


# ---------------------------------------------------------------- file builders

def unit_runs(grid: list) -> dict:
    """Row index -> rowspan for runs of equal units (column 1) below the header: merged in the files."""
    runs, r = {}, 1
    while r < len(grid):
        k = r
        while k + 1 < len(grid) and grid[k + 1][1] == grid[r][1] and grid[r][1] != grid[r][2]:
            k += 1
        if k > r:
            runs[r] = k - r + 1
        r = k + 1
    return runs


def build_docx(path: Path, before: list, grid: list, after: list) -> Path:
    import docx

    d = docx.Document()
    for line in before:
        d.add_paragraph(line)
    table = d.add_table(rows=len(grid), cols=3)
    table.style = "Table Grid"
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for r, n in unit_runs(grid).items():  # vertically merged unit cells, text kept once
        merged = table.cell(r, 1).merge(table.cell(r + n - 1, 1))
        merged.text = grid[r][1]
    for line in after:
        d.add_paragraph(line)
    d.save(str(path))
    return path


def build_html(path: Path, before: list, grid: list, after: list, encoding: str = "utf-8") -> Path:
    runs = unit_runs(grid)
    covered = {r + k for r, n in runs.items() for k in range(1, n)}
    trs = []
    for r, row in enumerate(grid):
        tag = "th" if r == 0 else "td"
        tds = [f"<{tag}>{escape(row[0])}</{tag}>"]
        if r in covered:
            pass
        elif row[1] == row[2] and r:
            tds.append(f'<td colspan="2">{escape(row[1])}</td>')
            trs.append("<tr>" + "".join(tds) + "</tr>")
            continue
        elif r in runs:
            tds.append(f'<td rowspan="{runs[r]}">{escape(row[1])}</td>')
        else:
            tds.append(f"<{tag}>{escape(row[1])}</{tag}>")
        tds.append(f"<{tag}>{escape(row[2]) or '&nbsp;'}</{tag}>")
        trs.append("<tr>" + "".join(tds) + "</tr>")
    paras = lambda lines: "\n".join(f"<p>{escape(line)}</p>" for line in lines)  # noqa: E731
    page = f"""<!DOCTYPE html>
<html><head><meta charset="{encoding}"><title>年度报告</title>
<script>document.write("<p>脚本里的1000件不是数据</p>")</script><style>p {{ margin: 0 }}</style></head>
<body><div class="header">站点头部横幅</div><nav><a href="/">首页</a> 政务公开</nav>
<div class="position">您现在的位置:首页 &gt;&gt; 政府信息公开工作年度报告</div>
<table width="100%"><tr><td>
<div class="content">
{paras(before)}
<table border="1">
{chr(10).join(trs)}
</table>
{paras(after)}
</div>
</td></tr></table>
<div class="print">【打印】【关闭】</div>
<footer>版权所有:某某县人民政府 网站标识码 123</footer>
</body></html>"""
    path.write_bytes(page.encode(encoding))
    return path


def _cjk_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(CJK_FONT), subfontIndex=0))
    return "WQY"


def build_pdf(path: Path, before: list, grid: list, after: list) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    font = _cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=15, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    runs = unit_runs(grid)
    covered = {r + k for r, n in runs.items() for k in range(1, n)}
    data = [[Paragraph(escape(row[0]), cell), "" if r in covered else Paragraph(escape(row[1]), cell),
             Paragraph(escape(row[2]), cell)] for r, row in enumerate(grid)]
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), font),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    style += [("SPAN", (1, r), (1, r + n - 1)) for r, n in runs.items()]
    story = [Paragraph(escape(line), body) for line in before]
    story.append(Table(data, colWidths=[300, 60, 70], repeatRows=1, style=TableStyle(style)))
    story += [Paragraph(escape(line), body) for line in after]
    def furniture(canvas, doc) -> None:  # a running header and a page-number footer on every page
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawString(72, A4[1] - 40, "政府信息公开工作年度报告(公开)")
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")
        canvas.restoreState()

    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


BUILDERS = {"docx": build_docx, "pdf": build_pdf, "html": build_html}


@pytest.fixture(scope="module")
def built(seeds, tmp_path_factory) -> dict:
    if not CJK_FONT.exists():
        pytest.skip("fonts-wqy-zenhei is not installed (apt-get install fonts-wqy-zenhei)")
    out = tmp_path_factory.mktemp("built")
    files = {}
    for doc, parts in seeds.items():
        for fmt, build in BUILDERS.items():
            files[doc, fmt] = build(out / f"{doc}.{fmt}", *parts)
    return files


_READ: dict = {}


def read_built(path: Path):
    """read_document, once per built file (PDF parsing is the slow part of these tests)."""
    if path not in _READ:
        _READ[path] = read_document(path)
    return _READ[path]


def pipe_rows(text: str) -> list:
    return [line.split(" | ") for line in text.split("\n") if " | " in line]


def cell_key(c) -> tuple:
    return (c.metric, c.label, c.column, c.value, c.unit)


# ---------------------------------------------------------------- the promise: same cells as text

@pytest.mark.parametrize("fmt", sorted(BUILDERS))
@pytest.mark.parametrize("doc", TABLE_SEEDS)
def test_file_reads_back_the_table_grid(built, seeds, doc, fmt):
    """Parser-independent: the loader text holds the seed's table, one pipe row per grid row."""
    text = read_built(built[doc, fmt]).text
    expected = [[" ".join(c.split()) for c in row] for row in seeds[doc][1]]
    got = pipe_rows(text)
    assert [r[0].replace(" ", "") for r in got] == [r[0].replace(" ", "") for r in expected]
    assert [r[1:] for r in got] == [r[1:] for r in expected]


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
@pytest.mark.parametrize("doc", TABLE_SEEDS)
def test_file_cells_equal_text_cells(built, doc, fmt):
    from_text = ie.extract((REPORTS / f"{doc}.txt").read_text(encoding="utf-8"))
    report = load(built[doc, fmt])
    assert report.source == str(built[doc, fmt])
    assert [cell_key(c) for c in report.cells] == [cell_key(c) for c in from_text.cells]
    for c in report.cells:  # offsets index the loader text
        if c.start is not None:
            assert report.text[c.start:c.end] == c.raw
    assert report.to_dict()["text"] == report.text


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_narrative_survives(built, seeds, fmt):
    text = read_built(built["002_e9fe4faf6c2b1375", fmt]).text
    assert "2017年,全县主动公开政府信息7221条,其中县级部门公开5641条,占78.1%" in text
    assert "政府网站作为政府信息公开的主要平台,2017年共主动公开政府信息5412条" in text


def test_html_chrome_is_dropped(built):
    text = read_built(built["001_6202dfbafd518d6c", "html"]).text
    for chrome in ("您现在的位置", "【打印】", "【关闭】", "站点头部横幅", "版权所有", "脚本里", "首页", "年度报告</title>"):
        assert chrome not in text, chrome
    assert text.startswith("吉安市2017年政府信息公开工作年度报告")


def test_pdf_table_continues_across_pages(built):
    import pdfplumber

    path = built["001_6202dfbafd518d6c", "pdf"]
    with pdfplumber.open(path) as pdf:
        pages_with_tables = sum(1 for p in pdf.pages if p.find_tables())
    assert pages_with_tables >= 2
    doc = read_built(path)
    assert doc.tables == 1
    assert sum(1 for r in pipe_rows(doc.text) if r[0].replace(" ", "") == "统计指标") == 1
    assert "政府信息公开工作年度报告(公开)" not in doc.text and "- 2 -" not in doc.text  # page furniture


# ---------------------------------------------------------------- encodings and odd HTML

@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""),
                                          ("gbk", b""), ("utf-16-le", b"\xff\xfe")])
def test_txt_encodings(tmp_path, encoding, bom):
    text = (REPORTS / "002_e9fe4faf6c2b1375.txt").read_text(encoding="utf-8")
    p = tmp_path / "r.txt"
    p.write_bytes(bom + text.encode(encoding))
    r = load(p)
    assert r.text == text and not [i for i in r.issues if i.code == "decode_errors"]


def test_txt_crlf_becomes_lf(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes("第一行\r\n第二行\r第三行".encode("gbk"))
    assert load(p).text == "第一行\n第二行\n第三行"


def test_html_gbk_meta_charset(tmp_path, seeds):
    p = build_html(tmp_path / "r.htm", *seeds["002_e9fe4faf6c2b1375"], encoding="gbk")
    assert "(一)收到申请数 | 件 | 7" in read_document(p).text


def test_html_rowspan_colspan_grid(tmp_path):
    p = tmp_path / "t.html"
    p.write_text("<table><tr><th>项目</th><th colspan='2'>数量</th></tr>"
                 "<tr><td rowspan='2'>行政复议</td><td>维持</td><td>5</td></tr>"
                 "<tr><td>纠正</td><td>1</td></tr></table><p>以上为统计。</p>", encoding="utf-8")
    assert read_document(p).text == "项目 | 数量 | 数量\n行政复议 | 维持 | 5\n行政复议 | 纠正 | 1\n以上为统计。"


def test_html_entities_are_not_expanded_and_nothing_is_fetched(tmp_path):
    p = tmp_path / "bomb.html"
    p.write_text('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">'
                 '<!ENTITY ext SYSTEM "file:///etc/passwd">]><html><body><p>&b; &ext; 报告</p>'
                 '<img src="http://example.invalid/x.png"></body></html>', encoding="utf-8")
    text = read_document(p).text
    assert "aaaaaaaaaa" not in text and "root:" not in text and "报告" in text


def test_html_huge_colspan_is_capped(tmp_path):
    p = tmp_path / "wide.html"
    p.write_text('<table><tr><td colspan="100000000">a</td></tr><tr><td>b</td><td>1</td></tr></table>')
    doc = read_document(p)
    assert len(doc.text) < 10_000


# ---------------------------------------------------------------- broken inputs: issues, not crashes

def test_truncated_docx_gives_issue(built, tmp_path):
    data = built["002_e9fe4faf6c2b1375", "docx"].read_bytes()
    p = tmp_path / "cut.docx"
    p.write_bytes(data[: len(data) // 2])
    r = load(p)
    assert r.text == "" and r.issues[0].code == "corrupt_file" and "cut.docx" in r.issues[0].message


def test_truncated_pdf_gives_issue_or_partial_text(built, tmp_path):
    data = built["002_e9fe4faf6c2b1375", "pdf"].read_bytes()
    p = tmp_path / "cut.pdf"
    p.write_bytes(data[:400])
    r = load(p)
    assert r.issues and r.issues[0].code in ("corrupt_file", "no_text")


def test_encrypted_pdf_gives_issue(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    p = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(p), encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    c.setFont("Helvetica", 12)
    c.drawString(72, 720, "Annual report 2017: 7221 items")
    c.save()
    r = load(p)
    assert r.text == "" and r.issues[0].code == "encrypted_file"


def test_encrypted_docx_gives_issue(tmp_path):
    p = tmp_path / "locked.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    r = load(p)
    assert r.issues[0].code == "encrypted_file"


def test_oversized_file_gives_issue(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes("报告".encode() * 1000)
    r = load(p, max_bytes=100)
    assert r.text == "" and r.issues[0].code == "file_too_large" and "100" in r.issues[0].message


def test_zip_that_is_not_docx(tmp_path):
    p = tmp_path / "x.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert load(p).issues[0].code == "corrupt_file"


def test_empty_file(tmp_path):
    p = tmp_path / "e.pdf"
    p.write_bytes(b"")
    assert load(p).issues[0].code == "empty_file"


def test_magic_bytes_beat_extension(built, tmp_path):
    p = tmp_path / "really_a_pdf.html"
    p.write_bytes(built["002_e9fe4faf6c2b1375", "pdf"].read_bytes())
    assert "(一)收到申请数 | 件 | 7" in read_document(p).text
    assert sniff(b"%PDF-1.4") == "pdf"


def test_bad_paths_and_types_raise_loader_error(tmp_path):
    with pytest.raises(LoaderError, match="no such file"):
        load(tmp_path / "missing.txt")
    with pytest.raises(LoaderError, match="not a regular file"):
        load(tmp_path)
    p = tmp_path / "sheet.xls"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(LoaderError, match="unsupported file type '.xls'"):
        load(p)
    with pytest.raises(SettingsError, match="max_bytes"):
        load(REPORTS / "002_e9fe4faf6c2b1375.txt", max_bytes=0)


def test_ie_load_is_the_loader(built):
    r = ie.load(built["000_79ef27311e66addd", "docx"])
    assert r.source.endswith(".docx") and "宣威市2018年政府信息公开年度工作报告" in r.text


def test_html_pre_and_plain_text_saved_as_html(tmp_path):
    p = tmp_path / "pre.html"
    p.write_text("<html><body><pre>第一行 7221条\n第二行 | 件 | 7</pre></body></html>", encoding="utf-8")
    assert read_document(p).text == "第一行 7221条\n第二行 | 件 | 7"
    q = tmp_path / "plain.htm"
    q.write_text("上高县2017年报告\n(一)收到申请数 7", encoding="gbk")
    assert read_document(q).text == "上高县2017年报告\n(一)收到申请数 7"


def test_chrome_rules_are_validated(tmp_path):
    from ie.errors import ResourceError
    from ie.loaders.chrome import chrome_rules

    bad = tmp_path / "chrome.yaml"
    bad.write_text("drop_tags: [nav]\ndrop_attr_patterns: ['(']\ndrop_line_patterns: []\nstrip_patterns: []\n",
                   encoding="utf-8")
    with pytest.raises(ResourceError, match=r"drop_attr_patterns='\('"):
        chrome_rules(str(bad))
    assert "script" in chrome_rules().drop_tags


def test_a_loader_bug_becomes_an_issue(tmp_path, monkeypatch):
    import ie.loaders.html as html

    def boom(*a, **k):
        raise RuntimeError("simulated")
    monkeypatch.setattr(html, "read_html", boom)
    p = tmp_path / "x.html"
    p.write_text("<p>报告</p>", encoding="utf-8")
    r = load(p)
    assert r.issues[0].code == "unreadable_file" and "simulated" in r.issues[0].message


def test_docx_layout_table_is_read_as_its_content(tmp_path):
    import docx

    d = docx.Document()
    cell = d.add_table(rows=1, cols=1).cell(0, 0)  # the whole report inside a one-cell layout table
    cell.paragraphs[0].text = "上高县2017年政府信息公开工作年度报告"
    inner = cell.add_table(rows=2, cols=3)
    for r, row in enumerate([["(一)收到申请数", "件", "7"], ["(二)申请办结数", "件", "7"]]):
        for k, text in enumerate(row):
            inner.cell(r, k).text = text
    cell.add_paragraph("特此报告。")
    d.save(str(tmp_path / "layout.docx"))
    assert read_document(tmp_path / "layout.docx").text == (
        "上高县2017年政府信息公开工作年度报告\n(一)收到申请数 | 件 | 7\n(二)申请办结数 | 件 | 7\n特此报告。")
