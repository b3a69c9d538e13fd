/** The HTML of the capture page: a shell, its configuration as a JSON data block, and the compiled script. */
import type { OpenFlow } from '../hosted/flow.js';
import type { LinkState } from '../hosted/flow.js';
import { BUILT_IN, builtInLanguage } from './browser/i18n.js';

/** What the browser script needs; personal data only where the page already showed it (resumed result page). */
export interface PageConfig {
  readonly lang: string | null;
  readonly texts: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly styleTexts: Readonly<Record<string, string>>;
  readonly colors: Readonly<Record<string, string>>;
  readonly radius: number | null;
  readonly pages: readonly string[];
  readonly done: readonly string[];
  readonly showAlbumIcon: boolean;
  readonly showOcrResult: boolean;
  readonly showGuidePage: boolean;
  readonly editOcrResult: boolean;
  readonly maxBytes: number;
  /** Every page read and the result page not confirmed yet (a reload): its fields, shown again. */
  readonly resume: { readonly fields: Record<string, string>; readonly backFields: Record<string, string> } | null;
}

export function pageConfig(open: OpenFlow, maxBytes: number): PageConfig {
  const o = open.options;
  return {
    lang: o.language.lang,
    texts: o.language.texts,
    styleTexts: o.style.texts,
    colors: o.style.colors,
    radius: o.style.radius,
    pages: o.pages,
    done: o.pages.filter((p) => open.progress.pages[p]?.subCode === '200'),
    showAlbumIcon: o.showAlbumIcon,
    showOcrResult: o.showOcrResult,
    showGuidePage: o.showGuidePage,
    editOcrResult: o.editOcrResult,
    maxBytes,
    resume:
      o.showOcrResult && o.pages.every((p) => open.progress.pages[p]?.subCode === '200')
        ? { fields: { ...(open.progress.pages['01']?.ocrIdInfo ?? {}) }, backFields: { ...(open.progress.pages['02']?.ocrIdInfo ?? {}) } }
        : null,
  };
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON inside a <script type="application/json"> block: nothing in it can close the block. */
const jsonBlock = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

const shell = (lang: string, title: string, body: string, head = ''): string => `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="../hosted/static/capture.css">
${head}</head>
<body>
${body}
</body>
</html>
`;

export function capturePage(config: PageConfig): string {
  const lang = config.lang ?? 'en';
  const title = config.styleTexts.title ?? config.texts[lang]?.title ?? BUILT_IN[builtInLanguage(lang)]!.title;
  return shell(
    lang,
    title,
    '<main id="app" aria-live="polite"><p class="status">…</p></main>\n<noscript><p class="status">JavaScript is required.</p></noscript>',
    `<script type="application/json" id="openidv-config">${jsonBlock(config)}</script>\n<script type="module" src="../hosted/static/capture.js"></script>\n`,
  );
}

/** Unknown, expired or used link: a plain page in the browser's language. */
export function linkErrorPage(state: LinkState, acceptLanguage: string): string {
  const lang = builtInLanguage(acceptLanguage.split(',')[0] ?? 'en');
  const t = BUILT_IN[lang]!;
  const message = state === 'expired' ? t.expired : state === 'used' ? t.used : t.expired;
  return shell(lang, t.title, `<main id="app"><section class="card"><h1>${escapeHtml(t.title)}</h1><p class="status error" id="link-state" data-state="${state}">${escapeHtml(message)}</p></section></main>`);
}
