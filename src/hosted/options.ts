/**
 * Options of a hosted flow as Initialize receives them (LanguageConfig, StyleConfig, MetaInfo) and
 * as the flow keeps them (sealed in the store). Parsing is strict: unknown keys are refused so that
 * a merchant's typo surfaces as InvalidParameter instead of a silently ignored setting.
 */
import { ApiError } from '../protocol/errors.js';
import type { DocPage } from '../documents/catalogue.js';
import type { IdThreshold } from '../pipeline/types.js';
import { BUILT_IN, TEXT_KEYS, type TextKey } from '../web/browser/i18n.js';

export interface LanguageOptions {
  /** Language to show; null = the browser's language. */
  readonly lang: string | null;
  /** Per-language overrides (any BCP 47 tag; missing keys fall back to the closest built-in language). */
  readonly texts: Readonly<Record<string, Partial<Record<TextKey, string>>>>;
}

export const COLOR_KEYS = ['primary', 'background', 'text', 'buttonText', 'frame', 'error'] as const;
export type ColorKey = (typeof COLOR_KEYS)[number];

export interface StyleOptions {
  readonly colors: Partial<Record<ColorKey, string>>;
  /** Overrides in every language. */
  readonly texts: Partial<Record<TextKey, string>>;
  /** Button corner radius in px. */
  readonly radius: number | null;
}

/** Everything the flow needs after Initialize; sealed at rest. */
export interface FlowOptions {
  readonly docType: string;
  readonly catalogueCode: string;
  readonly pages: readonly DocPage[];
  readonly returnUrl: string | null;
  readonly sceneCode: string | null;
  readonly merchantUserId: string;
  readonly idSpoof: boolean;
  readonly idThreshold: IdThreshold;
  readonly showAlbumIcon: boolean;
  readonly showOcrResult: boolean;
  readonly showGuidePage: boolean;
  readonly editOcrResult: boolean;
  readonly callbackUrl: string | null;
  readonly callbackToken: string | null;
  readonly language: LanguageOptions;
  readonly style: StyleOptions;
}

const MAX_CONFIG_CHARS = 16_384;
const MAX_TEXT_CHARS = 500;
const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;
const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const TEXT_KEY_SET: ReadonlySet<string> = new Set(TEXT_KEYS);

const invalid = (name: string, why: string) => new ApiError('InvalidParameter', `${name}: ${why}`);

function parseObject(name: string, value: string): Record<string, unknown> {
  if (value.length > MAX_CONFIG_CHARS) throw invalid(name, `at most ${MAX_CONFIG_CHARS} characters`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalid(name, 'must be a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid(name, 'must be a JSON object');
  return parsed as Record<string, unknown>;
}

function parseTexts(name: string, value: unknown): Partial<Record<TextKey, string>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(name, 'texts must be an object');
  const out: Partial<Record<TextKey, string>> = {};
  for (const [key, text] of Object.entries(value)) {
    if (!TEXT_KEY_SET.has(key)) throw invalid(name, `unknown text key "${key}"`);
    if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT_CHARS) {
      throw invalid(name, `text "${key}" must be 1–${MAX_TEXT_CHARS} characters`);
    }
    out[key as TextKey] = text;
  }
  return out;
}

/** LanguageConfig: {"lang": "zh-TW", "en": {"title": "…"}, "ja": {…}}. */
export function parseLanguageConfig(value: string | undefined): LanguageOptions {
  if (value === undefined) return { lang: null, texts: {} };
  const obj = parseObject('LanguageConfig', value);
  let lang: string | null = null;
  const texts: Record<string, Partial<Record<TextKey, string>>> = {};
  for (const [key, entry] of Object.entries(obj)) {
    if (key === 'lang') {
      if (typeof entry !== 'string' || !LANG_TAG.test(entry)) throw invalid('LanguageConfig', 'lang must be a language tag such as en, zh-CN, zh-TW');
      lang = entry;
    } else if (LANG_TAG.test(key)) {
      texts[key] = parseTexts('LanguageConfig', entry);
    } else {
      throw invalid('LanguageConfig', `"${key}" is neither "lang" nor a language tag`);
    }
  }
  if (lang && !BUILT_IN[lang] && !texts[lang]) {
    throw invalid('LanguageConfig', `lang "${lang}" is not built in (en, zh-CN, zh-TW) and has no texts`);
  }
  return { lang, texts };
}

/** StyleConfig: {"colors": {"primary": "#ff6a00", …}, "texts": {"title": "…"}, "radius": 8}. */
export function parseStyleConfig(value: string | undefined): StyleOptions {
  if (value === undefined) return { colors: {}, texts: {}, radius: null };
  const obj = parseObject('StyleConfig', value);
  const colors: Partial<Record<ColorKey, string>> = {};
  let texts: Partial<Record<TextKey, string>> = {};
  let radius: number | null = null;
  for (const [key, entry] of Object.entries(obj)) {
    if (key === 'colors') {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw invalid('StyleConfig', 'colors must be an object');
      for (const [c, v] of Object.entries(entry)) {
        if (!(COLOR_KEYS as readonly string[]).includes(c)) throw invalid('StyleConfig', `unknown colour "${c}" (${COLOR_KEYS.join(', ')})`);
        if (typeof v !== 'string' || !COLOR.test(v)) throw invalid('StyleConfig', `colour "${c}" must be #rgb, #rrggbb or #rrggbbaa`);
        colors[c as ColorKey] = v;
      }
    } else if (key === 'texts') {
      texts = parseTexts('StyleConfig', entry);
    } else if (key === 'radius') {
      if (typeof entry !== 'number' || !Number.isInteger(entry) || entry < 0 || entry > 48) throw invalid('StyleConfig', 'radius must be an integer 0–48');
      radius = entry;
    } else {
      throw invalid('StyleConfig', `unknown key "${key}" (colors, texts, radius)`);
    }
  }
  return { colors, texts, radius };
}

/** MetaInfo as getMetaInfo() builds it: a JSON object of short strings with a deviceType. */
export function checkMetaInfo(value: string): void {
  const obj = parseObject('MetaInfo', value);
  if (typeof obj.deviceType !== 'string') throw invalid('MetaInfo', 'deviceType is missing; pass the value of getMetaInfo()');
  for (const [key, v] of Object.entries(obj)) {
    if (typeof v !== 'string' || v.length > 1024) throw invalid('MetaInfo', `"${key}" must be a string of at most 1024 characters`);
  }
}
