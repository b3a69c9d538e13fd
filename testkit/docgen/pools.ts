/** Name, place and authority pools the generator draws from (realistic, not real people). */

/** Common Chinese surnames: Simplified, Traditional, pinyin, Cantonese (HK) and Macao romanisations. */
export const CN_SURNAMES: readonly { s: string; t: string; py: string; hk: string; mo: string }[] = [
  { s: '王', t: '王', py: 'WANG', hk: 'WONG', mo: 'VONG' },
  { s: '李', t: '李', py: 'LI', hk: 'LEE', mo: 'LEI' },
  { s: '张', t: '張', py: 'ZHANG', hk: 'CHEUNG', mo: 'CHEONG' },
  { s: '刘', t: '劉', py: 'LIU', hk: 'LAU', mo: 'LAO' },
  { s: '陈', t: '陳', py: 'CHEN', hk: 'CHAN', mo: 'CHAN' },
  { s: '杨', t: '楊', py: 'YANG', hk: 'YEUNG', mo: 'IEONG' },
  { s: '黄', t: '黃', py: 'HUANG', hk: 'WONG', mo: 'WONG' },
  { s: '赵', t: '趙', py: 'ZHAO', hk: 'CHIU', mo: 'CHIO' },
  { s: '吴', t: '吳', py: 'WU', hk: 'NG', mo: 'NG' },
  { s: '周', t: '周', py: 'ZHOU', hk: 'CHOW', mo: 'CHAO' },
  { s: '林', t: '林', py: 'LIN', hk: 'LAM', mo: 'LAM' },
  { s: '何', t: '何', py: 'HE', hk: 'HO', mo: 'HO' },
  { s: '郭', t: '郭', py: 'GUO', hk: 'KWOK', mo: 'KUOK' },
  { s: '马', t: '馬', py: 'MA', hk: 'MA', mo: 'MA' },
  { s: '罗', t: '羅', py: 'LUO', hk: 'LAW', mo: 'LO' },
  { s: '梁', t: '梁', py: 'LIANG', hk: 'LEUNG', mo: 'LEONG' },
  { s: '宋', t: '宋', py: 'SONG', hk: 'SUNG', mo: 'SONG' },
  { s: '郑', t: '鄭', py: 'ZHENG', hk: 'CHENG', mo: 'CHENG' },
  { s: '谢', t: '謝', py: 'XIE', hk: 'TSE', mo: 'CHE' },
  { s: '韩', t: '韓', py: 'HAN', hk: 'HON', mo: 'HON' },
  { s: '唐', t: '唐', py: 'TANG', hk: 'TONG', mo: 'TONG' },
  { s: '冯', t: '馮', py: 'FENG', hk: 'FUNG', mo: 'FONG' },
  { s: '许', t: '許', py: 'XU', hk: 'HUI', mo: 'HOI' },
  { s: '邓', t: '鄧', py: 'DENG', hk: 'TANG', mo: 'TANG' },
  { s: '曹', t: '曹', py: 'CAO', hk: 'TSO', mo: 'CHOU' },
  { s: '彭', t: '彭', py: 'PENG', hk: 'PANG', mo: 'PANG' },
  { s: '曾', t: '曾', py: 'ZENG', hk: 'TSANG', mo: 'CHANG' },
  { s: '萧', t: '蕭', py: 'XIAO', hk: 'SIU', mo: 'SIO' },
  { s: '蔡', t: '蔡', py: 'CAI', hk: 'CHOI', mo: 'CHOI' },
  { s: '潘', t: '潘', py: 'PAN', hk: 'POON', mo: 'PUN' },
];

