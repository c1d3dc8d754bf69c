#!/usr/bin/env python3
"""Minimal texts that isolate the failures seen on the dev corpus, plus variants the 8 reports do not cover.

    .venv/bin/python corpus/dev/micro_probes.py            # one PASS/FAIL line per probe

Each probe states what a correct pipeline returns; FAIL lines give what it returned instead.
Like the dev corpus, these are for measuring, not for copying into rules or fixtures.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import ie  # noqa: E402
import build as B  # noqa: E402
import tables_data as T  # noqa: E402
from probe import compare_cells  # noqa: E402

PROBES = []


def probe(component, name, expected):
    def deco(fn):
        PROBES.append((component, name, expected, fn))
        return fn
    return deco


def triples(text):
    return [(t.quantity_text, t.metric_text, t.period) for t in ie.extract(text).triples]


ERA_A_TABLE = None


def era_a_table():
    global ERA_A_TABLE
    if ERA_A_TABLE is None:
        doc = open(os.path.join(HERE, "reports", "dev_06_chrome_2018.txt"), encoding="utf-8").read()
        ERA_A_TABLE = doc[doc.index("政府信息公开情况统计表（2018年度）"):doc.index("主办单位")]
    return ERA_A_TABLE


def era_a_doc(heading):
    return ("丽水市民政局2018年政府信息公开工作年度报告\n一、概述\n全年工作有序开展。\n" + heading +
            "\n全年共主动公开政府信息1865条，制发规范性文件7件。\n附件：政府信息公开情况统计表\n" + era_a_table())


def matrix_doc(narr, t2=None, t3=None, t4=None):
    t2 = t2 or B.tabs_t2(T.D1_T2)
    t3 = t3 or B.tabs_t3(T.D1_T3, "2019")
    t4 = t4 or B.tabs_t4(T.D1_T4)
    return ("丽水市莲都区人民政府2019年政府信息公开工作年度报告\n一、总体情况\n" + narr + "\n二、主动公开政府信息情况\n" + t2 +
            "\n三、收到和处理政府信息公开申请情况\n" + t3 + "\n四、政府信息公开行政复议、行政诉讼情况\n" + t4 +
            "\n五、存在的主要问题及改进情况\n无。\n")


def findings(text, kinds=("agree", "disagree")):
    return [(f.kind, f.message[:90]) for f in ie.extract(text).findings if f.kind in kinds]


# ---------------------------------------------------------------- tables / segmentation
for heading in ("二、主动公开政府信息情况", "二、主动公开情况", "（一）主动公开情况", "三、依申请公开情况"):
    def _f(heading=heading):
        got = triples(era_a_doc(heading))
        return len(got) == 2, got
    probe("tables/segmentation", "era-A narrative heading %s before the table" % heading,
          "2 narrative triples (1865条, 7件); the table starts at 政府信息公开情况统计表")(_f)


@probe("tables", "era-A table flattened on one line (document-site scrape)", "58/58 cells, template 2014")
def _one_line_era_a():
    text = "丽水市民政局2018年政府信息公开工作年度报告\n一、概述\n全年工作有序开展。\n附件：\n" + era_a_table().replace("\n", " ")
    r = ie.extract(text).to_dict()
    out = compare_cells({"rows": T.gold_era_a(T.D6_VALUES)}, r["cells"])
    return out["correct"] == 58, "%d/58 cells, template %s" % (out["correct"], r["meta"]["template"])


@probe("tables", "traditional table 三 row 4.無正當理由大量反覆申請 (覆 from s2t)", "row read as t3.not_processed.excessive")
def _fu():
    text = open(os.path.join(HERE, "reports", "dev_04_trad_2023.txt"), encoding="utf-8").read()
    cells = ie.extract(text).cells
    got = sorted({c.metric for c in cells if c.label_raw and "反覆" in c.label_raw}, key=str)
    return got == ["t3.not_processed.excessive"], got


@probe("tables", "footer line '主办单位：…  地址：…' after an era-A table", "no cell from the footer")
def _footer():
    text = era_a_doc("二、工作情况") + "主办单位：丽水市民政局　　地址：丽水市中山街1号　　邮编：323000\n"
    bad = [(c.label_raw, c.raw) for c in ie.extract(text).cells if "邮编" in (c.raw or "") or "主办" in (c.label_raw or "")]
    return not bad, bad


@probe("tables", "era-A table title line '政府信息公开情况统计表' + '（2016年度）' on the next line", "no cell for the title")
def _title_row():
    text = era_a_doc("二、工作情况").replace("政府信息公开情况统计表（2018年度）", "政府信息公开情况统计表\n（2018年度）")
    bad = [(c.label_raw, c.raw) for c in ie.extract(text).cells if "年度" in (c.raw or "")]
    return not bad, bad


# ---------------------------------------------------------------- narrative
@probe("narrative", "site chrome counts: 访问量：1286 / 文档页数：6页 / 浏览：52次 / 范文5篇.docx", "no triple")
def _chrome():
    text = ("丽水市2020年政府信息公开工作年度报告\n发布时间：2021-01-20　访问量：1286　【字体：大 中 小】\n"
            "文档页数：6页 下载积分：280 浏览：52次\n全年主动公开政府信息3256条。\n相关文档 2021年政府信息公开工作年度报告范文5篇.docx\n")
    got = triples(text)
    return [q for q, _, _ in got] == ["3256条"], got


@probe("narrative", "page marker between metric and number: '收到政府信息公开申请\\n- 2 -\\n186件'",
       "metric 收到政府信息公开申请")
def _marker():
    got = triples("丽水市2020年政府信息公开工作年度报告\n全年共收到政府信息公开申请\n- 2 -\n186件，上年结转4件。")
    return bool(got) and got[0][1] == "收到政府信息公开申请", got


@probe("narrative", "one-line scrape: metric must not run back across section headings",
       "metric 被申请行政复议")
def _cross_heading():
    got = triples("丽水市2020年政府信息公开工作年度报告 二、主动公开政府信息情况 （数据详见附表一） 三、收到和处理政府信息公开申请情况 "
                  "（数据详见附表二） 四、政府信息公开行政复议、行政诉讼情况 全年因政府信息公开工作被申请行政复议4件。")
    return bool(got) and got[0][1] == "被申请行政复议", got


@probe("narrative", "change after a list: '其中自然人申请120件，法人或其他组织申请8件，比上年增加23件，增长21.9%'",
       "23件 and 21.9% point at 收到政府信息公开申请")
def _change_target():
    got = triples("丽水市2019年政府信息公开工作年度报告\n本年度共收到政府信息公开申请128件，其中自然人申请120件，"
                  "法人或其他组织申请8件，比上年增加23件，增长21.9%。")
    want = {"23件": "收到政府信息公开申请", "21.9%": "收到政府信息公开申请"}
    ok = all(m == want[q] for q, m, _ in got if q in want) and len([1 for q, _, _ in got if q in want]) == 2
    return ok, got


@probe("narrative", "quoted name before a channel: '通过“安吉发布”等政务新媒体发布信息近4000条'",
       "metric 政务新媒体发布信息 (never starting inside the quotes)")
def _quote():
    got = triples("安吉县2022年政府信息公开工作年度报告\n通过“安吉发布”等政务新媒体发布信息近4000条。")
    return bool(got) and not got[0][1].startswith(("发布”", "”")), got


@probe("narrative", "number before noun followed by a conjunction: '明确1名分管领导和2名工作人员具体负责'",
       "metrics 分管领导 / 工作人员 (no 和 / 具体)")
def _conj():
    got = triples("太湖源镇2021年政府信息公开工作年度报告\n明确1名分管领导和2名工作人员具体负责。")
    return [m for _, m, _ in got] == ["分管领导", "工作人员"], got


@probe("narrative", "range '召开新闻发布会3至5次，培训2-3期'", "no bogus metric '召开新闻发布会3'; ranges kept whole or skipped")
def _range():
    got = triples("丽水市2022年政府信息公开工作年度报告\n全年召开新闻发布会3至5次，培训2-3期。")
    return not any(re.search(r"\d$", m) for _, m, _ in got), got


@probe("narrative", "plan sentence '2021年，我市将…力争年内组织培训6次以上' in a 2020 report", "period 2021")
def _plan():
    got = triples("东阳市2020年政府信息公开工作年度报告\n2021年，我市将加强业务指导，力争年内组织培训6次以上。")
    return bool(got) and got[0][2] == "2021", got


@probe("narrative", "unit '12大类、96项具体事项'", "12大类 is a quantity (unit 大类)")
def _dalei():
    got = triples("太湖源镇2021年政府信息公开工作年度报告\n共编制基层政务公开标准目录12大类、96项具体事项。")
    return any(q == "12大类" for q, _, _ in got), got


@probe("narrative", "sentence right after table 四's value line: '…0\\t0\\n本年度行政复议3件'", "metric 行政复议 (not the table's numbers)")
def _after_table():
    text = matrix_doc("全年工作有序开展。").replace("\n五、存在的主要问题及改进情况", "\n本年度行政复议3件，行政诉讼2件。\n五、存在的主要问题及改进情况")
    got = [t for t in triples(text) if t[0] == "3件"]
    return bool(got) and got[0][1] == "行政复议", got


A0_TABLE = "\n".join([
    "政府信息公开情况统计报表", "指标名称\t计量单位\t2011年度\t历年累计", "主动公开信息数\t条\t3562\t28740",
    "其中：1.政府网站\t条\t3120\t25011", "2.政府公报\t条\t96\t1020", "依申请公开",
    "受理依申请公开信息总数\t条\t58\t402", "其中：1.当面申请数\t条\t12\t150", "2.传真申请数\t条\t0\t3",
    "3.电子邮件申请数\t条\t20\t96", "4.网上申请数\t条\t21\t120", "5.信函申请数\t条\t5\t30",
    "6.其他形式申请数\t条\t0\t3", "本年度对申请的答复总数\t条\t56\t398", "行政复议数\t件\t1\t6"])
A0_DOC = ("丽水市人民政府2011年政府信息公开工作年度报告\n一、概述\n2011年，全市主动公开政府信息3562条，截至年底累计公开28740条。"
          "受理依申请公开58件。\n附表：\n" + A0_TABLE + "\n")


@probe("narrative", "pre-2014 report: '截至年底累计公开28740条' (a standing total, = the 历年累计 column)", "period cumulative")
def _a0_cumulative():
    got = [t for t in triples(A0_DOC) if t[0] == "28740条"]
    return bool(got) and got[0][2] == "cumulative", got


@probe("reconcile", "pre-2014 report: '受理依申请公开58件' with a 2008-local table (受理依申请公开信息总数 58)",
       "linked to l.request.total and agreeing (not to the 2014 id a.request.received)")
def _a0_link():
    r = ie.extract(A0_DOC)
    got = [(t.quantity_text, t.metric) for t in r.triples if t.quantity_text == "58件"]
    return bool(got) and got[0][1] == "l.request.total", got


@probe("narrative", "first sentence right under the title line: '…年度报告\\n收到申请128件（其中…）'",
       "metric 收到申请 (not running back over the title line)")
def _title_line():
    got = triples("丽水市莲都区人民政府2022年政府信息公开工作年度报告\n收到申请128件（其中网上申请96件、信函申请20件）。")
    return bool(got) and got[0][1] == "收到申请", got


@probe("narrative", "'全年共收到申请128件，较上年的105件增加23件'",
       "105件 = count with period 2021; 23件 = change (period 2022)")
def _prior_swap():
    r = ie.extract("丽水市莲都区人民政府2022年政府信息公开工作年度报告\n一、总体情况\n全年共收到申请128件，较上年的105件增加23件。")
    got = {t.quantity_text: (t.kind, t.period) for t in r.triples}
    return got.get("105件") == ("count", "2021") and got.get("23件", ("",))[0] == "change", got


@probe("narrative", "'累计公开政府信息12万余条' (累计 with no year limit)", "period cumulative")
def _cumulative():
    got = triples("丽水市莲都区人民政府2022年政府信息公开工作年度报告\n一、总体情况\n累计公开政府信息12万余条。")
    return bool(got) and got[0][2] == "cumulative", got


@probe("narrative", "respective shares: '其中自然人申请120件、法人或其他组织申请8件，分别占93.8%和6.3%'",
       "93.8% -> 自然人申请, 6.3% -> 法人或其他组织申请")
def _respectively():
    got = triples(matrix_doc("本年度共收到政府信息公开申请128件，其中自然人申请120件、法人或其他组织申请8件，分别占93.8%和6.3%。"))
    want = {"93.8%": "自然人申请", "6.3%": "法人或其他组织申请"}
    return all(m == want[q] for q, m, _ in got if q in want), got


@probe("narrative", "'收到政府信息公开申请128件，与2018年的105件相比增加23件，增长21.9%'",
       "metric 收到政府信息公开申请 for 105件 (count, 2018), 23件 and 21.9% (change)")
def _compared_with():
    r = ie.extract(matrix_doc("本年度共收到政府信息公开申请128件，与2018年的105件相比增加23件，增长21.9%。"))
    got = {t.quantity_text: (t.metric_text, t.kind, t.period) for t in r.triples}
    ok = (got.get("105件") == ("收到政府信息公开申请", "count", "2018") and
          got.get("23件") == ("收到政府信息公开申请", "change", "2019") and
          got.get("21.9%") == ("收到政府信息公开申请", "change", "2019"))
    return ok, got


# ---------------------------------------------------------------- meta
@probe("meta", "title with the year in brackets: '丽水市财政局政府信息公开工作年度报告（2020年度）'",
       "that title, region 丽水市, year 2020")
def _bracket_year():
    m = ie.extract("丽水市财政局政府信息公开工作年度报告（2020年度）\n全年主动公开政府信息120条。").meta
    return (m.title, m.region, m.year) == ("丽水市财政局政府信息公开工作年度报告（2020年度）", "丽水市", 2020), (m.title, m.region, m.year)


@probe("meta", "region of '台州市市场监督管理局2020年…报告'", "region 台州市")
def _region_shichang():
    m = ie.extract("台州市市场监督管理局2020年政府信息公开工作年度报告\n正文。").meta
    return m.region == "台州市", m.region


@probe("meta", "markdown title '# 安吉县人民政府2022年政府信息公开工作年度报告'", "title without '# '")
def _md_title():
    m = ie.extract("# 安吉县人民政府2022年政府信息公开工作年度报告\n\n正文。").meta
    return m.title == "安吉县人民政府2022年政府信息公开工作年度报告", m.title


@probe("meta", "title after a document-site header on one long line", "title 东阳市人民政府2020年政府信息公开工作年度报告")
def _docsite_title():
    text = open(os.path.join(HERE, "reports", "dev_07_docsite_2020.txt"), encoding="utf-8").read()
    m = ie.extract(text).meta
    return m.title == "东阳市人民政府2020年政府信息公开工作年度报告", m.title


@probe("meta", "title split over two lines 'XX市人民政府\\n2022年政府信息公开工作年度报告'", "region 丽水市, full title")
def _two_line_title():
    m = ie.extract("丽水市人民政府\n2022年政府信息公开工作年度报告\n本报告统计期限为2022年1月1日至12月31日。").meta
    return m.region == "丽水市", (m.title, m.region)


@probe("meta", "'国家税务总局宁波市税务局2021年…'", "region 宁波市")
def _tax():
    m = ie.extract("国家税务总局宁波市税务局2021年政府信息公开工作年度报告\n正文。").meta
    return m.region == "宁波市", m.region


@probe("meta", "'【2022年】衢州市柯城区人民政府政府信息公开工作年度报告'", "region 衢州市柯城区")
def _bracket():
    m = ie.extract("【2022年】衢州市柯城区人民政府政府信息公开工作年度报告\n正文。").meta
    return m.region == "衢州市柯城区", m.region


# ---------------------------------------------------------------- reconcile (table: dev_01's numbers)
@probe("reconcile", "'予以公开及部分公开67件' (table: 予以公开57 + 部分公开10)", "agree with (一)+(二), no disagree")
def _merged():
    got = findings(matrix_doc("予以公开及部分公开67件。"))
    return not any(k == "disagree" for k, _ in got), got


@probe("reconcile", "'企业申请5件、律师事务所申请2件、社会组织申请1件' (columns 商业企业/法律服务机构/社会公益组织)",
       "agree with those columns, never compared with 总计 128")
def _columns():
    """Also checks the plain case that used to pass (自然人 column)."""
    got = findings(matrix_doc("收到自然人申请120件、企业申请5件、律师事务所申请2件、社会组织申请1件。"))
    return not any(k == "disagree" for k, _ in got), got


@probe("reconcile", "'其中自然人申请120件，法人或其他组织申请8件' (自然人 column 120; legal-person columns sum 8)",
       "agree with 自然人 / the five legal-person columns, never compared with 总计 128")
def _np_column():
    got = findings(matrix_doc("本年度共收到政府信息公开申请128件，其中自然人申请120件，法人或其他组织申请8件。"))
    return not any(k == "disagree" for k, _ in got), got


@probe("reconcile", "'行政复议纠正1件' (table 四 行政复议 结果纠正 = 1, 总计 = 3)", "agree with 结果纠正, not disagree with 总计")
def _corrected():
    got = findings(matrix_doc("被申请行政复议3件，其中行政复议纠正1件。"))
    return not any(k == "disagree" for k, _ in got), got


@probe("reconcile", "era A: '全年通过微博微信回应网民关切19次' (table 4.微博微信回应事件数 19, (一)回应…舆情数 34)",
       "agree with 4.微博微信回应事件数")
def _weibo():
    text = era_a_doc("二、工作情况").replace("全年共主动公开政府信息1865条", "全年通过微博微信回应网民关切19次")
    got = findings(text)
    return not any(k == "disagree" for k, _ in got), got


@probe("reconcile", "era A: '已办结45件，尚有2件未到答复期限' (table (三)申请答复数 45)", "no disagree for the 2 pending")
def _pending():
    text = era_a_doc("二、工作情况").replace("全年共主动公开政府信息1865条，制发规范性文件7件。",
                                          "共受理申请47件，已办结45件，尚有2件未到答复期限。")
    got = findings(text)
    return not any(k == "disagree" for k, _ in got), got


@probe("reconcile", "era A: '局主要负责同志两次主持召开专题会议' (table 会议或专题会议数 3)",
       "no disagree (a subset: meetings the head chaired)")
def _chaired():
    text = era_a_doc("二、工作情况").replace("全年共主动公开政府信息1865条，制发规范性文件7件。",
                                          "局主要负责同志两次主持召开专题会议研究政务公开工作。")
    got = findings(text)
    return not any(k == "disagree" for k, _ in got), got


@probe("reconcile", "traditional narrative '全年共收到政府信息公開申請472件' linked like simplified", "agree with t3.new 总计")
def _trad_link():
    text = open(os.path.join(HERE, "reports", "dev_04_trad_2023.txt"), encoding="utf-8").read()
    r = ie.extract(text)
    got = [(t.quantity_text, t.metric) for t in r.triples if t.quantity_text == "472件"]
    return bool(got) and got[0][1] == "t3.new", got


def main():
    fails = 0
    for component, name, expected, fn in PROBES:
        try:
            ok, got = fn()
        except Exception as e:  # a crash is a failure too
            ok, got = False, "%s: %s" % (type(e).__name__, e)
        fails += not ok
        print("%s  [%s] %s" % ("PASS" if ok else "FAIL", component, name))
        if not ok:
            print("      expected: %s" % expected)
            print("      got:      %s" % (got,))
    print("%d/%d probes pass" % (len(PROBES) - fails, len(PROBES)))


if __name__ == "__main__":
    main()
