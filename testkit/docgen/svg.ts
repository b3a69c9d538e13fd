/** SVG building blocks shared by the card layouts: text, security-print patterns, portrait placeholder. */
import type { Rng } from './rng.js';

export const FONT = {
  sansSC: 'Noto Sans CJK SC',
  serifSC: 'Noto Serif CJK SC',
  sansTC: 'Noto Sans CJK TC',
  serifTC: 'Noto Serif CJK TC',
  sansKR: 'Noto Sans CJK KR',
  serifKR: 'Noto Serif CJK KR',
  latin: 'Liberation Sans',
  serif: 'Liberation Serif',
  mono: 'DejaVu Sans Mono',
  ocrb: 'OCR B',
} as const;

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface TextStyle {
  readonly size: number;
  readonly font?: string;
  readonly fill?: string;
  readonly weight?: 'normal' | 'bold';
  readonly anchor?: 'start' | 'middle' | 'end';
  /** Extra space between characters, in px. */
  readonly spacing?: number;
}

export function text(x: number, y: number, s: string, st: TextStyle): string {
  const attrs = [
    `x="${x.toFixed(1)}"`,
    `y="${y.toFixed(1)}"`,
    `font-family="${st.font ?? FONT.sansSC}"`,
    `font-size="${st.size}"`,
    `fill="${st.fill ?? '#1a1a1a'}"`,
  ];
  if (st.weight === 'bold') attrs.push('font-weight="bold"');
  if (st.anchor && st.anchor !== 'start') attrs.push(`text-anchor="${st.anchor}"`);
  if (st.spacing) attrs.push(`letter-spacing="${st.spacing}"`);
  return `<text ${attrs.join(' ')}>${esc(s)}</text>`;
}

/** MRZ in OCR-B at a fixed pitch: each character placed on its own cell like the ICAO printing grid. */
export function mrzLine(x: number, y: number, line: string, pitch: number, size: number, fill = '#111'): string {
  const parts: string[] = [];
  for (let i = 0; i < line.length; i++) {
    parts.push(`<tspan x="${(x + i * pitch).toFixed(1)}">${esc(line[i]!)}</tspan>`);
  }
  return `<text y="${y.toFixed(1)}" font-family="${FONT.ocrb}" font-size="${size}" fill="${fill}">${parts.join('')}</text>`;
}

/** Rosette guilloche: superposed epitrochoid-like curves, the classic banknote/ID pattern. */
export function rosette(rng: Rng, cx: number, cy: number, r: number, colour: string, opacity = 0.35, curves = 6): string {
  const out: string[] = [];
  const k = rng.int(7, 17);
  for (let c = 0; c < curves; c++) {
    const a = r * (0.55 + 0.45 * (c / curves));
    const b = r * rng.range(0.12, 0.3);
    const phase = rng.range(0, Math.PI * 2);
    const pts: string[] = [];
    const n = 360;
    for (let i = 0; i <= n; i++) {
      const t = (i / n) * Math.PI * 2;
      const rr = a + b * Math.sin(k * t + phase);
      pts.push(`${(cx + rr * Math.cos(t)).toFixed(1)},${(cy + rr * Math.sin(t)).toFixed(1)}`);
    }
    out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${colour}" stroke-width="1" stroke-opacity="${opacity}"/>`);
  }
  return out.join('');
}

/** Wavy horizontal lines across a region (fine-line background print). */
export function waves(rng: Rng, x: number, y: number, w: number, h: number, colour: string, step = 9, opacity = 0.25): string {
  const out: string[] = [];
  const amp = rng.range(3, 8);
  const period = rng.range(60, 140);
  for (let yy = y; yy < y + h; yy += step) {
    const ph = rng.range(0, 6.28);
    const pts: string[] = [];
    for (let xx = x; xx <= x + w; xx += 12) pts.push(`${xx},${(yy + amp * Math.sin((xx / period) * 6.28 + ph + yy / 40)).toFixed(1)}`);
    out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${colour}" stroke-width="0.8" stroke-opacity="${opacity}"/>`);
  }
  return out.join('');
}

/** Background: base colour with soft tinted gradients. */
export function tint(w: number, h: number, base: string, a: string, b: string, id: string): string {
  return (
    `<defs><linearGradient id="${id}" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${a}"/>` +
    `<stop offset="0.5" stop-color="${base}"/><stop offset="1" stop-color="${b}"/></linearGradient></defs>` +
    `<rect width="${w}" height="${h}" fill="url(#${id})"/>`
  );
}

