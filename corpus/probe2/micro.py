#!/usr/bin/env python3
"""Minimal texts behind the probe2 failures: prints what ie.extract reads (quantity, value, unit, metric, period, kind)."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
import ie
H = "某县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n"
CASES = [
    "全 年 共 收 到 政 府 信 息 公 开 申 请 1 2 3 件 ， 其 中 网 上 申 请 9 8 件 。",
    "全年共收到政府信息公开申请1 2 3件。",
    "全 年 共 收 到 政 府 信 息 公 开 申 请 123 件 。",
    "全年主动公开政府信息6843\n条，其中政策文件217\n条。",
    "全年主动公开政府\n信息6843条。",
    "主动公开政府信息一万二千余条，占比百分之九十五点六。",
    "主动公开政府信息一万三千余条，3.2万余条，二十余万条。",
    "依申请公开量增长近三成，网上申请占比超过九成，较上年翻了一番。",
    "结合“三张清单”和“两个责任”落实情况，推行“一件事”改革，通过12345政务服务便民热线转办诉求96件。",
    "按照市政府第12次常务会议部署，落实《条例》第三十六条第（三）项。",
    "下一步，将在每季度末开展一次自查，新增公开目录事项20项。",
    "2023年将开展专项检查2次。",
    "分季度看，一季度收到申请12件、二季度15件、三季度18件、四季度13件。",
    "主要指标对比（单位：条）\n指标 2022年 2023年\n政策文件 186 204\n政策解读 57 63\n",
    "全年举办培训班不少于六期，覆盖不低于300人次。",
    "其中，自然人申请142件；法人或其他组织申请30件。从申请方式看，网上申请、信函申请和当面申请分别为131件、29件和12件。",
    "全年清理行政规范性文件43件，其中废止3件、修改7件。",
    "行政许可事项较上年减少3项，本年增减-3项。",
]
for c in CASES:
    r = ie.extract(H + c)
    print("TEXT:", c.replace("\n", "⏎"))
    for t in r.to_dict()["triples"]:
        print("   %r v=%s u=%r metric=%r period=%s kind=%s approx=%s" % (t["quantity_text"], t["value"], t["unit"], t["metric_text"], t["period"], t["kind"], t["approx"]))
    for f in r.to_dict()["findings"]:
        if f["kind"] in ("disagree", "identity", "narrative_sum"):
            print("   FINDING %s %s" % (f["kind"], f["message"][:150]))
