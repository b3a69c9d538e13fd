/**
 * The capture page behind TransactionUrl. Plain DOM, no framework: guide → camera (or file fallback)
 * for each page → OCR result (editable) → done, then ReturnUrl or a message to the parent frame.
 * The page only talks to its own origin (CSP connect-src 'self').
 */
import { BUILT_IN, FIELD_LABELS, builtInLanguage, type TextKey, type Texts } from './i18n.js';
import { assessFrame } from './quality.js';

interface PageConfig {
  lang: string | null;
  texts: Record<string, Partial<Texts>>;
  styleTexts: Partial<Texts>;
  colors: Record<string, string>;
  radius: number | null;
  pages: string[];
  done: string[];
  showAlbumIcon: boolean;
  showOcrResult: boolean;
  showGuidePage: boolean;
  editOcrResult: boolean;
  maxBytes: number;
  resume: { fields: Record<string, string>; backFields: Record<string, string> } | null;
}

type Answer =
  | { next: 'retake'; subCode: string; attemptsLeft: number }
  | { next: 'page'; page: string }
  | { next: 'result'; fields: Record<string, string>; backFields: Record<string, string> }
  | { next: 'done'; transactionId: string; redirect: string | null; passed: string; subCode: string };

const config = JSON.parse(document.getElementById('openidv-config')!.textContent ?? '{}') as PageConfig;
const lang = config.lang ?? navigator.language ?? 'en';
const base = BUILT_IN[lang] ?? BUILT_IN[builtInLanguage(lang)]!;
const texts: Texts = { ...base, ...(config.texts[lang] ?? {}), ...config.styleTexts };
const labels = FIELD_LABELS[builtInLanguage(lang)] ?? FIELD_LABELS.en!;
const t = (key: TextKey): string => texts[key];
const api = location.pathname.replace(/\/+$/, '');
const app = document.getElementById('app')!;
const AUTO_CAPTURE_FRAMES = 4;
const ANALYSIS_INTERVAL_MS = 150;
const CAMERA_TIMEOUT_MS = 8000;
/** A stream that shows no frame this long (the "black camera screen") gives way to the file input. */
const FIRST_FRAME_TIMEOUT_MS = 6000;

document.documentElement.lang = lang;
document.title = t('title');
for (const [key, value] of Object.entries(config.colors)) document.documentElement.style.setProperty(`--${key}`, value);
if (config.radius !== null) document.documentElement.style.setProperty('--radius', `${config.radius}px`);

