"""The decisions of the plain-words set (decision 91), one line per case, written by hand.

The decisions speak as decisions do (注册商标, 假冒, 近似, 混淆, 相同, 未经许可, 合法来源,
赔偿, 罚款); the queries of ``compose.py`` as people type (大牌, 假的, 山寨, 很像, 一样,
没授权, 赔多少). Each case: id, layout, IP type, acts, platform ("" = offline), the
product as the decision names it, its category, outcome, amount (damages, settlement or
fine), date, region, topics (what the case turns on; the grading rules read them) and
the case's own facts.

Layouts: ruling (知识产权局的专利侵权纠纷处理决定书), judgment (民事判决书), mediation
(知识产权局的行政调解书), tm_penalty (市场监督管理局的商标行政处罚决定书), pt_penalty (假冒
专利行政处罚决定书), cr_penalty (文化广电和旅游局的著作权行政处罚决定书).
"""

from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    id: str
    layout: str
    ip: str
    acts: tuple[str, ...]
    platform: str
    product: str
    category: str
    outcome: str
    amount: float | None
    date: str
    region: str
    topics: tuple[str, ...]
    facts: str


D, U, INV, T, C = "design_patent", "utility_model", "invention_patent", "trademark", "copyright"
FOUND, PART, DISM, SETL = "infringement_found", "partially_found", "dismissed", "settled"

