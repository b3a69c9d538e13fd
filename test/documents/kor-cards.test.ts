import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { koreanDates, koreanVariant, korDrivingLicence, korIdCard, licenceType, nameFromAgreedHanja, readsAs, reconcileAddressDigits, voteHanja } from '../../src/documents/kor-cards.js';
import type { PageLine, PageText } from '../../src/documents/module.js';

describe('Korean cards: Hanja checked against the Hangul name', () => {
  it('knows the reading of a Hanja from Korean collation, with the initial-sound rule of names', () => {
    assert.ok(readsAs('鄭', '정'));
    assert.ok(readsAs('允', '윤'));
    assert.ok(!readsAs('郵', '정'), '郵 reads 우');
    assert.ok(!readsAs('爺', '윤'), '爺 reads 야');
    assert.ok(readsAs('李', '이'), '李 (리) is written 이 at the start of a name');
    assert.ok(readsAs('林', '임'));
    assert.ok(readsAs('盧', '노'));
    assert.ok(!readsAs('金', 'k'));
  });

  it('puts a Hanja read in its Chinese form into the Korean form that reads as the syllable', () => {
    assert.equal(koreanVariant('真', '진'), '眞');
    assert.equal(koreanVariant('真', '정'), '');
    assert.equal(koreanVariant('妍', '연'), '', 'no variant data links 妍 and 姸');
    assert.deepEqual(voteHanja('조현진', ['趙賢真']), { hanja: '趙賢眞', fits: true });
  });

  it('puts a Hangul syllable right when both Hanja readers agree and only its first consonant differs', () => {
    assert.equal(nameFromAgreedHanja('소연서', '趙妍瑞', '趙妍瑞'), '조연서');
    assert.equal(nameFromAgreedHanja('소연서', '趙妍瑞', '超妍瑞'), '소연서', 'the readers disagree');
    assert.equal(nameFromAgreedHanja('이민수', '李敏秀', '李敏秀'), '이민수', '李 fits 이 already');
    assert.equal(nameFromAgreedHanja('소연서', '趙妍', '趙妍'), '소연서');
  });

  it('votes per syllable over several readings, only for Hanja that read as the syllable', () => {
    assert.deepEqual(voteHanja('정희우', ['郵熙宇', '和鄭熙宇', '笨啃宇', '郵熙宇']), { hanja: '鄭熙宇', fits: true });
    assert.deepEqual(voteHanja('한재윤', ['韓在爺', '韓在允', '韓在允']), { hanja: '韓在允', fits: true });
    // 姸 is missing from chi_tra: its variant 妍 is kept and the name is flagged
    assert.deepEqual(voteHanja('최연하', ['崔妍夏', '崔妍夏']), { hanja: '崔妍夏', fits: false });
    assert.deepEqual(voteHanja('홍길동', ['洪吉']), { hanja: '', fits: false });
  });

  it('re-reads the Hanja part of the name row when the first reading does not fit the name', async () => {
    const rows: PageLine[] = [
      { text: '', confidence: 0, x: 10, y: 120, w: 290, h: 50 },
      { text: '650427-1892131', confidence: 0.99, x: 10, y: 200, w: 260, h: 36 },
      { text: '2011. 4. 18.', confidence: 0.99, x: 380, y: 420, w: 180, h: 36 },
    ];
    const crops: number[] = [];
    const page: PageText = {
      width: 860,
      height: 540,
      lines: rows.filter((l) => l.text),
      unread: rows.filter((l) => !l.text),
      mrz: null,
      async reread(region, script) {
        const whole = Math.abs(region.x - 10) < 1 && Math.abs(region.y - 120) < 1;
        if (script === 'hangul') return { text: region.y === 120 ? '정희우(' : '', confidence: 0.9 };
        if (whole) return { text: '刀鋪吧(郵熙宇)', confidence: 0.3 };
        crops.push(region.x);
        // one crop in three reads the surname right
        return { text: crops.length % 3 === 0 ? '(鄭熙宇)' : '(郵熙宇)', confidence: 0.5 };
      },
    };
    const { fields, consistent } = await korIdCard.extract(page, '01', 'KOR01001');
    assert.equal(fields.name, '정희우');
    assert.equal(fields.hanjaName, '(鄭熙宇)');
    assert.ok(crops.length >= 3 && crops.every((x) => x > 100), 'crops start at the parenthesis, right of the Hangul name');
    assert.ok(consistent);
  });
});

