#!/usr/bin/env python3
"""Second blind probe: build 6 reports (txt/html/docx) and gold. Offsets computed against ie.load(path).text."""
import json, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "corpus", "dev")); sys.path.insert(0, ROOT)
import tables_data as T  # noqa
from build import parse_quantity, boundary_ok  # noqa  (dev builder helpers)
import ie  # noqa

T3H = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

def rows3(tpl):
    return T.T3_ROWS_2019 if tpl == "2019" else T.T3_ROWS_2021

def wrap(s, n=30):
    out = []
    for para in s.split("\n"):
        while len(para) > n:
            out.append(para[:n]); para = para[n:]
        out.append(para)
    return "\n".join(out)

def spaced(s):
    return " ".join(ch for ch in s)

# ------------------------------------------------------------------ doc 1: pdftotext, spaced CJK, 2022, 2021 fmt
P1_T2 = [("第二十条第（一）项", [("规章", ["0", "0", "0"]), ("行政规范性文件", ["14", "3", "96"])], ["本年制发件数", "本年废止件数", "现行有效件数"]),
         ("第二十条第（五）项", [("行政许可", ["8614"])], ["本年处理决定数量"]),
         ("第二十条第（六）项", [("行政处罚", ["1532"]), ("行政强制", ["87"])], ["本年处理决定数量"]),
         ("第二十条第（八）项", [("行政事业性收费", ["426.18"])], ["本年收费金额（单位：万元）"])]
P1_T3 = T.t3_matrix([98, 20, 0, 1, 4, 0], [5, 0, 0, 0, 0, 0],
                    {0: dict(granted=41, partial=9, r3=1, r4=3, u1=28, u3=2, n1=4, n2=3, o1=2, o3=1),
                     1: dict(granted=11, partial=2, u1=4, n5=1), 3: dict(granted=1), 4: dict(granted=2, u1=1, o3=1)}, "2021")
P1_T4 = [[3, 1, 0, 1, 5], [2, 0, 1, 0, 3], [1, 0, 0, 0, 1]]

def pdf_t2(t2):
    out = []
    for sec, metrics, cols in t2:
        out.append(sec)
        out.append("信息内容 " + " ".join(cols))
        for lab, cells in metrics:
            out.append(lab + "   " + "   ".join(cells))
    return "\n".join(out)

def pdf_t3(t3, tpl):
    out = ["（本列数据的勾稽关系为：第一项加第", "二项之和，等于第三项加第四项之和）  申请人情况",
           "                自然人   法人或其他组织                      总计",
           "                         商业   科研   社会公益   法律服务   其他",
           "                         企业   机构   组织       机构"]
    for key, group, label in rows3(tpl):
        vals = "   ".join(str(v) for v in t3[key])
        lab = label
        if group:
            out.append(group)
        if len(lab) > 14:
            out.append(lab[:14] + "   " + vals)
            rest = lab[14:]
            while rest:
                out.append(rest[:14]); rest = rest[14:]
        else:
            out.append(lab + "   " + vals)
    return "\n".join(out)

def pdf_t4(t4):
    return "\n".join(["行政复议   行政诉讼",
                      "                未经复议直接起诉   复议后起诉",
                      "结果 结果 其他 尚未 总计 结果 结果 其他 尚未 总计 结果 结果 其他 尚未 总计",
                      "维持 纠正 结果 审结      维持 纠正 结果 审结      维持 纠正 结果 审结",
                      "   ".join(str(v) for row in t4 for v in row)])

