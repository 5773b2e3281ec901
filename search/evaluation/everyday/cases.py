"""The everyday set's cases, one entry each, written by hand (decision 100).

Each case: id, layout, IP type, product, category, platform ("" offline), acts, outcome,
amounts, region, date, topics (what it turns on, used by the grading rules), facts and
holding in the words a decision uses. Names are masked as published decisions mask them.
"""

from __future__ import annotations

from typing import Any

# (city, region code, court)
REGIONS = {
    "yl": ("玉林", "450900", "玉林市中级人民法院"),
    "bs": ("百色", "451000", "百色市中级人民法院"),
    "qz": ("钦州", "450700", "钦州市中级人民法院"),
    "hc": ("河池", "451200", "河池市中级人民法院"),
}

CASES: list[dict[str, Any]] = [
    # --- patent-dispute rulings of an IP office ---
    dict(id="ev-01", layout="patent_ruling", ip="design_patent", product="台灯",
         cat="灯具", platform="拼多多", acts=["offer", "sell"], outcome="infringement_found",
         money={}, region="yl", date="2024-03-12", topics=["lamp", "design_same"],
         parties=("玉林某某照明电器有限公司", "黄某（拼多多“亮途家居”店经营者）"),
         statutes=["《专利法》第十一条第二款", "第六十五条"],
         facts="请求人系名称为“护眼台灯（LT-08）”外观设计专利的专利权人，该专利至今有效。"
               "请求人委托代理人在拼多多平台“亮途家居”店铺购买了被控侵权台灯一台并办理了公证。"
               "经比对，被控侵权产品灯罩呈扁圆弧形，灯臂为三段折叠式，底座为圆角方形，"
               "与涉案专利的形状及各部分比例基本一致，仅底座开关位置略有不同。",
         holding="被控侵权产品与涉案外观设计专利属于相同种类产品，二者整体视觉效果无实质性差异，"
                 "构成近似外观设计，落入涉案专利的保护范围。被请求人未经许可许诺销售、销售该产品，"
                 "侵犯了请求人的外观设计专利权。责令被请求人立即停止销售被控侵权台灯，"
                 "并删除相关商品链接。"),
    dict(id="ev-02", layout="patent_ruling", ip="design_patent", product="吸顶灯",
         cat="灯具", platform="淘宝", acts=["make", "sell"], outcome="infringement_found",
         money={}, region="bs", date="2024-06-20", topics=["lamp", "design_same", "maker"],
         parties=("广东某某灯饰有限公司", "百色市右江区某某灯具厂"),
         statutes=["《专利法》第十一条第二款"],
         facts="请求人享有“LED吸顶灯（星环）”外观设计专利权。执法人员在被请求人厂房内"
               "查获与专利外观相同的吸顶灯半成品三百余件、成品八十件，被请求人另在淘宝开设"
               "店铺对外销售。被请求人辩称其产品系自行设计，但未提交任何设计底稿。",
         holding="被控侵权吸顶灯的灯盘造型、环形灯带布局与涉案专利相同，属于相同的外观设计。"
                 "被请求人以生产经营为目的制造、销售该产品，构成侵权。责令被请求人停止制造、"
                 "销售行为，销毁专用模具及库存侵权产品。"),
    dict(id="ev-03", layout="patent_ruling", ip="design_patent", product="吊灯",
         cat="灯具", platform="", acts=["sell"], outcome="dismissed", money={},
         region="qz", date="2023-11-08", topics=["lamp", "prior_design", "offline_store"],
         parties=("中山某某灯饰设计有限公司", "钦州市钦南区某某灯具商行"),
         statutes=["《专利法》第六十七条"],
         facts="请求人主张被请求人在灯具城门店销售的水晶吊灯侵犯其“水晶吊灯（瀑布款）”外观设计"
               "专利权。被请求人提交了2018年某灯饰展会图录及某电商平台2019年的商品快照，"
               "证明相同造型的吊灯在专利申请日以前已公开销售。",
         holding="被请求人提交的证据形成完整证据链，能够证明被控侵权产品所使用的设计在涉案专利"
                 "申请日前已为公众所知，属于现有设计，被请求人的现有设计抗辩成立。"
                 "驳回请求人的处理请求。"),
    dict(id="ev-04", layout="patent_ruling", ip="utility_model", product="折叠晾衣架",
         cat="家居用品", platform="京东", acts=["offer", "sell"], outcome="infringement_found",
         money={}, region="hc", date="2024-08-02", topics=["scope_in"],
         parties=("浙江某某家居科技有限公司", "河池市金城江区某某日用品经营部"),
         statutes=["《专利法》第十一条第一款"],
         facts="请求人系“一种可折叠的落地晾衣架”实用新型专利的专利权人。被请求人在京东"
               "店铺销售的晾衣架采用剪叉式伸缩杆及卡扣式锁定结构。经技术比对，被控侵权产品"
               "具备涉案专利权利要求1记载的全部技术特征。",
         holding="被控侵权产品的技术方案包含了与权利要求1记载的全部技术特征相同的技术特征，"
                 "落入涉案实用新型专利权的保护范围。责令被请求人立即停止销售、许诺销售侵权"
                 "晾衣架，下架京东店铺中的相关商品。"),
    dict(id="ev-05", layout="patent_ruling", ip="utility_model", product="电动车充电器",
         cat="电子产品", platform="", acts=["sell"], outcome="dismissed", money={},
         region="yl", date="2024-01-18", topics=["scope_out", "ebike", "offline_store"],
         parties=("某某电源科技（深圳）有限公司", "玉林市玉州区某某电动车行"),
         statutes=["《专利法》第六十四条第一款"],
         facts="请求人认为被请求人店内销售的电动车充电器侵犯其“一种带过充保护的电动车充电器”"
               "实用新型专利权。经拆解比对，被控侵权产品的过充保护采用单片机软件控制，"
               "而涉案权利要求1限定的是由继电器和热敏电阻组成的硬件保护电路。",
         holding="被控侵权产品缺少权利要求1中“继电器与热敏电阻串联构成保护电路”的技术特征，"
                 "二者既不相同也不等同，未落入涉案专利权的保护范围。驳回请求人的请求。"),
    dict(id="ev-06", layout="patent_ruling", ip="invention_patent", product="净水器滤芯",
         cat="家用电器", platform="天猫", acts=["make", "sell"], outcome="partially_found",
         money={}, region="bs", date="2024-09-26", topics=["scope_in", "partial"],
         parties=("某某水处理技术股份有限公司", "百色市某某环保科技有限公司"),
         statutes=["《专利法》第十一条第一款", "第六十四条"],
         facts="请求人享有“一种复合滤芯及其制备方法”发明专利权。请求人主张被请求人制造并"
               "在天猫店铺销售侵权滤芯。经查，被请求人天猫店铺销售的PP棉复合滤芯与权利要求1"
               "相同；但请求人未能举证证明被请求人实施了制造行为，被请求人提交了采购合同及"
               "付款凭证证明滤芯系向他人采购。",
         holding="被请求人销售被控侵权滤芯的行为构成侵权；请求人关于被请求人制造侵权产品的主张"
                 "证据不足，不予支持。责令被请求人停止销售侵权滤芯。"),
    dict(id="ev-07", layout="patent_ruling", ip="design_patent", product="保温杯",
         cat="日用品", platform="抖音", acts=["sell"], outcome="infringement_found",
         money={}, region="qz", date="2024-05-30", topics=["legal_source", "design_same",
                                                          "livestream"],
         parties=("永康某某杯业有限公司", "钦州市某某百货店"),
         statutes=["《专利法》第十一条第二款", "第七十七条"],
         facts="请求人享有“保温杯（竹节款）”外观设计专利权。被请求人在抖音小店及直播间销售"
               "外观与之几乎相同的保温杯。被请求人提交了从义乌某批发商处进货的送货单、"
               "转账记录及批发商的营业执照，证明其产品有合法来源且不知道是侵权产品。",
         holding="被控侵权产品落入涉案专利保护范围，被请求人的销售行为构成侵权，应当停止销售；"
                 "被请求人能够证明产品的合法来源，依法不承担赔偿责任，但应立即下架相关商品。"),
    dict(id="ev-08", layout="patent_ruling", ip="design_patent", product="儿童滑板车",
         cat="玩具", platform="拼多多", acts=["offer", "sell"], outcome="infringement_found",
         money={}, region="hc", date="2024-10-15", topics=["design_same", "kids"],
         parties=("宁波某某童车有限公司", "李某（拼多多“乐童玩具”店经营者）"),
         statutes=["《专利法》第十一条第二款"],
         facts="请求人系“儿童滑板车（三轮闪光）”外观设计专利的专利权人。被请求人在拼多多"
               "店铺销售的滑板车前轮为双轮闪光结构、车把为T形、踏板带卡通图案，"
               "与涉案专利相比仅踏板图案颜色不同。",
         holding="颜色差异对整体视觉效果不具有显著影响，被控侵权产品与涉案专利构成近似。"
                 "被请求人的许诺销售、销售行为侵犯请求人外观设计专利权，责令其停止侵权。"),
    dict(id="ev-09", layout="patent_ruling", ip="utility_model", product="手机支架",
         cat="数码配件", platform="1688", acts=["make", "sell"], outcome="infringement_found",
         money={}, region="yl", date="2024-07-11", topics=["scope_in", "wholesale", "maker"],
         parties=("深圳某某创意科技有限公司", "玉林某某塑胶制品厂"),
         statutes=["《专利法》第十一条第一款"],
         facts="请求人享有“一种重力联动式车载手机支架”实用新型专利权。被请求人在1688平台"
               "批发销售车载手机支架，起订量一百个。经比对，被控侵权产品的重力联动夹臂、"
               "出风口卡扣与权利要求1、2的技术特征一一对应。",
         holding="被请求人制造、销售的手机支架落入涉案专利权利要求1、2的保护范围，构成侵权。"
                 "责令被请求人停止制造、销售行为，并在1688平台删除侵权商品信息。"),
    # --- civil judgments ---
    dict(id="ev-10", layout="judgment", ip="design_patent", product="落地灯", cat="灯具",
         platform="拼多多", acts=["sell"], outcome="infringement_found",
         money={"damages_claimed": 100000, "damages_awarded": 30000}, region="yl",
         date="2024-04-25", topics=["lamp", "design_same", "damages"],
         parties=("江门某某照明科技有限公司", "玉林市某某电子商务有限公司"),
         statutes=["《专利法》第十一条第二款", "第七十一条"],
         facts="原告诉称：原告享有“落地灯（弯月）”外观设计专利权，被告在拼多多开设多家店铺"
               "低价销售仿冒原告设计的落地灯，请求判令被告停止侵权并赔偿经济损失及合理开支"
               "共计100000元。被告辩称其销量很小，请求酌减赔偿数额。",
         holding="本院认为，被诉侵权产品与涉案专利整体视觉效果无实质性差异，落入专利保护范围。"
                 "原告的实际损失及被告的侵权获利均难以确定，综合考虑专利类别、被告店铺数量、"
                 "销售价格及持续时间，酌定被告赔偿原告经济损失及合理开支共计30000元。"),
    dict(id="ev-11", layout="judgment", ip="trademark", product="手机壳", cat="数码配件",
         platform="淘宝", acts=["sell"], outcome="infringement_found",
         money={"damages_claimed": 50000, "damages_awarded": 8000}, region="bs",
         date="2024-02-06", topics=["counterfeit", "phone_case", "damages"],
         parties=("某某（中国）贸易有限公司", "百色市某某数码配件店"),
         statutes=["《商标法》第五十七条第（三）项", "第六十三条"],
         facts="原告系“果纹”注册商标在中国的独占许可使用人，该商标核定使用于手机套、手机壳"
               "等商品。被告在淘宝店铺销售印有“果纹”标识的手机壳，售价每个9.9元，"
               "页面显示已售一千二百余件。经原告鉴定，该手机壳非原告授权生产。",
         holding="被告销售侵犯注册商标专用权的商品，应承担停止侵权、赔偿损失的责任。"
                 "被告未提供进货来源证据，合法来源抗辩不成立。综合考虑商品售价、销量及"
                 "被告的过错程度，酌定赔偿原告经济损失及合理开支8000元。"),
    dict(id="ev-12", layout="judgment", ip="design_patent", product="餐椅", cat="家具",
         platform="拼多多", acts=["make", "sell"], outcome="infringement_found",
         money={"damages_claimed": 200000, "damages_awarded": 60000}, region="qz",
         date="2024-08-19", topics=["design_same", "damages", "maker"],
         parties=("佛山某某家具有限公司", "钦州某某木业有限公司"),
         statutes=["《专利法》第十一条第二款", "第七十一条"],
         facts="原告诉称：原告的“餐椅（北欧曲木）”外观设计专利产品在市场上颇受欢迎，被告"
               "生产同款餐椅并在拼多多以原告价格的一半销售，月销量数千件，给原告造成重大损失，"
               "请求赔偿200000元。被告辩称椅背弧度与专利不同。",
         holding="本院认为，椅背弧度的细微差别属于局部细微变化，不足以使二者在整体视觉效果上"
                 "产生实质性差异。被告制造、销售被诉侵权餐椅构成侵权，综合侵权规模判令被告"
                 "赔偿原告经济损失60000元。"),
    dict(id="ev-13", layout="judgment", ip="copyright", product="网络小说", cat="图书",
         platform="", acts=["use"], outcome="infringement_found",
         money={"damages_claimed": 300000, "damages_awarded": 45000}, region="hc",
         date="2023-12-14", topics=["online_spread", "book", "damages"],
         parties=("上海某某文化传媒有限公司", "河池某某网络科技有限公司"),
         statutes=["《著作权法》第十条第一款第（十二）项", "第五十二条", "第五十四条"],
         facts="原告经作者授权，享有小说《长河孤舟》的独家信息网络传播权。被告运营的手机"
               "阅读APP未经许可，提供该小说全文在线阅读，章节数达三百余章，并在章节间插播广告"
               "牟利。原告请求赔偿经济损失及维权合理开支300000元。",
         holding="被告未经许可通过信息网络向公众提供涉案作品，侵害了原告的信息网络传播权。"
                 "综合作品知名度、侵权持续时间及被告的经营规模，酌定赔偿45000元。"),
    dict(id="ev-14", layout="judgment", ip="trademark", product="运动鞋", cat="鞋类",
         platform="抖音", acts=["sell"], outcome="infringement_found",
         money={"damages_claimed": 500000, "damages_awarded": 120000}, region="yl",
         date="2024-06-03", topics=["counterfeit", "livestream", "shoes", "damages"],
         parties=("某某体育用品有限公司", "陈某、玉林某某商贸有限公司"),
         statutes=["《商标法》第五十七条第（一）项", "第六十三条"],
         facts="原告享有“跃锋”注册商标专用权。被告陈某通过抖音账号开展直播带货，以“工厂"
               "尾单”“原厂正品”名义销售标有“跃锋”商标的运动鞋，后台数据显示成交四千余双。"
               "经原告鉴定，上述运动鞋均系假冒产品。",
         holding="被告在同一种商品上使用与原告注册商标相同的商标，构成商标侵权。被告明知是"
                 "假冒商品仍大量销售，主观恶意明显。综合考虑销售数额，判令两被告连带赔偿原告"
                 "经济损失及合理开支120000元。"),
    dict(id="ev-15", layout="judgment", ip="utility_model", product="电风扇", cat="家用电器",
         platform="京东", acts=["sell"], outcome="dismissed",
         money={"damages_claimed": 80000}, region="bs", date="2024-07-22",
         topics=["scope_out", "legal_source"],
         parties=("慈溪某某电器有限公司", "百色市某某家电商行"),
         statutes=["《专利法》第六十四条第一款", "第七十七条"],
         facts="原告诉称被告在京东店铺销售的落地电风扇侵犯其“一种摇头角度可调的风扇”实用新型"
               "专利权，请求赔偿80000元。被告辩称产品技术方案不同，且产品购自某品牌授权经销商，"
               "提交了增值税发票。",
         holding="被诉侵权产品的摇头机构采用连杆调节，与权利要求1限定的齿轮组调节不同，"
                 "亦不构成等同，未落入专利保护范围。驳回原告的全部诉讼请求。"),
    dict(id="ev-16", layout="judgment", ip="trademark", product="白酒", cat="酒类",
         platform="", acts=["sell"], outcome="infringement_found",
         money={"damages_claimed": 100000, "damages_awarded": 20000}, region="qz",
         date="2024-03-28", topics=["similar_mark", "liquor", "offline_store", "damages"],
         parties=("某某酒业股份有限公司", "钦州市某某烟酒店"),
         statutes=["《商标法》第五十七条第（二）项", "第六十三条"],
         facts="原告享有“醉仙台”注册商标专用权。被告店内销售名为“醉仙苔”的白酒，瓶身及外包装"
               "的字体、颜色、排列方式均与原告商品相仿。原告请求赔偿100000元。",
         holding="被诉标识与原告注册商标仅一字之差，读音相同，整体外观近似，使用在同一种商品上，"
                 "容易导致相关公众混淆，构成商标侵权。酌定被告赔偿20000元。"),
    dict(id="ev-17", layout="judgment", ip="copyright", product="卡通玩偶", cat="玩具",
         platform="淘宝", acts=["make", "sell"], outcome="infringement_found",
         money={"damages_claimed": 60000, "damages_awarded": 15000}, region="hc",
         date="2024-09-09", topics=["artwork", "kids", "damages"],
         parties=("杭州某某动漫有限公司", "河池某某玩具厂"),
         statutes=["《著作权法》第三条", "第十条", "第五十四条"],
         facts="原告系动画片《胖团》中主角“胖团熊”美术作品的著作权人。被告未经许可生产"
               "胖团熊造型毛绒玩偶，并在淘宝店铺销售。原告请求赔偿60000元。",
         holding="被诉玩偶再现了“胖团熊”美术作品的独创性表达，构成复制。被告未经许可复制、"
                 "发行涉案作品，侵害了原告的复制权、发行权，酌定赔偿15000元。"),
    dict(id="ev-18", layout="judgment", ip="design_patent", product="手机壳", cat="数码配件",
         platform="淘宝", acts=["sell"], outcome="infringement_found",
         money={"damages_claimed": 30000, "damages_awarded": 5000}, region="yl",
         date="2024-10-30", topics=["phone_case", "design_same", "damages"],
         parties=("东莞某某电子科技有限公司", "玉林市某某通讯器材店"),
         statutes=["《专利法》第十一条第二款", "第七十一条"],
         facts="原告享有“手机保护壳（气囊防摔）”外观设计专利权。被告在淘宝销售的防摔手机壳"
               "四角设有相同的气囊凸起，背板为透明设计。原告请求赔偿30000元。",
         holding="被诉侵权手机壳与涉案专利外观设计近似，被告销售行为构成侵权。"
                 "考虑到手机壳单价低、被告销量有限，酌定赔偿5000元。"),
    # --- administrative mediation ---
    dict(id="ev-19", layout="mediation", ip="design_patent", product="台灯", cat="灯具",
         platform="淘宝", acts=["sell"], outcome="settled", money={"settlement_amount": 12000},
         region="bs", date="2024-05-08", topics=["lamp", "design_same"],
         parties=("宁波某某照明有限公司", "百色市某某文具店"),
         statutes=["《专利法》第十一条第二款"],
         facts="申请人称被申请人在淘宝店铺销售的学生台灯与其“台灯（小蘑菇）”外观设计专利相同，"
               "请求停止销售并赔偿损失。被申请人承认产品外观相同，表示愿意协商解决。",
         holding="被申请人立即下架并停止销售涉案台灯；被申请人一次性补偿申请人经济损失12000元，"
                 "于本协议签订之日起十日内付清；申请人放弃其他请求。"),
    dict(id="ev-20", layout="mediation", ip="trademark", product="奶茶", cat="餐饮服务",
         platform="", acts=["use"], outcome="settled", money={"settlement_amount": 30000},
         region="hc", date="2024-04-16", topics=["similar_mark", "shop_sign", "franchise"],
         parties=("某某餐饮管理有限公司", "河池市宜州区某某奶茶店"),
         statutes=["《商标法》第五十七条第（二）项"],
         facts="申请人系“茶小主”注册商标的权利人。被申请人原为申请人加盟店，加盟合同到期后"
               "未续约，仍在店招、杯套和菜单上使用“茶小住”字样及相似的卡通图形。",
         holding="被申请人于十五日内更换店招，停止使用“茶小住”标识及相关图形；"
                 "被申请人赔偿申请人30000元，分两期支付。"),
    dict(id="ev-21", layout="mediation", ip="utility_model", product="电动车后视镜",
         cat="车辆配件", platform="", acts=["sell"], outcome="settled",
         money={"settlement_amount": 8000}, region="yl", date="2024-02-27",
         topics=["ebike", "offline_store"],
         parties=("台州某某车业配件有限公司", "玉林市兴业县某某摩配店"),
         statutes=["《专利法》第十一条第一款"],
         facts="申请人享有“一种可折叠防眩目电动车后视镜”实用新型专利权，发现被申请人门店"
               "销售的后视镜结构与其专利相同。被申请人表示系从外地进货，但无法提供供货方信息。",
         holding="被申请人停止销售涉案后视镜，将库存六十副交申请人处理；"
                 "被申请人支付申请人赔偿款8000元。"),
    dict(id="ev-22", layout="mediation", ip="copyright", product="产品摄影图片", cat="图片",
         platform="天猫", acts=["use"], outcome="settled", money={"settlement_amount": 3000},
         region="qz", date="2024-06-12", topics=["photo", "online_spread"],
         parties=("钦州某某食品有限公司", "某某专营店（天猫）经营者"),
         statutes=["《著作权法》第十条", "第五十二条"],
         facts="申请人委托摄影师拍摄了其坭兴陶茶具系列产品图片共二十六张，著作权归申请人所有。"
               "被申请人在天猫店铺的商品详情页中直接使用了其中十四张图片，部分图片仍保留"
               "申请人的水印。",
         holding="被申请人于三日内删除全部涉案图片；被申请人向申请人支付图片使用费及维权开支"
                 "共计3000元。"),
    dict(id="ev-23", layout="mediation", ip="design_patent", product="月饼包装盒",
         cat="包装", platform="拼多多", acts=["make", "sell"], outcome="settled",
         money={"settlement_amount": 6000}, region="bs", date="2023-09-05",
         topics=["design_same", "maker"],
         parties=("百色某某食品有限公司", "百色市田阳区某某印刷厂"),
         statutes=["《专利法》第十一条第二款"],
         facts="申请人享有“包装盒（芒果月饼）”外观设计专利权。被申请人印刷厂未经许可印制"
               "相同图案的包装盒，并在拼多多低价出售空盒。",
         holding="被申请人销毁库存包装盒及印版；被申请人赔偿申请人6000元；"
                 "双方就本纠纷再无其他争议。"),
    dict(id="ev-24", layout="mediation", ip="design_patent", product="壁灯", cat="灯具",
         platform="1688", acts=["make", "sell"], outcome="confirmed",
         money={"settlement_amount": 20000}, region="qz", date="2024-11-05",
         topics=["lamp", "design_same", "wholesale", "maker"],
         parties=("中山某某照明有限公司", "钦州某某五金灯饰厂"),
         statutes=["《专利法》第十一条第二款"],
         facts="申请人称被申请人在1688平台批发的壁灯与其“壁灯（羽翼）”外观设计专利相同。"
               "经本局主持调解达成协议后，双方共同向钦州市中级人民法院申请司法确认，"
               "法院裁定确认调解协议有效。",
         holding="被申请人停止制造、销售涉案壁灯并删除1688商品链接；"
                 "被申请人赔偿申请人20000元；调解协议经人民法院司法确认，具有强制执行效力。"),
    dict(id="ev-25", layout="mediation", ip="trademark", product="洗发水", cat="日化用品",
         platform="快手", acts=["sell"], outcome="settled", money={"settlement_amount": 10000},
         region="hc", date="2024-08-28", topics=["counterfeit", "livestream"],
         parties=("某某日化（中国）有限公司", "覃某（快手账号“覃姐好物”）"),
         statutes=["《商标法》第五十七条第（三）项"],
         facts="申请人发现被申请人在快手直播间销售标有其“清澜”注册商标的洗发水，售价远低于"
               "市场价。经申请人鉴定，该批洗发水非其公司生产。被申请人称系朋友转让的库存货。",
         holding="被申请人停止销售并将剩余二百余瓶交申请人销毁；"
                 "被申请人赔偿申请人10000元，并在快手账号发布致歉声明。"),
    # --- trademark penalties of a market-regulation bureau ---
    dict(id="ev-26", layout="tm_penalty", ip="trademark", product="手机壳", cat="数码配件",
         platform="", acts=["sell"], outcome="infringement_found",
         money={"illegal_turnover": 3600, "fine": 5000}, region="yl", date="2024-03-19",
         topics=["counterfeit", "phone_case", "offline_store"],
         parties=("玉林市玉州区某某手机配件店", ""),
         statutes=["《商标法》第五十七条第（三）项", "第六十条第二款"],
         facts="本局执法人员在某商场一楼当事人经营的柜台内查获标有“果纹”“星耀”注册商标的"
               "手机壳一百二十个。经商标权利人鉴定，均为假冒注册商标的商品。当事人无法提供"
               "进货凭证，违法经营额3600元。",
         holding="当事人销售侵犯注册商标专用权的商品，决定没收侵权手机壳一百二十个，"
                 "并处罚款5000元。"),
    dict(id="ev-27", layout="tm_penalty", ip="trademark", product="手机壳、数据线",
         cat="数码配件", platform="拼多多", acts=["sell"], outcome="infringement_found",
         money={"illegal_turnover": 18500, "fine": 20000}, region="bs", date="2024-05-22",
         topics=["counterfeit", "phone_case", "online_shop"],
         parties=("百色市某某电子商务商行", ""),
         statutes=["《商标法》第五十七条第（三）项", "第六十条第二款"],
         facts="根据网络交易监测线索，当事人在拼多多开设“潮配小铺”，销售标有“果纹”商标的"
               "手机壳和数据线。执法人员在其仓库查获库存手机壳八百余个、数据线三百余条。"
               "经鉴定均为假冒产品，平台后台数据显示违法经营额18500元。",
         holding="当事人通过网络销售假冒注册商标的商品，决定没收库存侵权商品，并处罚款20000元，"
                 "同时责令其关闭相关商品链接。"),
    dict(id="ev-28", layout="tm_penalty", ip="trademark", product="运动鞋", cat="鞋类",
         platform="", acts=["sell"], outcome="infringement_found",
         money={"illegal_turnover": 6400, "fine": 8000}, region="qz", date="2024-07-09",
         topics=["counterfeit", "shoes", "street_stall"],
         parties=("王某（个体摊贩）", ""),
         statutes=["《商标法》第五十七条第（三）项", "第六十条第二款"],
         facts="执法人员在钦州市某夜市检查时发现，当事人摆摊销售标有“跃锋”“极步”商标的运动鞋"
               "共四十双，每双售价80元至160元。经商标权利人辨认，均为假冒注册商标的商品。",
         holding="当事人在夜市摆摊销售假冒注册商标的运动鞋，违法经营额6400元，决定没收侵权"
                 "运动鞋四十双，并处罚款8000元。"),
    dict(id="ev-29", layout="tm_penalty", ip="trademark", product="口红", cat="化妆品",
         platform="抖音", acts=["sell"], outcome="infringement_found",
         money={"illegal_turnover": 42000, "fine": 60000}, region="hc", date="2024-09-18",
         topics=["counterfeit", "livestream", "cosmetics"],
         parties=("河池某某美妆有限公司", ""),
         statutes=["《商标法》第五十七条第（一）项", "第六十条第二款"],
         facts="当事人通过抖音直播间以“专柜同款”“大牌平替”为噱头销售标有“玫瑰之约”注册商标"
               "的口红，共售出一千四百支，违法经营额42000元。经商标注册人鉴定，均非其生产。",
         holding="当事人未经商标注册人许可，在同一种商品上使用相同商标并通过直播销售，"
                 "决定没收剩余侵权口红，并处违法经营额一倍以上的罚款60000元。"),
    dict(id="ev-30", layout="tm_penalty", ip="trademark", product="机油", cat="汽车用品",
         platform="", acts=["sell"], outcome="dismissed", money={"illegal_turnover": 2800},
         region="yl", date="2024-04-02", topics=["counterfeit", "legal_source",
                                                  "not_penalised", "offline_store"],
         parties=("玉林市福绵区某某汽车修理厂", ""),
         statutes=["《商标法》第六十条第二款"],
         facts="执法人员在当事人修理厂内发现标有“驰耐”商标的机油十二桶，经鉴定为假冒产品。"
               "当事人提供了从某汽配城购进的进货单、转账记录及供货商联系方式，"
               "本局已将供货商线索移交有管辖权的机关查处。",
         holding="当事人不知道所销售的是侵犯注册商标专用权的商品，能证明该商品是自己合法取得"
                 "并说明提供者，依据《商标法》第六十条第二款，决定责令停止销售，"
                 "没收侵权机油，不予罚款。"),
    dict(id="ev-31", layout="tm_penalty", ip="trademark", product="女士挎包", cat="箱包",
         platform="闲鱼", acts=["sell"], outcome="infringement_found",
         money={"illegal_turnover": 9000, "fine": 15000}, region="bs", date="2024-10-11",
         topics=["counterfeit", "bags", "online_shop"],
         parties=("梁某", ""),
         statutes=["《商标法》第五十七条第（三）项", "第六十条第二款"],
         facts="当事人以“九成新转让”为名，在闲鱼发布多条商品信息，销售标有某国际知名品牌"
               "商标的女士挎包。执法人员在其住处查获同款挎包十五个。经鉴定均为假冒产品，"
               "累计售出二十个，违法经营额9000元。",
         holding="当事人借二手交易平台销售假冒注册商标的箱包，决定没收侵权挎包，并处罚款15000元。"),
    dict(id="ev-32", layout="tm_penalty", ip="trademark", product="复合肥", cat="农资",
         platform="", acts=["sell"], outcome="infringement_found",
         money={"illegal_turnover": 24000, "fine": 30000}, region="hc", date="2024-03-06",
         topics=["similar_mark", "agri", "offline_store"],
         parties=("河池市都安县某某农资店", ""),
         statutes=["《商标法》第五十七条第（二）项", "第六十条第二款"],
         facts="当事人在其农资店销售标有“丰收乐”字样的复合肥，与他人注册商标“丰收樂”在文字"
               "构成、呼叫上基本相同，包装袋颜色和版式也相近。当事人共销售二百袋，"
               "违法经营额24000元。",
         holding="当事人在同一种商品上使用与他人注册商标近似的商标，容易导致混淆，构成侵犯"
                 "注册商标专用权。决定责令停止销售，没收库存，并处罚款30000元。"),
    dict(id="ev-33", layout="tm_penalty", ip="trademark", product="白酒", cat="酒类",
         platform="", acts=["sell"], outcome="infringement_found",
         money={"illegal_turnover": 7800, "fine": 12000}, region="bs", date="2024-01-26",
         topics=["counterfeit", "liquor", "offline_store"],
         parties=("百色市某某酒家", ""),
         statutes=["《商标法》第五十七条第（一）项", "第六十条第二款"],
         facts="执法人员在当事人经营的酒家内查获标有“醉仙台”注册商标的白酒十三瓶，"
               "其中已开瓶供顾客饮用四瓶。经商标注册人鉴定，均为假冒产品。"
               "当事人以明显低于市场的价格购入，违法经营额7800元。",
         holding="当事人销售假冒注册商标的白酒，决定没收涉案白酒，并处罚款12000元。"),
    dict(id="ev-34", layout="tm_penalty", ip="utility_model", product="插线板",
         cat="电工电器", platform="淘宝", acts=["sell"], outcome="infringement_found",
         money={"illegal_turnover": 5200, "fine": 5000}, region="qz", date="2024-06-26",
         topics=["false_marking", "online_shop"],
         parties=("钦州某某电器有限公司", ""),
         statutes=["《专利法》第六十八条", "《专利法实施细则》第一百零一条"],
         facts="当事人在淘宝销售的插线板包装及商品页面标注“专利产品 ZL2015XXXXXXXXX.X”，"
               "经查该实用新型专利已于2021年因未缴年费终止。当事人继续标注专利号销售，"
               "违法所得1300元，违法经营额5200元。",
         holding="当事人在专利权终止后继续在产品上标注专利标识，属于假冒专利行为。"
                 "责令改正并予公告，没收违法所得1300元，并处罚款5000元。"),
    # --- copyright penalties of a culture bureau ---
    dict(id="ev-35", layout="cr_penalty", ip="copyright", product="教辅图书", cat="图书",
         platform="", acts=["sell"], outcome="infringement_found",
         money={"illegal_turnover": 11000, "fine": 20000}, region="yl", date="2024-09-03",
         topics=["pirated_book", "book", "offline_store"],
         parties=("玉林市玉州区某某书店", ""),
         statutes=["《著作权法》第五十三条", "《著作权法实施条例》第三十六条"],
         facts="执法人员在某中学附近的当事人书店内查获《高考数学必刷题》等教辅图书九种"
               "共五百六十册。经出版单位鉴定，均为非法复制的侵权复制品，纸张粗糙、印刷模糊。"
               "当事人违法经营额11000元。",
         holding="当事人发行侵权复制品，同时损害公共利益，决定没收侵权图书，并处罚款20000元。"),
    dict(id="ev-36", layout="cr_penalty", ip="copyright", product="影视作品", cat="影视",
         platform="微信", acts=["use"], outcome="infringement_found",
         money={"illegal_gain": 6800, "fine": 30000}, region="bs", date="2024-05-15",
         topics=["online_spread", "film"],
         parties=("黄某", ""),
         statutes=["《著作权法》第五十三条第（一）项"],
         facts="当事人建立多个微信群，以收取会员费的方式向群成员提供正在院线上映的电影及热播"
               "电视剧的网盘链接，共计二百余部，收取会员费6800元。",
         holding="当事人未经著作权人许可，通过信息网络向公众传播他人作品，"
                 "决定没收违法所得6800元，并处罚款30000元。"),
    dict(id="ev-37", layout="cr_penalty", ip="copyright", product="音像制品光盘", cat="音像",
         platform="", acts=["sell"], outcome="infringement_found",
         money={"illegal_turnover": 1500, "fine": 3000}, region="hc", date="2023-10-20",
         topics=["pirated_disc", "street_stall"],
         parties=("韦某（流动摊贩）", ""),
         statutes=["《著作权法》第五十三条", "《音像制品管理条例》"],
         facts="执法人员在河池市某集市查获当事人摆卖的DVD影碟及MP3歌曲光盘共三百张，"
               "经鉴定均为未经著作权人许可复制的非法音像制品。",
         holding="当事人销售侵权复制品，违法经营额1500元，决定没收侵权光盘，并处罚款3000元。"),
    dict(id="ev-38", layout="cr_penalty", ip="copyright", product="计算机软件", cat="软件",
         platform="", acts=["use"], outcome="infringement_found",
         money={"fine": 50000}, region="qz", date="2024-08-07",
         topics=["software"],
         parties=("钦州某某建筑设计有限公司", ""),
         statutes=["《计算机软件保护条例》第二十四条"],
         facts="根据权利人投诉，执法人员对当事人办公场所的计算机进行检查，发现其三十二台电脑"
               "安装使用了未经授权的工程制图软件及办公软件，当事人无法提供合法授权证明。",
         holding="当事人以营利为目的商业使用未经授权的计算机软件，决定责令停止侵权行为，"
                 "删除侵权软件，并处罚款50000元。"),
    dict(id="ev-39", layout="cr_penalty", ip="copyright", product="儿童绘本", cat="图书",
         platform="拼多多", acts=["sell"], outcome="infringement_found",
         money={"illegal_turnover": 16000, "fine": 25000}, region="yl", date="2024-11-12",
         topics=["pirated_book", "book", "kids", "online_shop"],
         parties=("玉林某某图书经营部", ""),
         statutes=["《著作权法》第五十三条"],
         facts="当事人在拼多多开设店铺，以每套远低于定价的价格销售《小熊很忙》等儿童绘本，"
               "执法人员在其仓库查获绘本一千二百册。经出版社鉴定，均为盗印的侵权复制品。",
         holding="当事人通过网络发行侵权复制品，违法经营额16000元，决定没收侵权绘本，"
                 "并处罚款25000元。"),
    # --- referral decisions ---
    dict(id="ev-40", layout="referral", ip="trademark", product="手机", cat="数码产品",
         platform="", acts=["sell"], outcome="infringement_found",
         money={"illegal_turnover": 380000}, region="yl", date="2024-06-14",
         topics=["counterfeit", "criminal_referral", "offline_store"],
         parties=("玉林市某某通讯器材有限公司", ""),
         statutes=["《商标法》第六十一条", "《行政执法机关移送涉嫌犯罪案件的规定》第三条"],
         facts="本局在查处当事人销售假冒“星耀”注册商标手机一案中查明，当事人在三个门店共销售"
               "假冒手机四百余部，另查获库存一百二十部，违法经营额380000元，"
               "已达到销售假冒注册商标的商品罪的立案追诉标准。",
         holding="依据《行政执法机关移送涉嫌犯罪案件的规定》，决定将本案移送玉林市公安局"
                 "依法处理，涉案物品随案移交。"),
    dict(id="ev-41", layout="referral", ip="copyright", product="盗版图书", cat="图书",
         platform="", acts=["make", "sell"], outcome="infringement_found",
         money={"illegal_turnover": 260000}, region="hc", date="2024-02-20",
         topics=["pirated_book", "book", "criminal_referral"],
         parties=("河池市某某印务有限公司", ""),
         statutes=["《著作权法》第五十三条", "《刑法》第二百一十七条"],
         facts="执法人员在当事人厂房查获正在印制的畅销小说及教辅图书共八千余册、印版二十余套。"
               "经鉴定均系未经著作权人许可复制的侵权复制品，货值金额约260000元。",
         holding="当事人以营利为目的复制发行他人文字作品，数量巨大，涉嫌侵犯著作权罪，"
                 "决定移送河池市公安局侦查处理。"),
    dict(id="ev-42", layout="referral", ip="design_patent", product="筒灯", cat="灯具",
         platform="", acts=["make"], outcome="withdrawn", money={}, region="bs",
         date="2024-07-31", topics=["lamp", "jurisdiction_transfer"],
         parties=("佛山某某光电有限公司", "中山市某某灯饰厂"),
         statutes=["《专利侵权纠纷行政裁决办案指南》", "《专利行政执法办法》第十条"],
         facts="请求人以被请求人制造的筒灯侵犯其外观设计专利权为由请求处理。经审查，"
               "被请求人住所地及侵权行为地均在广东省中山市，本局对该纠纷没有管辖权。",
         holding="决定将本案移送中山市知识产权局处理，并告知请求人。本局终止本案处理程序。"),
    dict(id="ev-43", layout="referral", ip="trademark", product="白酒", cat="酒类",
         platform="", acts=["sell"], outcome="infringement_found",
         money={"illegal_turnover": 420000}, region="qz", date="2024-10-09",
         topics=["counterfeit", "liquor", "criminal_referral"],
         parties=("钦州市某某商贸行", ""),
         statutes=["《商标法》第六十一条", "《刑法》第二百一十四条"],
         facts="执法人员在当事人租用的仓库内查获标有“醉仙台”“金樽坊”注册商标的白酒二百三十箱，"
               "经商标注册人鉴定均为假冒产品，货值金额约420000元，当事人另通过微信向多家"
               "餐馆供货。",
         holding="当事人涉嫌销售假冒注册商标的商品罪，决定将案件移送钦州市公安局，"
                 "查扣的白酒一并移交。"),
    dict(id="ev-44", layout="tm_penalty", ip="trademark", product="手机壳", cat="数码配件",
         platform="", acts=["sell"], outcome="dismissed", money={"illegal_turnover": 450},
         region="hc", date="2024-11-20", topics=["counterfeit", "phone_case",
                                                  "not_penalised", "first_offence"],
         parties=("河池市金城江区某某饰品摊", ""),
         statutes=["《行政处罚法》第三十三条第一款", "《商标法》第六十条"],
         facts="执法人员检查发现当事人摊位上摆卖标有“果纹”商标的手机壳十五个，经鉴定为假冒产品，"
               "违法经营额450元。当事人系初次违法，主动交出全部商品并配合调查。",
         holding="当事人违法行为轻微并及时改正，没有造成危害后果，且系初次违法，依据"
                 "《行政处罚法》第三十三条第一款，决定不予行政处罚，没收侵权手机壳，"
                 "并对当事人进行批评教育。"),
]