/** Given-name characters with the same romanisations and the Chinese Commercial Code (telecode). */
export const CN_GIVEN: readonly { s: string; t: string; py: string; hk: string; mo: string; tc: string }[] = [
  { s: '伟', t: '偉', py: 'WEI', hk: 'WAI', mo: 'VAI', tc: '0251' },
  { s: '明', t: '明', py: 'MING', hk: 'MING', mo: 'MENG', tc: '2494' },
  { s: '华', t: '華', py: 'HUA', hk: 'WA', mo: 'VA', tc: '5478' },
  { s: '文', t: '文', py: 'WEN', hk: 'MAN', mo: 'MAN', tc: '2429' },
  { s: '志', t: '志', py: 'ZHI', hk: 'CHI', mo: 'CHI', tc: '1807' },
  { s: '强', t: '強', py: 'QIANG', hk: 'KEUNG', mo: 'KEONG', tc: '1730' },
  { s: '丽', t: '麗', py: 'LI', hk: 'LAI', mo: 'LAI', tc: '7787' },
  { s: '敏', t: '敏', py: 'MIN', hk: 'MAN', mo: 'MAN', tc: '2404' },
  { s: '静', t: '靜', py: 'JING', hk: 'CHING', mo: 'CHENG', tc: '7131' },
  { s: '芳', t: '芳', py: 'FANG', hk: 'FONG', mo: 'FONG', tc: '5364' },
  { s: '家', t: '家', py: 'JIA', hk: 'KA', mo: 'KA', tc: '1367' },
  { s: '俊', t: '俊', py: 'JUN', hk: 'CHUN', mo: 'CHON', tc: '0193' },
  { s: '嘉', t: '嘉', py: 'JIA', hk: 'KA', mo: 'KA', tc: '0857' },
  { s: '欣', t: '欣', py: 'XIN', hk: 'YAN', mo: 'IAN', tc: '2704' },
  { s: '宇', t: '宇', py: 'YU', hk: 'YU', mo: 'U', tc: '1342' },
  { s: '海', t: '海', py: 'HAI', hk: 'HOI', mo: 'HOI', tc: '3189' },
  { s: '东', t: '東', py: 'DONG', hk: 'TUNG', mo: 'TONG', tc: '2639' },
  { s: '建', t: '建', py: 'JIAN', hk: 'KIN', mo: 'KIN', tc: '1696' },
  { s: '国', t: '國', py: 'GUO', hk: 'KWOK', mo: 'KUOK', tc: '0948' },
  { s: '玲', t: '玲', py: 'LING', hk: 'LING', mo: 'LENG', tc: '3781' },
  { s: '婷', t: '婷', py: 'TING', hk: 'TING', mo: 'TENG', tc: '1694' },
  { s: '杰', t: '傑', py: 'JIE', hk: 'KIT', mo: 'KIT', tc: '0267' },
  { s: '美', t: '美', py: 'MEI', hk: 'MEI', mo: 'MEI', tc: '5019' },
  { s: '慧', t: '慧', py: 'HUI', hk: 'WAI', mo: 'VAI', tc: '1920' },
  { s: '德', t: '德', py: 'DE', hk: 'TAK', mo: 'TAK', tc: '1795' },
  { s: '永', t: '永', py: 'YONG', hk: 'WING', mo: 'VENG', tc: '3057' },
  { s: '光', t: '光', py: 'GUANG', hk: 'KWONG', mo: 'KUONG', tc: '0342' },
  { s: '安', t: '安', py: 'AN', hk: 'ON', mo: 'ON', tc: '1344' },
  { s: '晓', t: '曉', py: 'XIAO', hk: 'HIU', mo: 'HIO', tc: '2556' },
  { s: '雪', t: '雪', py: 'XUE', hk: 'SUET', mo: 'SUT', tc: '7185' },
  { s: '琳', t: '琳', py: 'LIN', hk: 'LAM', mo: 'LAM', tc: '3829' },
  { s: '峰', t: '峰', py: 'FENG', hk: 'FUNG', mo: 'FONG', tc: '1496' },
  { s: '梅', t: '梅', py: 'MEI', hk: 'MUI', mo: 'MUI', tc: '2734' },
  { s: '红', t: '紅', py: 'HONG', hk: 'HUNG', mo: 'HONG', tc: '4767' },
  { s: '平', t: '平', py: 'PING', hk: 'PING', mo: 'PENG', tc: '1627' },
  { s: '新', t: '新', py: 'XIN', hk: 'SAN', mo: 'SAN', tc: '2450' },
];

/** Telecodes of the surnames above (Traditional form). */
export const CN_SURNAME_TELECODE: Readonly<Record<string, string>> = {
  王: '3769', 李: '2621', 張: '1728', 劉: '0491', 陳: '7115', 楊: '2799', 黃: '7806', 趙: '6392', 吳: '0702', 周: '0719',
  林: '2651', 何: '0149', 郭: '6753', 馬: '7456', 羅: '5012', 梁: '2733', 宋: '1345', 鄭: '6774', 謝: '6200', 韓: '7281',
  唐: '0781', 馮: '7458', 許: '6079', 鄧: '6772', 曹: '2580', 彭: '1756', 曾: '2582', 蕭: '5618', 蔡: '5591', 潘: '3382',
};

