import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { korIdCard, licenceType, readsAs, voteHanja } from '../../src/documents/kor-cards.js';
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
});