CASES: list[Case] = [
    # --- trademarks: counterfeit goods ---
    Case("pl-001", "tm_penalty", T, ("sell",), "", "运动服", "服装", FOUND, 15000,
         "2024-05-14", "450300", ("counterfeit", "offline_store"),
         "当事人在其经营的服装店内销售标有“飞翎”注册商标的运动服四十二件，经商标注册人出具鉴定意见，"
         "均为假冒注册商标的商品。当事人未能提供进货票据及供货商信息，违法经营额12600元。"),
    Case("pl-002", "tm_penalty", T, ("sell",), "淘宝", "运动鞋", "鞋类", FOUND, 30000,
         "2023-10-09", "450400", ("counterfeit", "online_shop"),
         "当事人在淘宝网开设网络店铺，以“工厂直供”名义销售标有“跃途”文字及图形注册商标的运动鞋，"
         "经商标权利人辨认系侵犯注册商标专用权的商品，店铺后台显示累计成交三百一十双。"),
    Case("pl-003", "tm_penalty", T, ("sell",), "微信", "口红", "化妆品", FOUND, 20000,
         "2024-02-27", "450500", ("counterfeit", "wechat"),
         "当事人通过微信朋友圈发布商品图片招揽顾客，销售标有“蔻兰”注册商标的口红，商品包装与权利人"
         "正品的标识相同，经商标注册人鉴定为假冒注册商标的商品，当事人称系从他人处低价购入，无法说明来源。"),
    Case("pl-004", "tm_penalty", T, ("sell",), "抖音", "女士手提包", "箱包", FOUND, 50000,
         "2024-07-03", "451100", ("counterfeit", "live_stream"),
         "当事人在抖音平台直播间销售标有“维纳斯”注册商标的女士手提包，主播宣称系“原单尾货”，"
         "经商标权利人鉴定为假冒注册商标的商品，直播期间共售出一百一十件。"),
    Case("pl-005", "tm_penalty", T, ("sell",), "", "石英手表", "钟表", FOUND, 60000,
         "2022-11-18", "450300", ("counterfeit", "wholesale"),
         "当事人在小商品批发市场租用摊位，向零售商批发标有“瑞帝”注册商标的石英手表，现场查获二百三十只，"
         "表盘、表扣上的标识与注册商标相同，商标注册人确认均非其生产。"),
    Case("pl-006", "tm_penalty", T, ("sell",), "", "机油", "汽车用品", FOUND, 8000,
         "2023-04-21", "450400", ("counterfeit", "offline_store"),
         "当事人在其汽车修理厂内向客户销售并更换标有“壳美”注册商标的机油，共计六十桶，桶身标识与"
         "注册商标相同，商标权利人出具证明系假冒产品。"),
    Case("pl-007", "tm_penalty", T, ("sell",), "快手", "白酒", "食品", FOUND, 40000,
         "2024-09-12", "450500", ("counterfeit", "live_stream"),
         "当事人在快手平台直播间销售标有“桂醇”注册商标的白酒，经商标注册人鉴定，酒瓶、瓶盖及外包装"
         "上的商标标识均系伪造，属于假冒注册商标的商品，共售出八十六箱。"),
    Case("pl-008", "judgment", T, ("sell",), "淘宝", "充电宝", "手机配件", FOUND, 50000,
         "2023-06-30", "451100", ("counterfeit", "online_shop", "damages"),
         "被告在其淘宝店铺销售标有原告“极电”注册商标的充电宝，经公证购买，该商品并非原告生产，"
         "被告亦未获得原告许可。原告未能证明其实际损失，本院综合考虑侵权情节酌定赔偿数额。"),
    Case("pl-009", "tm_penalty", T, ("sell",), "", "洗发水", "化妆品", PART, None,
         "2023-08-08", "450300", ("counterfeit", "legal_source", "offline_store"),
         "当事人超市货架上的洗发水经商标权利人鉴定为假冒注册商标的商品。当事人提供了供货商的营业执照、"
         "进货发票及银行付款凭证，能够证明系自己合法取得并说明提供者，本局责令其停止销售，不予罚款。"),
    Case("pl-010", "tm_penalty", T, ("sell",), "", "运动鞋", "鞋类", DISM, None,
         "2024-03-19", "450400", ("genuine", "offline_store"),
         "经查，当事人销售的运动鞋系从品牌授权经销商处购进，当事人提供了经销授权书和进货发票，"
         "经商标权利人确认为正品，投诉人反映的侵权事实不成立，本局决定不予行政处罚。"),
    # --- trademarks: similar marks, confusion, free-riding, OEM ---
    Case("pl-011", "judgment", T, ("make", "sell"), "", "白酒", "食品", FOUND, 100000,
         "2022-06-15", "450500", ("similar_mark", "damages"),
         "被告生产销售的白酒瓶贴突出使用“桂醇坊”字样，与原告的“桂醇”注册商标在文字构成、呼叫上相近，"
         "相关公众施以一般注意力，容易对商品来源产生混淆误认，构成在同一种商品上使用与注册商标近似的商标。"),
    Case("pl-012", "judgment", T, ("sell",), "京东", "电动牙刷", "小家电", PART, 50000,
         "2023-12-01", "451100", ("similar_mark", "free_riding", "online_shop", "damages"),
         "被告在京东店铺销售的电动牙刷，包装装潢模仿原告的知名商品，并突出使用“飞利浦斯”标志，与原告"
         "注册商标仅一字之差，容易使消费者误认为是原告的商品或者与原告存在特定联系，构成商标侵权。"),
    Case("pl-013", "mediation", T, ("use",), "", "奶茶店招牌", "餐饮", SETL, 20000,
         "2024-04-02", "450300", ("similar_mark", "shop_sign", "free_riding"),
         "被申请人经营的奶茶店门头招牌及杯身使用“喜茶茶”字样，与申请人的注册商标近似，易使消费者误认为"
         "系申请人的连锁门店。经调解，被申请人同意于三十日内更换招牌并一次性补偿申请人20000元。"),
    Case("pl-014", "mediation", T, ("sell",), "拼多多", "积木玩具", "玩具", SETL, 6000,
         "2023-07-25", "450400", ("similar_mark", "online_shop"),
         "被申请人在拼多多店铺销售的积木玩具，外包装上使用的“乐积高”标志与申请人的注册商标近似，"
         "经调解，被申请人下架全部商品链接并补偿申请人6000元。"),
    Case("pl-015", "judgment", T, ("make",), "", "衬衫", "服装", DISM, None,
         "2022-09-06", "450500", ("oem",),
         "被告接受境外客户委托，按照客户提供的样品和标识定牌加工衬衫并全部出口，涉案商品不在中国境内"
         "销售。本院认为，被告的定牌加工行为不会导致国内相关公众混淆，不构成侵害原告注册商标专用权。"),
    Case("pl-016", "tm_penalty", T, ("make",), "", "编织袋", "包装", FOUND, 25000,
         "2024-01-10", "451100", ("oem", "counterfeit"),
         "当事人为他人加工编织袋，未审查委托人的商标注册证明及授权，擅自按委托人提供的图样印制“丰年”"
         "注册商标，已加工一万二千条，属于未经商标注册人许可在同一种商品上使用与其注册商标相同的商标。"),
    # --- design patents ---
    Case("pl-017", "ruling", D, ("sell", "offer"), "拼多多", "儿童水杯", "厨具", FOUND, None,
         "2024-06-20", "450300", ("similar_design", "online_shop"),
         "被请求人在拼多多开设的店铺销售的儿童水杯，杯身弧线、杯盖吸管及提手造型与涉案外观设计专利"
         "相近似，仅颜色不同，而颜色不属于该外观设计的保护要素，二者整体视觉效果无实质性差异。"),
    Case("pl-018", "ruling", D, ("make", "sell"), "", "护眼台灯", "灯具", FOUND, None,
         "2023-05-11", "450400", ("identical_design", "factory"),
         "被请求人工厂生产的护眼台灯，灯头、灯臂和底座的形状与涉案外观设计专利相同，被请求人未经专利权人"
         "许可，为生产经营目的制造、销售该外观设计专利产品。"),
    Case("pl-019", "ruling", D, ("sell",), "淘宝", "手机壳", "手机配件", DISM, None,
         "2022-08-23", "450500", ("different_design", "online_shop"),
         "被诉手机壳背面的图案为几何线条，与外观设计专利的卡通图案差异明显，二者在整体视觉效果上存在"
         "实质性差异，被诉设计与涉案专利既不相同也不近似。"),
    Case("pl-020", "judgment", D, ("sell",), "淘宝", "拉杆箱", "箱包", FOUND, 40000,
         "2023-09-27", "451100", ("similar_design", "online_shop", "damages"),
         "被告在淘宝店铺销售的拉杆箱，箱体的竖条纹和边角包角设计与原告外观设计专利近似，一般消费者"
         "施以一般注意力不易区分，被告未经许可销售，应承担停止侵权、赔偿损失的责任。"),
    Case("pl-021", "mediation", D, ("sell", "offer"), "", "布艺沙发", "家具", SETL, 12000,
         "2024-08-06", "450300", ("similar_design", "offline_store"),
         "被申请人家具城门店展示销售的布艺沙发，扶手和靠背的造型与申请人外观设计专利近似，经调解，"
         "被申请人同意停止销售并赔偿申请人12000元。"),
    Case("pl-022", "judgment", D, ("sell",), "", "水晶吊灯", "灯具", PART, None,
         "2022-12-13", "450400", ("legal_source", "identical_design", "offline_store"),
         "被告灯具店销售的水晶吊灯与原告外观设计专利相同。被告提交了购货合同、增值税专用发票，能够证明"
         "该产品系从生产商处合法购入，且不知道是未经专利权人许可而制造并售出的专利侵权产品，合法来源"
         "抗辩成立，不承担赔偿责任，但应停止销售。"),
    Case("pl-023", "ruling", D, ("sell",), "1688", "塑料收纳箱", "日用品", DISM, None,
         "2023-03-02", "450500", ("prior_design", "online_shop"),
         "被请求人提交的2016年产品宣传册显示，相同造型的收纳箱在专利申请日以前已公开销售，被诉设计与"
         "该现有设计无实质性差异，被请求人的现有设计抗辩成立。"),
    Case("pl-024", "mediation", D, ("sell",), "抖音", "桌面加湿器", "小家电", SETL, 5000,
         "2024-10-15", "451100", ("similar_design", "live_stream"),
         "被申请人在抖音直播间推销的桌面加湿器，机身造型及出雾口设计与申请人外观设计专利近似，"
         "经调解，被申请人下架商品并赔偿申请人5000元。"),
    Case("pl-025", "judgment", D, ("make", "sell"), "1688", "电动车头盔", "电动车配件", FOUND, 80000,
         "2024-01-30", "450300", ("identical_design", "wholesale", "factory", "damages"),
         "被告未经许可制造与原告外观设计专利相同的电动车头盔，并通过1688批发平台向各地经销商供货，"
         "销售数量巨大，本院综合考虑侵权规模判决被告赔偿原告经济损失。"),
    # --- utility model and invention patents ---
    Case("pl-026", "ruling", U, ("make",), "", "电动车充电器", "电动车配件", FOUND, None,
         "2023-11-16", "450400", ("full_coverage", "factory"),
         "经技术比对，被诉充电器的过充保护电路具备涉案实用新型专利权利要求1记载的全部技术特征，"
         "落入专利权的保护范围，被请求人未经许可制造该产品。"),
    Case("pl-027", "ruling", U, ("sell",), "", "指纹门锁", "锁具", DISM, None,
         "2022-05-24", "450500", ("missing_feature", "offline_store"),
         "被诉门锁的锁舌没有权利要求记载的防撬弹片，缺少该项技术特征，未落入专利权的保护范围。"),
    Case("pl-028", "judgment", INV, ("use",), "", "污水处理方法", "环保设备", FOUND, 300000,
         "2023-02-08", "451100", ("process_patent", "damages"),
         "被告在其污水处理厂使用的处理工艺，与原告发明专利方法权利要求的步骤相同，被告未经许可为生产"
         "经营目的使用该专利方法，应赔偿原告经济损失。"),
    # --- false patent marking ---
    Case("pl-029", "pt_penalty", U, ("sell",), "", "保温杯", "厨具", FOUND, 10000,
         "2024-02-06", "450300", ("false_patent", "lapsed_patent"),
         "当事人销售的保温杯外包装上标注专利号，经查该专利权已于2021年因未缴纳年费终止，当事人在专利权"
         "终止后继续在产品包装上标注专利标识，构成假冒专利行为。"),
    Case("pl-030", "pt_penalty", INV, ("sell",), "天猫", "空气炸锅", "小家电", FOUND, 5000,
         "2023-06-13", "450400", ("false_patent", "online_shop"),
         "当事人在天猫店铺的商品详情页宣称产品“已获国家发明专利”并标注专利申请号，而该申请尚未授权，"
         "当事人将专利申请称为专利，属于假冒专利行为。"),
    # --- copyright ---
    Case("pl-031", "judgment", C, ("use",), "淘宝", "商品摄影图片", "摄影作品", FOUND, 8000,
         "2024-03-28", "450500", ("copy_work", "photo", "online_shop", "damages"),
         "被告未经原告许可，在其淘宝店铺的商品详情页中使用原告拍摄的二十张摄影作品，仅作裁剪并添加"
         "店铺水印，侵害了原告对其作品享有的信息网络传播权，应当赔偿原告经济损失。"),
    Case("pl-032", "cr_penalty", C, ("sell",), "", "教辅图书", "出版物", FOUND, 10000,
         "2023-09-05", "451100", ("piracy", "books", "offline_store"),
         "当事人经营的书店内销售的教辅图书，经出版单位鉴定为未经著作权人许可复制发行的侵权复制品，"
         "共计三百六十册，当事人无法提供合法进货渠道。"),
    Case("pl-033", "cr_penalty", C, ("sell",), "闲鱼", "影视剧光盘", "影视作品", FOUND, 6000,
         "2022-10-20", "450300", ("piracy", "discs", "online_shop"),
         "当事人通过闲鱼平台销售未经著作权人许可复制的影视剧光盘及网盘下载链接，执法人员查获光盘"
         "一千二百张，均为非法复制的音像制品。"),
    Case("pl-034", "judgment", C, ("use",), "", "网络小说", "文字作品", FOUND, 30000,
         "2023-12-19", "450400", ("copy_work", "plagiarism", "damages"),
         "被告发表的小说中有大量情节、人物关系及具体描写与原告作品实质性相似，被告接触过原告作品，"
         "构成对原告作品的剽窃，侵害了原告的著作权。"),
    Case("pl-035", "judgment", C, ("use",), "", "宣传海报", "美术作品", DISM, None,
         "2024-05-29", "450500", ("copy_work", "not_similar_work"),
         "被告设计的宣传海报与原告美术作品虽都采用了常见的山水元素，但构图、色彩和具体表达方式不同，"
         "二者不构成实质性相似，原告的诉讼请求不能成立。"),
    Case("pl-036", "cr_penalty", C, ("use",), "", "图像处理软件", "软件", FOUND, 20000,
         "2024-08-22", "451100", ("software", "unlicensed"),
         "当事人在其经营的设计公司的十五台计算机上安装并商业使用未经著作权人许可的图像处理软件，"
         "无法出示软件的合法授权证明。"),
    Case("pl-037", "mediation", C, ("use",), "", "KTV曲库", "音乐作品", SETL, 3000,
         "2023-01-17", "450300", ("performance", "unlicensed"),
         "被申请人经营的KTV未经许可在包厢点播系统中提供申请人享有著作权的音乐电视作品，经调解，"
         "被申请人删除相关曲目并支付申请人3000元。"),
]