/** Small element builder: text goes through textContent only. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  children: Array<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined) continue;
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function show(step: string, ...children: Node[]): void {
  stopCamera();
  app.dataset.step = step;
  app.replaceChildren(...children);
}

function button(text: string, onClick: () => void, cls = '', id = ''): HTMLButtonElement {
  const b = el('button', { type: 'button', class: cls, id: id || undefined, text });
  b.addEventListener('click', onClick);
  return b;
}

// ---- guide ----------------------------------------------------------------------------------------

function guide(): void {
  show(
    'guide',
    el('section', { class: 'card' }, [
      el('h1', { text: t('guideTitle') }),
      el('div', { class: 'illustration', 'aria-hidden': 'true' }),
      el('ol', { class: 'tips' }, [el('li', { text: t('guideTip1') }), el('li', { text: t('guideTip2') }), el('li', { text: t('guideTip3') })]),
      el('div', { class: 'actions' }, [button(t('start'), () => void capture(nextPage()), '', 'start')]),
    ]),
  );
}

// ---- camera ---------------------------------------------------------------------------------------

let stream: MediaStream | null = null;
let loop: number | null = null;

function stopCamera(): void {
  if (loop !== null) clearInterval(loop);
  loop = null;
  stream?.getTracks().forEach((track) => track.stop());
  stream = null;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

async function openCamera(): Promise<MediaStream | null> {
  if (!navigator.mediaDevices?.getUserMedia) return null;
  try {
    return await withTimeout(
      navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } },
      }),
      CAMERA_TIMEOUT_MS,
    );
  } catch {
    return null; // refused, absent, busy or hanging: the file input takes over
  }
}

function fileInput(id: string, withCapture: boolean, page: string): HTMLInputElement {
  const input = el('input', { type: 'file', accept: 'image/jpeg,image/png,image/*', class: 'file', id });
  if (withCapture) input.setAttribute('capture', 'environment');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void submit(page, file);
  });
  return input;
}

const prompt = (page: string): string => (page === '02' ? t('backPrompt') : t('frontPrompt'));

async function capture(page: string): Promise<void> {
  show('starting', el('div', { class: 'spinner' }));
  const media = await openCamera();
  if (!media) return fallback(page);
  stream = media;
  const video = el('video', { autoplay: '', muted: '', playsinline: '' });
  video.muted = true;
  video.srcObject = media;
  const frame = el('div', { class: 'frame' });
  const hint = el('p', { class: 'hint', id: 'hint', text: '' });
  const album = config.showAlbumIcon ? fileInput('album-input', false, page) : null;
  const actions = el('div', { class: 'actions' }, [button('', () => void shoot(), 'shutter', 'shutter')]);
  actions.firstElementChild!.setAttribute('aria-label', t('capture'));
  if (album) actions.append(album, button(t('album'), () => album.click(), 'secondary', 'album'));
  const view = el('section', { class: 'card' }, [
    el('div', { class: 'camera' }, [video, frame, el('p', { class: 'prompt', text: prompt(page) }), hint]),
    actions,
  ]);
  app.dataset.step = 'camera';
  app.replaceChildren(view);
  try {
    await video.play();
  } catch {
    // autoplay of a muted inline video is allowed everywhere; a failure leaves the shutter and album
  }

  let goodFrames = 0;
  let shot = false;
  const opened = Date.now();
  // A camera taken away mid-way (another app, unplugged) ends its track: continue with the file input.
  media.getVideoTracks()[0]?.addEventListener('ended', () => {
    if (!shot && stream === media) fallback(page);
  });
  const sample = document.createElement('canvas');
  const ctx = sample.getContext('2d', { willReadFrequently: true })!;

  const shoot = async () => {
    if (shot || !video.videoWidth) return;
    shot = true;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')!.drawImage(video, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
    if (blob) void submit(page, blob);
    else shot = false;
  };

  loop = window.setInterval(() => {
    if (shot) return;
    if (!video.videoWidth) {
      if (Date.now() - opened > FIRST_FRAME_TIMEOUT_MS) fallback(page);
      return;
    }
    const r = frameRect(video);
    sample.width = 320;
    sample.height = Math.max(1, Math.round((320 * r.h) / r.w));
    ctx.drawImage(video, r.x, r.y, r.w, r.h, 0, 0, sample.width, sample.height);
    const q = assessFrame(ctx.getImageData(0, 0, sample.width, sample.height).data, sample.width, sample.height);
    // Coarse before fine: light, distance, then glare and sharpness (measured on a document that fills the frame).
    const message = q.dark ? t('hintDark') : q.tooFar ? t('hintTooFar') : q.glare ? t('hintGlare') : q.blurry ? t('hintBlurry') : t('hintHold');
    hint.textContent = message;
    hint.dataset.quality = q.good ? 'good' : q.dark ? 'dark' : q.tooFar ? 'far' : q.glare ? 'glare' : 'blurry';
    frame.classList.toggle('good', q.good);
    goodFrames = q.good ? goodFrames + 1 : 0;
    if (goodFrames >= AUTO_CAPTURE_FRAMES) void shoot();
  }, ANALYSIS_INTERVAL_MS);
}

/** The card frame in video pixels: the overlay is centred, 86% of the shown width, ID-1 aspect ratio. */
function frameRect(video: HTMLVideoElement): { x: number; y: number; w: number; h: number } {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  const box = video.getBoundingClientRect();
  // object-fit: cover — the part of the video that is visible
  const scale = Math.max(box.width / vw, box.height / vh);
  const visibleW = box.width / scale;
  const w = visibleW * 0.86;
  const h = Math.min(vh, w / 1.586);
  return { x: (vw - w) / 2, y: (vh - h) / 2, w, h };
}

function fallback(page: string): void {
  const camera = fileInput('file-input', true, page);
  const album = fileInput('album-input', false, page);
  const actions = el('div', { class: 'actions' }, [camera, button(t('upload'), () => camera.click(), '', 'upload')]);
  if (config.showAlbumIcon) actions.append(album, button(t('album'), () => album.click(), 'secondary', 'album'));
  show(
    'fallback',
    el('section', { class: 'card' }, [
      el('h1', { text: prompt(page) }),
      el('div', { class: 'illustration', 'aria-hidden': 'true' }),
      el('p', { class: 'status', id: 'no-camera', text: t('noCamera') }),
      actions,
    ]),
  );
}

// ---- upload ---------------------------------------------------------------------------------------

/** JPEG/PNG under the limit go as they are; anything else is re-encoded (and scaled) in the browser. */
async function prepare(file: Blob): Promise<Blob | null> {
  if ((file.type === 'image/jpeg' || file.type === 'image/png') && file.size <= config.maxBytes) return file;
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, 2400 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
    return blob && blob.size <= config.maxBytes ? blob : null;
  } catch {
    return null;
  }
}