export const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['汉', 90], ['壮', 2], ['回', 2], ['满', 2], ['维吾尔', 1], ['苗', 1], ['彝', 1], ['土家', 1], ['藏', 1], ['蒙古', 1], ['朝鲜', 0.5],
];

/** PRC county-level regions: code, address prefix, issuing police office. */
export const PRC_REGIONS: readonly { code: string; prefix: string; authority: string; city: string }[] = [
  { code: '110105', prefix: '北京市朝阳区', authority: '北京市公安局朝阳分局', city: '北京' },
  { code: '110108', prefix: '北京市海淀区', authority: '北京市公安局海淀分局', city: '北京' },
  { code: '310115', prefix: '上海市浦东新区', authority: '上海市公安局浦东分局', city: '上海' },
  { code: '310104', prefix: '上海市徐汇区', authority: '上海市公安局徐汇分局', city: '上海' },
  { code: '440106', prefix: '广东省广州市天河区', authority: '广州市公安局天河区分局', city: '广东' },
  { code: '440305', prefix: '广东省深圳市南山区', authority: '深圳市公安局南山分局', city: '广东' },
  { code: '330106', prefix: '浙江省杭州市西湖区', authority: '杭州市公安局西湖分局', city: '浙江' },
  { code: '320102', prefix: '江苏省南京市玄武区', authority: '南京市公安局玄武分局', city: '江苏' },
  { code: '510107', prefix: '四川省成都市武侯区', authority: '成都市公安局武侯区分局', city: '四川' },
  { code: '420106', prefix: '湖北省武汉市武昌区', authority: '武汉市公安局武昌分局', city: '湖北' },
  { code: '610113', prefix: '陕西省西安市雁塔区', authority: '西安市公安局雁塔分局', city: '陕西' },
  { code: '370202', prefix: '山东省青岛市市南区', authority: '青岛市公安局市南分局', city: '山东' },
  { code: '500103', prefix: '重庆市渝中区', authority: '重庆市公安局渝中区分局', city: '重庆' },
  { code: '430104', prefix: '湖南省长沙市岳麓区', authority: '长沙市公安局岳麓分局', city: '湖南' },
  { code: '350203', prefix: '福建省厦门市思明区', authority: '厦门市公安局思明分局', city: '福建' },
  { code: '410105', prefix: '河南省郑州市金水区', authority: '郑州市公安局金水分局', city: '河南' },
  { code: '130102', prefix: '河北省石家庄市长安区', authority: '石家庄市公安局长安分局', city: '河北' },
  { code: '210102', prefix: '辽宁省沈阳市和平区', authority: '沈阳市公安局和平分局', city: '辽宁' },
];

export const CN_STREETS: readonly string[] = [
  '建国路', '人民路', '解放路', '中山路', '和平街', '长江路', '新华街', '光明路', '文化路', '胜利街', '朝阳路', '青年路',
  '学院路', '幸福街', '南京路', '北京路', '东风路', '友谊路', '红旗街', '花园路',
];
export const CN_COMPOUNDS: readonly string[] = ['阳光小区', '幸福家园', '金色花园', '翠湖苑', '锦绣华庭', '东方明珠苑', '滨江花园', '御景园', '桂花苑', '世纪新城'];

