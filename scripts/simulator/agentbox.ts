// A stand-in for AgentBox (https://agentbox.wolkvox.com/), the page the badge is injected into. Its
// own CSS is deliberately hostile to injected UI, so an end-to-end test can prove the badge's
// shadow root keeps it intact. No external resources: the page must load offline.
import type { ServerResponse } from 'node:http';

const HOSTILE_CSS = `
  html { font-size: 6px !important; line-height: 3 !important; letter-spacing: 2px !important; }
  * { box-sizing: content-box !important; font-family: serif !important; color: red !important; }
  div { all: revert; }
  span { font-size: 40px !important; text-transform: uppercase !important; }
  button { all: unset; padding: 12px 20px !important; background: #0b6 !important; }
  body { margin: 0; background: #eef1f4; direction: ltr; }
  body > * { transform: none; }
  .wv-bar { position: fixed; top: 0; left: 0; right: 0; height: 56px; z-index: 2147483647;
    background: #13294b; display: flex; align-items: center; gap: 24px; padding: 0 16px; }
  .wv-toast { position: fixed; right: 0; bottom: 0; width: 320px; height: 120px;
    z-index: 2147483647; background: rgba(255, 255, 255, 0.92); pointer-events: auto; }
  .wv-main { padding: 80px 24px 24px; display: grid; grid-template-columns: 1fr 2fr; gap: 24px; }
  section { background: #fff; padding: 16px; min-height: 240px; }
  ::selection { background: red; }
  [class], [id] { outline: 1px dashed magenta; }
`;

const PAGE = `<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wolkvox Agent</title>
<style>${HOSTILE_CSS}</style>
</head>
<body>
<header class="wv-bar" id="wv-header">
  <span>wolkvox Agent</span>
  <div id="wv-agent-status">Disponible</div>
  <button type="button" id="wv-ready">Listo</button>
  <button type="button" id="wv-break">Receso</button>
</header>
<main class="wv-main">
  <section id="wv-queue">
    <h2>Cola</h2>
    <div>3 llamadas en espera</div>
  </section>
  <section id="wv-call-panel">
    <h2>Llamada en curso</h2>
    <div>Número: <span id="wv-number">+57 601 555 0101</span></div>
    <div>Duración: <span id="wv-timer">00:00:00</span></div>
    <button type="button" id="wv-answer">Contestar</button>
    <button type="button" id="wv-hold">Espera</button>
    <button type="button" id="wv-hangup">Colgar</button>
    <textarea id="wv-notes" rows="4" cols="40" placeholder="Notas de la llamada"></textarea>
  </section>
</main>
<div class="wv-toast" id="wv-toast">Nueva interacción asignada</div>
<script>
  // Keeps the page busy like the real console, so an injected UI has to live with DOM churn.
  let seconds = 0;
  const timer = document.getElementById('wv-timer');
  setInterval(() => {
    seconds += 1;
    const pad = (n) => String(n).padStart(2, '0');
    timer.textContent = pad(Math.floor(seconds / 3600)) + ':' + pad(Math.floor(seconds / 60) % 60) + ':' + pad(seconds % 60);
  }, 1000);
</script>
</body>
</html>
`;

/** Serves the AgentBox stand-in: the console at `/`, 404 elsewhere. */
export function handleAgentBox(res: ServerResponse, path: string): void {
  if (path !== '/' && path !== '/index.html') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(PAGE);
}
