#!/usr/bin/env python3
"""Build the synthetic seed data of the reference server and the offline demo.

Writes data/certificates.json, data/services.json, data/windows.json, data/cases.json and
data/README.md (generated too, so the codes it lists always match the JSON).
Every person, company, code and number in them is fictitious (but well-formed: all check
characters are correct). Python 3.11, standard library only, fixed random seed: two runs
produce byte-identical files.

    python3 scripts/data/build_seed.py            # (re)write the files under data/
    python3 scripts/data/build_seed.py --check    # exit 1 if the files on disk differ
    python3 scripts/data/build_seed.py --out DIR  # write somewhere else

Facts used: /work/shared/kiosk-facts.md §0-§5 and /work/shared/domain.md §3-§4.
The check-character algorithms are self-tested on the published vectors before anything
is generated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

SEED = 20261122
# Reference day of the demo hall: cases are dated within 60 days before it. Certificates do
# NOT depend on it: dates near "today" are given as `valid_to_days_from_seed` instead.
REF_DAY = dt.date(2026, 11, 22)
HALL_AREA = "320508"  # 苏州市姑苏区 (demo hall)

# ---------------------------------------------------------------------------------------------
# Check-character algorithms
# ---------------------------------------------------------------------------------------------

# domain.md §4.1 — 公民身份号码, GB 11643 / ISO 7064 MOD 11-2.
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
ID_RE = re.compile(r"^[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$")


def id_check_char(body17: str) -> str:
    assert len(body17) == 17 and body17.isdigit(), body17
    return ID_CHECK[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS)) % 11]


def is_valid_id(s: str) -> bool:
    if not ID_RE.match(s):
        return False
    try:
        born = dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    if born > REF_DAY:
        return False
    return id_check_char(s[:17]) == s[17]


# domain.md §4.2 — 统一社会信用代码, GB 32100 (mod 31) + embedded GB 11714 organisation code.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
ALNUM36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def uscc_check_char(body17: str) -> str:
    assert len(body17) == 17, body17
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(body17, USCC_WEIGHTS))
    c = 31 - total % 31
    return USCC_CHARSET[0 if c == 31 else c]


def org_check_char(body8: str) -> str:
    """GB 11714 organisation-code check (positions 9-16 of a USCC -> position 17)."""
    assert len(body8) == 8, body8
    c = 11 - sum(ALNUM36.index(ch) * w for ch, w in zip(body8, ORG_WEIGHTS)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def is_valid_uscc(s: str, embedded: bool = True) -> bool:
    if not USCC_RE.match(s) or uscc_check_char(s[:17]) != s[17]:
        return False
    return not embedded or org_check_char(s[8:16]) == s[16]


def make_uscc(dept_cat: str, area: str, org_body8: str) -> str:
    body = dept_cat + area + org_body8 + org_check_char(org_body8)
    return body + uscc_check_char(body)


# domain.md §3.2 — 电子证照标识, GB/T 36904, ISO 7064 MOD 37,36.
ID_ROOT = "1.2.156.3005.2"


def mod37_36_check(s: str) -> str:
    p = 36
    for ch in s:
        t = (p + ALNUM36.index(ch)) % 36
        if t == 0:
            t = 36
        p = (2 * t) % 37
    return ALNUM36[(37 - p) % 36]


def make_identifier(type_code: str, issuer: str, serial: str, version: int) -> str:
    ver = f"{version:03d}"
    check = mod37_36_check(type_code + issuer + serial + ver)
    return ".".join([ID_ROOT, type_code, issuer, serial, ver, check])


def is_valid_identifier(s: str) -> bool:
    if not s.startswith(ID_ROOT + "."):
        return False
    parts = s[len(ID_ROOT) + 1:].split(".")
    if len(parts) != 5:
        return False
    type_code, issuer, serial, ver, check = parts
    if len(type_code) != 21 or len(ver) != 3 or not ver.isdigit() or len(check) != 1:
        return False
    body = type_code + issuer + serial + ver
    if not re.fullmatch(r"[0-9A-Z]+", body + check):
        return False
    return mod37_36_check(body) == check


def self_test() -> None:
    # §4.1 vectors
    for ok in ["11010519491231002X", "440524188001010014", "110105199003071239",
               "440304200002290030", "310115198512123450"]:
        assert is_valid_id(ok), ok
    assert not is_valid_id("110105199003071230")
    assert id_check_char("11010519491231002") == "X"
    # §4.2 vectors (USCC check and embedded organisation-code check)
    for ok in ["91350200776049653A", "913502115628130384", "123502001549897397",
               "91110108123456788E", "91110108MA7Q2K9B6D"]:
        assert is_valid_uscc(ok), ok
    assert not is_valid_uscc("91350203M0001QAY9B")
    assert uscc_check_char("91350203M0001QAY9") == "9"
    assert org_check_char("91350203M0001QAY9"[8:16]) == "9"  # its org code itself is fine
    # the national authority codes of kiosk-facts §1a re-checked with both algorithms
    for ok in ["11100000000013127D", "11100000000013338W", "11100000MB03271699",
               "111000000000131433", "11100000MB0341032Y", "12110000400777687U",
               "113700000045030270"]:
        assert is_valid_uscc(ok), ok
    # §3.2 vectors (domain.md and kiosk-facts.md §0)
    for ok in [
        "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F",
        "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U",
        "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S",
        "1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0",
        "1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9",
    ]:
        assert is_valid_identifier(ok), ok
    assert not is_valid_identifier(
        "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.G")
    assert mod37_36_check("11100000000013338W03211220000013544541J2430599001") == "F"


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------

rng = random.Random(SEED)

COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "慕容", "东方", "皇甫", "令狐")


def mask_name(name: str) -> str:
    """domain.md §4.4: 张* / 张*三 / 欧阳**."""
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2] + "*" * (len(name) - 2)
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def add_years(day: dt.date, n: int) -> dt.date:
    try:
        return day.replace(year=day.year + n)
    except ValueError:  # 29 Feb
        return day.replace(year=day.year + n, day=28)


def digits(n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def charset_chars(n: int) -> str:
    return "".join(rng.choice(USCC_CHARSET) for _ in range(n))


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# ---------------------------------------------------------------------------------------------
# Issuers and defining authorities (fake-but-valid USCCs)
# ---------------------------------------------------------------------------------------------

_used_codes: set[str] = set()


def fake_uscc(dept_cat: str, area: str, style: str) -> str:
    """A fresh, valid, fictitious USCC. style: MB (new organ), MA (new company), OLD (8 digits)."""
    while True:
        if style == "MB":
            body8 = "MB" + digits(6)
        elif style == "MA":
            body8 = "MA" + charset_chars(6)
        elif style == "L":
            body8 = "L" + digits(7)
        else:
            body8 = rng.choice("1357") + digits(7)
        code = make_uscc(dept_cat, area, body8)
        if code not in _used_codes:
            _used_codes.add(code)
            return code


# key: (name, area_code, dept_cat)
ISSUER_DEFS = {
    "amr_city": ("苏州市市场监督管理局", "320500", "11"),
    "amr_gusu": ("苏州市姑苏区市场监督管理局", "320508", "11"),
    "amr_wuzhong": ("苏州市吴中区市场监督管理局", "320506", "11"),
    "amr_huqiu": ("苏州高新区（虎丘区）市场监督管理局", "320505", "11"),
    "amr_xiangcheng": ("苏州市相城区市场监督管理局", "320507", "11"),
    "amr_wujiang": ("苏州市吴江区市场监督管理局", "320509", "11"),
    "nr_city": ("苏州市自然资源和规划局", "320500", "11"),
    "nr_changshu": ("常熟市自然资源和规划局", "320581", "11"),
    "traffic": ("江苏省苏州市公安局交通警察支队", "320500", "11"),
    "ps_gusu": ("苏州市公安局姑苏分局", "320508", "11"),
    "ps_wuzhong": ("苏州市公安局吴中分局", "320506", "11"),
    "ps_huqiu": ("苏州市公安局高新区分局", "320505", "11"),
    "ps_xiangcheng": ("苏州市公安局相城分局", "320507", "11"),
    "ps_wujiang": ("苏州市公安局吴江分局", "320509", "11"),
    "ps_kunshan": ("昆山市公安局", "320583", "11"),
    "ps_changshu": ("常熟市公安局", "320581", "11"),
    "ps_zjg": ("张家港市公安局", "320582", "11"),
    "ps_taicang": ("太仓市公安局", "320585", "11"),
    "hrss": ("苏州市人力资源和社会保障局", "320500", "11"),
    "transport": ("苏州市交通运输局", "320500", "11"),
    "eco": ("苏州市生态环境局", "320500", "11"),
    "housing_js": ("江苏省住房和城乡建设厅", "320000", "11"),
    "mca_gusu": ("苏州市姑苏区民政局", "320508", "11"),
    "mca_wuzhong": ("苏州市吴中区民政局", "320506", "11"),
    "mch_city": ("苏州市妇幼保健院", "320500", "12"),
    "hospital_wuzhong": ("苏州市吴中区人民医院", "320506", "12"),
    "health_gusu": ("苏州市姑苏区卫生健康委员会", "320508", "11"),
    "health_wuzhong": ("苏州市吴中区卫生健康委员会", "320506", "11"),
    "mpa_js": ("江苏省药品监督管理局", "320000", "11"),
}
ISSUERS = {k: {"name": n, "area": a, "code": fake_uscc(dc, a, "MB")}
           for k, (n, a, dc) in ISSUER_DEFS.items()}

# Defining authorities whose USCC is confirmed (kiosk-facts §1a) - used only with the type
# codes confirmed in real code (kiosk-facts §1b).
REAL_TYPE = {
    "idc": ("居民身份证", "11100000000013127D001", "公安部"),
    "estate": ("不动产权证书", "11100000MB03271699001", "自然资源部"),
    "marr": ("结婚证", "111000000000131433001", "民政部"),
    "spec": ("建筑施工特种作业操作资格证书", "11100000000013338W032", "住房和城乡建设部"),
    "three": ("建筑施工企业安全生产管理人员考核合格证书", "11100000000013338W011", "住房和城乡建设部"),
    "safety": ("建筑施工企业安全生产许可证", "11100000000013338W050", "住房和城乡建设部"),
}
# National codes not found in any source: synthetic defining-authority USCC + 3 digits.
FAKE_AUTH = {
    "samr": ("国家市场监督管理总局（演示代码）", fake_uscc("11", "100000", "MB")),
    "mps_traffic": ("公安部（驾驶证，演示代码）", fake_uscc("11", "100000", "MB")),
    "mot": ("交通运输部（演示代码）", fake_uscc("11", "100000", "MB")),
    "mee": ("生态环境部（演示代码）", fake_uscc("11", "100000", "MB")),
    "mohrss": ("人力资源和社会保障部（演示代码）", fake_uscc("11", "100000", "MB")),
    "nhc": ("国家卫生健康委员会（演示代码）", fake_uscc("11", "100000", "MB")),
    "nmpa": ("国家药品监督管理局（演示代码）", fake_uscc("11", "100000", "MB")),
}
FAKE_TYPE = {
    "biz": ("营业执照", "samr", "001"),
    "food": ("食品经营许可证", "samr", "002"),
    "dl": ("机动车驾驶证", "mps_traffic", "001"),
    "road": ("道路运输证", "mot", "001"),
    "pollut": ("排污许可证", "mee", "001"),
    "ssc": ("社会保障卡", "mohrss", "001"),
    "birth": ("出生医学证明", "nhc", "001"),
    "health": ("公共场所卫生许可证", "nhc", "002"),
    "drug": ("药品经营许可证", "nmpa", "001"),
}
TYPES: dict[str, dict] = {}
for k, (name, code, auth) in REAL_TYPE.items():
    TYPES[k] = {"name": name, "code": code, "authority": auth, "real": True}
for k, (name, auth, seq) in FAKE_TYPE.items():
    TYPES[k] = {"name": name, "code": FAKE_AUTH[auth][1] + seq,
                "authority": FAKE_AUTH[auth][0], "real": False}

# ---------------------------------------------------------------------------------------------
# Holders
# ---------------------------------------------------------------------------------------------

# key: (name, sex M/F, birth date, address code of the ID number, police issuer key)
PERSON_DEFS = {
    "ouyang": ("欧阳明远", "M", "1978-05-16", "320508", "ps_gusu"),
    "wangfang": ("王芳", "F", "1985-09-03", "320505", "ps_huqiu"),
    "chen": ("陈志强", "M", "1969-02-21", "320506", "ps_wuzhong"),
    "lisihan": ("李思涵", "F", "2009-07-11", "320508", "ps_gusu"),
    "zhangjg": ("张建国", "M", "1956-10-01", "320503", "ps_gusu"),  # old 平江区 code
    "liuting": ("刘婷", "F", "1992-03-27", "320509", "ps_wujiang"),
    "zhouwj": ("周文杰", "M", "1988-12-09", "320583", "ps_kunshan"),
    "wuxy": ("吴秀英", "F", "1951-04-18", "320502", "ps_gusu"),  # old 沧浪区 code
    "xuzx": ("徐子轩", "M", "2008-01-30", "320507", "ps_xiangcheng"),
    "sunlj": ("孙丽娟", "F", "1975-06-14", "320581", "ps_changshu"),
    "majun": ("马俊", "M", "1990-08-08", "320582", "ps_zjg"),
    "zhuxy": ("朱晓燕", "F", "1983-11-25", "320585", "ps_taicang"),
    "huhf": ("胡海峰", "M", "1972-01-05", "321002", "ps_wuzhong"),  # born in 扬州
    "guojing": ("郭静", "F", "1995-02-28", "320506", "ps_wuzhong"),
    "linhr": ("林浩然", "M", "1987-10-19", "350203", "ps_wuzhong"),  # born in 厦门
    "heyh": ("何宇航", "M", "2001-06-02", "320508", "ps_gusu"),
    "gaoyq": ("高雅琴", "F", "1966-09-09", "320506", "ps_wuzhong"),
    "simawq": ("司马婉清", "F", "1993-05-20", "320508", "ps_gusu"),
    "zhugeyf": ("诸葛云飞", "M", "1980-12-12", "320506", "ps_wuzhong"),
    "huangzm": ("黄志明", "M", "1962-07-07", "320584", "ps_wujiang"),  # old 吴江市 code
    "shenjh": ("沈建华", "M", "1958-03-15", "320524", "ps_gusu"),  # old 吴县 code
    "qianyl": ("钱玉兰", "F", "1954-08-22", "320502", "ps_huqiu"),
    "yangfan": ("杨帆", "M", "1998-04-04", "340104", "ps_huqiu"),  # born in 合肥
    "jiangsq": ("蒋思琪", "F", "2004-10-10", "320507", "ps_xiangcheng"),
    "gugp": ("顾国平", "M", "1970-11-11", "320505", "ps_wujiang"),
    "zhaoyx": ("赵雨萱", "F", "2010-03-08", "320505", "ps_huqiu"),
    "tangyun": ("唐芸", "F", "1979-01-23", "320508", "ps_gusu"),
}
DISTRICT_NAMES = {
    "320505": "苏州市虎丘区", "320506": "苏州市吴中区", "320507": "苏州市相城区",
    "320508": "苏州市姑苏区", "320509": "苏州市吴江区", "320581": "常熟市",
    "320582": "张家港市", "320583": "昆山市", "320585": "太仓市",
}
POLICE_AREA = {k: v["area"] for k, v in ISSUERS.items() if k.startswith("ps_")}

PERSONS: dict[str, dict] = {}
_used_ids: set[str] = set()
for key, (name, sex, born, addr, police) in PERSON_DEFS.items():
    while True:
        seq = rng.randrange(1, 999)
        if (seq % 2 == 1) != (sex == "M"):
            seq += 1
        body = addr + born.replace("-", "") + f"{seq:03d}"
        code = body + id_check_char(body)
        if code not in _used_ids:
            _used_ids.add(code)
            break
    PERSONS[key] = {"name": name, "sex": sex, "born": d(born), "code": code,
                    "police": police, "home": POLICE_AREA[police]}

# key: (name, dept+category, registration area, org-code style, kind text, operator person key,
#       founded, business address, legal representative / operator name for masked display)
ORG_DEFS = {
    "chenghu": ("苏州澄湖餐饮管理有限公司", "91", "320508", "MA", "有限责任公司（自然人投资或控股）",
                None, "2019-04-12", "苏州市姑苏区人民路2188号", "许嘉良"),
    "tongwu": ("苏州通吴物流有限公司", "91", "320505", "MA", "有限责任公司（自然人投资或控股）",
               None, "2016-08-30", "苏州高新区浒墅关镇青花路66号", "邵永刚"),
    "shenji": ("姑苏区沈记面馆", "92", "320508", "L", "个体工商户", "shenjh",
               "2012-05-18", "苏州市姑苏区十全街318号", None),
    "ruihe": ("苏州瑞和大药房连锁有限公司", "91", "320506", "MA", "有限责任公司",
              None, "2017-03-02", "苏州市吴中区东吴北路99号", "蔡明华"),
    "jinjihu": ("苏州金鸡湖精密制造有限公司", "91", "320505", "OLD", "有限责任公司（外商投资企业法人独资）",
                None, "2006-11-20", "苏州高新区金枫路508号", "韩立新"),
    "gusujg": ("苏州姑苏建工集团有限公司", "91", "320508", "OLD", "有限责任公司",
               None, "2003-06-16", "苏州市姑苏区三香路168号", "潘国庆"),
    "taihu": ("苏州吴中太湖建设工程有限公司", "91", "320506", "MA", "有限责任公司（自然人投资或控股）",
              None, "2018-01-09", "苏州市吴中区木渎镇金山路28号", "俞志刚"),
    "pingjiang": ("苏州平江客栈酒店管理有限公司", "91", "320508", "MA", "有限责任公司（自然人独资）",
                  None, "2020-06-01", "苏州市姑苏区平江路108号", "叶青"),
    "fengqiao": ("苏州枫桥印染有限公司", "91", "320505", "OLD", "有限责任公司",
                 None, "2002-09-10", "苏州高新区枫桥街道长江路1号", "戴建林"),
    "qianji": ("虎丘区钱记糕团店", "92", "320505", "L", "个体工商户", "qianyl",
               "2009-02-14", "苏州高新区狮山街道竹园路12号", None),
    "gushi": ("吴江区顾氏货运经营部", "92", "320509", "L", "个体工商户", "gugp",
              "2015-07-01", "苏州市吴江区松陵镇开平路300号", None),
    "xinlei": ("苏州新蕾托育服务有限公司", "91", "320507", "MA", "有限责任公司（自然人投资或控股）",
               None, "2021-03-18", "苏州市相城区元和街道华元路59号", "陆晓雯"),
    "tongji": ("苏州同济医药有限公司", "91", "320508", "MA", "有限责任公司",
               None, "2018-10-22", "苏州市姑苏区金门路620号", "严德胜"),
    "guangfu": ("吴中区光福丽人美发店", "92", "320506", "L", "个体工商户", "gaoyq",
                "2014-04-28", "苏州市吴中区光福镇邓尉路20号", None),
    "yangcheng": ("苏州相城阳澄湖农产品专业合作社", "93", "320507", "MA", "农民专业合作社",
                  None, "2017-09-05", "苏州市相城区阳澄湖镇湘石路1号", "钱根林"),
    "canglang": ("苏州沧浪书香茶社有限公司", "91", "320508", "MA", "有限责任公司（自然人独资）",
                 None, "2019-12-02", "苏州市姑苏区十梓街455号", "方雅"),
}
ORGS: dict[str, dict] = {}
for key, (name, dc, area, style, kind, operator, founded, addr, rep) in ORG_DEFS.items():
    ORGS[key] = {"name": name, "code": fake_uscc(dc, area, style), "area": area, "kind": kind,
                 "operator": operator, "founded": d(founded), "address": addr, "rep": rep}

AMR_BY_AREA = {"320508": "amr_gusu", "320506": "amr_wuzhong", "320505": "amr_huqiu",
               "320507": "amr_xiangcheng", "320509": "amr_wujiang"}
HEALTH_BY_AREA = {"320508": "health_gusu", "320506": "health_wuzhong"}

# ---------------------------------------------------------------------------------------------
# The certificate plan: (type, holder key, state, validity, issue date, valid-from date, options)
#   validity: "long" (长期有效) | "auto" (the type's usual term from valid_from) |
#             "YYYY-MM-DD" (fixed) | int (days from the seed day, set by the server)
#   options: version (default 1), group (same certificate across versions), note (状态说明),
#            more type-specific keys.
# Fixed valid_to dates are either < 2026-06-01 (meant expired) or >= 2028-01-01 (stays valid on
# any plausible run date); everything near "today" is relative.
# ---------------------------------------------------------------------------------------------

PLAN = [
    # --- 欧阳明远 (test holder): ID card, driving licence (renewed), social security card, home
    ("idc", "ouyang", "valid", "auto", "2015-08-14", None, {}),
    ("dl", "ouyang", "superseded", "2018-04-09", "2008-04-09", None,
     {"group": "dl-ouyang", "first": "2002-04-09", "class": "C1"}),
    ("dl", "ouyang", "valid", "long", "2018-04-02", None,
     {"group": "dl-ouyang", "version": 2, "first": "2002-04-09", "class": "C1"}),
    ("ssc", "ouyang", "valid", "auto", "2023-06-20", None, {}),
    ("estate", "ouyang", "valid", "long", "2016-10-28", None,
     {"city": "苏州市", "use": "城镇住宅用地/住宅", "area_m2": "89.56", "share": "共同共有"}),
    ("marr", "ouyang", "valid", "long", "2012-10-08", None, {"spouse": "wangfang", "pair": "m1"}),
    # --- 王芳 (test holder)
    ("idc", "wangfang", "valid", "auto", "2020-09-15", None, {}),
    ("ssc", "wangfang", "valid", 12, "2016-12-05", None, {}),
    ("marr", "wangfang", "valid", "long", "2012-10-08", None, {"spouse": "ouyang", "pair": "m1"}),
    ("dl", "wangfang", "valid", "2031-07-19", "2021-07-19", None, {"first": "2009-07-19", "class": "C2"}),
    # --- 陈志强 (test holder): suspended driving licence, renewed special-work certificate
    ("idc", "chen", "valid", "auto", "2016-05-06", None, {}),
    ("dl", "chen", "suspended", "2031-03-11", "2021-03-11", None,
     {"first": "1995-03-11", "class": "B2", "note": "饮酒后驾驶机动车，暂扣六个月"}),
    ("spec", "chen", "superseded", "2024-06-17", "2022-06-17", None,
     {"group": "spec-chen", "work": ("01", "建筑电工"), "first": "2018-06-17"}),
    ("spec", "chen", "valid", 25, "2024-12-16", None,
     {"group": "spec-chen", "version": 2, "work": ("01", "建筑电工"), "first": "2018-06-17"}),
    ("ssc", "chen", "valid", "2032-04-02", "2022-04-02", None, {}),
    # --- 李思涵 (test holder): birth certificate, ID card renewed at 15
    ("birth", "lisihan", "valid", "long", "2009-07-14", None,
     {"hospital": "mch_city", "mother": "唐芸", "father": "李国栋", "weeks": "39"}),
    ("idc", "lisihan", "superseded", "auto", "2019-08-01", None, {"group": "idc-li"}),
    ("idc", "lisihan", "valid", "auto", "2024-08-05", None, {"group": "idc-li", "version": 2}),
    ("ssc", "lisihan", "valid", "2030-09-01", "2020-09-01", None, {}),
    # --- others (persons)
    ("idc", "zhangjg", "valid", "auto", "2012-03-19", None, {}),
    ("estate", "zhangjg", "valid", "long", "2019-05-30", None,
     {"city": "苏州市", "use": "城镇住宅用地/住宅", "area_m2": "112.30", "share": "单独所有"}),
    ("ssc", "zhangjg", "cancelled", "2029-02-11", "2019-02-11", None,
     {"note": "已换领第三代社会保障卡，原卡注销"}),
    ("ssc", "zhangjg", "valid", "2035-03-03", "2025-03-03", None, {}),
    ("idc", "liuting", "valid", "auto", "2014-07-22", None, {}),  # ends 2024: expired
    ("dl", "liuting", "valid", 8, "2020-12-01", None, {"first": "2020-12-01", "class": "C1"}),
    ("ssc", "liuting", "valid", "2033-05-16", "2023-05-16", None, {}),
    ("idc", "zhouwj", "valid", "auto", "2017-01-10", None, {}),
    ("dl", "zhouwj", "revoked", "2029-09-02", "2023-09-02", None,
     {"first": "2023-09-02", "class": "C1", "note": "以欺骗手段取得驾驶许可，依法撤销"}),
    ("idc", "wuxy", "valid", "auto", "2009-11-02", None, {}),
    ("ssc", "wuxy", "valid", "2034-10-08", "2024-10-08", None, {}),
    ("birth", "xuzx", "valid", "long", "2008-02-02", None,
     {"hospital": "hospital_wuzhong", "mother": "顾丽萍", "father": "徐卫东", "weeks": "40"}),
    ("idc", "xuzx", "valid", "auto", "2024-03-12", None, {}),
    ("three", "sunlj", "valid", "2028-03-20", "2025-03-20", None,
     {"cat": ("C", "专职安全生产管理人员"), "employer": "gusujg"}),
    ("estate", "sunlj", "cancelled", "long", "2018-07-06", None,
     {"city": "常熟市", "use": "城镇住宅用地/住宅", "area_m2": "96.12", "share": "单独所有",
      "unit": "cs1", "note": "房屋已转移登记，原证书注销"}),
    ("estate", "zhuxy", "valid", "long", "2025-04-18", None,
     {"city": "常熟市", "use": "城镇住宅用地/住宅", "area_m2": "96.12", "share": "单独所有", "unit": "cs1"}),
    ("idc", "majun", "valid", "auto", "2018-02-26", None, {}),
    ("dl", "majun", "withdrawn", "2028-08-15", "2018-08-15", None,
     {"first": "2012-08-15", "class": "C1", "note": "醉酒驾驶机动车，吊销机动车驾驶证"}),
    ("ssc", "zhuxy", "valid", -1, "2016-11-20", None, {}),
    ("idc", "zhuxy", "valid", "auto", "2013-09-09", None, {}),
    ("spec", "huhf", "revoked", "2028-04-12", "2026-04-12", None,
     {"work": ("04", "塔式起重机司机"), "first": "2026-04-12", "note": "考核材料弄虚作假，依法撤销"}),
    ("idc", "guojing", "valid", "auto", "2019-03-05", None, {}),
    ("marr", "guojing", "valid", "long", "2021-05-20", None,
     {"spouse": "linhr", "pair": "m2", "office": "mca_wuzhong"}),
    ("marr", "linhr", "valid", "long", "2021-05-20", None,
     {"spouse": "guojing", "pair": "m2", "office": "mca_wuzhong"}),
    ("dl", "linhr", "valid", 3, "2016-11-28", None, {"first": "2010-11-28", "class": "C1"}),
    ("dl", "heyh", "valid", -3, "2020-11-20", None, {"first": "2020-11-20", "class": "C1"}),
    ("ssc", "gaoyq", "valid", "2031-01-14", "2021-01-14", None, {}),
    ("idc", "gaoyq", "valid", "auto", "2013-04-01", None, {}),
    ("idc", "simawq", "valid", "auto", "2016-02-17", None, {}),
    ("dl", "simawq", "suspended", "2032-06-30", "2022-06-30", None,
     {"first": "2016-06-30", "class": "C1", "note": "发生交通事故后逃逸，暂扣驾驶证"}),
    ("spec", "zhugeyf", "valid", "2028-02-25", "2026-02-25", None,
     {"work": ("04", "塔式起重机司机"), "first": "2020-02-25"}),
    ("three", "zhugeyf", "valid", "2028-09-01", "2025-09-01", None,
     {"cat": ("B", "项目负责人"), "employer": "taihu"}),
    ("dl", "zhugeyf", "withdrawn", "2030-05-06", "2020-05-06", None,
     {"first": "2004-05-06", "class": "A2", "note": "驾驶营运客车严重超员，吊销机动车驾驶证"}),
    ("idc", "huangzm", "valid", "auto", "2011-06-27", None, {}),
    ("dl", "huangzm", "cancelled", "long", "2019-09-23", None,
     {"first": "1989-09-23", "class": "C1", "note": "本人申请注销"}),
    ("idc", "shenjh", "valid", "auto", "2010-12-06", None, {}),
    ("idc", "yangfan", "valid", "auto", "2015-04-28", None, {}),  # 10 y from age 17: 2025, expired
    ("dl", "yangfan", "valid", "2030-01-15", "2024-01-15", None, {"first": "2024-01-15", "class": "C1"}),
    ("ssc", "yangfan", "valid", "2030-08-08", "2020-08-08", None, {}),
    ("idc", "jiangsq", "valid", "auto", "2020-12-18", None, {}),
    ("ssc", "jiangsq", "valid", 20, "2016-12-20", None, {}),
    ("dl", "gugp", "valid", "2034-05-27", "2024-05-27", None, {"first": "1993-05-27", "class": "A2"}),
    ("birth", "zhaoyx", "valid", "long", "2010-03-12", None,
     {"hospital": "mch_city", "mother": "孙悦", "father": "赵磊", "weeks": "38"}),
    ("ssc", "tangyun", "suspended", "2030-03-01", "2020-03-01", None,
     {"note": "社会保障卡已临时挂失，暂停使用"}),
    # --- 苏州澄湖餐饮管理有限公司 (test holder): licence changed, food, pollution permit, estate
    ("biz", "chenghu", "superseded", "long", "2019-04-12", None, {"group": "biz-chenghu"}),
    ("biz", "chenghu", "valid", "long", "2023-08-21", "2019-04-12", {"group": "biz-chenghu", "version": 2}),
    ("food", "chenghu", "valid", "2028-09-04", "2023-09-05", None, {"form": "2"}),
    ("pollut", "chenghu", "valid", "2029-06-30", "2024-07-01", None,
     {"industry": "热食类食品制造（中央厨房）", "mgmt": "简化管理"}),
    # --- 苏州通吴物流有限公司 (test holder): four vehicles
    ("biz", "tongwu", "valid", "long", "2016-08-30", None, {}),
    ("road", "tongwu", "valid", "2029-03-31", "2025-04-01", None, {"plate": "苏E·7K321", "ton": "18"}),
    ("road", "tongwu", "suspended", "2028-06-30", "2024-07-01", None,
     {"plate": "苏E·3B728", "ton": "25", "note": "车辆未按规定进行年度审验，暂扣道路运输证"}),
    ("road", "tongwu", "valid", 17, "2022-12-01", None, {"plate": "苏E·5D096", "ton": "12"}),
    ("road", "tongwu", "withdrawn", "2028-10-31", "2024-11-01", None,
     {"plate": "苏U·8M115", "ton": "30", "note": "车辆擅自改装，吊销道路运输证"}),
    # --- 姑苏区沈记面馆 (test holder, 个体工商户)
    ("biz", "shenji", "valid", "long", "2012-05-18", None, {}),
    ("food", "shenji", "valid", 6, "2021-12-01", None, {"form": "2"}),
    # --- other organisations
    ("biz", "ruihe", "valid", "long", "2017-03-02", None, {}),
    ("drug", "ruihe", "superseded", "2027-03-01", "2022-03-02", None,
     {"group": "drug-ruihe", "mode": "retail", "store": "苏州市吴中区东吴北路99号"}),
    ("drug", "ruihe", "valid", "2030-02-27", "2025-02-28", None,
     {"group": "drug-ruihe", "version": 2, "mode": "retail", "store": "苏州市吴中区东吴北路99号"}),
    ("drug", "ruihe", "revoked", "2029-05-09", "2024-05-10", None,
     {"mode": "retail", "store": "苏州市吴中区宝带西路1155号", "note": "申请材料虚假，撤销许可"}),
    ("biz", "jinjihu", "valid", "2056-11-19", "2006-11-20", None, {}),
    ("pollut", "jinjihu", "superseded", "2025-12-31", "2021-01-01", None,
     {"group": "pollut-jinjihu", "industry": "金属表面处理及热处理加工", "mgmt": "重点管理"}),
    ("pollut", "jinjihu", "valid", "2030-12-31", "2025-12-20", None,
     {"group": "pollut-jinjihu", "version": 2, "industry": "金属表面处理及热处理加工", "mgmt": "重点管理"}),
    ("estate", "jinjihu", "valid", "long", "2020-09-16", None,
     {"city": "苏州市", "use": "工业用地/工业", "area_m2": "12560.00", "share": "单独所有"}),
    ("biz", "gusujg", "valid", "long", "2021-03-30", "2003-06-16", {}),
    ("safety", "gusujg", "suspended", "2028-05-17", "2025-05-18", None,
     {"note": "发生一般生产安全事故，暂扣安全生产许可证30日"}),
    ("biz", "taihu", "valid", "long", "2018-01-09", None, {}),
    ("safety", "taihu", "withdrawn", "2028-12-01", "2025-12-02", None,
     {"note": "不再具备安全生产条件，吊销安全生产许可证"}),
    ("biz", "pingjiang", "valid", "2040-05-31", "2020-06-01", None, {}),
    ("health", "pingjiang", "valid", "2025-05-31", "2021-06-01", None, {"item": "住宿场所"}),
    ("biz", "fengqiao", "withdrawn", "2032-09-09", "2012-09-10", "2002-09-10",
     {"note": "连续六个月未开展经营活动，吊销营业执照"}),
    ("pollut", "fengqiao", "revoked", "2028-08-31", "2023-09-01", None,
     {"industry": "棉印染精加工", "mgmt": "重点管理", "note": "以不正当手段取得许可，依法撤销"}),
    ("biz", "qianji", "cancelled", "long", "2009-02-14", None, {"note": "经营者申请注销登记"}),
    ("food", "qianji", "cancelled", "2028-06-29", "2023-06-30", None,
     {"form": "1", "note": "经营者申请注销许可"}),
    ("biz", "gushi", "valid", "long", "2015-07-01", None, {}),
    ("road", "gushi", "valid", "2025-07-31", "2021-08-01", None, {"plate": "苏E·9G267", "ton": "15"}),
    ("road", "gushi", "suspended", "2028-07-31", "2024-08-01", None,
     {"plate": "苏E·6H803", "ton": "15", "note": "逾期未审验，暂扣道路运输证"}),
    ("biz", "xinlei", "valid", "long", "2021-03-18", None, {}),
    ("food", "xinlei", "valid", -30, "2021-10-25", None, {"form": "3"}),
    ("biz", "tongji", "revoked", "long", "2018-10-22", None, {"note": "提交虚假材料取得登记，撤销登记"}),
    ("drug", "tongji", "cancelled", "2028-10-21", "2023-10-22", None,
     {"mode": "wholesale", "store": "苏州市姑苏区金门路620号", "note": "企业登记撤销，许可证注销"}),
    ("biz", "guangfu", "valid", "long", "2014-04-28", None, {}),
    ("health", "guangfu", "revoked", "2029-03-31", "2025-04-01", None,
     {"item": "美容美发场所", "note": "隐瞒有关情况取得许可，依法撤销"}),
    ("biz", "yangcheng", "valid", "long", "2017-09-05", None, {}),
    ("food", "yangcheng", "withdrawn", "2028-03-14", "2023-03-15", None,
     {"form": "1", "note": "销售不合格食用农产品，吊销许可证"}),
    ("biz", "canglang", "valid", "long", "2019-12-02", None, {}),
    ("food", "canglang", "withdrawn", "2029-12-01", "2024-12-02", None,
     {"form": "2", "note": "使用非食品原料加工食品，吊销许可证"}),
    ("health", "canglang", "valid", "2029-01-08", "2025-01-09", None, {"item": "茶座"}),
]

FOOD_FORMS = {"1": ("食品销售经营者", "预包装食品（含冷藏冷冻食品）销售；散装食品销售"),
              "2": ("餐饮服务经营者", "热食类食品制售；冷食类食品制售"),
              "3": ("单位食堂", "热食类食品制售")}
WORK_TYPES = {"01": "建筑电工", "04": "塔式起重机司机"}
DL_CLASS_NAMES = {"A2": "A2（牵引车）", "B2": "B2（大型货车）", "C1": "C1", "C2": "C2"}

# ---------------------------------------------------------------------------------------------
# Building records
# ---------------------------------------------------------------------------------------------

_used_serials: set[str] = set()
_used_verify: set[str] = set()
VERIFY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # A-Z0-9 minus look-alikes 0 O 1 I


def new_serial(kind: str, issue: dt.date) -> str:
    while True:
        if kind == "year6":
            s = f"{issue.year}{digits(6)}"
        elif kind == "d7":
            s = digits(7)
        elif kind == "d11":
            s = digits(11)
        elif kind == "r20":
            s = "".join(rng.choice(ALNUM36) for _ in range(20))
        elif kind == "hex32":
            s = "".join(rng.choice("0123456789ABCDEF") for _ in range(32))
        else:
            s = digits(12)
        if s not in _used_serials:
            _used_serials.add(s)
            return s


def new_verify_code() -> str:
    while True:
        c = "".join(rng.choice(VERIFY_ALPHABET) for _ in range(6))
        if c not in _used_verify:
            _used_verify.add(c)
            return c


SERIAL_KIND = {"biz": "year6", "food": "year6", "estate": "d11", "dl": "d11", "road": "d12",
               "pollut": "year6", "ssc": "year6", "birth": "d7", "drug": "d7", "spec": "d7",
               "idc": "r20", "marr": "hex32", "safety": "year6", "three": "d11", "health": "d12"}

_group_state: dict[str, dict] = {}   # group -> number, serial, unit … shared by versions
_pair_numbers: dict[str, str] = {}   # marriage pair -> 结婚证字号
_estate_units: dict[str, str] = {}


def estate_unit(area: str, land_only: bool = False) -> str:
    # 6 区划 + 6 地籍区/子区 + GB + 5 宗地号 + F/W + 8 定着物单元 (kiosk-facts §0)
    tail = "W00000000" if land_only else "F" + f"{rng.randrange(1, 99):04d}{rng.randrange(1, 9999):04d}"
    return area + f"{rng.randrange(1, 20):03d}{rng.randrange(1, 40):03d}" + "GB" + digits(5) + tail


def id_validity(p: dict, start: dt.date) -> dt.date | None:
    age = age_on(p["born"], start)
    years = 5 if age < 16 else 10 if age <= 25 else 20 if age <= 45 else None
    return None if years is None else add_years(start, years)


AUTO_YEARS = {"ssc": 10, "food": 5, "drug": 5, "pollut": 5, "spec": 2, "three": 3, "safety": 3,
              "health": 4, "road": 4}


def build_certificate(row: tuple) -> dict:
    tkey, hkey, state, validity, issue_s, from_s, opt = row
    t = TYPES[tkey]
    issue = d(issue_s)
    valid_from = d(from_s) if from_s else issue
    version = opt.get("version", 1)
    group = opt.get("group")
    shared = _group_state.setdefault(group, {}) if group else {}
    person = PERSONS.get(hkey)
    org = ORGS.get(hkey)
    assert (person is None) != (org is None), hkey
    holder_name = person["name"] if person else org["name"]
    holder_code = person["code"] if person else org["code"]
    extra: list[list[str]] = []

    # --- issuer, number, extension info per type
    if tkey == "idc":
        issuer = person["police"]
        number = person["code"]
        extra += [["性别", "男" if person["sex"] == "M" else "女"], ["民族", "汉"],
                  ["住址", DISTRICT_NAMES.get(person["home"], "江苏省苏州市") + "（详细地址已隐藏）"]]
    elif tkey == "dl":
        issuer = "traffic"
        number = person["code"]
        age_first = age_on(person["born"], d(opt["first"]))
        assert age_first >= 18, (hkey, age_first)
        extra += [["准驾车型", DL_CLASS_NAMES[opt["class"]]], ["初次领证日期", opt["first"]],
                  ["档案编号", shared.setdefault("archive", "3205****" + digits(4))]]
    elif tkey == "ssc":
        issuer = "hrss"
        number = rng.choice("ABCDEFGHJKLMN") + digits(8)
        extra += [["卡类型", "第三代社会保障卡" if issue.year >= 2023 else "第二代社会保障卡"],
                  ["发卡地", "江苏省苏州市"], ["社会保障号码", "同公民身份号码（已隐藏）"]]
    elif tkey == "birth":
        issuer = opt["hospital"]
        number = rng.choice("NPQRST") + digits(9)
        gap = (issue - person["born"]).days
        assert 0 <= gap <= 30, (hkey, gap)
        extra += [["性别", "男" if person["sex"] == "M" else "女"],
                  ["出生地点", "江苏省" + DISTRICT_NAMES.get(ISSUERS[issuer]["area"], "苏州市")],
                  ["出生孕周", opt["weeks"] + "周"],
                  ["母亲姓名", mask_name(opt["mother"])], ["父亲姓名", mask_name(opt["father"])]]
    elif tkey == "marr":
        issuer = opt.get("office", "mca_gusu")
        area = ISSUERS[issuer]["area"]
        if opt["pair"] not in _pair_numbers:
            _pair_numbers[opt["pair"]] = f"J{area}-{issue.year}-{digits(6)}"
        number = _pair_numbers[opt["pair"]]
        spouse = PERSONS[opt["spouse"]]
        for who in (person, spouse):
            a = age_on(who["born"], issue)
            assert a >= (22 if who["sex"] == "M" else 20), (hkey, a)
        extra += [["登记机关", ISSUERS[issuer]["name"]], ["配偶姓名", mask_name(spouse["name"])]]
    elif tkey == "estate":
        city = opt["city"]
        issuer = "nr_changshu" if city == "常熟市" else "nr_city"
        area = ISSUERS[issuer]["area"]
        unit_key = opt.get("unit")
        if unit_key and unit_key in _estate_units:
            unit = _estate_units[unit_key]
        else:
            unit = estate_unit(area if area != "320500" else (org["area"] if org else "320508"))
            if unit_key:
                _estate_units[unit_key] = unit
        number = f"苏（{issue.year}）{city}不动产权第{digits(7)}号"
        term_end = "2086-09-15" if org else "2075-05-31"
        extra += [["不动产单元号", unit],
                  ["权利类型", "国有建设用地使用权/房屋（构筑物）所有权"],
                  ["权利性质", "出让/市场化商品房" if person else "出让/自建房"],
                  ["用途", opt["use"]], ["面积", "建筑面积 " + opt["area_m2"] + "㎡"],
                  ["使用期限", "国有建设用地使用权 " + term_end + " 止"],
                  ["共有情况", opt["share"]],
                  ["坐落", (org["address"] if org else city + "（详细坐落已隐藏）")]]
    elif tkey == "spec":
        issuer = "housing_js"
        code, work = opt["work"]
        number = f"苏A{code}{d(opt['first']).year}{digits(6)}"
        extra += [["操作类别", work], ["初次领证日期", opt["first"]]]
    elif tkey == "three":
        issuer = "housing_js"
        cat, label = opt["cat"]
        number = f"苏建安{cat}（{issue.year}）{digits(7)}"
        extra += [["类别", f"{cat}（{label}）"], ["受聘企业", ORGS[opt["employer"]]["name"]]]
    elif tkey == "biz":
        issuer = AMR_BY_AREA[org["area"]]
        number = org["code"]
        founded = org["founded"].isoformat()
        rep_label = "经营者" if org["operator"] else "法定代表人"
        rep = PERSONS[org["operator"]]["name"] if org["operator"] else org["rep"]
        extra += [["类型", org["kind"]], ["名称", org["name"]], [rep_label, mask_name(rep)],
                  ["成立日期", founded], ["住所" if not org["operator"] else "经营场所", org["address"]]]
        if not org["operator"]:
            extra.append(["注册资本", rng.choice(["100", "200", "500", "1000", "3000"]) + "万元人民币"])
    elif tkey == "food":
        issuer = AMR_BY_AREA[org["area"]]
        form, items = FOOD_FORMS[opt["form"]]
        number = "JY" + opt["form"] + "32" + "05" + org["area"][4:] + digits(6) + digits(1)
        extra += [["经营者名称", org["name"]], ["主体业态", form], ["经营项目", items],
                  ["经营场所", org["address"]], ["日常监督管理机构", ISSUERS[issuer]["name"]],
                  ["投诉举报电话", "12315"]]
    elif tkey == "drug":
        wholesale = opt["mode"] == "wholesale"
        issuer = "mpa_js" if wholesale else "amr_city"
        number = ("苏AA" if wholesale else "苏DA") + "512" + digits(4)
        rep = ORG_DEFS[hkey][8]
        extra += [["经营方式", "批发" if wholesale else "零售（连锁门店）"],
                  ["经营范围", "中成药、化学药制剂、抗生素制剂、生化药品" if wholesale
                   else "中药饮片、中成药、化学药制剂、生物制品（除疫苗）"],
                  ["注册地址", opt["store"]], ["企业负责人", mask_name(rep)]]
    elif tkey == "road":
        issuer = "transport"
        number = "苏" + org["area"] + digits(6)
        extra += [["业户名称", org["name"]], ["车辆号牌", opt["plate"]],
                  ["车辆类型", "重型厢式货车" if int(opt["ton"]) >= 12 else "中型厢式货车"],
                  ["吨（座）位", opt["ton"] + "吨"], ["经营范围", "道路普通货物运输"]]
    elif tkey == "pollut":
        issuer = "eco"
        number = org["code"] + "001P"
        extra += [["单位名称", org["name"]], ["行业类别", opt["industry"]],
                  ["管理类别", opt["mgmt"]], ["生产经营场所地址", org["address"]]]
    elif tkey == "safety":
        issuer = "housing_js"
        number = f"（苏）JZ安许证字[{valid_from.year}]{digits(6)}"
        extra += [["企业名称", org["name"]], ["许可范围", "建筑施工"],
                  ["主要负责人", mask_name(ORG_DEFS[hkey][8])], ["经济类型", org["kind"]]]
    elif tkey == "health":
        issuer = HEALTH_BY_AREA[org["area"]]
        number = f"苏卫公证字[{valid_from.year}]第{org['area']}{digits(6)}号"
        rep = PERSONS[org["operator"]]["name"] if org["operator"] else ORG_DEFS[hkey][8]
        extra += [["单位名称", org["name"]], ["许可项目", opt["item"]],
                  ["经营场所", org["address"]], ["负责人", mask_name(rep)]]
    else:
        raise AssertionError(tkey)

    # versions of one certificate share number and serial
    if group:
        number = shared.setdefault("number", number)
        serial = shared.setdefault("serial", new_serial(SERIAL_KIND[tkey], issue))
    else:
        serial = new_serial(SERIAL_KIND[tkey], issue)

    # --- validity
    rec_valid_to: dict = {}
    if validity == "long":
        rec_valid_to["valid_to"] = None
    elif validity == "auto":
        if tkey == "idc":
            end = id_validity(person, valid_from)
        else:
            end = add_years(valid_from, AUTO_YEARS[tkey]) - dt.timedelta(days=1)
        rec_valid_to["valid_to"] = end.isoformat() if end else None
    elif isinstance(validity, int):
        rec_valid_to["valid_to_days_from_seed"] = validity
    else:
        rec_valid_to["valid_to"] = validity

    if opt.get("note"):
        extra.append(["状态说明", opt["note"]])
    if tkey == "biz":
        vt = rec_valid_to.get("valid_to")
        extra.insert(4, ["营业期限", f"{valid_from.isoformat()} 至 {vt if vt else '长期'}"])

    issuer_rec = ISSUERS[issuer]
    rec = {
        "identifier": make_identifier(t["code"], issuer_rec["code"], serial, version),
        "name": t["name"],
        "type_code": t["code"],
        "number": number,
        "holder": holder_name,
        "holder_kind": "person" if person else "organization",
        "holder_code": holder_code,
        "issuer": issuer_rec["name"],
        "issuer_code": issuer_rec["code"],
        "issue_date": issue.isoformat(),
        "valid_from": valid_from.isoformat(),
        **rec_valid_to,
        "state": state,
        "verify_code": new_verify_code(),
        "area_code": issuer_rec["area"],
        "level": "A",
        "version": version,
        "extra": extra,
        "synthetic": True,
    }
    return rec


# ---------------------------------------------------------------------------------------------
# Services, windows, cases
# ---------------------------------------------------------------------------------------------

SERVICE_ROWS = [  # kiosk-facts §4b, in order (S01..S55)
    ("企业设立登记 (有限责任公司)", "市场监管局/行政审批局", "行政许可", "承诺 1 工作日"),
    ("企业变更登记", "市场监管局", "行政许可", "即办 / 1日"),
    ("企业注销登记 (含简易注销)", "市场监管局", "行政许可", "即办 (简易注销另有公告期)"),
    ("个体工商户设立登记", "市场监管局", "行政许可", "即办"),
    ("个体工商户变更/注销", "市场监管局", "行政许可", "即办"),
    ("食品经营许可 (新办)", "市场监管局", "行政许可", "承诺 5 (法定 10) 工作日"),
    ("食品经营许可 变更/延续", "市场监管局", "行政许可", "承诺 3–5 工作日"),
    ("仅销售预包装食品备案", "市场监管局", "其他", "即办"),
    ("药品零售企业经营许可", "市场监管局(药监)", "行政许可", "承诺 10 工作日"),
    ("公共场所卫生许可", "卫健局", "行政许可", "承诺 5 工作日 / 告知承诺即办"),
    ("烟草专卖零售许可", "烟草专卖局", "行政许可", "承诺 10 工作日"),
    ("建筑工程施工许可证核发", "住建局", "行政许可", "承诺 3 (法定 7) 日"),
    ("建筑业企业资质 (备案/变更)", "住建局", "行政许可", "承诺 10 工作日"),
    ("道路货物运输经营许可", "交通运输局", "行政许可", "承诺 5 工作日"),
    ("道路运输证配发", "交通运输局", "行政许可", "即办"),
    ("排污许可证核发 (简化管理)", "生态环境局", "行政许可", "承诺 10 工作日"),
    ("特种设备使用登记", "市场监管局", "行政许可", "承诺 5 工作日"),
    ("不动产转移登记 (二手房)", "自然资源局/不动产登记中心", "行政确认", "承诺 1–3 工作日"),
    ("不动产首次登记 (新建商品房)", "不动产登记中心", "行政确认", "承诺 3–5 工作日"),
    ("不动产抵押登记 / 注销抵押", "不动产登记中心", "行政确认", "承诺 1 工作日 / 即办"),
    ("不动产登记资料查询 (有房/无房证明)", "不动产登记中心", "公共服务", "即办"),
    ("社会保障卡申领 (即时制卡)", "人社局", "公共服务", "即办"),
    ("社会保障卡补换/挂失", "人社局", "公共服务", "即办"),
    ("灵活就业人员参保登记", "人社局/社保中心", "公共服务", "即办"),
    ("城乡居民养老保险参保登记", "社保中心", "公共服务", "即办"),
    ("职工退休养老待遇核定", "社保中心", "行政确认", "承诺 10–20 工作日"),
    ("失业保险金申领", "人社局", "行政给付", "承诺 5 工作日"),
    ("就业创业证申领", "人社局", "公共服务", "即办"),
    ("个人权益记录(参保证明)打印", "社保中心", "公共服务", "即办 (自助)"),
    ("城乡居民医保参保登记", "医保局", "公共服务", "即办"),
    ("医保异地就医备案", "医保局", "公共服务", "即办"),
    ("医保关系转移接续", "医保局", "公共服务", "承诺 15 工作日"),
    ("门诊慢特病待遇认定", "医保局", "行政确认", "承诺 10 工作日"),
    ("生育津贴/生育医疗费申领", "医保局", "行政给付", "承诺 10 工作日"),
    ("住房公积金提取 (购房/租房/退休)", "公积金中心", "公共服务", "即办 / 承诺 1–3 工作日"),
    ("住房公积金个人贷款", "公积金中心", "公共服务", "承诺 10 工作日"),
    ("住房公积金缴存登记/变更", "公积金中心", "公共服务", "即办"),
    ("居民身份证换领/补领", "公安户政", "行政确认", "承诺 15–20 工作日 (法定 ≤60 日)"),
    ("出生户口登记", "公安户政", "行政确认", "即办"),
    ("户口迁移 (市内/准迁)", "公安户政", "行政确认", "即办"),
    ("居住证申领", "公安户政", "行政确认", "承诺 15 日"),
    ("无犯罪记录证明", "公安", "公共服务", "即办 / 3 工作日"),
    ("机动车驾驶证期满换证", "公安交管", "行政许可", "即办"),
    ("机动车驾驶证补证", "公安交管", "行政许可", "即办"),
    ("机动车检验合格标志核发", "公安交管", "行政确认", "即办"),
    ("出生医学证明首次签发", "卫健 (助产机构)", "公共服务", "即办"),
    ("出生医学证明补发/换发", "卫健局 (妇幼保健院)", "公共服务", "承诺 10 工作日"),
    ("结婚登记", "民政局", "行政确认", "即办"),
    ("离婚登记", "民政局", "行政确认", "30 日冷静期后办理"),
    ("残疾人证核发", "残联", "行政确认", "承诺 20 工作日"),
    ("最低生活保障审核确认", "民政局", "行政给付", "承诺 30 日"),
    ("高龄津贴申领", "民政局", "行政给付", "承诺 15 工作日"),
    ("教师资格认定", "教育局", "行政许可", "承诺 20 工作日"),
    ("涉税信息查询/完税证明开具", "税务局", "公共服务", "即办"),
    ("发票领用", "税务局", "行政确认", "即办"),
]

# (zone letter, zone name, window label, count, per-window labels or None)
WINDOW_ZONES = [
    ("A", "A 综合受理区", "综合受理窗口", 10, None),
    ("B", "B 企业开办专区", "企业开办窗口", 6, ["登记", "刻章", "发票", "社保", "公积金", "银行开户"]),
    ("C", "C 不动产登记专区", "不动产登记窗口", 7, ["登记/交易/税费"] * 6 + ["查询"]),
    ("D", "D 社保医保专区", "社保医保窗口", 6, None),
    ("E", "E 税务专区", "税务窗口", 4, None),
    ("F", "F 公安服务专区", "公安服务窗口", 6, ["户政"] * 4 + ["车驾管"] * 2),
    ("G", "G 公积金专区", "公积金窗口", 3, None),
    ("H", "H 民政/婚姻登记", "婚姻登记窗口", 2, None),
]
FUNCTION_WINDOWS = ["咨询导服台", "帮办代办窗口", "“办不成事”反映窗口", "跨省通办窗口",
                    "统一出件/EMS窗口", "绿色通道（老年人/残疾人）", "投诉/好差评处置窗口"]


def build_services() -> list[dict]:
    return [{"id": f"S{i:02d}", "name": n, "department": dep, "category": cat, "time_limit": tl}
            for i, (n, dep, cat, tl) in enumerate(SERVICE_ROWS, start=1)]


def build_windows() -> list[dict]:
    out = []
    for letter, zone, label, count, subs in WINDOW_ZONES:
        for i in range(1, count + 1):
            wid = f"{letter}{i:02d}"
            name = f"{label} {wid}"
            if subs:
                name += f"（{subs[i - 1]}）"
            out.append({"id": wid, "name": name, "zone": zone})
    for i, label in enumerate(FUNCTION_WINDOWS, start=1):
        wid = f"X{i:02d}"
        out.append({"id": wid, "name": f"{label} {wid}", "zone": "功能窗口"})
    return out


def windows_for_service(sid: str, windows: list[dict]) -> list[str]:
    n = int(sid[1:])
    ids = [w["id"] for w in windows]

    def pick(prefix: str, lo: int = 1, hi: int = 99) -> list[str]:
        return [i for i in ids if i[0] == prefix and lo <= int(i[1:]) <= hi]

    if n <= 5:
        return pick("B", 1, 1) + pick("A")
    if 18 <= n <= 20:
        return pick("C", 1, 6)
    if n == 21:
        return pick("C", 7, 7)
    if 22 <= n <= 34:
        return pick("D")
    if 35 <= n <= 37:
        return pick("G")
    if 38 <= n <= 42:
        return pick("F", 1, 4)
    if 43 <= n <= 45:
        return pick("F", 5, 6)
    if 48 <= n <= 49:
        return pick("H")
    if n >= 54:
        return pick("E")
    return pick("A")


def build_cases(services: list[dict], windows: list[dict]) -> list[dict]:
    # a spread over the hall; every zone appears
    chosen = ["S01", "S02", "S04", "S06", "S06", "S07", "S09", "S10", "S12", "S14", "S15", "S16",
              "S18", "S18", "S19", "S20", "S21", "S22", "S23", "S26", "S27", "S31", "S32", "S35",
              "S36", "S38", "S38", "S41", "S42", "S43", "S44", "S46", "S47", "S48", "S50", "S51",
              "S52", "S53", "S54", "S55"]
    by_id = {s["id"]: s for s in services}
    seen: set[str] = set()
    rows = []
    for sid in chosen:
        svc = by_id[sid]
        accepted = REF_DAY - dt.timedelta(days=rng.randrange(1, 61))
        while True:
            case_no = HALL_AREA + accepted.strftime("%Y%m%d") + f"{rng.randrange(1, 400):06d}"
            if case_no not in seen:
                seen.add(case_no)
                break
        window = rng.choice(windows_for_service(sid, windows))
        age = (REF_DAY - accepted).days
        if svc["time_limit"].startswith("即办"):
            status = "done"
        else:
            status = "done" if age > 30 or rng.random() < 0.4 else "in_progress"
        rows.append({"case_no": case_no, "service_id": sid, "window_id": window,
                     "accepted": accepted.isoformat(), "status": status})
    rows.sort(key=lambda r: r["case_no"])
    return rows


# ---------------------------------------------------------------------------------------------
# Validation and summary
# ---------------------------------------------------------------------------------------------

STATES = {"valid", "suspended", "revoked", "cancelled", "withdrawn", "superseded"}
CERT_KEYS = ["identifier", "name", "type_code", "number", "holder", "holder_kind", "holder_code",
             "issuer", "issuer_code", "issue_date", "valid_from", "state", "verify_code",
             "area_code", "level", "version", "extra", "synthetic"]
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DANGER_FROM, DANGER_TO = dt.date(2026, 6, 1), dt.date(2028, 1, 1)


def derived_status(c: dict, today: dt.date) -> str:
    """What the server should show on `today` (for the summary and the README)."""
    if c["state"] != "valid":
        return c["state"]
    if "valid_to_days_from_seed" in c:
        left = c["valid_to_days_from_seed"]
    elif c["valid_to"] is None:
        return "valid"
    else:
        left = (d(c["valid_to"]) - today).days
    if left < 0:
        return "expired"
    return "expiring" if left <= 30 else "valid"


def validate(certs: list[dict], services: list[dict], windows: list[dict],
             cases: list[dict]) -> None:
    idents = [c["identifier"] for c in certs]
    assert len(set(idents)) == len(idents), "duplicate identifiers"
    assert len({c["verify_code"] for c in certs}) == len(certs), "duplicate verify codes"
    for c in certs:
        for k in CERT_KEYS:
            assert k in c, (k, c["identifier"])
        has_to, has_rel = "valid_to" in c, "valid_to_days_from_seed" in c
        assert has_to != has_rel, c["identifier"]
        assert is_valid_identifier(c["identifier"]), c["identifier"]
        parts = c["identifier"].split(".")
        assert parts[5] == c["type_code"] and parts[6] == c["issuer_code"], c["identifier"]
        assert re.fullmatch(r"[0-9A-Z]+", parts[7]), parts[7]
        assert int(parts[8]) == c["version"], c["identifier"]
        assert len(c["type_code"]) == 21 and is_valid_uscc(c["type_code"][:18])
        assert c["type_code"][18:].isdigit()
        assert is_valid_uscc(c["issuer_code"]), c["issuer_code"]
        assert c["holder_kind"] in ("person", "organization")
        if c["holder_kind"] == "person":
            assert is_valid_id(c["holder_code"]), c["holder_code"]
            born = int(c["holder_code"][6:10])
            assert 1950 <= born <= 2010, c["holder_code"]
            assert 2 <= len(c["holder"]) <= 4
        else:
            assert is_valid_uscc(c["holder_code"]), c["holder_code"]
        assert c["state"] in STATES, c["state"]
        assert re.fullmatch(r"[A-Z0-9]{6}", c["verify_code"])
        for k in ("issue_date", "valid_from"):
            assert DATE_RE.match(c[k]) and d(c[k]) <= REF_DAY, (k, c[k])
        assert d(c["valid_from"]) <= d(c["issue_date"]) or c["name"] != "营业执照"
        if has_to and c["valid_to"] is not None:
            end = d(c["valid_to"])
            assert end > d(c["valid_from"]), c["identifier"]
            if c["state"] == "valid":
                # a fixed end date must not drift from "valid" to "expiring" on a later run
                assert not (DANGER_FROM <= end < DANGER_TO), (c["identifier"], end)
        if has_rel:
            assert isinstance(c["valid_to_days_from_seed"], int)
        assert c["synthetic"] is True and c["level"] == "A"
        assert re.fullmatch(r"\d{6}", c["area_code"])
        for pair in c["extra"]:
            assert isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
            assert not re.search(r"\d{17}[\dX]", pair[1]), ("full ID/USCC-like value in extra", pair)
        # type-specific number shapes
        n, name = c["number"], c["name"]
        if name == "营业执照":
            assert n == c["holder_code"] and is_valid_uscc(n)
        elif name in ("机动车驾驶证", "居民身份证"):
            assert n == c["holder_code"]
        elif name == "食品经营许可证":
            assert re.fullmatch(r"JY\d{14}", n), n
        elif name == "不动产权证书":
            assert re.fullmatch(r"苏（\d{4}）.{2,4}市不动产权第\d{7}号", n), n
        elif name == "排污许可证":
            assert is_valid_uscc(n[:18]) and re.fullmatch(r"\d{3}[A-Z]", n[18:]), n
        elif name == "出生医学证明":
            assert re.fullmatch(r"[A-Z]\d{9}", n), n
    # superseded: an older version with a valid newer version (same type, issuer, serial, number)
    key = lambda c: tuple(c["identifier"].split(".")[5:8])  # noqa: E731
    by_key: dict[tuple, list[dict]] = {}
    for c in certs:
        by_key.setdefault(key(c), []).append(c)
    for c in certs:
        if c["state"] == "superseded":
            newer = [o for o in by_key[key(c)] if o["version"] > c["version"]]
            assert newer and all(o["number"] == c["number"] for o in newer), c["identifier"]
            assert any(o["state"] == "valid" for o in newer), c["identifier"]
    # coverage minimums
    states = Counter(c["state"] for c in certs)
    for s in ("suspended", "revoked", "cancelled", "withdrawn", "superseded"):
        assert states[s] >= 4, (s, states[s])
    expired = [c for c in certs if c["state"] == "valid" and (
        c.get("valid_to_days_from_seed", 0) < 0
        or (c.get("valid_to") and d(c["valid_to"]) < DANGER_FROM))]
    expiring = [c for c in certs if c["state"] == "valid"
                and 1 <= c.get("valid_to_days_from_seed", 0) <= 29]
    long_term = [c for c in certs if "valid_to" in c and c["valid_to"] is None]
    assert len(expired) >= 5 and any(c.get("valid_to_days_from_seed", 0) < 0 for c in expired)
    assert any(c.get("valid_to_days_from_seed") == -1 for c in certs)
    assert len(expiring) >= 5 and len(long_term) >= 6
    assert len(certs) >= 64 and len({c["type_code"] for c in certs}) >= 10
    assert len({c["name"] for c in certs}) >= 10
    kinds = Counter(c["holder_kind"] for c in certs)
    assert kinds["person"] > 0 and kinds["organization"] > 0
    assert any(c["holder_code"][:2] == "92" for c in certs)
    lens = {len(c["holder"]) for c in certs if c["holder_kind"] == "person"}
    assert {2, 3, 4} <= lens, lens
    per_holder = Counter(c["holder_code"] for c in certs)
    assert sum(1 for v in per_holder.values() if v >= 3) >= 4
    # a holder code names one holder only
    names: dict[str, str] = {}
    for c in certs:
        assert names.setdefault(c["holder_code"], c["holder"]) == c["holder"]
    # services / windows / cases
    assert [s["id"] for s in services] == [f"S{i:02d}" for i in range(1, 56)]
    for s in services:
        assert set(s) == {"id", "name", "department", "category", "time_limit"} and all(s.values())
    wids = [w["id"] for w in windows]
    assert len(set(wids)) == len(wids) and 38 <= len(wids) <= 60
    for w in windows:
        assert set(w) == {"id", "name", "zone"} and re.fullmatch(r"[A-HX]\d{2}", w["id"])
    assert "X01" in wids and windows[wids.index("X01")]["name"].startswith("咨询导服台")
    assert len(cases) == 40 and len({c["case_no"] for c in cases}) == 40
    sids, wset = {s["id"] for s in services}, set(wids)
    for c in cases:
        assert set(c) == {"case_no", "service_id", "window_id", "accepted", "status"}
        assert re.fullmatch(r"\d{20}", c["case_no"]), c["case_no"]
        assert c["case_no"][6:14] == c["accepted"].replace("-", "")
        assert c["service_id"] in sids and c["window_id"] in wset
        assert 0 < (REF_DAY - d(c["accepted"])).days <= 60
        assert c["status"] in ("done", "in_progress")
    assert {c["status"] for c in cases} == {"done", "in_progress"}


# ---------------------------------------------------------------------------------------------
# data/README.md (generated, so that the codes printed there always match the JSON)
# ---------------------------------------------------------------------------------------------

TEST_PERSONS = ("ouyang", "wangfang", "chen", "lisihan")
TEST_ORGS = ("chenghu", "tongwu", "shenji")


def holder_line(name: str, code: str, certs: list[dict]) -> str:
    mine = [c for c in certs if c["holder_code"] == code]
    parts = []
    for c in mine:
        st = derived_status(c, REF_DAY)
        tag = "" if st == "valid" else f" ({st})"
        if c["version"] > 1 or st == "superseded":
            tag = f" v{c['version']}" + tag
        parts.append(c["name"] + tag)
    return f"| {name} | `{code}` | {'; '.join(parts)} |"


def build_readme(certs: list[dict], services: list[dict], windows: list[dict],
                 cases: list[dict]) -> str:
    L = []
    w = L.append
    w("# Seed data — synthetic demo data")
    w("")
    w("**Everything in this folder is synthetic.** Every person, company, organisation code, "
      "ID number, certificate number, identifier and verification code is fictitious but "
      "well-formed: 公民身份号码 pass GB 11643 (MOD 11-2), 统一社会信用代码 pass GB 32100 and the "
      "embedded GB 11714 check, 电子证照标识 pass GB/T 36904 (ISO 7064 MOD 37,36). Any resemblance "
      "to a real person or entity is coincidental. Department names are plausible Suzhou/Jiangsu "
      "names; their codes are fake. Show this data only with the 演示数据 watermark.")
    w("")
    w("Generated by `scripts/data/build_seed.py` (Python 3.11, stdlib only, fixed seed "
      f"{SEED}); do not edit the JSON by hand. Regenerate from the repository root with")
    w("")
    w("    python3 scripts/data/build_seed.py          # rewrites data/*.json and this README")
    w("    python3 scripts/data/build_seed.py --check  # exit 1 if the files here are stale")
    w("")
    w("The script self-tests the three check algorithms on the published vectors and asserts the "
      "coverage rules below before it writes anything. Output: UTF-8, `indent=1`.")
    w("")
    w("## Files")
    w("")
    w(f"- `certificates.json` — {len(certs)} 电子证照 over {len({c['type_code'] for c in certs})} "
      f"types, {len({c['holder_code'] for c in certs})} holders (persons: holder_kind `person`, "
      "holder_code an ID number; organisations: `organization`, a USCC; `92…` = 个体工商户). Fields: "
      "`identifier`, `name`, `type_code` (21), `number` (证照编号 as printed), `holder`, "
      "`holder_kind`, `holder_code`, `issuer`, `issuer_code`, `issue_date`, `valid_from`, "
      "`valid_to` **or** `valid_to_days_from_seed`, `state`, `verify_code`, `area_code`, `level`, "
      "`version`, `extra` ([label, value] pairs), `synthetic`.")
    w("  - Exactly one of `valid_to` / `valid_to_days_from_seed` is present. `valid_to: null` = "
      "长期有效. `valid_to_days_from_seed: N` means the server sets valid_to = (day it seeds the "
      "database) + N days, so \"expires within 30 days\" and \"expired yesterday\" (N = -1) exist on "
      "any run date. Fixed past end dates are before 2026-06; fixed future ones are 2028 or later.")
    w("  - `state` is the stored 证照状态: `valid`, `suspended` (暂扣), `revoked` (撤销), `cancelled` "
      "(注销), `withdrawn` (吊销), `superseded` (older version; the newer version has the same "
      "type, issuer, serial and number and version + 1). `expired` / `expiring` are derived by "
      "the server from the dates of `valid` records.")
    w("  - `number` repeats across types on purpose: 居民身份证 and 机动车驾驶证 numbers are the "
      "holder's ID number, 营业执照 numbers are the USCC, both spouses' 结婚证 share one 字号.")
    w("  - `extra` never holds a full ID number; personal names in it are already masked "
      "(张*三). `verify_code` is 6 chars from A-Z/2-9 without 0 O 1 I, unique.")
    w(f"- `services.json` — the {len(services)} hall items S01–S55 of kiosk-facts §4b: `id`, "
      "`name`, `department`, `category` (事项类型), `time_limit` (typical promised limit, not "
      "verified per locality).")
    w(f"- `windows.json` — {len(windows)} windows of a demo hall (zones A–H per kiosk-facts §5, "
      "plus functional windows X01 咨询导服台 … X07): `id`, `name`, `zone`.")
    w(f"- `cases.json` — {len(cases)} 办件 for review tests: `case_no` = 6-digit 区划 "
      f"({HALL_AREA}) + accepted yyyyMMdd + 6-digit sequence, `service_id`, `window_id`, "
      f"`accepted` (within 60 days before {REF_DAY}), `status` (`done` | `in_progress`).")
    w("")
    w("## Certificate types")
    w("")
    w("Codes marked *real* appear in real systems (kiosk-facts §1b). The others were not found "
      "in any source: they are a synthetic defining-authority USCC + 3 digits and must not be "
      "presented as official national codes.")
    w("")
    w("| 证照 | 证照类型代码 | code | records |")
    w("|---|---|---|---|")
    counts = Counter(c["type_code"] for c in certs)
    for t in sorted(TYPES.values(), key=lambda t: (not t["real"], -counts[t["code"]], t["name"])):
        w(f"| {t['name']} | `{t['code']}` | {'real' if t['real'] else 'synthetic'} | "
          f"{counts[t['code']]} |")
    w("")
    w("Counts by stored state: " + ", ".join(
        f"{s} {n}" for s, n in sorted(Counter(c["state"] for c in certs).items())) + ".")
    w(f"On {REF_DAY} the server should derive: " + ", ".join(
        f"{s} {n}" for s, n in sorted(Counter(derived_status(c, REF_DAY) for c in certs).items()))
      + ".")
    w("")
    w("## Test holders")
    w("")
    w("The end-to-end tests and the demo type these (synthetic) holders. Search by holder needs "
      "the name and the full code.")
    w("")
    w("| holder | code | certificates (derived status; the same on any run date before 2027-12) |")
    w("|---|---|---|")
    for k in TEST_PERSONS:
        w(holder_line(PERSONS[k]["name"], PERSONS[k]["code"], certs))
    for k in TEST_ORGS:
        w(holder_line(ORGS[k]["name"], ORGS[k]["code"], certs))
    w("")
    w("## One record per status (for verification tests)")
    w("")
    w("| status | 证照 | holder | identifier | verify_code |")
    w("|---|---|---|---|---|")
    wanted = ["valid", "expiring", "expired", "suspended", "revoked", "cancelled", "withdrawn",
              "superseded"]
    test_codes = {PERSONS[k]["code"] for k in TEST_PERSONS} | {ORGS[k]["code"] for k in TEST_ORGS}
    for st in wanted:
        pool = [c for c in certs if derived_status(c, REF_DAY) == st]
        # prefer "expired yesterday", then the test holders
        pool.sort(key=lambda c: (c.get("valid_to_days_from_seed") != -1,
                                 c["holder_code"] not in test_codes, c["identifier"]))
        c = pool[0]
        w(f"| {st} | {c['name']} | {c['holder']} | `{c['identifier']}` | `{c['verify_code']}` |")
    w("")
    return "\n".join(L)



def dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def summary(certs: list[dict], cases: list[dict]) -> str:
    lines = [f"certificates: {len(certs)}"]
    lines.append("  by type:")
    for name, n in sorted(Counter(c["name"] for c in certs).items(), key=lambda x: (-x[1], x[0])):
        code = next(c["type_code"] for c in certs if c["name"] == name)
        lines.append(f"    {n:3d}  {name}  {code}")
    lines.append("  by state (as stored): " + ", ".join(
        f"{s}={n}" for s, n in sorted(Counter(c["state"] for c in certs).items())))
    lines.append(f"  by status on {REF_DAY} (derived): " + ", ".join(
        f"{s}={n}" for s, n in sorted(Counter(derived_status(c, REF_DAY) for c in certs).items())))
    lines.append("  long-term (valid_to null): %d; relative end dates: %d" % (
        sum(1 for c in certs if "valid_to" in c and c["valid_to"] is None),
        sum(1 for c in certs if "valid_to_days_from_seed" in c)))
    lines.append("  holders: %d persons, %d organisations" % (
        len({c["holder_code"] for c in certs if c["holder_kind"] == "person"}),
        len({c["holder_code"] for c in certs if c["holder_kind"] == "organization"})))
    lines.append("cases: %d (%s)" % (len(cases), ", ".join(
        f"{s}={n}" for s, n in sorted(Counter(c["status"] for c in cases).items()))))
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[2] / "data")
    ap.add_argument("--check", action="store_true", help="compare with the files on disk")
    args = ap.parse_args()

    self_test()
    certs = [build_certificate(row) for row in PLAN]
    services = build_services()
    windows = build_windows()
    cases = build_cases(services, windows)
    validate(certs, services, windows, cases)

    files = {"certificates.json": dump(certs), "services.json": dump(services),
             "windows.json": dump(windows), "cases.json": dump(cases),
             "README.md": build_readme(certs, services, windows, cases)}
    if args.check:
        stale = [n for n, text in files.items()
                 if not (args.out / n).is_file() or (args.out / n).read_text("utf-8") != text]
        if stale:
            print("stale seed files: " + ", ".join(stale), file=sys.stderr)
            return 1
        print("seed files are up to date")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, text in files.items():
        (args.out / n).write_text(text, encoding="utf-8")
    print(summary(certs, cases))
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
