"""The vocabulary of the synthetic corpus: the seed's goal, positionings and departments, and name pools.

``tests.support.synthetic`` generates cities from these tables; they are kept apart so the generator
reads as logic and the tables as data. The goal, the six positionings and their lead
departments follow the seed documents; the pools of city characters, surnames, verbs and
objects only make names shaped like the seed's.
"""

from __future__ import annotations

GOAL_NAME = "建设新时代社会主义现代化国际大都市"
GOAL_INDICATOR = "城市综合竞争力"

#: (positioning, focus areas, indicators as (name, value, unit, comparator), lead department).
POSITIONINGS: tuple[tuple[str, tuple[str, ...], tuple[tuple[str, float, str, str], ...], str], ...] = (
    (
        "现代产业先行城市",
        (
            "制造业高质量发展",
            "服务业能级提升",
            "数字经济提质扩面",
            "实体经济振兴发展",
            "先进制造业和现代服务业融合",
            "育苗倍增计划",
        ),
        (
            ("境内外上市公司数量", 110, "家", "≥"),
            ("制造业增加值占生产总值比重", 30, "%", "≥"),
            ("数字经济核心产业增加值占GDP比重", 12, "%", "≈"),
            ("规上工业营业收入", 2.1, "万亿元", "≥"),
        ),
        "工业和信息化局",
    ),
    (
        "引领型现代海洋城市",
        (
            "海洋科技创新",
            "海洋产业发展",
            "航运贸易金融",
            "海洋生态示范",
            "蓝色药库开发计划",
            "海上风电创新应用",
        ),
        (
            ("集装箱吞吐量", 2800, "万标箱", "≥"),
            ("港口货物吞吐量", 7, "亿吨", "≥"),
            ("海洋生产总值占GDP比重", 33, "%", "≈"),
            ("海洋新兴产业增加值", 1000, "亿元", "≥"),
        ),
        "海洋发展局",
    ),
    (
        "国际化创新型城市",
        ("创新策源", "企业创新", "人才集聚", "重大科技基础设施建设", "国家工程研究中心创建", "岛城工匠培育"),
        (
            ("研发经费投入强度", 3.2, "%", "≥"),
            ("国家高新技术企业数量", 1, "万家", "≥"),
            ("人才总量", 300, "万人", "≥"),
            ("技术合同成交额", 500, "亿元", "≥"),
        ),
        "科技局",
    ),
    (
        "国际门户枢纽城市",
        ("国际合作", "双向投资", "综合交通", "内外循环", "开放平台能级提升", "世界一流海港建设"),
        (
            ("货物进出口总额", 1.3, "万亿元", "≥"),
            ("使用外资", 75, "亿美元", "≥"),
            ("机场旅客吞吐量", 4400, "万人次", "≥"),
            ("国际航线数量", 50, "条", "≥"),
        ),
        "商务局",
    ),
    (
        "宜居宜业宜游高品质湾区城市",
        ("城市更新", "生态保护", "文化旅游", "社会民生", "乡村振兴", "绿色城市建设"),
        (
            ("空气质量优良天数比率", 88.8, "%", "≥"),
            ("常住人口", 1100, "万人", "≥"),
            ("年接待游客", 1.7, "亿人次", "≥"),
            ("城市绿化覆盖率", 45, "%", "≥"),
        ),
        "住房城乡建设局",
    ),
    (
        "现代化治理样板城市",
        ("平安城市建设", "法治城市建设", "文明城市创建", "美丽城市建设", "数字政府建设", "道路交通拥堵治理"),
        (
            ("市级平安社区创建率", 60, "%", "≥"),
            ("营商环境综合评比位次", 5, "位", "≤"),
            ("政务服务网办率", 95, "%", "≥"),
            ("万人刑事案件立案数", 20, "件", "≤"),
        ),
        "公安局",
    ),
)

#: Departments beyond the six leads: (short name, the positioning index it is inferred for).
SUPPORTING_DEPARTMENTS: tuple[tuple[str, int], ...] = (
    ("交通运输局", 3),
    ("生态环境局", 4),
    ("文化和旅游局", 4),
    ("司法局", 5),
    ("大数据发展管理局", 5),
)
PLANNING_DEPARTMENT = "发展改革委"
PRESENTING = frozenset({"商务局", "海洋发展局"})
#: (department short name, index of the indicator in its positioning's list) owned directly.
DIRECT_INDICATORS: tuple[tuple[str, int], ...] = (("商务局", 0), ("交通运输局", 2), ("生态环境局", 0))

#: The characters of the city names (``tests.support.synthetic.city_name`` takes two).
CITY_CHARS = "海山河湖江平安宁东西南北泉林阳川"
#: Person names are a surname and two given-name characters.
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN_NAME_CHARS = "建国华明军伟强磊洋勇艳杰涛斌超波辉刚健平"
#: Key task and sub-task names are a verb and an object.
VERBS = ("推进", "实施", "建设", "打造", "深化", "培育", "完善", "提升", "加快", "优化")
OBJECTS = (
    "重点项目",
    "示范园区",
    "公共平台",
    "产业链条",
    "服务体系",
    "试点工程",
    "专项行动",
    "攻坚计划",
    "创新中心",
    "基础设施",
    "人才梯队",
    "标准体系",
    "数字底座",
    "应用场景",
    "招商机制",
    "监测网络",
)
#: The theme of each of a plan's five key tasks.
KEY_TASK_THEMES = ("高水平开放", "高质量发展", "高效能治理", "高品质生活", "市场化改革")
