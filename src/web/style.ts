/** The capture page's stylesheet; StyleConfig colours arrive as CSS custom properties set by the script. */
export const CAPTURE_CSS = `
:root {
  --primary: #1f6feb; --background: #ffffff; --text: #1b1f24; --buttonText: #ffffff; --frame: #ffffff;
  --error: #c62828; --radius: 12px;
  color-scheme: light;
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body {
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif;
  background: var(--background); color: var(--text);
  -webkit-text-size-adjust: 100%;
}
main { min-height: 100%; display: flex; flex-direction: column; max-width: 560px; margin: 0 auto;
  padding: max(16px, env(safe-area-inset-top)) 16px max(16px, env(safe-area-inset-bottom)); }
h1 { font-size: 1.35rem; margin: 8px 0 16px; }
.card { display: flex; flex-direction: column; gap: 12px; flex: 1; }
.tips { margin: 0; padding-left: 1.2em; display: flex; flex-direction: column; gap: 10px; }
.illustration { align-self: center; width: 70%; max-width: 260px; aspect-ratio: 1.586; border: 3px dashed var(--primary);
  border-radius: 14px; display: grid; place-items: center; opacity: .8; margin: 12px 0; }
.illustration::after { content: ""; width: 28%; aspect-ratio: .8; border-radius: 8px; background: var(--primary); opacity: .35;
  justify-self: start; margin-left: 10%; }
.actions { margin-top: auto; display: flex; flex-direction: column; gap: 10px; padding-top: 16px; }
button, .button { appearance: none; border: 0; border-radius: var(--radius); padding: 14px 18px; font: inherit; font-weight: 600;
  background: var(--primary); color: var(--buttonText); text-align: center; cursor: pointer; width: 100%; }
button.secondary, .button.secondary { background: transparent; color: var(--primary); border: 2px solid var(--primary); }
button:disabled { opacity: .5; }
.status { text-align: center; }
.error { color: var(--error); }
.camera { position: relative; width: 100%; aspect-ratio: 3 / 4; max-height: 68vh; background: #000; border-radius: var(--radius);
  overflow: hidden; }
.camera video { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; }
.frame { position: absolute; left: 7%; right: 7%; top: 50%; transform: translateY(-50%); aspect-ratio: 1.586;
  border: 3px solid var(--frame); border-radius: 14px; box-shadow: 0 0 0 100vmax rgba(0,0,0,.45); }
.frame.good { border-color: #2ea043; }
.hint { position: absolute; left: 0; right: 0; bottom: 12px; text-align: center; color: #fff; font-weight: 600;
  text-shadow: 0 1px 3px #000; padding: 0 12px; }
.prompt { position: absolute; left: 0; right: 0; top: 12px; text-align: center; color: #fff; text-shadow: 0 1px 3px #000; padding: 0 12px; }
.shutter { width: 72px; height: 72px; border-radius: 50%; padding: 0; align-self: center; border: 5px solid var(--background);
  box-shadow: 0 0 0 3px var(--primary); }
.file { position: absolute; width: 1px; height: 1px; opacity: 0; pointer-events: none; }
.fields { display: flex; flex-direction: column; gap: 10px; }
.fields label { display: flex; flex-direction: column; font-size: .85rem; opacity: .9; gap: 4px; }
.fields input { font: inherit; padding: 10px 12px; border: 1px solid #8b949e; border-radius: 8px; background: transparent; color: var(--text); }
.fields input[readonly] { border-color: transparent; padding-left: 0; }
.spinner { width: 42px; height: 42px; border: 4px solid #8b949e55; border-top-color: var(--primary); border-radius: 50%;
  animation: spin 1s linear infinite; align-self: center; margin: 24px; }
@keyframes spin { to { transform: rotate(360deg); } }
.preview { width: 100%; border-radius: var(--radius); }
`;
