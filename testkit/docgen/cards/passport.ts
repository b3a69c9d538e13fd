/**
 * ICAO TD3 passport data pages (ID-3). Three designs: GLB03001 (older page, photo left, bilingual
 * English/French labels), GLB03002 (e-passport with chip mark and ghost image), KOR03001 (Korean
 * labels with the Hangul name line). All carry a two-line OCR-B MRZ on the ICAO grid.
 */
import { FONT, emblem, mrzLine, portrait, rosette, svgDoc, text, tint, waves } from '../svg.js';
import { ID3, type CardRenderer } from './types.js';

interface Row {
  readonly label: string;
  readonly value: string;
  readonly x: number;
  readonly y: number;
  readonly font?: string;
  /** Value size when the default (33) would run off the page (long authority names). */
  readonly size?: number;
}

export function passportRenderer(design: 'GLB03001' | 'GLB03002' | 'KOR03001'): CardRenderer {
  return (rec, _page, rng) => {
    const { width: W, height: H, radius } = ID3;
    const t = rec.truth;
    const v = rec.view;
    const palette =
      design === 'GLB03001'
        ? { base: '#f3efe2', a: '#e8e0c8', b: '#e9d9d6', line: '#b89d72', label: '#5a4a35', head: '#6b2430' }
        : design === 'GLB03002'
          ? { base: '#eef2f5', a: '#d9e6ef', b: '#e6e0f0', line: '#7d9bbf', label: '#3a4f6b', head: '#1f3a5f' }
          : { base: '#eef4ef', a: '#dcebe2', b: '#e9e4f1', line: '#86a898', label: '#3c5a4a', head: '#1c3b6e' };
    const parts: string[] = [tint(W, H, palette.base, palette.a, palette.b, 'bg')];
    parts.push(waves(rng, 0, 0, W, H * 0.8, palette.line, 10, 0.2));
    parts.push(rosette(rng, W * 0.62, H * 0.42, 300, palette.line, 0.25, 8));
    const label = (x: number, y: number, s: string): string => text(x, y, s, { size: 19, fill: palette.label, font: design === 'KOR03001' ? FONT.sansKR : FONT.latin });
    const value = (x: number, y: number, s: string, font: string = FONT.latin, size = 33): string => text(x, y, s, { size, fill: '#111', font, weight: 'bold' });
    const rows: Row[] = [];
    let photo: [number, number, number, number];
    if (design === 'GLB03001') {
      parts.push(text(W / 2, 64, v.stateName!, { size: 30, font: FONT.serif, weight: 'bold', fill: palette.head, anchor: 'middle' }));
      photo = [62, 150, 380, 500];
      const x = 490;
      rows.push(
        { label: 'Type / Type', value: 'P', x, y: 140 },
        { label: 'Code / Code', value: t.countryCode!, x: x + 200, y: 140 },
        { label: 'Passport No. / No. du passeport', value: t.passportNo!, x: x + 520, y: 140 },
        { label: 'Surname / Nom', value: t.surname!, x, y: 225 },
        { label: 'Given names / Prénoms', value: t.givenname!, x, y: 310 },
        { label: 'Nationality / Nationalité', value: v.nationalityPrinted!, x, y: 395 },
        { label: 'Date of birth / Date de naissance', value: v.birthPrinted!, x, y: 480 },
        { label: 'Sex / Sexe', value: t.sex!, x: x + 520, y: 480 },
        { label: 'Place of birth / Lieu de naissance', value: v.placeOfBirth!, x, y: 565 },
        { label: 'Date of issue / Date de délivrance', value: v.issuePrinted!, x, y: 650 },
        { label: 'Authority / Autorité', value: v.authority!, x: x + 370, y: 650, size: 24 },
        { label: "Date of expiry / Date d'expiration", value: v.expiryPrinted!, x, y: 735 },
      );
      parts.push(text(W - 60, 64, 'PASSPORT', { size: 26, font: FONT.serif, fill: palette.head, anchor: 'end' }));
    } else if (design === 'GLB03002') {
      parts.push(`<rect x="0" y="0" width="${W}" height="92" fill="${palette.head}" opacity="0.9"/>`);
      parts.push(text(50, 60, v.stateName!, { size: 28, font: FONT.latin, weight: 'bold', fill: '#fff' }));
      parts.push(text(W - 50, 60, 'PASSPORT', { size: 32, font: FONT.latin, weight: 'bold', fill: '#fff', anchor: 'end' }));
      photo = [70, 170, 360, 470];
      const x = 480;
      rows.push(
        { label: 'Type', value: 'P', x, y: 160 },
        { label: 'Issuing State', value: t.countryCode!, x: x + 140, y: 160 },
        { label: 'Passport No.', value: t.passportNo!, x: x + 420, y: 160 },
        { label: 'Surname', value: t.surname!, x, y: 245 },
        { label: 'Given Names', value: t.givenname!, x, y: 330 },
        { label: 'Nationality', value: v.nationalityPrinted!, x, y: 415 },
        { label: 'Date of Birth', value: v.birthPrinted!, x, y: 500 },
        { label: 'Sex', value: t.sex!, x: x + 420, y: 500 },
        { label: 'Place of Birth', value: v.placeOfBirth!, x: x + 560, y: 500 },
        { label: 'Date of Issue', value: v.issuePrinted!, x, y: 585 },
        { label: 'Date of Expiry', value: v.expiryPrinted!, x, y: 670 },
        { label: 'Authority', value: v.authority!, x: x + 420, y: 585, size: 24 },
      );
      // chip mark and ghost portrait
      parts.push(`<g transform="translate(${W - 170},${700})" fill="none" stroke="#333" stroke-width="4"><rect x="0" y="0" width="90" height="56" rx="8"/><circle cx="45" cy="28" r="16"/><line x1="0" y1="28" x2="29" y2="28"/><line x1="61" y1="28" x2="90" y2="28"/></g>`);
      parts.push(`<g opacity="0.22">${portrait(rng, W - 300, 520, 130, 165, { mono: true, bg: 'none' })}</g>`);
    } else {
      parts.push(text(60, 70, '대한민국', { size: 34, font: FONT.sansKR, weight: 'bold', fill: palette.head }));
      parts.push(text(230, 70, 'REPUBLIC OF KOREA', { size: 26, font: FONT.latin, weight: 'bold', fill: palette.head }));
      parts.push(text(W - 60, 70, '여권 PASSPORT', { size: 30, font: FONT.sansKR, fill: palette.head, anchor: 'end' }));
      photo = [62, 150, 370, 480];
      const x = 480;
      rows.push(
        { label: '종류/Type', value: 'PM', x, y: 150 },
        { label: '발행국/Issuing country', value: 'KOR', x: x + 160, y: 150 },
        { label: '여권번호/Passport No.', value: t.passportNo!, x: x + 480, y: 150 },
        { label: '성/Surname', value: t.surname!, x, y: 235 },
        { label: '이름/Given names', value: t.givenname!, x, y: 320 },
        { label: '한글성명', value: t.koreanName!, x: x + 480, y: 320, font: FONT.sansKR },
        { label: '국적/Nationality', value: v.nationalityPrinted!, x, y: 405 },
        { label: '생년월일/Date of birth', value: v.birthPrinted!, x, y: 490 },
        { label: '성별/Sex', value: t.sex!, x: x + 420, y: 490 },
        { label: '주민등록번호/Personal No.', value: v.personalNo!, x: x + 560, y: 490 },
        { label: '발급일/Date of issue', value: v.issuePrinted!, x, y: 575 },
        { label: '기간만료일/Date of expiry', value: v.expiryPrinted!, x, y: 660 },
        { label: '발행관청/Authority', value: v.authority!, x: x + 420, y: 575, size: 24 },
      );
      parts.push(`<g opacity="0.35">${emblem(W - 150, 690, 60, '#c9d9ea', '#5a7aa8')}</g>`);
    }
    parts.push(portrait(rng, photo[0], photo[1], photo[2], photo[3]));
    for (const r of rows) parts.push(label(r.x, r.y, r.label), value(r.x, r.y + 40, r.value, r.font, r.size));
    // machine-readable zone: white band, two lines of 44 characters at 10 cpi
    const mrz = rec.lines.mrz!;
    parts.push(`<rect x="0" y="${H - 215}" width="${W}" height="215" fill="#fbfbf8" opacity="0.85"/>`);
    parts.push(mrzLine(66, H - 128, mrz[0]!, 30.5, 44));
    parts.push(mrzLine(66, H - 50, mrz[1]!, 30.5, 44));
    return { width: W, height: H, svg: svgDoc(W, H, radius, parts.join('')) };
  };
}