export const KR_SURNAMES: readonly { h: string; hanja: string }[] = [
  { h: '김', hanja: '金' }, { h: '이', hanja: '李' }, { h: '박', hanja: '朴' }, { h: '최', hanja: '崔' }, { h: '정', hanja: '鄭' },
  { h: '강', hanja: '姜' }, { h: '조', hanja: '趙' }, { h: '윤', hanja: '尹' }, { h: '장', hanja: '張' }, { h: '임', hanja: '林' },
  { h: '한', hanja: '韓' }, { h: '오', hanja: '吳' }, { h: '서', hanja: '徐' }, { h: '신', hanja: '申' }, { h: '권', hanja: '權' },
];
export const KR_GIVEN: readonly { h: string; hanja: string }[] = [
  { h: '민', hanja: '敏' }, { h: '준', hanja: '俊' }, { h: '서', hanja: '瑞' }, { h: '연', hanja: '姸' }, { h: '지', hanja: '智' },
  { h: '현', hanja: '賢' }, { h: '우', hanja: '宇' }, { h: '영', hanja: '英' }, { h: '수', hanja: '秀' }, { h: '진', hanja: '眞' },
  { h: '호', hanja: '浩' }, { h: '성', hanja: '成' }, { h: '은', hanja: '恩' }, { h: '혜', hanja: '惠' }, { h: '동', hanja: '東' },
  { h: '재', hanja: '在' }, { h: '희', hanja: '熙' }, { h: '경', hanja: '京' }, { h: '하', hanja: '夏' }, { h: '윤', hanja: '允' },
];
/** Korean districts: address prefix, office head that issues the card, police agency for licences. */
export const KR_REGIONS: readonly { addr: string; office: string; police: string; licRegion: string }[] = [
  { addr: '서울특별시 종로구', office: '서울특별시 종로구청장', police: '서울지방경찰청장', licRegion: '11' },
  { addr: '서울특별시 강남구', office: '서울특별시 강남구청장', police: '서울지방경찰청장', licRegion: '11' },
  { addr: '서울특별시 마포구', office: '서울특별시 마포구청장', police: '서울지방경찰청장', licRegion: '11' },
  { addr: '부산광역시 해운대구', office: '부산광역시 해운대구청장', police: '부산지방경찰청장', licRegion: '12' },
  { addr: '대구광역시 수성구', office: '대구광역시 수성구청장', police: '대구지방경찰청장', licRegion: '15' },
  { addr: '인천광역시 연수구', office: '인천광역시 연수구청장', police: '인천지방경찰청장', licRegion: '16' },
  { addr: '광주광역시 서구', office: '광주광역시 서구청장', police: '광주지방경찰청장', licRegion: '17' },
  { addr: '경기도 수원시 영통구', office: '경기도 수원시 영통구청장', police: '경기남부지방경찰청장', licRegion: '13' },
  { addr: '경기도 성남시 분당구', office: '경기도 성남시 분당구청장', police: '경기남부지방경찰청장', licRegion: '13' },
];
export const KR_ROADS: readonly string[] = ['세종대로', '테헤란로', '올림픽로', '중앙로', '해운대로', '월드컵로', '광교중앙로', '판교역로', '수성로', '컨벤시아대로'];
export const KR_APTS: readonly string[] = ['래미안아파트', '푸르지오아파트', '자이아파트', '힐스테이트', '롯데캐슬', 'e편한세상'];

export const LATIN_SURNAMES: readonly string[] = [
  'SMITH', 'JOHNSON', 'MUELLER', 'MARTIN', 'BERNARD', 'GARCIA', 'ROSSI', 'SILVA', 'JANSEN', 'NOWAK', 'ANDERSSON', 'NIELSEN',
  'OBRIEN', 'MOREAU', 'FERNANDEZ', 'KOWALSKI', 'PETERSEN', 'HUBER', 'LAMBERT', 'WILLIAMS', 'TAYLOR', 'NGUYEN', 'SANTOS', 'KOVACS',
];
export const LATIN_GIVEN_M: readonly string[] = ['JAMES', 'JOHN', 'PETER', 'MICHAEL', 'THOMAS', 'LUCAS', 'DAVID', 'MARCO', 'JAN', 'ERIK', 'PIERRE', 'CARLOS', 'ANDREAS'];
export const LATIN_GIVEN_F: readonly string[] = ['ANNA', 'MARIA', 'EMMA', 'SOPHIE', 'LAURA', 'JULIA', 'ELENA', 'SARAH', 'CLAIRE', 'INGRID', 'LUCIA', 'EVA', 'NINA'];

/** Passport-issuing states: code, English name, nationality adjective, place of birth pool. */
export const PASSPORT_STATES: readonly { code: string; name: string; nationality: string; places: readonly string[] }[] = [
  { code: 'GBR', name: 'UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND', nationality: 'BRITISH CITIZEN', places: ['LONDON', 'MANCHESTER', 'LEEDS', 'BRISTOL'] },
  { code: 'USA', name: 'UNITED STATES OF AMERICA', nationality: 'UNITED STATES OF AMERICA', places: ['NEW YORK, U.S.A.', 'TEXAS, U.S.A.', 'OHIO, U.S.A.'] },
  { code: 'NLD', name: 'KONINKRIJK DER NEDERLANDEN', nationality: 'NEDERLANDSE', places: ['AMSTERDAM', 'ROTTERDAM', 'UTRECHT'] },
  { code: 'FRA', name: 'REPUBLIQUE FRANCAISE', nationality: 'FRANCAISE', places: ['PARIS', 'LYON', 'MARSEILLE'] },
  { code: 'CAN', name: 'CANADA', nationality: 'CANADIAN', places: ['TORONTO CAN', 'OTTAWA CAN', 'VANCOUVER CAN'] },
  { code: 'AUS', name: 'AUSTRALIA', nationality: 'AUSTRALIAN', places: ['SYDNEY', 'MELBOURNE', 'PERTH'] },
  { code: 'SWE', name: 'SVERIGE', nationality: 'SVENSK', places: ['STOCKHOLM', 'GOTEBORG', 'MALMO'] },
  { code: 'ITA', name: 'REPUBBLICA ITALIANA', nationality: 'ITALIANA', places: ['ROMA', 'MILANO', 'TORINO'] },
  { code: 'ESP', name: 'ESPANA', nationality: 'ESPANOLA', places: ['MADRID', 'BARCELONA', 'SEVILLA'] },
  { code: 'IRL', name: 'IRELAND', nationality: 'EIREANNACH/IRISH', places: ['DUBLIN', 'CORK'] },
];