describe('Korean licence class', () => {
  it('snaps a reading to the licence classes, one misread syllable at most', () => {
    assert.equal(licenceType('2중보통'), '2종보통');
    assert.equal(licenceType('1종 보동'), '1종보통');
    assert.equal(licenceType('1종대형'), '1종대형');
    assert.equal(licenceType('2종원동기'), '2종원동기');
    assert.equal(licenceType('3중보동'), '');
    assert.equal(licenceType('서울특별시'), '');
  });

  it('takes the class digit from a reader without Hangul when the Hangul reader turned it into a syllable', () => {
    assert.equal(licenceType('스종보통'), '');
    assert.equal(licenceType('스종보통', '1'), '1종보통');
    assert.equal(licenceType('스종보통', '7'), '');
  });
});

describe('Korean dates', () => {
  it('reads a renewal period whose "~" was not read', () => {
    assert.deepEqual(koreanDates('72026.01.012027.12.31'), ['2026-01-01', '2027-12-31']);
    assert.deepEqual(koreanDates('2031.01.01~2032.12.31'), ['2031-01-01', '2032-12-31']);
    assert.deepEqual(koreanDates('2015. 3. 5.'), ['2015-03-05']);
    assert.deepEqual(koreanDates('2015.3.52'), []);
  });
});

describe('Korean address numbers', () => {
  it('turns a digit the general recogniser did not see back into the syllable the address grammar puts there', () => {
    assert.equal(reconcileAddressDigits('103동 13023 (푸르지오아파트)', '1031302（）'), '103동 1302호 (푸르지오아파트)');
    assert.equal(reconcileAddressDigits('1033 1302호 (자이아파트)', '1031302'), '103동 1302호 (자이아파트)');
    // both readings agree: unchanged; a general reading with other digits: unchanged
    assert.equal(reconcileAddressDigits('118동 501호 (e편한세상)', '118501（）'), '118동 501호 (e편한세상)');
    assert.equal(reconcileAddressDigits('103동 13023', '1031309'), '103동 13023호');
    // the general reading lost a digit of a number that has its syllable: unchanged
    assert.equal(reconcileAddressDigits('116동 603호 (래미안아파트)', '11660'), '116동 603호 (래미안아파트)');
    assert.equal(reconcileAddressDigits('서울특별시 종로구 세종대로 209', ''), '서울특별시 종로구 세종대로 209');
  });

  it('gives a unit number after a building number its 호', () => {
    assert.equal(reconcileAddressDigits('115동 404 (래미안아파트)', '115404'), '115동 404호 (래미안아파트)');
    assert.equal(reconcileAddressDigits('115동 404', ''), '115동 404호');
    assert.equal(reconcileAddressDigits('테헤란로 404', ''), '테헤란로 404');
  });

  it('reads the licence address with the numbers checked and no space inside parentheses', async () => {
    const rows: PageLine[] = [
      { text: '11-09-665491-77', confidence: 0.99, x: 500, y: 80, w: 300, h: 38 },
      { text: '', confidence: 0, x: 460, y: 150, w: 100, h: 44 },
      { text: '901213-1449692', confidence: 0.99, x: 460, y: 215, w: 250, h: 34 },
      { text: '', confidence: 0, x: 460, y: 274, w: 375, h: 34 },
      { text: '1031302（）', confidence: 0.9, x: 460, y: 318, w: 330, h: 35 },
      { text: '2031.01.01~2032.12.31', confidence: 0.96, x: 330, y: 400, w: 520, h: 38 },
      { text: '2022.05.26', confidence: 0.99, x: 630, y: 540, w: 170, h: 40 },
    ];
    const hangul: Record<number, string> = { 150: '한영은', 274: '서울특별시 종로구 광교중앙로 28', 318: '103동 13023 ( e편한세상 )' };
    const page: PageText = {
      width: 860,
      height: 620,
      lines: rows.filter((l) => l.text),
      unread: rows.filter((l) => !l.text),
      mrz: null,
      async reread(region, script) {
        return { text: script === 'hangul' ? (hangul[Math.round(region.y)] ?? '') : '', confidence: 0.9 };
      },
    };
    const { fields } = await korDrivingLicence.extract(page, '01', 'KOR02001');
    assert.equal(fields.address, '서울특별시 종로구 광교중앙로 28 103동 1302호 (e편한세상)');
  });
});
