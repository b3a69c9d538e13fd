import type { DocumentModule, Identification, PageText } from '../documents/module.js';
import { DOCUMENT_MODULES } from '../documents/registry.js';

/** Below this score no module claims the page: it is no document this server knows. */
export const MIN_IDENTIFY_SCORE = 0.5;

export interface Classification extends Identification {
  readonly module: DocumentModule;
}

/** The module whose identify() is surest of the page, when it is sure enough. */
export function classify(page: PageText, modules: readonly DocumentModule[] = DOCUMENT_MODULES): Classification | null {
  let best: Classification | null = null;
  for (const module of modules) {
    const id = module.identify(page);
    if (id && id.score >= MIN_IDENTIFY_SCORE && (!best || id.score > best.score)) best = { ...id, module };
  }
  return best;
}