/** A drawn face placeholder (head, hair, shoulders) inside a portrait box. */
export function portrait(rng: Rng, x: number, y: number, w: number, h: number, opts: { bg?: string; mono?: boolean } = {}): string {
  const skin = opts.mono ? '#9a9a9a' : rng.pick(['#e8c4a0', '#d9a877', '#f0d0b0', '#c68c5c', '#e0b890']);
  const hair = opts.mono ? '#3a3a3a' : rng.pick(['#1c1410', '#2b1d14', '#3b2a1a', '#111111', '#5a4030']);
  const shirt = opts.mono ? '#555' : rng.pick(['#1f2f4f', '#2d2d2d', '#4a5560', '#f2f2f2', '#5a2a2a']);
  const cx = x + w / 2;
  const headW = w * rng.range(0.27, 0.33);
  const headH = headW * rng.range(1.25, 1.4);
  const cy = y + h * 0.42;
  const id = `p${Math.floor(rng.next() * 1e9)}`;
  return [
    `<defs><clipPath id="${id}"><rect x="${x}" y="${y}" width="${w}" height="${h}"/></clipPath></defs>`,
    `<g clip-path="url(#${id})">`,
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${opts.bg ?? '#e9eef2'}"/>`,
    // shoulders
    `<path d="M ${x - w * 0.05} ${y + h} C ${x + w * 0.05} ${cy + headH * 0.75}, ${cx - headW * 0.9} ${cy + headH * 0.62}, ${cx} ${cy + headH * 0.62} C ${cx + headW * 0.9} ${cy + headH * 0.62}, ${x + w * 0.95} ${cy + headH * 0.75}, ${x + w * 1.05} ${y + h} Z" fill="${shirt}"/>`,
    // neck
    `<rect x="${cx - headW * 0.28}" y="${cy + headH * 0.3}" width="${headW * 0.56}" height="${headH * 0.4}" fill="${skin}"/>`,
    // hair back, head, hair top
    `<ellipse cx="${cx}" cy="${cy - headH * 0.05}" rx="${headW * 0.58}" ry="${headH * 0.58}" fill="${hair}"/>`,
    `<ellipse cx="${cx}" cy="${cy}" rx="${headW * 0.5}" ry="${headH * 0.5}" fill="${skin}"/>`,
    `<path d="M ${cx - headW * 0.55} ${cy - headH * 0.05} Q ${cx - headW * 0.3} ${cy - headH * 0.75} ${cx + headW * 0.2} ${cy - headH * 0.55} Q ${cx + headW * 0.55} ${cy - headH * 0.45} ${cx + headW * 0.55} ${cy - headH * 0.05} Q ${cx + headW * 0.4} ${cy - headH * 0.35} ${cx} ${cy - headH * 0.33} Q ${cx - headW * 0.4} ${cy - headH * 0.3} ${cx - headW * 0.55} ${cy - headH * 0.05} Z" fill="${hair}"/>`,
    // eyes, brows, nose, mouth
    `<ellipse cx="${cx - headW * 0.19}" cy="${cy - headH * 0.02}" rx="${headW * 0.07}" ry="${headH * 0.03}" fill="#222"/>`,
    `<ellipse cx="${cx + headW * 0.19}" cy="${cy - headH * 0.02}" rx="${headW * 0.07}" ry="${headH * 0.03}" fill="#222"/>`,
    `<path d="M ${cx - headW * 0.3} ${cy - headH * 0.1} L ${cx - headW * 0.1} ${cy - headH * 0.11} M ${cx + headW * 0.1} ${cy - headH * 0.11} L ${cx + headW * 0.3} ${cy - headH * 0.1}" stroke="${hair}" stroke-width="${headW * 0.04}"/>`,
    `<path d="M ${cx} ${cy + headH * 0.02} L ${cx - headW * 0.06} ${cy + headH * 0.15} L ${cx + headW * 0.04} ${cy + headH * 0.16}" fill="none" stroke="#8a6048" stroke-width="${headW * 0.025}"/>`,
    `<path d="M ${cx - headW * 0.15} ${cy + headH * 0.26} Q ${cx} ${cy + headH * 0.31} ${cx + headW * 0.15} ${cy + headH * 0.26}" fill="none" stroke="#9a4a40" stroke-width="${headW * 0.04}"/>`,
    `</g>`,
  ].join('');
}

/** A round state emblem stand-in: rings, rays and stars (not a reproduction of any real emblem). */
export function emblem(cx: number, cy: number, r: number, colour: string, accent: string): string {
  const out = [`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${colour}"/>`, `<circle cx="${cx}" cy="${cy}" r="${r * 0.82}" fill="none" stroke="${accent}" stroke-width="${r * 0.06}"/>`];
  for (let i = 0; i < 24; i++) {
    const t = (i / 24) * Math.PI * 2;
    out.push(`<line x1="${cx + r * 0.3 * Math.cos(t)}" y1="${cy + r * 0.3 * Math.sin(t)}" x2="${cx + r * 0.7 * Math.cos(t)}" y2="${cy + r * 0.7 * Math.sin(t)}" stroke="${accent}" stroke-width="${r * 0.03}"/>`);
  }
  out.push(star(cx, cy, r * 0.28, accent));
  return out.join('');
}

export function star(cx: number, cy: number, r: number, fill: string): string {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0 ? r : r * 0.4;
    const t = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push(`${(cx + rr * Math.cos(t)).toFixed(1)},${(cy + rr * Math.sin(t)).toFixed(1)}`);
  }
  return `<polygon points="${pts.join(' ')}" fill="${fill}"/>`;
}

/** Card outline: rounded rectangle as a clip path so the PNG is transparent outside the card. */
export function svgDoc(w: number, h: number, radius: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<defs><clipPath id="card"><rect width="${w}" height="${h}" rx="${radius}" ry="${radius}"/></clipPath></defs>` +
    `<g clip-path="url(#card)">${body}</g></svg>`
  );
}