export const IDN_REGIONS: readonly { prov: string; city: string; code: string; districts: readonly string[]; villages: readonly string[] }[] = [
  { prov: 'DKI JAKARTA', city: 'JAKARTA SELATAN', code: '317401', districts: ['TEBET', 'SETIABUDI', 'MAMPANG PRAPATAN'], villages: ['MENTENG DALAM', 'KUNINGAN BARAT', 'TEBET TIMUR'] },
  { prov: 'JAWA BARAT', city: 'KOTA BANDUNG', code: '327301', districts: ['COBLONG', 'SUKAJADI', 'CICENDO'], villages: ['DAGO', 'SEKELOA', 'PASTEUR'] },
  { prov: 'JAWA TIMUR', city: 'KOTA SURABAYA', code: '357801', districts: ['GUBENG', 'WONOKROMO', 'TEGALSARI'], villages: ['AIRLANGGA', 'DARMO', 'KEDUNGDORO'] },
  { prov: 'JAWA TENGAH', city: 'KOTA SEMARANG', code: '337401', districts: ['CANDISARI', 'BANYUMANIK', 'TEMBALANG'], villages: ['JATINGALEH', 'SRONDOL WETAN', 'BULUSAN'] },
  { prov: 'BALI', city: 'KOTA DENPASAR', code: '517101', districts: ['DENPASAR SELATAN', 'DENPASAR BARAT'], villages: ['SANUR', 'PEMECUTAN KLOD', 'SESETAN'] },
  { prov: 'SUMATERA UTARA', city: 'KOTA MEDAN', code: '127101', districts: ['MEDAN BARU', 'MEDAN PETISAH'], villages: ['PADANG BULAN', 'SEI SIKAMBING D', 'DARAT'] },
];
export const IDN_NAMES_M: readonly string[] = ['BUDI', 'AGUS', 'ANDI', 'RIZKY', 'DEDI', 'HENDRA', 'EKO', 'ARIF', 'DIMAS', 'FAJAR', 'YUSUF', 'BAMBANG'];
export const IDN_NAMES_F: readonly string[] = ['SITI', 'DEWI', 'SRI', 'PUTRI', 'RINA', 'AYU', 'INDAH', 'FITRI', 'NUR', 'LESTARI', 'WULAN', 'MAYA'];
export const IDN_SURNAMES: readonly string[] = ['SANTOSO', 'WIJAYA', 'SETIAWAN', 'HIDAYAT', 'SAPUTRA', 'KUSUMA', 'PRATAMA', 'RAHMAWATI', 'NUGROHO', 'SIREGAR', 'HARAHAP', 'GUNAWAN'];
export const IDN_BIRTHPLACES: readonly string[] = ['JAKARTA', 'BANDUNG', 'SURABAYA', 'SEMARANG', 'MEDAN', 'YOGYAKARTA', 'MALANG', 'BOGOR', 'DENPASAR', 'SOLO'];
export const IDN_STREETS: readonly string[] = ['JL. MERDEKA', 'JL. SUDIRMAN', 'JL. DIPONEGORO', 'JL. GATOT SUBROTO', 'JL. MAWAR', 'JL. MELATI', 'JL. KENANGA', 'JL. PAHLAWAN'];
export const IDN_JOBS: readonly string[] = ['KARYAWAN SWASTA', 'PELAJAR/MAHASISWA', 'WIRASWASTA', 'PEGAWAI NEGERI SIPIL', 'MENGURUS RUMAH TANGGA', 'GURU'];
export const IDN_RELIGIONS: readonly (readonly [string, number])[] = [['ISLAM', 85], ['KRISTEN', 7], ['KATHOLIK', 3], ['HINDU', 2], ['BUDDHA', 1]];