D1_NARR = wrap("""湖州市南浔区人民政府2022年政府信息公开工作年度报告
本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定编制。
一、总体情况
（一）主动公开
2022年，南浔区通过区政府门户网站主动公开政府信息6843条，其中政策文件217条、人事信息96条、财政预决算信息58条；“南浔发布”政务微信推送信息1275条。""") + "\n" + \
    "（ 二 ） 依 申 请 公 开\n" + wrap(spaced("全年共收到政府信息公开申请123件，其中网上申请98件，信函申请25件；上年结转5件。"), 40) + "\n" + \
    wrap("""办结政府信息公开申请117件，尚有11件结转下年度办理。
（三）政府信息管理
全年清理行政规范性文件43件，其中废止3件、修改7件。
（四）平台建设
区政府门户网站全年访问量达156.3万人次，新增专题专栏4个。
（五）监督保障
组织政务公开专题培训3场，参训人员约240人次。""") + "\n" + wrap("""二、主动公开政府信息情况""") + "\n@@T2@@\n三、收到和处理政府信息公开申请情况\n@@T3@@\n四、政府信息公开行政复议、行政诉讼情况\n@@T4@@\n" + \
    wrap("""五、存在的主要问题及改进情况
一是政策解读形式较为单一，二是部分乡镇（街道）信息更新不及时。2023年将开展专项检查2次。
六、其他需要报告的事项
本年度未收取信息处理费。南浔区政府办公室 联系电话：0572-3021234""")
D1_ANN = [("6843条", "主动公开政府信息"), ("217条", "政策文件"), ("96条", "人事信息"), ("58条", "财政预决算信息"),
          ("1275条", "推送信息"),
          (spaced("123件"), spaced("收到政府信息公开申请")), (spaced("98件"), spaced("网上申请")),
          (spaced("25件"), spaced("信函申请")), (spaced("5件"), spaced("上年结转")),
          ("117件", "办结政府信息公开申请"), ("11件", "结转下年度办理", "count", None, "after"),
          ("43件", "清理行政规范性文件"), ("3件", "废止"), ("7件", "修改"),
          ("156.3万人次", "访问量"), ("4个", "新增专题专栏"),
          ("3场", "政务公开专题培训", "count"), ("约240人次", "参训人员"),
          ("2次", "专项检查", "count", "2023")]

# ------------------------------------------------------------------ doc 2: 2020 department, 2019 fmt, zeros/blanks
P2_T2 = [("第二十条第（一）项", [("规章", ["0", "0", "0"]), ("规范性文件", ["1", "1", "6"])], ["本年新制作数量", "本年新公开数量", "对外公开总数量"]),
         ("第二十条第（五）项", [("行政许可", ["4", "-3", "12"]), ("其他对外管理服务事项", ["0", "0", "0"])], ["上一年项目数量", "本年增/减", "处理决定数量"]),
         ("第二十条第（六）项", [("行政处罚", ["26", "-3", "5"]), ("行政强制", ["2", "0", "0"])], ["上一年项目数量", "本年增/减", "处理决定数量"]),
         ("第二十条第（八）项", [("行政事业性收费", ["0", "0"])], ["上一年项目数量", "本年增/减"]),
         ("第二十条第（九）项", [("政府集中采购", ["7", "35.6万元"])], ["采购项目数量", "采购总金额"])]
# only the natural-person and total columns are filled; 法人 columns blank
_P2 = T.t3_matrix([2, 0, 0, 0, 0, 0], [0] * 6, {0: dict(granted=1, u1=1)}, "2019")
P2_T3 = {k: [v[0], None, None, None, None, None, v[6]] for k, v in _P2.items()}
P2_T4 = [[0] * 5, [0] * 5, [0] * 5]

def tab_t2(t2):
    out = []
    for sec, metrics, cols in t2:
        out.append(sec); out.append("\t".join(["信息内容"] + cols))
        for lab, cells in metrics:
            out.append("\t".join([lab] + cells))
    return "\n".join(out)

def tab_t3(t3, tpl):
    out = [T3H + "\t申请人情况", "\t\t自然人\t法人或其他组织\t\t\t\t\t总计", "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"]
    for key, group, label in rows3(tpl):
        cells = ["" if v is None else str(v) for v in t3[key]]
        out.append("\t".join([group or "", label] + cells))
    return "\n".join(out)

