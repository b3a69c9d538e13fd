/**
 * Hong Kong identity cards. HKG01001 (2003 smart card): text left, portrait right, number under the
 * portrait. HKG01002 (2018 card): portrait left with a ghost image right, wave-blue design, text in
 * the middle. Both print the Chinese name, English name, telecodes, date of birth, sex, symbols,
 * first-registration (mm-yy) and current issue date (dd-mm-yy), and the number with its check character.
 */
import { FONT, portrait, rosette, svgDoc, text, tint, waves } from '../svg.js';
import { ID1, type CardRenderer } from './types.js';

export function hkRenderer(edition: 'HKG01001' | 'HKG01002'): CardRenderer {
  return (rec, _page, rng) => {
    const { width: W, height: H, radius } = ID1;
    const t = rec.truth;
    const v = rec.view;
    const permanent = t.isPermanent === 'Y';
    const titleZh = permanent ? '香港永久性居民身份證' : '香港居民身份證';
    const titleEn = permanent ? 'HONG KONG PERMANENT IDENTITY CARD' : 'HONG KONG IDENTITY CARD';
    const small = (x: number, y: number, s: string, fill = '#3d4f6a'): string => text(x, y, s, { size: 19, font: FONT.sansTC, fill });
    const val = (x: number, y: number, s: string, size = 30, font: string = FONT.latin): string => text(x, y, s, { size, font, fill: '#111' });
    const parts: string[] = [];
    if (edition === 'HKG01001') {
      parts.push(tint(W, H, '#eef3ee', '#f2dfe6', '#dce9f4', 'bg'));
      parts.push(waves(rng, 0, 0, W, H, '#9ab0c8', 12, 0.22));
      parts.push(rosette(rng, W * 0.3, H * 0.55, 200, '#c89aa6', 0.2, 6));
      parts.push(text(40, 62, titleZh, { size: 34, font: FONT.serifTC, fill: '#3a3a6a', weight: 'bold' }));
      parts.push(text(40, 98, titleEn, { size: 22, font: FONT.latin, fill: '#3a3a6a', weight: 'bold' }));
      let y = 165;
      if (t.name) {
        parts.push(val(40, y, t.name, 40, FONT.sansTC));
        y += 52;
      }
      parts.push(val(40, y, t.englishName!, 32));
      y += 46;
      if (t.nameCode) parts.push(val(40, y, t.nameCode, 30));
      parts.push(small(40, 320, '出生日期 Date of Birth'), val(40, 360, v.birthPrinted!, 32));
      parts.push(small(360, 320, '性別 Sex'), val(360, 360, t.sex!, 32));
      parts.push(val(40, 430, t.symbols!, 36));
      parts.push(small(40, 475, '簽發日期 Date of Issue'));
      parts.push(val(40, 515, v.firstPrinted!, 30), val(210, 515, v.currentPrinted!, 30));
      parts.push(portrait(rng, 680, 130, 280, 350, { bg: '#e9e4e8' }));
      parts.push(text(972, 590, t.idNumber!, { size: 40, font: FONT.latin, fill: '#111', anchor: 'end', weight: 'bold' }));
    } else {
      parts.push(tint(W, H, '#eaf1f8', '#d3e3f2', '#efe7f3', 'bg'));
      parts.push(waves(rng, 0, 0, W, H, '#6d92c4', 8, 0.2));
      parts.push(rosette(rng, W * 0.72, H * 0.5, 230, '#7c8fc9', 0.22, 8));
      parts.push(text(W - 40, 60, titleZh, { size: 32, font: FONT.sansTC, fill: '#1f3b73', weight: 'bold', anchor: 'end' }));
      parts.push(text(W - 40, 94, titleEn, { size: 21, font: FONT.latin, fill: '#1f3b73', weight: 'bold', anchor: 'end' }));
      parts.push(portrait(rng, 40, 120, 270, 340, { bg: '#e3e9f0' }));
      let y = 160;
      const x = 345;
      parts.push(val(x, y, t.englishName!, 32));
      y += 52;
      if (t.name) {
        parts.push(val(x, y, t.name, 40, FONT.sansTC));
        y += 46;
      }
      if (t.nameCode) parts.push(val(x, y, t.nameCode, 28));
      parts.push(small(x, 318, '出生日期 Date of Birth'), val(x, 356, v.birthPrinted!, 30));
      parts.push(small(x + 300, 318, '性別 Sex'), val(x + 300, 356, t.sex!, 30));
      parts.push(small(x, 400, '符號 Symbols'), val(x, 440, t.symbols!, 32));
      parts.push(small(x, 484, '首次登記 / 簽發日期 Date of Issue'), val(x, 522, `${v.firstPrinted!}  ${v.currentPrinted!}`, 30));
      parts.push(`<g opacity="0.28">${portrait(rng, W - 190, 330, 130, 165, { mono: true, bg: 'none' })}</g>`);
      parts.push(text(40, 590, t.idNumber!, { size: 40, font: FONT.latin, fill: '#111', weight: 'bold' }));
    }
    return { width: W, height: H, svg: svgDoc(W, H, radius, parts.join('')) };
  };
}
