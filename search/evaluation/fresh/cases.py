"""The decisions of the fresh set (decision 84), one line per case, written by hand.

Written before any per-query failure of the other sets was looked at, as a check that
is never tuned on. Each case: id, layout, IP type, acts, platform ("" = offline), the
product as the decision names it, its category, outcome, amount (damages, settlement or
fine), date, region, topics (what the case turns on; the grading rules read them) and
the case's own facts. ``compose.py`` frames them in the layout's own procedural text.

Layouts: ruling (专利侵权纠纷行政裁决书), judgment (民事判决书, first instance or
appeal), mediation (人民调解协议书 / 行政调解书), tm_penalty (市场监督管理局的行政处罚决定书),
cr_penalty (文化市场综合行政执法的行政处罚决定书).
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
    Case("fr-001", "ruling", D, ("sell", "offer"), "淘宝", "儿童平衡车", "童车", FOUND, None,
         "2024-04-22", "450800", ("online_shop", "similar_design"),
         "被请求人在淘宝网开设的网店挂出一款儿童平衡车，车架的弯曲弧度、座椅与车把的造型与专利授权图片基本一致，仅车身贴纸图案不同，一般消费者难以区分。"),
    Case("fr-002", "ruling", D, ("make", "sell"), "", "岩板茶几", "家具", FOUND, None,
         "2023-09-13", "450900", ("factory", "similar_design"),
         "执法人员到被请求人位于工业园内的家具厂检查，发现正在喷漆的岩板茶几二十余张，桌腿呈交叉X形，桌面四角倒圆，与专利设计的整体视觉效果相同。"),
    Case("fr-003", "ruling", D, ("sell",), "拼多多", "折叠手机支架", "数码配件", DISM, None,
         "2022-12-06", "451000", ("different_design", "online_shop"),
         "被诉手机支架虽同为折叠式，但底座为圆形并带有吸盘，支撑臂分为两节，与专利设计的方形底座、三节支撑臂区别明显，二者在整体视觉效果上不相近似。"),
    Case("fr-004", "judgment", D, ("sell", "offer"), "京东", "玻璃电热水壶", "小家电", FOUND, 30000,
         "2023-03-28", "450600", ("online_shop", "similar_design"),
         "被告在京东开设的旗舰店销售一款玻璃电热水壶，壶把手的镂空形状和壶盖按钮的位置均与原告的外观设计相同，被告自认该款水壶月销量三百余件。"),
    Case("fr-005", "mediation", D, ("sell",), "", "女士手提包", "箱包", SETL, 8000,
         "2024-01-17", "450800", ("offline_store", "similar_design"),
         "被申请人在百货商场专柜售卖的手提包采用了与专利相同的菱格压纹和半月形金属扣，双方经调解同意由被申请人下架全部库存并一次性支付补偿款8000元。"),
    Case("fr-006", "ruling", D, ("sell", "offer"), "抖音", "竹节保温杯", "日用品", FOUND, None,
         "2024-06-03", "450900", ("live_stream", "similar_design"),
         "被请求人在抖音直播中反复展示并以“网红同款”名义推销一款竹节造型保温杯，杯身竹节的分段比例和杯盖提环与专利设计一致。"),
    Case("fr-007", "ruling", D, ("sell",), "", "景观路灯灯杆", "灯具", DISM, None,
         "2021-05-19", "451000", ("prior_design",),
         "被请求人提交了2015年某市政道路工程的招标文件和竣工照片，其中景观路灯灯杆的造型与被诉产品相同，公开时间早于专利申请日，被诉设计属于现有设计。"),
    Case("fr-008", "judgment", D, ("make", "sell"), "1688", "汽车脚垫", "汽车用品", PART, 50000,
         "2022-07-08", "450600", ("wholesale", "factory", "similar_design"),
         "被告通过1688批发平台向各地经销商供应汽车脚垫，三款脚垫中一款的菱形纹路与原告外观设计近似，另外两款纹路和边缘造型不同。"),
    Case("fr-009", "ruling", U, ("sell",), "淘宝", "伸缩晾衣架", "日用品", FOUND, None,
         "2023-11-02", "450800", ("online_shop", "full_coverage"),
         "被诉晾衣架的伸缩杆通过卡扣与立柱连接，底部设有万向轮，具备权利要求1记载的全部技术特征，落入该实用新型专利权的保护范围。"),
    Case("fr-010", "ruling", U, ("make",), "", "节能炉灶", "厨具", DISM, None,
         "2022-04-27", "450900", ("missing_feature", "factory"),
         "现场勘验显示被诉炉灶的炉膛下方没有权利要求记载的二次进风通道，被诉产品缺少该项技术特征，未落入专利权的保护范围。"),
    Case("fr-011", "judgment", U, ("sell", "offer"), "拼多多", "宠物自动饮水机", "宠物用品", FOUND,
         20000, "2024-02-26", "451000", ("online_shop", "equivalent"),
         "被诉饮水机以磁吸方式固定滤芯，与专利权利要求中的螺纹固定手段相比，以基本相同的手段实现相同的功能、达到相同的效果，属于等同特征。"),
    Case("fr-012", "mediation", U, ("sell",), "", "电动车充电器", "电动车配件", CONF, 15000,
         "2023-08-15", "450600", ("offline_store",),
         "电动车维修店出售的充电器采用了专利保护的过充自动断电结构，经人民调解委员会调解，维修店赔偿15000元，协议经人民法院司法确认。"),
    Case("fr-013", "ruling", U, ("sell",), "", "防盗门锁", "五金", PART, None,
         "2022-10-11", "450800", ("legal_source", "offline_store"),
         "被请求人系五金店经营者，提供了向生产厂家进货的增值税发票和银行转账记录，门锁来源清楚，且其不知道是侵权产品，本局责令其停止销售，不支持请求人的其他请求。"),
    Case("fr-014", "judgment", U, ("make", "sell"), "", "背负式农用喷雾器", "农机", FOUND, 80000,
         "2021-09-30", "450900", ("factory", "repeat"),
         "被告曾因制造同款喷雾器被知识产权局责令停止侵权，此后又在另一处厂房继续生产并向农资店供货，属于重复侵权，酌情提高赔偿数额。"),
    Case("fr-015", "judgment", INV, ("use",), "", "污水絮凝处理方法", "环保设备", FOUND, 300000,
         "2023-05-09", "451000", ("process_patent",),
         "被告的污水处理站使用的絮凝沉淀工艺，投加药剂的顺序、搅拌时间和沉淀停留时间均与原告方法专利的步骤相同。"),
    Case("fr-016", "ruling", INV, ("sell", "offer"), "京东", "空气净化器复合滤网", "小家电", DISM,
         None, "2022-02-14", "450600", ("prior_art", "online_shop"),
         "被请求人举证证明被诉滤网的三层复合结构在专利申请日前已记载于一篇日本公开专利文献，被诉技术方案属于现有技术。"),
    Case("fr-017", "judgment", INV, ("make", "sell"), "", "锂电池隔膜", "电子元件", PART, 500000,
         "2024-03-12", "450800", ("factory", "equivalent"),
         "被告生产的隔膜涂层配方中以氧化铝替换了专利中的勃姆石，一审认定构成等同，二审维持了侵权认定但以原告未举证损失为由调低赔偿。"),
    Case("fr-018", "mediation", INV, ("use",), "", "注塑模具冷却结构", "模具", SETL, 60000,
         "2023-10-20", "450900", ("factory",),
         "被申请人的注塑车间使用带有螺旋冷却水道的模具，申请人认为落入其发明专利保护范围，双方在调解员主持下约定被申请人支付许可使用费60000元。"),
    Case("fr-019", "tm_penalty", T, ("sell",), "", "运动鞋", "鞋服", FOUND, 20000,
         "2023-06-21", "450600", ("counterfeit", "offline_store"),
         "当事人在步行街店铺内销售标有他人勾形图形商标的运动鞋36双，当事人不能提供进货凭证，经商标权利人鉴定均为假冒注册商标的商品。"),
    Case("fr-020", "tm_penalty", T, ("sell",), "微信", "补水面膜", "化妆品", FOUND, 15000,
         "2024-05-14", "450800", ("counterfeit", "online_shop"),
         "当事人通过微信朋友圈发布广告并以转账方式收款，销售外包装仿冒某知名品牌注册商标的面膜，现场查扣库存120盒。"),
    Case("fr-021", "tm_penalty", T, ("sell",), "", "瓶装白酒", "酒类", FOUND, None,
         "2022-11-25", "450900", ("legal_source", "similar_mark", "offline_store"),
         "超市货架上的瓶装白酒瓶标与某酒厂的注册商标近似，当事人提供了供货商的营业执照、送货单和付款记录，能证明系合法取得并说明提供者，本局责令停止销售并没收侵权商品，不予罚款。"),
    Case("fr-022", "tm_penalty", T, ("make",), "", "洗衣粉", "日化", FOUND, 100000,
         "2021-08-09", "451000", ("counterfeit", "factory"),
         "执法人员在城中村一处出租屋内查获灌装机两台和印有他人注册商标的包装袋五千余个，当事人在此分装并贴牌生产洗衣粉。"),
    Case("fr-023", "tm_penalty", T, ("sell",), "抖音", "蓝牙耳机", "数码配件", FOUND, 30000,
         "2024-07-02", "450600", ("counterfeit", "live_stream"),
         "当事人在抖音直播间以“原厂尾单”为噱头，按正品三分之一的价格销售标有他人注册商标的蓝牙耳机，直播回放显示成交五百余单。"),
    Case("fr-024", "judgment", T, ("sell",), "淘宝", "拼装积木", "玩具", FOUND, 40000,
         "2023-01-16", "450800", ("similar_mark", "online_shop"),
         "被告在淘宝店铺销售的拼装积木外包装上使用了与原告注册商标文字构成近似的标识，字体和配色相仿，容易导致相关公众混淆。"),
    Case("fr-025", "judgment", T, ("sell",), "", "绿茶", "食品", DISM, None,
         "2022-05-30", "450900", ("different_mark",),
         "被告使用的茶叶标识与原告商标在读音、字形和整体外观上差异明显，相关公众施以一般注意力不会混淆，原告的诉讼请求不予支持。"),
    Case("fr-026", "mediation", T, ("sell",), "拼多多", "洗发水", "日化", SETL, 12000,
         "2024-02-05", "451000", ("counterfeit", "online_shop"),
         "被申请人在拼多多店铺销售的洗发水经权利人鉴定为假冒，双方在市场监管部门主持下达成调解，被申请人关闭店铺、销毁库存并赔偿12000元。"),
    Case("fr-027", "tm_penalty", T, ("sell",), "", "汽车刹车片", "汽车用品", FOUND, 50000,
         "2023-04-18", "450600", ("counterfeit", "wholesale"),
         "汽配城内的批发商户向多家修理厂供应标有他人注册商标的刹车片，货值四万余元，经权利人鉴定为假冒产品。"),
    Case("fr-028", "tm_penalty", T, ("sell",), "", "T恤", "鞋服", DISM, None,
         "2022-08-29", "450800", ("different_mark", "offline_store"),
         "举报人称当事人店内T恤侵犯其商标，经查领标上的文字与该注册商标不同，亦无近似，违法事实不能成立，本局决定不予行政处罚。"),
    Case("fr-029", "cr_penalty", C, ("sell",), "", "教辅图书", "图书", FOUND, 10000,
         "2023-09-05", "450900", ("piracy", "offline_store"),
         "当事人经营的书店出售的教辅资料为盗印本，纸张粗糙、印刷模糊，经出版单位鉴定为非法出版物，现场查扣二百一十册。"),
    Case("fr-030", "cr_penalty", C, ("use",), "", "制图软件", "软件", FOUND, 50000,
         "2024-01-30", "451000", ("software",),
         "当事人系一家设计公司，其办公场所40台电脑安装的制图软件均为破解版本，未取得著作权人的许可，属于商业性使用侵权复制品。"),
    Case("fr-031", "cr_penalty", C, ("sell",), "闲鱼", "电子书网盘链接", "图书", FOUND, 8000,
         "2024-04-09", "450600", ("piracy", "online_shop"),
         "当事人在闲鱼上以每份三元的价格出售存有他人电子书的网盘链接，累计成交一千余笔，未经著作权人许可通过网络传播作品。"),
    Case("fr-032", "judgment", C, ("use",), "", "音乐电视作品", "音乐", FOUND, 6000,
         "2022-03-15", "450800", ("performance",),
         "被告经营的KTV在包房点歌系统中提供原告享有著作权的音乐电视作品供顾客点唱，未经许可，亦未支付报酬。"),
    Case("fr-033", "judgment", C, ("use",), "微信", "风景摄影作品", "图片", FOUND, 5000,
         "2023-12-11", "450900", ("photo",),
         "被告的微信公众号文章使用了原告拍摄的十二张风景照片作为配图，既未署名也未支付报酬，被告辩称图片来源于网络。"),
    Case("fr-034", "mediation", C, ("make",), "", "动漫角色毛绒玩具", "玩具", SETL, 20000,
         "2024-03-25", "451000", ("character", "factory"),
         "玩具厂生产的毛绒玩具使用了申请人动画片中的角色形象，双方经调解约定玩具厂停止生产、销毁模具并支付20000元。"),
    Case("fr-035", "cr_penalty", C, ("sell",), "快手", "付费网课视频", "教育", FOUND, 12000,
         "2024-06-18", "450600", ("piracy", "live_stream"),
         "当事人在快手直播间低价兜售偷录的付费网课视频，买家付款后通过私信发送下载链接，涉及课程四十余套。"),
    Case("fr-036", "judgment", C, ("use",), "", "印刷字体", "软件", DISM, None,
         "2021-10-26", "450800", ("licensed",),
         "被告在商品包装上使用的字体系其通过正规渠道购买并取得商业使用授权，原告主张被告未经许可使用其字库的理由不能成立。"),
    Case("fr-037", "ruling", D, ("offer",), "", "户外折叠椅", "家具", FOUND, None,
         "2023-10-30", "450900", ("exhibition", "similar_design"),
         "被请求人在交易会展位上陈列了与专利外观相同的户外折叠椅并散发印有报价的宣传册，虽尚未成交，已构成许诺销售。"),
    Case("fr-038", "mediation", D, ("sell",), "淘宝", "遮光窗帘", "家纺", WDRW, None,
         "2022-06-14", "451000", ("online_shop",),
         "请求人指控被请求人淘宝店铺销售的窗帘图案侵犯其外观设计专利，立案后双方自行和解，请求人申请撤回调解请求。"),
    Case("fr-039", "ruling", U, ("sell",), "拼多多", "LED护眼台灯", "灯具", FOUND, None,
         "2024-08-19", "450600", ("online_shop", "full_coverage"),
         "被诉台灯灯臂采用双阻尼转轴和弹簧平衡结构，与专利权利要求逐一比对，技术特征完全相同。"),
    Case("fr-040", "judgment", D, ("sell",), "京东", "儿童餐椅", "母婴", DISM, None,
         "2023-02-20", "450800", ("prior_design", "online_shop"),
         "被告提交的某电商平台2016年商品快照显示同款餐椅已公开销售，早于原告专利申请日，被告的现有设计抗辩成立。"),
    Case("fr-041", "tm_penalty", T, ("sell",), "", "复合肥", "农资", FOUND, 40000,
         "2022-04-06", "450900", ("counterfeit", "offline_store"),
         "当事人在乡镇农资店销售标有他人注册商标的复合肥八十袋，包装与正品相似，经鉴定为假冒产品，部分已售给农户。"),
    Case("fr-042", "cr_penalty", C, ("make",), "", "音像光盘", "音像", FOUND, 80000,
         "2021-07-12", "451000", ("piracy", "factory"),
         "执法人员在一处民房内查获光盘刻录机六台及刻录完成的影视光盘三千余张，当事人无法提供任何授权文件。"),
    Case("fr-043", "ruling", D, ("sell",), "", "仿古瓷砖", "建材", PART, None,
         "2024-05-27", "450800", ("similar_design", "legal_source", "offline_store"),
         "建材市场门店销售的仿古瓷砖表面纹样与专利设计近似，门店提供了厂家出具的销售合同和收据，说明了合法来源，本局仅责令停止销售。"),
    Case("fr-044", "judgment", U, ("make", "sell"), "1688", "电动车碟刹总泵", "电动车配件", FOUND,
         120000, "2024-09-09", "450900", ("factory", "wholesale", "full_coverage"),
         "被告在自有厂房批量生产碟刹总泵，并通过1688平台批发给电动车组装厂，被诉产品具备权利要求1的全部技术特征。"),
]