def tab_t4(t4, one_line=False):
    hdr = ["行政复议\t\t\t\t\t行政诉讼", "\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉",
           "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)]
    return "\n".join(hdr + ["\t".join(str(v) for r in t4 for v in r)])

D2_NARR = """丽水市统计局2020年政府信息公开工作年度报告
根据《中华人民共和国政府信息公开条例》要求，现公布本局2020年度政府信息公开工作年度报告。报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。
一、总体情况
2020年，我局主动公开各类政府信息327条，其中统计数据发布112条、统计分析报告36篇。本年度收到政府信息公开申请2件，均为自然人申请，已全部按期办结。本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。
二、主动公开政府信息情况
@@T2@@
三、收到和处理政府信息公开申请情况
@@T3@@
四、政府信息公开行政复议、行政诉讼情况
@@T4@@
五、存在的主要问题及改进情况
本年度政府集中采购项目7个，采购总金额35.6万元。行政处罚事项较上年减少3项。
六、其他需要报告的事项
无。
丽水市统计局
2021年1月20日"""
D2_ANN = [("327条", "主动公开各类政府信息"), ("112条", "统计数据发布"), ("36篇", "统计分析报告"),
          ("2件", "收到政府信息公开申请"), ("7个", "政府集中采购项目"), ("35.6万元", "采购总金额", "money"),
          ("3项", "行政处罚事项", "change")]

# ------------------------------------------------------------------ doc 3: 2015 era A, province 厅, HTML
P3_VALUES = [13250, 46, 52, 0, 12480, 3120, 2860, 1850,
             86, 12, 3, 6, 2, 35, 40, 11,
             213, 37, 4, 158, 14, 209, 205, 4,
             209, 82, 63, 17, 21, 2, 0, 3, 0, 11, 5, 14, 9, 2, 1,
             4, 3, 1, 0,
             2, 2, 0, 0,
             0, "0",
             1, 3, 12, 3, 9, "28.5",
             4, 6, 520]

def html_doc3():
    rows = T.era_a_rows()
    tr = ['<tr><th rowspan="1">统计指标</th><th>单位</th><th>统计数</th></tr>']
    cur = None
    for (sec, lab, unit), v in zip(rows, P3_VALUES):
        if sec != cur and sec != lab:
            tr.append('<tr><td colspan="3"><b>%s</b></td></tr>' % sec)
        cur = sec
        tr.append("<tr><td>%s</td><td>%s</td><td>%s</td></tr>" % (lab.replace("(", "（").replace(")", "）").replace(":", "："), unit, v))
    narr = """<h1>浙江省水利厅2015年政府信息公开工作年度报告</h1>
<p class="info">发布时间：2016-03-28 来源：办公室 浏览次数：2317</p>
<p>本报告根据《中华人民共和国政府信息公开条例》要求，由浙江省水利厅编制。全文包括概述、主动公开政府信息情况、依申请公开情况、复议诉讼情况、存在的主要问题及改进措施等内容。</p>
<p>一、概述</p>
<p>2015年，我厅主动公开政府信息一万三千余条，较上年增长百分之十二点四；其中通过厅门户网站公开1.25万条，政务微博发布3120条。全省水利系统累计公开各类信息3.2万条。</p>
<p>二、主动公开政府信息情况</p>
<p>全年召开新闻发布会十二次，其中厅主要负责同志参加三次；发布政策解读稿件三十五篇。</p>
<p>三、依申请公开情况</p>
<p>全年共受理政府信息公开申请二百一十三件，按时办结率达百分之九十八点一，申请人满意率为百分之九十五点六。</p>
<p>四、复议诉讼情况</p>
<p>因政府信息公开被申请行政复议四件、提起行政诉讼两件。</p>
<p>五、存在的主要问题及改进措施</p>
<p>下一步，我厅将进一步加强培训，全年举办培训班不少于六期。</p>
<p>附件：政府信息公开情况统计表</p>
<table border="1">%s</table>
""" % "\n".join(tr)
    return """<!DOCTYPE html><html><head><meta charset="utf-8"><title>浙江省水利厅2015年政府信息公开工作年度报告_浙江省水利厅</title></head>
<body><div class="nav"><a href="/">首页</a> | <a href="/xxgk">信息公开</a> | <a href="/hdjl">互动交流</a> | 当前位置：首页 &gt; 信息公开 &gt; 年度报告</div>
<div class="content">%s</div>
<div class="footer">主办：浙江省水利厅 地址：杭州市学院路10号 邮编：310012 电话：0571-87826500 浙ICP备05003462号 浙公网安备33010602000512号</div>
</body></html>""" % narr
D3_ANN = [("一万三千余条", "主动公开政府信息"), ("百分之十二点四", "主动公开政府信息", "change"),
          ("1.25万条", "厅门户网站公开"), ("3120条", "政务微博发布"),
          ("3.2万条", "公开各类信息", "count", "cumulative"),
          ("十二次", "召开新闻发布会"), ("三次", "厅主要负责同志参加"), ("三十五篇", "发布政策解读稿件"),
          ("二百一十三件", "受理政府信息公开申请"), ("百分之九十八点一", "按时办结率", "percent"),
          ("百分之九十五点六", "申请人满意率", "percent"),
          ("四件", "被申请行政复议"), ("两件", "提起行政诉讼"), ("六期", "举办培训班", "count", "2016")]
# 不少于六期 is a bound, but 不少于 is not in the marker list; annotated value 6, approx false? -> see PROBE.md

# ------------------------------------------------------------------ doc 4: 2024, 2021 fmt, respectively/shared head
P4_T2 = [("第二十条第（一）项", [("规章", ["0", "0", "0"]), ("行政规范性文件", ["9", "2", "57"])], ["本年制发件数", "本年废止件数", "现行有效件数"]),
         ("第二十条第（五）项", [("行政许可", ["6210"])], ["本年处理决定数量"]),
         ("第二十条第（六）项", [("行政处罚", ["2045"]), ("行政强制", ["31"])], ["本年处理决定数量"]),
         ("第二十条第（八）项", [("行政事业性收费", ["0"])], ["本年收费金额（单位：万元）"])]
P4_T3 = T.t3_matrix([142, 18, 0, 2, 7, 3], [6, 1, 0, 0, 0, 0],
                    {0: dict(granted=58, partial=12, r4=4, r6=2, u1=36, u2=3, u3=4, n1=9, n2=5, o1=3, o3=2),
                     1: dict(granted=10, partial=3, u1=4), 3: dict(granted=2),
                     4: dict(granted=4, u1=2, n5=1), 5: dict(granted=2, o3=1)}, "2021")
P4_T4 = [[6, 2, 1, 1, 10], [3, 1, 0, 2, 6], [1, 0, 0, 0, 1]]

def one_line_t4(t4):
    return "\n".join(["行政复议 行政诉讼", "未经复议直接起诉 复议后起诉",
                      " ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3),
                      " ".join(str(v) for r in t4 for v in r)])

def sp_t3(t3, tpl):
    out = [T3H + " 申请人情况", "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    for key, group, label in rows3(tpl):
        out.append(" ".join(([group] if group else []) + [label] + [str(v) for v in t3[key]]))
    return "\n".join(out)

def sp_t2(t2):
    out = []
    for sec, metrics, cols in t2:
        out.append(sec); out.append(" ".join(["信息内容"] + cols))
        for lab, cells in metrics:
            out.append(" ".join([lab] + cells))
    return "\n".join(out)

D4_NARR = """金华市婺城区人民政府2024年政府信息公开工作年度报告
一、总体情况
（一）主动公开。2024年，全区主动公开政府信息9876条，同比下降6.2%。其中，政府门户网站、政务微信和政务微博分别发布4512条、3025条和2339条。重点领域信息公开方面，公开财政预决算、重大建设项目和公共资源配置信息分别为186条、94条和431条。
（二）依申请公开。全年共收到政府信息公开申请172件，同比减少23件，下降11.8%。其中，自然人申请142件，占82.6%；法人或其他组织申请30件，占17.4%。从申请方式看，网上申请、信函申请和当面申请分别为131件、29件和12件。全年办结申请167件（含上年结转7件），办结结果中予以公开76件、部分公开15件、无法提供49件，分别占45.5%、9.0%和29.3%。
（三）政府信息管理。开展规范性文件清理，共清理文件64件，保留57件，废止7件。
（四）平台建设。政府门户网站年访问量386.5万人次，同比减少4.1万人次。
（五）监督保障。开展政务公开培训5次、考核2次，培训人数分别为310人次和45人次。
二、主动公开政府信息情况
@@T2@@
三、收到和处理政府信息公开申请情况
@@T3@@
四、政府信息公开行政复议、行政诉讼情况
@@T4@@
五、存在的主要问题及改进情况
全年被申请行政复议10件、提起行政诉讼7件，其中复议纠正2件，诉讼纠正1件。
六、其他需要报告的事项
本年度未收取信息处理费。"""
D4_ANN = [("9876条", "主动公开政府信息"), ("6.2%", "主动公开政府信息", "change"),
          ("4512条", "政府门户网站"), ("3025条", "政务微信"), ("2339条", "政务微博"),
          ("186条", "财政预决算"), ("94条", "重大建设项目"), ("431条", "公共资源配置信息"),
          ("172件", "收到政府信息公开申请"), ("23件", "收到政府信息公开申请", "change"), ("11.8%", "收到政府信息公开申请", "change"),
          ("142件", "自然人申请"), ("82.6%", "自然人申请", "percent"), ("30件", "法人或其他组织申请"), ("17.4%", "法人或其他组织申请", "percent"),
          ("131件", "网上申请"), ("29件", "信函申请"), ("12件", "当面申请"),
          ("167件", "办结申请"), ("7件", "上年结转"), ("76件", "予以公开"), ("15件", "部分公开"), ("49件", "无法提供"),
          ("45.5%", "予以公开", "percent"), ("9.0%", "部分公开", "percent"), ("29.3%", "无法提供", "percent"),
          ("64件", "清理文件"), ("57件", "保留"), ("7件", "废止"),
          ("386.5万人次", "政府门户网站年访问量"), ("4.1万人次", "政府门户网站年访问量", "change"),
          ("5次", "政务公开培训"), ("2次", "考核"), ("310人次", "培训人数"), ("45人次", "培训人数"),
          ("10件", "被申请行政复议"), ("7件", "提起行政诉讼"), ("2件", "复议纠正"), ("1件", "诉讼纠正")]
# table: 复议 总计 10, 纠正 2; 诉讼 6+1=7, 纠正 1+0 = 1 -> consistent.

# ------------------------------------------------------------------ doc 5: docx 2019 district
P5_T2 = [("第二十条第（一）项", [("规章", ["0", "0", "0"]), ("规范性文件", ["11", "11", "48"])], ["本年新制作数量", "本年新公开数量", "对外公开总数量"]),
         ("第二十条第（五）项", [("行政许可", ["289", "12", "5120"]), ("其他对外管理服务事项", ["36", "-4", "870"])], ["上一年项目数量", "本年增/减", "处理决定数量"]),
         ("第二十条第（六）项", [("行政处罚", ["964", "-21", "1187"]), ("行政强制", ["41", "2", "63"])], ["上一年项目数量", "本年增/减", "处理决定数量"]),
         ("第二十条第（八）项", [("行政事业性收费", ["9", "-1"])], ["上一年项目数量", "本年增/减"]),
         ("第二十条第（九）项", [("政府集中采购", ["58", "2368.4万元"])], ["采购项目数量", "采购总金额"])]
P5_T3 = T.t3_matrix([64, 9, 0, 1, 3, 2], [3, 0, 0, 0, 0, 0],
                    {0: dict(granted=27, partial=6, r4=2, u1=19, u3=2, n1=3, n2=2, other=2),
                     1: dict(granted=5, partial=1, u1=2), 3: dict(granted=1), 4: dict(granted=2, u1=1), 5: dict(granted=2)}, "2019")
P5_T4 = [[2, 1, 0, 0, 3], [1, 0, 0, 1, 2], [0, 0, 0, 0, 0]]
D5_PARAS = """嘉兴市南湖区人民政府2019年政府信息公开工作年度报告
本年度报告根据《中华人民共和国政府信息公开条例》（国务院令第711号）第五十条规定编制，所列数据统计期限自2019年1月1日至2019年12月31日。
一、总体情况
2019年，南湖区主动公开政府信息5368条，同比增长9.7%。召开新闻发布会14场，区长参加4场。全年收到政府信息公开申请79件，比上年增加11件；其中自然人申请64件，法人或其他组织申请15件。行政复议3件，行政诉讼2件。
二、主动公开政府信息情况
@@T2@@
三、收到和处理政府信息公开申请情况
@@T3@@
四、政府信息公开行政复议、行政诉讼情况
@@T4@@
五、存在的主要问题及改进情况
下一步将新增公开目录事项20项。
六、其他需要报告的事项
本年度政府集中采购项目58个，采购总金额2368.4万元。"""
D5_ANN = [("5368条", "主动公开政府信息"), ("9.7%", "主动公开政府信息", "change"), ("14场", "召开新闻发布会"), ("4场", "区长参加"),
          ("79件", "收到政府信息公开申请"), ("11件", "收到政府信息公开申请", "change"), ("64件", "自然人申请"),
          ("15件", "法人或其他组织申请"), ("3件", "行政复议"), ("2件", "行政诉讼"),
          ("20项", "新增公开目录事项", "count", "2020"), ("58个", "政府集中采购项目"), ("2368.4万元", "采购总金额", "money")]

def build_docx(path):
    import docx
    from docx.shared import Pt  # noqa
    d = docx.Document()
    for para in D5_PARAS.split("\n"):
        if para.startswith("@@T2@@"):
            rows = sum(1 + len(m) for _, m, _ in P5_T2)
            t = d.add_table(rows=rows, cols=4); t.style = "Table Grid"; r = 0
            for sec, metrics, cols in P5_T2:
                a = t.cell(r, 0).merge(t.cell(r, 3)); a.text = sec; r += 1
                # header row folded into block header? keep a separate header: put columns in first data row label cell
                for lab, cells in metrics:
                    t.cell(r, 0).text = lab
                    for i, c in enumerate(cells):
                        t.cell(r, 1 + i).text = c
                    r += 1
            # insert column header rows: rebuild simpler -- see below
            continue
        if para.startswith("@@T3@@"):
            rr = rows3("2019")
            t = d.add_table(rows=3 + len(rr), cols=9); t.style = "Table Grid"
            h = t.cell(0, 0).merge(t.cell(2, 1)); h.text = T3H
            t.cell(0, 2).merge(t.cell(0, 8)).text = "申请人情况"
            t.cell(1, 2).merge(t.cell(2, 2)).text = "自然人"
            t.cell(1, 3).merge(t.cell(1, 7)).text = "法人或其他组织"
            t.cell(1, 8).merge(t.cell(2, 8)).text = "总计"
            for i, c in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
                t.cell(2, 3 + i).text = c
            r = 3; gstart = None; gname = None
            for idx, (key, group, label) in enumerate(rr):
                if group:
                    gstart, gname = r, group
                if key in ("new", "carried", "total", "cf", "other") or (key == "partial"):
                    if key in ("new", "carried", "cf"):
                        t.cell(r, 0).merge(t.cell(r, 1)).text = label
                    else:
                        t.cell(r, 1).text = label
                else:
                    t.cell(r, 1).text = label
                for c, v in enumerate(P5_T3[key]):
                    t.cell(r, 2 + c).text = str(v)
                r += 1
            # merge group cells in col 0 for 三、本年度办理结果 (rows granted..total) and sub-groups
            return_rows = {k: 3 + i for i, (k, _, _) in enumerate(rr)}
            t.cell(return_rows["granted"], 0).merge(t.cell(return_rows["total"], 0)).text = "三、本年度办理结果"
            for g, a, b in (("（三）不予公开", "r1", "r8"), ("（四）无法提供", "u1", "u3"), ("（五）不予处理", "n1", "n5")):
                pass  # group label prefixed in the label cell instead (Word users often do this)
            for g, keys in (("（三）不予公开", ["r1"]), ("（四）无法提供", ["u1"]), ("（五）不予处理", ["n1"])):
                c = t.cell(return_rows[keys[0]], 1); c.text = g + " " + c.text
            continue
        if para.startswith("@@T4@@"):
            t = d.add_table(rows=4, cols=15); t.style = "Table Grid"
            t.cell(0, 0).merge(t.cell(1, 4)).text = "行政复议"
            t.cell(0, 5).merge(t.cell(0, 14)).text = "行政诉讼"
            t.cell(1, 5).merge(t.cell(1, 9)).text = "未经复议直接起诉"
            t.cell(1, 10).merge(t.cell(1, 14)).text = "复议后起诉"
            for i, c in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3):
                t.cell(2, i).text = c
            for i, v in enumerate(v for r in P5_T4 for v in r):
                t.cell(3, i).text = str(v)
            continue
        d.add_paragraph(para)
    d.save(path)

def build_docx_t2_fix(path):
    """Rebuild table 二 with a column-header row per block (信息内容 | cols...)."""
    import docx
    d = docx.Document(path)
    t = d.tables[0]
    # Replace table 二 entirely: delete and recreate in place
    body = t._tbl.getparent(); pos = body.index(t._tbl)
    rows = sum(2 + len(m) for _, m, _ in P5_T2)
    nt = d.add_table(rows=rows, cols=4); nt.style = "Table Grid"; r = 0
    for sec, metrics, cols in P5_T2:
        nt.cell(r, 0).merge(nt.cell(r, 3)).text = sec; r += 1
        nt.cell(r, 0).text = "信息内容"
        if len(cols) == 3:
            for i, c in enumerate(cols): nt.cell(r, 1 + i).text = c
        else:
            nt.cell(r, 1).text = cols[0]; nt.cell(r, 2).merge(nt.cell(r, 3)).text = cols[1]
        r += 1
        for lab, cells in metrics:
            nt.cell(r, 0).text = lab
            if len(cells) == 3:
                for i, c in enumerate(cells): nt.cell(r, 1 + i).text = c
            else:
                nt.cell(r, 1).text = cells[0]; nt.cell(r, 2).merge(nt.cell(r, 3)).text = cells[1]
            r += 1
    body.remove(t._tbl); body.insert(pos, nt._tbl)
    d.save(path)

# ------------------------------------------------------------------ doc 6: two years side by side, quarters, non-quantities
D6_TEXT = """衢州市柯城区人民政府办公室2023年政府信息公开工作年度报告
（柯政办发〔2024〕5号）
根据《中华人民共和国政府信息公开条例》第五十条和《浙江省政务公开工作要点》要求，结合“三张清单”和“两个责任”落实情况，编制本报告。
一、总体情况
一是主动公开质量提升。2023年主动公开政府信息6348条，较2022年的5120条增长24.0%。二是依申请公开规范有序。2023年收到政府信息公开申请58件，较2022年的71件减少13件。分季度看，一季度收到申请12件、二季度15件、三季度18件、四季度13件。
主要指标对比（单位：条）
指标 2022年 2023年
政策文件 186 204
政策解读 57 63
三是12345政务服务便民热线转办政务公开类诉求96件，均在3个工作日内办结。依据《条例》第三十六条第（三）项答复的申请有7件。
二、存在的主要问题及改进情况
下一步，将按照市政府第12次常务会议部署，在每季度末开展一次自查。
联系地址：衢州市柯城区新新街道荷花中路1号 邮编：324000 电话：0570-8881234"""
D6_ANN = [("6348条", "主动公开政府信息"), ("5120条", "主动公开政府信息", "count", "2022"), ("24.0%", "主动公开政府信息", "change"),
          ("58件", "收到政府信息公开申请"), ("71件", "收到政府信息公开申请", "count", "2022"), ("13件", "收到政府信息公开申请", "change"),
          ("12件", "收到申请", "count", "2023Q1"), ("15件", "收到申请", "count", "2023Q2"), ("18件", "收到申请", "count", "2023Q3"),
          ("13件", "收到申请", "count", "2023Q4"),
          ("186", "政策文件", "count", "2022"), ("204", "政策文件", "count", "2023"),
          ("57", "政策解读", "count", "2022"), ("63", "政策解读", "count", "2023"),
          ("96件", "转办政务公开类诉求"), ("7件", "依据《条例》第三十六条第（三）项答复的申请"),
          ("一次", "自查", "count", "2024", "after")]
# 3个工作日内 is a condition (dev convention), not annotated; 第12次常务会议 is a name.

DOCS = {  # doc: (ext, year, template, title, region)
    "p2_01_pdfspaced_2022": ("txt", 2022, "2021", "湖州市南浔区人民政府2022年政府信息公开工作年度报告", "湖州市南浔区"),
    "p2_02_dept_zero_2020": ("txt", 2020, "2019", "丽水市统计局2020年政府信息公开工作年度报告", "丽水市"),
    "p2_03_province_html_2015": ("html", 2015, "2014", "浙江省水利厅2015年政府信息公开工作年度报告", "浙江省"),
    "p2_04_respectively_2024": ("txt", 2024, "2021", "金华市婺城区人民政府2024年政府信息公开工作年度报告", "金华市婺城区"),
    "p2_05_docx_2019": ("docx", 2019, "2019", "嘉兴市南湖区人民政府2019年政府信息公开工作年度报告", "嘉兴市南湖区"),
    "p2_06_twoyears_2023": ("txt", 2023, None, "衢州市柯城区人民政府办公室2023年政府信息公开工作年度报告", "衢州市柯城区"),
}
ANNS = {"p2_01_pdfspaced_2022": D1_ANN, "p2_02_dept_zero_2020": D2_ANN, "p2_03_province_html_2015": D3_ANN,
        "p2_04_respectively_2024": D4_ANN, "p2_05_docx_2019": D5_ANN, "p2_06_twoyears_2023": D6_ANN}

def annotate(doc, text, ann, year):
    rows, cursor = [], 0
    for a in ann:
        q, metric = a[0], a[1]
        kind = a[2] if len(a) > 2 else None
        period = a[3] if len(a) > 3 and a[3] else str(year)
        after = len(a) > 4 and a[4] == "after"
        rq = "\n?".join(re.escape(c) for c in q)
        i = -1
        for m in re.finditer(rq, text[cursor:]):
            if boundary_ok(text, cursor + m.start(), cursor + m.end(), q.replace(" ", "")):
                i = cursor + m.start(); end = cursor + m.end(); break
        assert i >= 0, (doc, q, cursor)
        q = text[i:end]
        rm = "\n?".join(re.escape(c) for c in metric)
        if after:
            mm = re.search(rm, text[end:end + 80]); ms = end + mm.start() if mm else -1
            if mm: metric = mm.group()
        else:
            cands = list(re.finditer(rm, text[max(0, i - 200):i]))
            ms = max(0, i - 200) + cands[-1].start() if cands else -1
            if cands: metric = cands[-1].group()
        assert ms >= 0, (doc, q, metric)
        s = q.replace(" ", "").replace("\n", "")
        if s.startswith("百分之"):
            value, unit, approx = None, "%", False
        else:
            if s == "一万三千余条":
                value, unit, approx = 13000, "条", True
            else:
                value, unit, approx = parse_quantity(s)
        if unit.endswith("元"): unit = "元"
        if kind is None:
            kind = "percent" if unit == "%" else ("money" if unit == "元" else "count")
        rows.append({"doc": doc, "quantity_text": q, "start": i, "end": end, "value": value, "unit": unit, "approx": approx,
                     "metric_text": metric, "metric_start": ms, "metric_end": ms + len(metric), "period": period, "kind": kind})
        cursor = end
    return rows

PCT_CN = {"百分之十二点四": 12.4, "百分之九十八点一": 98.1, "百分之九十五点六": 95.6}

def main():
    triples, tables, metas = [], [], []
    for doc, (ext, year, tpl, title, region) in DOCS.items():
        path = os.path.join(HERE, "reports", doc + "." + ext)
        if doc == "p2_01_pdfspaced_2022":
            txt = D1_NARR.replace("@@T2@@", pdf_t2(P1_T2)).replace("@@T3@@", pdf_t3(P1_T3, "2021")).replace("@@T4@@", pdf_t4(P1_T4))
            tab = T.gold_matrix(P1_T2, P1_T3, P1_T4, "2021")
        elif doc == "p2_02_dept_zero_2020":
            txt = D2_NARR.replace("@@T2@@", tab_t2(P2_T2)).replace("@@T3@@", tab_t3(P2_T3, "2019")).replace("@@T4@@", tab_t4(P2_T4))
            tab = T.gold_matrix(P2_T2, P2_T3, P2_T4, "2019")
        elif doc == "p2_03_province_html_2015":
            txt = html_doc3(); tab = T.gold_era_a(P3_VALUES)
        elif doc == "p2_04_respectively_2024":
            txt = D4_NARR.replace("@@T2@@", sp_t2(P4_T2)).replace("@@T3@@", sp_t3(P4_T3, "2021")).replace("@@T4@@", one_line_t4(P4_T4))
            tab = T.gold_matrix(P4_T2, P4_T3, P4_T4, "2021")
        elif doc == "p2_05_docx_2019":
            txt = None; tab = T.gold_matrix(P5_T2, P5_T3, P5_T4, "2019")
        else:
            txt = D6_TEXT; tab = None
        if txt is not None:
            open(path, "w", encoding="utf-8").write(txt)
        else:
            build_docx(path); build_docx_t2_fix(path)
        text = ie.load(path).text if ext != "txt" else open(path, encoding="utf-8").read()
        if ext != "txt":
            open(os.path.join(HERE, "reports", doc + ".loaded.txt"), "w", encoding="utf-8").write(text)
        rows = annotate(doc, text, ANNS[doc], year)
        for r in rows:
            if r["value"] is None:
                r["value"] = PCT_CN[r["quantity_text"]]
        triples += sorted(rows, key=lambda r: r["start"])
        if tab:
            tables.append({"doc": doc, "template": tpl, "year": year, "rows": tab})
        metas.append({"doc": doc, "title": title, "region": region, "year": year, "template": tpl, "ext": ext})
    with open(os.path.join(HERE, "gold", "triples.jsonl"), "w", encoding="utf-8") as f:
        for r in triples: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    json.dump(tables, open(os.path.join(HERE, "gold", "tables.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    json.dump(metas, open(os.path.join(HERE, "gold", "meta.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print("triples", len(triples), "cells", sum(len(t["rows"]) for t in tables))

if __name__ == "__main__":
    main()
