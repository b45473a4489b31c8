// Words for the demo company and the benchmark data: a beverage/liquor distributor in 云南
// (MISSION.md, seed 004) selling to shops, restaurants, 二批 wholesalers, 地州 prefectures and 商超.

/** 云南's 16 cities and prefectures, the counties/districts we use, and a weight (how many customers). */
export const yunnan: readonly { city: string; short: string; weight: number; districts: readonly string[] }[] = [
  { city: '昆明市', short: '昆明', weight: 30, districts: ['五华区', '盘龙区', '官渡区', '西山区', '呈贡区', '晋宁区', '安宁市', '嵩明县', '宜良县', '富民县'] },
  { city: '曲靖市', short: '曲靖', weight: 10, districts: ['麒麟区', '沾益区', '马龙区', '宣威市', '陆良县', '罗平县', '会泽县', '富源县'] },
  { city: '玉溪市', short: '玉溪', weight: 7, districts: ['红塔区', '江川区', '澄江市', '通海县', '华宁县', '易门县', '峨山县'] },
  { city: '红河哈尼族彝族自治州', short: '红河', weight: 8, districts: ['蒙自市', '个旧市', '开远市', '弥勒市', '建水县', '石屏县', '泸西县'] },
  { city: '大理白族自治州', short: '大理', weight: 7, districts: ['大理市', '祥云县', '宾川县', '弥渡县', '鹤庆县', '剑川县', '洱源县'] },
  { city: '文山壮族苗族自治州', short: '文山', weight: 5, districts: ['文山市', '砚山县', '丘北县', '广南县', '富宁县', '马关县'] },
  { city: '普洱市', short: '普洱', weight: 4, districts: ['思茅区', '宁洱县', '墨江县', '景东县', '澜沧县'] },
  { city: '西双版纳傣族自治州', short: '西双版纳', weight: 4, districts: ['景洪市', '勐海县', '勐腊县'] },
  { city: '楚雄彝族自治州', short: '楚雄', weight: 5, districts: ['楚雄市', '禄丰市', '元谋县', '武定县', '姚安县', '大姚县'] },
  { city: '昭通市', short: '昭通', weight: 5, districts: ['昭阳区', '鲁甸县', '镇雄县', '彝良县', '威信县', '水富市'] },
  { city: '保山市', short: '保山', weight: 4, districts: ['隆阳区', '腾冲市', '施甸县', '龙陵县', '昌宁县'] },
  { city: '丽江市', short: '丽江', weight: 3, districts: ['古城区', '玉龙纳西族自治县', '永胜县', '华坪县'] },
  { city: '临沧市', short: '临沧', weight: 3, districts: ['临翔区', '凤庆县', '云县', '永德县', '耿马傣族佤族自治县'] },
  { city: '德宏傣族景颇族自治州', short: '德宏', weight: 3, districts: ['芒市', '瑞丽市', '梁河县', '盈江县', '陇川县'] },
  { city: '怒江傈僳族自治州', short: '怒江', weight: 1, districts: ['泸水市', '福贡县', '兰坪白族普米族自治县'] },
  { city: '迪庆藏族自治州', short: '迪庆', weight: 1, districts: ['香格里拉市', '德钦县', '维西傈僳族自治县'] },
];
export const PROVINCE = '云南省';

export const streets = ['人民路', '北京路', '青年路', '东风路', '环城路', '建设路', '解放路', '南屏街', '金碧路', '滇池路', '新华街', '文化路', '交通路', '振兴路', '团结路', '春城路', '龙泉路', '民族路', '幸福路', '兴隆街', '胜利路', '站前路', '农贸市场', '商贸城', '迎宾大道'];

/** Customer kinds, with the order type (MISSION.md §4) they mostly buy under. */
export type CustomerKind = 'tobacco_liquor' | 'restaurant' | 'wholesale' | 'supermarket' | 'hotel_ktv';
export const kindWords: Record<CustomerKind, readonly string[]> = {
  tobacco_liquor: ['烟酒店', '烟酒商行', '名烟名酒店', '烟酒经营部', '酒水商行', '便利店'],
  restaurant: ['餐馆', '饭店', '酒楼', '农家乐', '火锅店', '烧烤城', '餐厅', '过桥米线馆', '私房菜馆'],
  wholesale: ['副食批发部', '糖酒批发部', '商贸有限公司', '食品经营部', '酒水批发部', '贸易有限公司'],
  supermarket: ['超市', '购物中心', '商贸连锁有限公司', '生活超市', '便民超市'],
  hotel_ktv: ['大酒店', '宾馆', 'KTV', '酒吧', '会所'],
};
export const kindIndustry: Record<CustomerKind, string> = {
  tobacco_liquor: '烟酒零售',
  restaurant: '餐饮',
  wholesale: '酒水批发',
  supermarket: '商超零售',
  hotel_ktv: '酒店娱乐',
};
export const kindTag: Record<CustomerKind, string> = {
  tobacco_liquor: '烟酒店',
  restaurant: '餐饮',
  wholesale: '二批',
  supermarket: '商超',
  hotel_ktv: '酒店夜场',
};

