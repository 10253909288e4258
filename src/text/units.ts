// How measurement units and currencies are said. Keys are lower-case: the normalizer matches them after a
// number (or on both sides of a "/" in a compound such as km/h or người/km2), never as free-standing words,
// so "a", "l" or "m" in a sentence stay letters.

export const UNITS: Readonly<Record<string, string>> = {
  // length
  km: 'ki lô mét', m: 'mét', dm: 'đê xi mét', cm: 'xen ti mét', mm: 'mi li mét', 'µm': 'mi crô mét', 'μm': 'mi crô mét', nm: 'na nô mét',
  // area
  km2: 'ki lô mét vuông', 'km²': 'ki lô mét vuông', m2: 'mét vuông', 'm²': 'mét vuông', dm2: 'đê xi mét vuông', cm2: 'xen ti mét vuông', 'cm²': 'xen ti mét vuông',
  mm2: 'mi li mét vuông', 'mm²': 'mi li mét vuông', ha: 'héc ta',
  // volume
  km3: 'ki lô mét khối', 'km³': 'ki lô mét khối', m3: 'mét khối', 'm³': 'mét khối', dm3: 'đê xi mét khối', cm3: 'xen ti mét khối', 'cm³': 'xen ti mét khối',
  mm3: 'mi li mét khối', 'mm³': 'mi li mét khối', l: 'lít', ml: 'mi li lít', dl: 'đê xi lít', hl: 'héc tô lít', cc: 'xê xê',
  // mass
  kg: 'ki lô gam', g: 'gam', mg: 'mi li gam', 'µg': 'mi crô gam', 'μg': 'mi crô gam',
  // electricity (no bare "a" for amperes: "lớp 5a" is a class, not a current)
  v: 'vôn', kv: 'ki lô vôn', mv: 'mi li vôn', ma: 'mi li am pe', ka: 'ki lô am pe', mah: 'mi li am pe giờ',
  w: 'oát', kw: 'ki lô oát', mw: 'mê ga oát', gw: 'gi ga oát', wh: 'oát giờ', kwh: 'ki lô oát giờ', mwh: 'mê ga oát giờ', gwh: 'gi ga oát giờ',
  'ω': 'ôm', ohm: 'ôm', 'kω': 'ki lô ôm', 'mω': 'mê ga ôm',
  // frequency
  hz: 'héc', khz: 'ki lô héc', mhz: 'mê ga héc', ghz: 'gi ga héc',
  // pressure
  pa: 'pát xcan', kpa: 'ki lô pát xcan', mpa: 'mê ga pát xcan', bar: 'ba', mbar: 'mi li ba', atm: 'át mốt phe', psi: 'pi ét xai', mmhg: 'mi li mét thủy ngân',
  // energy
  j: 'jun', kj: 'ki lô jun', cal: 'ca lo', kcal: 'ki lô ca lo',
  // data and rates
  kb: 'ki lô bai', mb: 'mê ga bai', gb: 'gi ga bai', tb: 'tê ra bai', pb: 'pê ta bai',
  kbps: 'ki lô bít trên giây', mbps: 'mê ga bít trên giây', gbps: 'gi ga bít trên giây',
  // time (after a number; HH:MM and 24h are read by the time rules first)
  s: 'giây', ms: 'mi li giây', h: 'giờ', min: 'phút',
  // screen
  px: 'pích xeo', fps: 'khung hình trên giây',
};

/** Words that may stand on either side of "/" in a compound unit even though they are not units. */
export const PER_WORDS: ReadonlySet<string> = new Set([
  'người', 'đồng', 'đ', 'vnd', 'vnđ', 'usd', 'ngày', 'tháng', 'năm', 'giờ', 'phút', 'giây', 'tuần', 'lượt', 'lần', 'chiếc', 'cái', 'kg', 'hộ', 'suất', 'tấn', 'lít',
]);

/** Currencies written after the number (lower-case). */
export const CURRENCY_AFTER: Readonly<Record<string, string>> = {
  'đ': 'đồng', 'vnđ': 'đồng', vnd: 'đồng', 'đồng': 'đồng', usd: 'đô la mỹ', '$': 'đô la', eur: 'ơ rô', '€': 'ơ rô', '£': 'bảng anh', '¥': 'yên', jpy: 'yên nhật', cny: 'nhân dân tệ',
};

/** Currency symbols written before the number. */
export const CURRENCY_BEFORE: Readonly<Record<string, string>> = { '$': 'đô la', '€': 'ơ rô', '£': 'bảng anh', '¥': 'yên' };

/** Money shorthand after a number: 50k, 2tr, 3 tỷ are said as amounts. */
// (Upper-case M and B — 2.5M, 10B — are read as triệu / tỷ before lower-casing; a lower-case m is metres.)
export const AMOUNT_SUFFIX: Readonly<Record<string, string>> = { k: 'nghìn', tr: 'triệu', 'tỉ': 'tỷ' };
