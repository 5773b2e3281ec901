"""The held-out set's cases, one line each, written by hand for this set only.

Written without looking at ``generator.py``, the independent set's cases or the synonym
dictionary, and never used to tune the search: it measures whether what was tuned on the
other two sets generalises. Each case: id, layout, IP type, acts, platform ("" =
offline), the product as the decision names it, its category, outcome, amount (damages,
settlement or fine), date, region, topics (what the case turns on, used by the grading
rules) and the facts in the decision's own words. ``compose.py`` frames them.

Layouts (procedural text of their own, see ``compose.py``):
appeal (二审民事判决书, 上诉人/被上诉人, "驳回上诉，维持原判"), people_mediation (人民调解协议书 and
诉前调解笔录), amr_penalty (市场监督管理局行政处罚决定书: trademark and 假冒专利),
culture_penalty (文化市场综合行政执法 copyright penalties), adjudication (专利侵权纠纷行政
裁决书 with 申请人/被申请人).
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
FOUND, PART, DISM, SETL, CONF, WDRW = ("infringement_found", "partially_found", "dismissed",
                                       "settled", "confirmed", "withdrawn")

CASES: list[Case] = [
    # --- patent adjudications (行政裁决书, 申请人/被申请人) ---
    Case("ho-001", "adjudication", D, ("sell",), "淘宝", "宠物喂食器", "宠物用品", FOUND, None,
         "2023-06-02", "440300", ("online_shop", "similar_design"),
         "被申请人经营的淘宝店铺出售一款自动宠物喂食器，出粮口与储粮桶的造型、按键布局与申请人专利附图所示设计基本相同，仅外壳颜色有别，普通消费者难以区分。"),
    Case("ho-002", "adjudication", D, ("offer", "sell"), "拼多多", "儿童水杯", "母婴用品", FOUND, None,
         "2022-05-17", "440100", ("online_shop", "similar_design"),
         "被申请人在拼多多店铺以“爆款吸管杯”为题挂出儿童水杯的图片和价格，杯盖上的动物耳朵造型与杯身弧线同专利设计近似，公证购买的实物亦相同。"),
    Case("ho-003", "adjudication", D, ("sell",), "", "LED壁灯", "灯具", DISM, None,
         "2021-03-12", "440600", ("prior_art", "offline"),
         "被申请人在灯具城档口销售壁灯，其提交了专利申请日之前出版的行业展会画册，画册刊载的壁灯与被控产品设计相同，合议组认定现有设计抗辩成立。"),
    Case("ho-004", "adjudication", U, ("make", "sell"), "", "电动车充电器", "电动车配件", FOUND, None,
         "2023-11-20", "441900", ("factory", "all_features"),
         "被申请人工厂生产的电动车充电器采用了与专利权利要求1相同的散热风道和温控断电结构，执法人员现场提取了半成品和电路板，技术特征逐一比对全部相同。"),
    Case("ho-005", "adjudication", U, ("sell",), "京东", "折叠晾衣架", "家居用品", DISM, None,
         "2022-09-28", "440300", ("online_shop", "missing_feature"),
         "被控晾衣架缺少专利权利要求记载的伸缩杆锁止卡扣，采用的是螺纹旋紧方式，被申请人认为缺少必要技术特征，合议组予以采纳，认定未落入保护范围。"),
    Case("ho-006", "adjudication", INV, ("make", "use"), "", "陶瓷釉料配方", "建材", FOUND, None,
         "2024-03-05", "440600", ("factory", "equivalence", "method"),
         "申请人的发明专利为一种低温陶瓷釉料的制备方法，被申请人陶瓷厂把其中一种助熔剂换成了作用相同的另一种原料，烧成温度和效果基本一致，构成等同特征。"),
    Case("ho-007", "adjudication", D, ("sell",), "", "月饼包装盒", "食品包装", WDRW, None,
         "2023-09-11", "440100", ("offline", "packaging"),
         "立案后双方自行协商，被申请人同意停止使用涉案月饼盒并赔偿损失，申请人书面申请撤回裁决请求，本局准许。"),
    Case("ho-008", "adjudication", U, ("sell", "offer"), "1688", "不锈钢保温杯", "日用品", PART, None,
         "2024-07-19", "440300", ("wholesale", "legal_source"),
         "被申请人在1688批发店铺供应保温杯，其中真空夹层结构与专利相同；被申请人出示了上游厂家的供货合同、送货单和付款记录，证明产品来源合法。"),
    Case("ho-009", "adjudication", D, ("offer",), "", "按摩椅", "小家电", FOUND, None,
         "2022-04-08", "440100", ("exhibition", "similar_design"),
         "被申请人在广州家电展会展位上陈列一款按摩椅样品并发放报价单，扶手曲线和靠背造型与专利设计整体视觉效果无实质差异，构成许诺销售。"),
    Case("ho-010", "adjudication", INV, ("use",), "", "污水处理工艺", "环保设备", DISM, None,
         "2021-10-15", "441300", ("method", "prior_art"),
         "被申请人污水处理站采用的曝气工艺在专利申请日前已由一篇公开的期刊论文完整披露，被申请人主张现有技术抗辩，合议组认定成立。"),
    Case("ho-011", "adjudication", D, ("sell",), "抖音", "蓝牙音箱", "数码产品", FOUND, None,
         "2024-01-22", "440300", ("live_stream", "similar_design"),
         "被申请人在抖音直播中手持展示并上链接销售蓝牙音箱，音箱的圆柱形网罩和顶部灯环与专利设计相同，直播回放截图与公证书在卷。"),
    Case("ho-012", "adjudication", U, ("make",), "", "塑料托盘", "物流器材", FOUND, None,
         "2020-08-26", "441900", ("factory", "all_features"),
         "被申请人注塑厂生产的物流托盘底部加强筋排布与专利权利要求的技术方案相同，被申请人未提出有效抗辩。"),
    # --- appeal judgments (二审民事判决书) ---
    Case("ho-013", "appeal", D, ("sell",), "天猫", "加湿器", "小家电", FOUND, 60000,
         "2023-08-30", "440300", ("online_shop", "similar_design", "damages"),
         "上诉人在天猫旗舰店销售的香薰加湿器与被上诉人的外观设计在整体形状、出雾口位置上近似，一审判令停止侵权并赔偿六万元，上诉人认为赔偿过高。"),
    Case("ho-014", "appeal", U, ("make", "sell"), "", "汽车脚垫", "汽车用品", DISM, None,
         "2022-12-14", "440100", ("missing_feature",),
         "一审认定被诉汽车脚垫未包含专利权利要求中的防滑钉卡槽结构，驳回专利权人的诉讼请求，专利权人不服提起上诉，二审认为被诉产品确缺少该技术特征。"),
    Case("ho-015", "appeal", T, ("sell",), "", "运动鞋", "鞋服", FOUND, 150000,
         "2024-04-25", "440100", ("counterfeit_goods", "offline", "damages"),
         "上诉人在批发市场门店销售标有与被上诉人注册商标相同标识的运动鞋，被上诉人的维权人员公证购买，一审判赔十五万元，二审维持。"),
    Case("ho-016", "appeal", T, ("sell",), "淘宝", "皮包", "箱包", FOUND, 300000,
         "2023-02-09", "440300", ("counterfeit_goods", "online_shop", "punitive", "damages"),
         "上诉人在淘宝开设多家店铺长期销售仿冒知名品牌的皮包，在被行政处罚后仍继续销售，一审适用惩罚性赔偿，按侵权获利的二倍确定赔偿额。"),
    Case("ho-017", "appeal", INV, ("make", "sell"), "", "数控机床主轴", "机械设备", FOUND, 800000,
         "2021-06-30", "440600", ("equivalence", "factory", "damages"),
         "被诉机床主轴的冷却通道以螺旋槽代替专利中的直槽，以基本相同的手段实现基本相同的功能和效果，一审认定构成等同侵权，二审予以维持。"),
    Case("ho-018", "appeal", C, ("use",), "", "计算机软件", "软件", FOUND, 200000,
         "2022-07-21", "440300", ("software", "damages"),
         "上诉人公司办公电脑中安装了未经授权的工程制图软件，权利人申请证据保全时查实四十余个安装副本，一审判决赔偿二十万元。"),
    Case("ho-019", "appeal", T, ("sell",), "京东", "白酒", "酒类", DISM, None,
         "2024-09-03", "440100", ("legal_source", "online_shop"),
         "被上诉人在京东店铺销售的白酒系从品牌授权经销商处购得，提供了经销商授权书和进货发票，商品本身为正品，一审驳回商标权人的诉请，二审维持。"),
    Case("ho-020", "appeal", D, ("make", "sell"), "", "电动车外壳", "电动车配件", PART, 40000,
         "2020-11-11", "450100", ("factory", "similar_design", "legal_source", "damages"),
         "被诉电动车前围外壳与专利设计近似，制造商承担赔偿责任；销售商举证证明合法来源，免除赔偿责任但须停止销售。"),
    Case("ho-021", "appeal", C, ("use",), "", "背景音乐", "音乐", FOUND, 12000,
         "2023-05-16", "440100", ("music_public",),
         "上诉人经营的连锁火锅店在营业时间持续播放涉案歌曲作为背景音乐，未取得音乐著作权集体管理组织的许可，一审判赔一万二千元。"),
    Case("ho-022", "appeal", T, ("sell",), "抖音", "洗发水", "日化用品", FOUND, 100000,
         "2024-02-28", "440300", ("live_stream", "counterfeit_goods", "damages"),
         "上诉人通过抖音直播带货销售假冒知名品牌的洗发水，主播在直播中宣称是“工厂尾货正品”，经鉴定为假货，一审判赔十万元。"),
    Case("ho-023", "appeal", U, ("sell",), "拼多多", "手机壳", "手机配件", DISM, None,
         "2021-12-07", "440300", ("prior_art", "online_shop"),
         "被诉手机壳的气囊防摔结构在专利申请日前已被他人的在先专利公开，一审认定现有技术抗辩成立，二审驳回上诉。"),
    Case("ho-024", "appeal", T, ("make",), "", "服装", "鞋服", DISM, None,
         "2022-03-18", "440600", ("oem", "factory"),
         "被上诉人接受境外公司委托定牌加工服装，产品全部出口，不在境内销售，一审认为不构成商标法意义上的使用，驳回诉请，二审予以维持。"),
    # --- mediation (人民调解协议书 / 诉前调解笔录) ---
    Case("ho-025", "people_mediation", D, ("sell",), "拼多多", "儿童书包", "文具", SETL, 8000,
         "2023-03-22", "450100", ("online_shop", "settlement_payment"),
         "双方就拼多多店铺销售的儿童书包是否侵犯外观设计专利发生争议，经调解，被申请人同意下架商品并一次性支付补偿款八千元。"),
    Case("ho-026", "people_mediation", T, ("sell",), "", "茶叶", "食品", CONF, 30000,
         "2024-05-30", "450300", ("offline", "settlement_payment", "court_confirmed"),
         "茶叶店销售的袋装茶使用了与申请人注册商标近似的文字，双方达成调解协议，由被申请人赔偿三万元并更换包装，协议经人民法院司法确认。"),
    Case("ho-027", "people_mediation", U, ("make", "sell"), "", "农用喷雾器", "农机", SETL, 50000,
         "2022-10-12", "450200", ("factory", "settlement_payment", "license"),
         "双方就喷雾器实用新型专利侵权纠纷达成调解：被申请人补交许可费五万元，此后按件支付许可使用费继续生产。"),
    Case("ho-028", "people_mediation", C, ("use",), "", "原创图片", "图片", SETL, 3000,
         "2024-08-08", "450100", ("online_transmission", "settlement_payment"),
         "被申请人在其微信公众号文章中使用了申请人拍摄的风景照片且未署名，经调解删除文章并支付使用费三千元。"),
    Case("ho-029", "people_mediation", D, ("offer", "sell"), "京东", "电饭煲", "小家电", CONF, 20000,
         "2023-12-01", "450100", ("online_shop", "settlement_payment", "court_confirmed"),
         "被申请人在京东销售的电饭煲外形与申请人外观设计近似，双方在诉前调解中达成协议，赔偿两万元，经法院司法确认具有强制执行力。"),
    Case("ho-030", "people_mediation", T, ("sell",), "快手", "化妆品", "日化用品", SETL, 15000,
         "2023-07-07", "450500", ("live_stream", "counterfeit_goods", "settlement_payment"),
         "被申请人在快手直播间销售仿冒申请人商标的口红，经调解，被申请人承认过错，销毁库存并赔偿一万五千元。"),
    Case("ho-031", "people_mediation", INV, ("use",), "", "锂电池隔膜工艺", "新能源", WDRW, None,
         "2024-10-21", "450100", ("method",),
         "调解过程中申请人对其发明专利的权利稳定性有顾虑，决定撤回调解申请，另行协商许可事宜。"),
    Case("ho-032", "people_mediation", D, ("sell",), "", "灯笼", "灯具", SETL, 5000,
         "2022-01-19", "450400", ("offline", "settlement_payment", "similar_design"),
         "春节前，被申请人在花市摊位销售的宫灯造型灯笼与申请人外观设计近似，调解后被申请人撤柜并补偿五千元。"),
    Case("ho-033", "people_mediation", C, ("sell",), "淘宝", "教辅图书", "图书", CONF, 40000,
         "2023-09-26", "450100", ("piracy_books", "online_shop", "settlement_payment", "court_confirmed"),
         "被申请人在淘宝店铺销售盗印的高考复习资料，经出版社投诉调解，赔偿四万元，双方申请司法确认。"),
    Case("ho-034", "people_mediation", U, ("sell",), "", "水龙头", "卫浴", SETL, 12000,
         "2021-05-06", "450200", ("offline", "settlement_payment", "legal_source"),
         "被申请人五金店销售的感应水龙头涉嫌侵犯实用新型专利，被申请人说明了进货渠道，调解后同意停售并补偿一万二千元。"),
    # --- market regulation penalties (市场监督管理局行政处罚决定书) ---
    Case("ho-035", "amr_penalty", T, ("sell",), "", "运动服", "鞋服", FOUND, 45000,
         "2023-04-18", "450100", ("counterfeit_goods", "offline"),
         "执法人员在当事人服装店内查获印有某知名运动品牌商标的运动服一百二十件，经商标权利人鉴定均为侵权商品，当事人不能提供合法来源。"),
    Case("ho-036", "amr_penalty", T, ("sell",), "淘宝", "手表", "饰品", FOUND, 80000,
         "2022-06-23", "450100", ("counterfeit_goods", "online_shop"),
         "当事人在淘宝网店销售仿冒瑞士名表商标的手表，通过快递发货，执法人员在其仓库查扣手表二百余只，违法经营额十六万元。"),
    Case("ho-037", "amr_penalty", T, ("sell",), "", "白酒", "酒类", FOUND, 60000,
         "2024-01-09", "450300", ("counterfeit_goods", "offline"),
         "当事人在烟酒店销售的酱香型白酒瓶身标注他人注册商标，经鉴定为假冒产品，当事人称从流动商贩处低价购入，无法提供票据。"),
    Case("ho-038", "amr_penalty", INV, ("sell",), "", "保健器械", "医疗器械", FOUND, 20000,
         "2023-10-30", "450100", ("patent_marking",),
         "当事人销售的理疗仪包装上标注了“国家发明专利产品”及专利号，经核查该专利申请早已被驳回，属于假冒专利行为。"),
    Case("ho-039", "amr_penalty", U, ("sell",), "拼多多", "净水器滤芯", "家居用品", FOUND, 10000,
         "2022-11-15", "450200", ("patent_marking", "online_shop"),
         "当事人在拼多多店铺商品详情页宣称滤芯为“专利产品”，标注的实用新型专利已因未缴年费终止，构成假冒专利。"),
    Case("ho-040", "amr_penalty", T, ("sell",), "", "汽车配件", "汽车用品", DISM, None,
         "2024-06-12", "450100", ("legal_source", "offline"),
         "当事人汽修店使用的刹车片标有他人商标，当事人提交了进货发票和供货商营业执照，经查商品为正品，本局决定不予行政处罚。"),
    Case("ho-041", "amr_penalty", T, ("sell",), "抖音", "零食", "食品", FOUND, 35000,
         "2024-03-27", "450500", ("live_stream", "similar_mark"),
         "当事人在抖音直播销售的辣条包装使用了与他人注册商标近似的名称和图案，容易导致消费者混淆，违法经营额七万元。"),
    Case("ho-042", "amr_penalty", T, ("make",), "", "洗衣粉", "日化用品", FOUND, 150000,
         "2021-08-19", "450400", ("counterfeit_goods", "factory"),
         "当事人在出租屋内设立小作坊，灌装洗衣粉并贴附假冒的知名品牌商标标识，执法人员查获成品、包装袋和灌装设备。"),
    Case("ho-043", "amr_penalty", T, ("sell",), "", "化肥", "农资", FOUND, 25000,
         "2020-05-14", "450200", ("counterfeit_goods", "offline"),
         "当事人农资店销售的复合肥外包装使用他人注册商标，经商标权利人确认为假冒产品，涉及农户三十余户。"),
    Case("ho-044", "amr_penalty", D, ("sell",), "", "玩具车", "玩具", FOUND, 8000,
         "2023-06-21", "450100", ("patent_marking", "offline"),
         "当事人销售的遥控玩具车外包装印有“外观专利 仿冒必究”字样和一个并不存在的专利号，构成假冒专利。"),
    # --- copyright penalties (文化市场综合行政执法) ---
    Case("ho-045", "culture_penalty", C, ("sell",), "", "盗版图书", "图书", FOUND, 30000,
         "2022-09-07", "450100", ("piracy_books", "offline"),
         "执法人员在当事人书店查获盗版畅销小说和少儿绘本共计八百余册，经出版社鉴定为非法复制品。"),
    Case("ho-046", "culture_penalty", C, ("use",), "", "KTV曲库", "音乐", FOUND, 20000,
         "2023-03-15", "450300", ("music_public",),
         "当事人经营的KTV曲库中有大量未经授权的音乐电视作品供顾客点唱，未与权利人签订许可协议。"),
    Case("ho-047", "culture_penalty", C, ("use",), "", "办公软件", "软件", FOUND, 50000,
         "2024-04-02", "450100", ("software",),
         "当事人设计公司内三十台电脑安装了破解版的图像处理软件和办公软件，无法提供正版授权证明。"),
    Case("ho-048", "culture_penalty", C, ("use",), "", "网络电影", "影视", FOUND, 40000,
         "2021-07-28", "450100", ("online_transmission",),
         "当事人运营的影视网站未经许可提供热映电影的在线播放，按点击量获取广告收入，侵犯了权利人的信息网络传播权。"),
    Case("ho-049", "culture_penalty", C, ("make", "sell"), "", "光盘", "音像制品", FOUND, 60000,
         "2020-10-09", "450200", ("piracy_discs", "factory"),
         "当事人在仓库内复制并批发盗版光盘，查获光盘一万余张及刻录设备十二台。"),
    Case("ho-050", "culture_penalty", C, ("use",), "", "网络游戏", "游戏", FOUND, 100000,
         "2023-11-08", "450100", ("online_transmission", "software"),
         "当事人架设网络游戏私服，使用权利人游戏的服务端程序吸引玩家充值，违法所得五万余元。"),
    Case("ho-051", "culture_penalty", C, ("sell",), "淘宝", "教材", "图书", FOUND, 25000,
         "2024-02-06", "450100", ("piracy_books", "online_shop"),
         "当事人在淘宝网店销售盗版大学教材和考试真题汇编，仓库内查获成品书两千余册。"),
    Case("ho-052", "culture_penalty", C, ("use",), "", "背景音乐", "音乐", DISM, None,
         "2022-12-20", "450300", ("music_public",),
         "当事人商场播放的背景音乐系通过已取得集体管理组织授权的背景音乐服务商提供，本局认为违法事实不成立，不予处罚。"),
    # --- more adjudications and appeals, to make the categories and platforms meet ---
    Case("ho-053", "adjudication", D, ("sell", "offer"), "快手", "电动牙刷", "小家电", FOUND, None,
         "2024-08-15", "440300", ("live_stream", "similar_design"),
         "被申请人在快手短视频中展示并销售电动牙刷，刷柄的流线形握把与充电底座造型同专利设计相同。"),
    Case("ho-054", "adjudication", D, ("sell",), "", "吊灯", "灯具", FOUND, None,
         "2023-02-27", "440600", ("offline", "similar_design"),
         "被申请人在古镇灯饰市场门店销售的水晶吊灯，灯架层数、吊坠排列与专利设计近似，属于相近似设计。"),
    Case("ho-055", "adjudication", U, ("make", "sell"), "淘宝", "婴儿推车", "母婴用品", FOUND, None,
         "2022-07-05", "440100", ("factory", "online_shop", "all_features"),
         "被申请人自产婴儿推车并在淘宝店铺销售，推车的一键折叠机构与专利权利要求全部技术特征相同。"),
    Case("ho-056", "adjudication", INV, ("make",), "", "饲料添加剂", "农资", PART, None,
         "2021-01-28", "440600", ("factory", "equivalence", "method"),
         "被申请人饲料厂的添加剂生产步骤中两项与专利方法相同，另一项以不同温度区间实现，合议组认定部分产品落入专利保护范围。"),
    Case("ho-057", "appeal", D, ("sell",), "亚马逊", "户外帐篷", "户外用品", FOUND, 90000,
         "2024-05-09", "440300", ("online_shop", "similar_design", "damages"),
         "上诉人在亚马逊平台面向境外销售的帐篷与被上诉人外观设计近似，货物从境内发出，一审判赔九万元。"),
    Case("ho-058", "appeal", T, ("sell",), "拼多多", "奶粉", "母婴用品", FOUND, 500000,
         "2023-10-24", "440100", ("counterfeit_goods", "online_shop", "punitive", "damages"),
         "上诉人在拼多多大量销售假冒知名品牌奶粉，涉及婴幼儿食品安全，主观恶意明显，一审适用惩罚性赔偿五十万元。"),
    Case("ho-059", "people_mediation", T, ("sell",), "淘宝", "运动鞋", "鞋服", SETL, 10000,
         "2024-03-13", "450100", ("online_shop", "counterfeit_goods", "settlement_payment"),
         "被申请人在淘宝店铺销售仿冒运动品牌的跑鞋，调解后关闭店铺链接并赔偿一万元。"),
    Case("ho-060", "amr_penalty", T, ("sell",), "京东", "电动车电池", "电动车配件", FOUND, 30000,
         "2023-08-03", "450100", ("counterfeit_goods", "online_shop"),
         "当事人在京东第三方店铺销售贴有他人注册商标的电动车电池，权利人鉴定为假冒产品，违法经营额九万元。"),
]