export const brandWords = [
  '兴旺', '鑫源', '金穗', '福满', '聚福', '顺达', '鸿运', '恒昌', '百家', '万家', '吉祥', '宏发', '和顺', '利民', '金马',
  '碧鸡', '滇池', '春城', '彩云', '金沙', '茶马', '洱海', '苍山', '玉龙', '雪山', '七彩', '阳光', '佳乐', '惠民', '友谊',
  '东风', '新华', '盛世', '华联', '宏达', '金源', '富源', '天和', '瑞丰', '丰泽', '国泰', '安康', '隆盛', '合家福', '好运来',
  '老张', '李记', '王家', '赵氏', '陈记', '刘记', '杨家', '段氏', '普家', '白族人家', '傣味', '滇味', '乡村', '老街', '老字号',
  '腾达', '永盛', '广聚', '祥和', '德隆', '裕丰', '汇丰', '金叶', '红土地', '山水', '云岭', '高原', '南疆', '边城', '古镇',
];

export const surnames = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '罗', '高', '段', '普', '李', '杨', '字', '和', '尹', '鲁', '施', '苏', '钱'];
export const givenNames = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '桂英', '建华', '建国', '志强', '海燕', '红梅', '文华', '云飞', '春花', '丽华', '永福', '金凤', '德明', '国庆', '晓东', '玉兰', '家兴', '海波'];
export const positions = ['老板', '老板娘', '店长', '采购', '经理', '财务', '仓管', '前台'];

export const mobilePrefixes = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '157', '158', '159', '166', '177', '180', '181', '182', '183', '187', '188', '189', '198', '199'];
/** 云南's landline area codes by short city name. */
export const areaCodes: Record<string, string> = { 昆明: '0871', 曲靖: '0874', 玉溪: '0877', 红河: '0873', 大理: '0872', 文山: '0876', 普洱: '0879', 西双版纳: '0691', 楚雄: '0878', 昭通: '0870', 保山: '0875', 丽江: '0888', 临沧: '0883', 德宏: '0692', 怒江: '0886', 迪庆: '0887' };

export const banks = ['中国工商银行', '中国农业银行', '中国建设银行', '中国银行', '富滇银行', '云南省农村信用社', '交通银行', '招商银行'];

export const followupTemplates: Record<string, readonly string[]> = {
  call: [
    '电话回访，老板说春节前要备货，约下周送货上门。',
    '电话确认上周的货已收到，箱码核对无误。',
    '询问中秋礼盒价格，已报价，客户考虑中。',
    '客户反映上批货有两箱外箱破损，已登记，下次送货时调换。',
    '电话催收上月货款，客户答应月底前汇款。',
    '通知新品上市，客户有意向先拿五箱试销。',
  ],
  visit: [
    '上门拜访，店内陈列了我司主推系列，建议增加堆头。',
    '拜访老板，了解到竞品在做买十赠一，客户希望我们也有政策。',
    '陪同经理拜访，谈妥年度合作意向，下月签框架协议。',
    '现场清点库存，补货清单已交内勤开单。',
    '宴席季前拜访，客户预计本月婚宴用酒需求较大。',
  ],
  message: [
    '微信发送最新价目表和促销政策。',
    '微信确认送货地址和收货人电话。',
    '发送对账单，客户已确认无误。',
  ],
  meeting: [
    '参加客户门店周年庆，洽谈长期供货。',
    '邀请客户参加公司新品品鉴会，客户到场并下了订单。',
  ],
};

export const notes = [
  '每周二、周五送货', '只收现款', '月结客户，每月 25 日对账', '需要提前一天电话预约送货', '门口不好停车，送货走后门',
  '老板只在下午在店', '婚宴旺季需求大', '有自己的配送车，可自提', '开专票', '春节前重点备货客户',
];