async function post(path: string, body: Blob | string, type: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${api}${path}`, { method: 'POST', body, headers: { 'content-type': type }, credentials: 'omit', cache: 'no-store' });
  let json: Record<string, unknown> = {};
  try {
    json = (await res.json()) as Record<string, unknown>;
  } catch {
    // an answer without JSON is handled by its status
  }
  return { status: res.status, json };
}

async function submit(page: string, file: Blob): Promise<void> {
  show('processing', el('section', { class: 'card' }, [el('div', { class: 'spinner' }), el('p', { class: 'status', text: t('processing') })]));
  const image = await prepare(file);
  if (!image) return problem(t('tooLarge'), page);
  let res;
  try {
    res = await post(`/pages/${page}`, image, image.type);
  } catch {
    return problem(t('error'), page);
  }
  if (res.status === 410 || res.status === 404) return linkGone(String(res.json.error));
  if (res.status === 415 || res.json.Code === 'ToolargeImage') return problem(t('tooLarge'), page);
  if (res.status !== 200) return problem(t('error'), page);
  handle(res.json as unknown as Answer, page);
}

function handle(answer: Answer, page: string): void {
  if (answer.next === 'retake') {
    const key = (`retry${answer.subCode}` as TextKey) in texts ? (`retry${answer.subCode}` as TextKey) : 'retry211';
    return problem(t(key), page, answer.subCode);
  }
  if (answer.next === 'page') return void capture(answer.page);
  if (answer.next === 'result') return result(answer.fields, answer.backFields);
  finish(answer);
}

function problem(message: string, page: string, subCode = ''): void {
  show(
    'retake',
    el('section', { class: 'card' }, [
      el('h1', { text: t('title') }),
      el('p', { class: 'status error', id: 'problem', 'data-sub-code': subCode, text: message }),
      el('div', { class: 'actions' }, [button(t('retake'), () => void capture(page), '', 'retake')]),
    ]),
  );
}

function linkGone(state: string): void {
  show('gone', el('section', { class: 'card' }, [el('h1', { text: t('title') }), el('p', { class: 'status error', id: 'link-state', 'data-state': state, text: state === 'used' ? t('used') : t('expired') })]));
}

// ---- result ---------------------------------------------------------------------------------------

function result(fields: Record<string, string>, backFields: Record<string, string>): void {
  const inputs: HTMLInputElement[] = [];
  const row = (key: string, value: string, editable: boolean) => {
    const input = el('input', { name: key, value, autocomplete: 'off', spellcheck: 'false' });
    input.value = value;
    if (!editable) input.readOnly = true;
    if (editable) inputs.push(input);
    return el('label', {}, [el('span', { text: labels[key] ?? key }), input]);
  };
  const list = el('div', { class: 'fields', id: 'fields' }, Object.entries(fields).map(([k, v]) => row(k, v, config.editOcrResult)));
  for (const [k, v] of Object.entries(backFields)) list.append(row(k, v, false));
  const confirm = button(t('confirm'), () => void send(), '', 'confirm');
  const children: Node[] = [el('h1', { text: t('resultTitle') })];
  if (config.editOcrResult) children.push(el('p', { text: t('resultHintEdit') }));
  children.push(list, el('div', { class: 'actions' }, [confirm]));
  show('result', el('section', { class: 'card' }, children));

  async function send(): Promise<void> {
    confirm.disabled = true;
    const edits = Object.fromEntries(inputs.map((i) => [i.name, i.value.trim()]));
    try {
      const res = await post('/confirm', JSON.stringify({ fields: edits }), 'application/json');
      if (res.status === 410 || res.status === 404) return linkGone(String(res.json.error));
      if (res.status !== 200) throw new Error(String(res.status));
      finish(res.json as unknown as Answer & { next: 'done' });
    } catch {
      confirm.disabled = false;
      confirm.textContent = `${t('error')} ${t('confirm')}`;
    }
  }
}

// ---- end ------------------------------------------------------------------------------------------

function finish(answer: Extract<Answer, { next: 'done' }>): void {
  show('done', el('section', { class: 'card' }, [el('h1', { text: t('title') }), el('p', { class: 'status', id: 'done', text: t('done') })]));
  if (window.parent !== window) {
    // Only the outcome travels to the merchant page; the result itself is fetched by CheckResult.
    window.parent.postMessage({ type: 'openidv:done', transactionId: answer.transactionId, passed: answer.passed, subCode: answer.subCode }, '*');
  }
  if (answer.redirect) window.location.replace(answer.redirect);
}

function nextPage(): string {
  return config.pages.find((p) => !config.done.includes(p)) ?? config.pages[0]!;
}

if (config.resume) result(config.resume.fields, config.resume.backFields);
else if (config.showGuidePage && config.done.length === 0) guide();
else void capture(nextPage());
