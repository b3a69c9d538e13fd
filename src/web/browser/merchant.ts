/**
 * The merchant script, served at /hosted/openidv.js as a classic script:
 *   getMetaInfo()                 → the MetaInfo object for Initialize (send JSON.stringify of it);
 *   openidv.start({ url | protocol, mode: 'redirect' | 'iframe', container, onComplete })
 *                                 → opens TransactionUrl by redirect or in an iframe.
 * No dependencies, no network requests of its own.
 */
(() => {
  interface MetaInfo {
    readonly deviceType: string;
    readonly ua: string;
    readonly appName: string;
    readonly osName: string;
    readonly language: string;
    readonly bioMetaInfo: string;
    readonly sdkVersion: string;
  }

  interface StartOptions {
    /** TransactionUrl of Initialize. */
    readonly url?: string;
    /** Or Protocol of Initialize. */
    readonly protocol?: string;
    readonly mode?: 'redirect' | 'iframe';
    /** Element (or its id) that receives the iframe. */
    readonly container?: HTMLElement | string;
    /** Called in iframe mode when the end user finished; fetch the result with CheckResult on your server. */
    readonly onComplete?: (result: { transactionId: string | null; passed: string; subCode: string }) => void;
  }

  function getMetaInfo(): MetaInfo {
    const ua = navigator.userAgent;
    const osName = /Android/i.test(ua) ? 'Android' : /iPhone|iPad|iPod/i.test(ua) ? 'iOS' : /Windows/i.test(ua) ? 'Windows' : /Mac OS/i.test(ua) ? 'macOS' : 'other';
    return {
      deviceType: 'h5',
      ua: ua.slice(0, 1000),
      appName: location.hostname,
      osName,
      language: navigator.language || '',
      bioMetaInfo: `camera:${navigator.mediaDevices && typeof navigator.mediaDevices.getUserMedia === 'function' ? 1 : 0}`,
      sdkVersion: 'openidv-web-1',
    };
  }

  function urlOf(options: StartOptions): string {
    if (options.url) return options.url;
    if (options.protocol) {
      const json = atob(options.protocol.replace(/-/g, '+').replace(/_/g, '/'));
      const url = (JSON.parse(json) as { url?: unknown }).url;
      if (typeof url === 'string') return url;
    }
    throw new Error('openidv.start needs the TransactionUrl (url) or the Protocol of Initialize');
  }

  function start(options: StartOptions): { close(): void } {
    const url = urlOf(options);
    if ((options.mode ?? 'redirect') === 'redirect') {
      location.assign(url);
      return { close: () => undefined };
    }
    const host = typeof options.container === 'string' ? document.getElementById(options.container) : options.container;
    if (!host) throw new Error('openidv.start: container not found');
    const frame = document.createElement('iframe');
    frame.src = url;
    frame.allow = 'camera *; fullscreen *';
    frame.title = 'ID verification';
    frame.style.border = '0';
    frame.style.width = '100%';
    frame.style.height = '100%';
    const origin = new URL(url, location.href).origin;
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== origin || event.source !== frame.contentWindow) return;
      const data = event.data as { type?: string; transactionId?: string; passed?: string; subCode?: string };
      if (data?.type !== 'openidv:done') return;
      options.onComplete?.({ transactionId: data.transactionId ?? null, passed: String(data.passed), subCode: String(data.subCode) });
    };
    window.addEventListener('message', onMessage);
    host.appendChild(frame);
    return {
      close() {
        window.removeEventListener('message', onMessage);
        frame.remove();
      },
    };
  }

  const w = window as unknown as Record<string, unknown>;
  w.getMetaInfo = getMetaInfo;
  w.openidv = Object.freeze({ getMetaInfo, start });
})();
