import fs from 'node:fs';
import sharp from 'sharp';

export interface FakeVideo {
  readonly width: number;
  readonly height: number;
  /** RGB of the frame, for checks in Node. */
  readonly rgb: Buffer;
}

/**
 * A one-frame Y4M clip (Chromium's fake camera loops it) showing `photo` on a dark desk, in portrait as a
 * phone's back camera delivers it: the document fills `share` of the width, centred where the page's card frame is.
 */
export async function writeFakeVideo(photo: string, file: string, width = 1080, height = 1440, share = 0.9): Promise<FakeVideo> {
  const docWidth = Math.round(width * share);
  // A camera does not see a scan's pure white paper: exposure a little under full scale, as phones deliver.
  const doc = await sharp(photo).resize({ width: docWidth }).linear(0.85, 12).toBuffer({ resolveWithObject: true });
  const rgb = await sharp({ create: { width, height, channels: 3, background: '#3b3f45' } })
    .composite([{ input: doc.data, left: Math.round((width - docWidth) / 2), top: Math.round((height - doc.info.height) / 2) }])
    .removeAlpha()
    .raw()
    .toBuffer();
  // BT.601 limited range (Y 16–235, Cb/Cr 16–240) as Chromium reads Y4M, 4:2:0
  const y = Buffer.alloc(width * height);
  const cw = width / 2;
  const ch = height / 2;
  const u = Buffer.alloc(cw * ch);
  const v = Buffer.alloc(cw * ch);
  const clamp = (n: number) => Math.max(0, Math.min(255, Math.round(n)));
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const p = (j * width + i) * 3;
      y[j * width + i] = clamp(16 + (219 / 255) * (0.299 * rgb[p]! + 0.587 * rgb[p + 1]! + 0.114 * rgb[p + 2]!));
    }
  }
  for (let j = 0; j < ch; j++) {
    for (let i = 0; i < cw; i++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const p = ((2 * j + dy) * width + 2 * i + dx) * 3;
        r += rgb[p]!;
        g += rgb[p + 1]!;
        b += rgb[p + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      u[j * cw + i] = clamp(128 + (224 / 255) * (-0.168736 * r - 0.331264 * g + 0.5 * b));
      v[j * cw + i] = clamp(128 + (224 / 255) * (0.5 * r - 0.418688 * g - 0.081312 * b));
    }
  }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F15:1 Ip A1:1 C420mpeg2 XCOLORRANGE=LIMITED\n`);
  fs.writeFileSync(file, Buffer.concat([header, Buffer.from('FRAME\n'), y, u, v]));
  return { width, height, rgb };
}

/** A drawn specimen card (no real document) held too far from the camera: for the camera-page screenshot. */
export async function writeSpecimenVideo(file: string, width = 1080, height = 1440): Promise<void> {
  const cardW = Math.round(width * 0.4);
  const cardH = Math.round(cardW / 1.586);
  const x = (width - cardW) / 2;
  const y = (height - cardH) / 2;
  const lines = Array.from({ length: 5 }, (_, i) => `<rect x="${x + cardW * 0.38}" y="${y + cardH * (0.18 + i * 0.12)}" width="${cardW * (0.5 - (i % 2) * 0.15)}" height="${cardH * 0.05}" fill="#5b6b7b"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#3b3f45"/>
    <rect x="${x}" y="${y}" width="${cardW}" height="${cardH}" rx="24" fill="#e8eef3"/>
    <rect x="${x + cardW * 0.06}" y="${y + cardH * 0.18}" width="${cardW * 0.26}" height="${cardH * 0.55}" rx="10" fill="#9fb3c8"/>
    <text x="${x + cardW * 0.06}" y="${y + cardH * 0.12}" font-family="sans-serif" font-size="${cardH * 0.08}" fill="#34495e">SPECIMEN</text>
    ${lines}
    <rect x="${x + cardW * 0.06}" y="${y + cardH * 0.82}" width="${cardW * 0.88}" height="${cardH * 0.05}" fill="#5b6b7b"/>
  </svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  const path = `${file}.png`;
  fs.writeFileSync(path, png);
  await writeFakeVideo(path, file, width, height, 1);
  fs.rmSync(path);
}
