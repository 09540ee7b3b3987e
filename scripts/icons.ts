/**
 * Renders Podio's icons and the store's promo tile from the SVG masters in `public/icon/`, with the
 * same Chromium the tests use. An authoring tool, not a build step: after editing an SVG, run
 * `npx tsx scripts/icons.ts` and commit the PNGs it writes.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CHROMIUM } from './chromium';

const ROOT = resolve(import.meta.dirname, '..');
const ICON_DIR = resolve(ROOT, 'public/icon');
const PROMO = resolve(ROOT, 'docs/store/promo-440x280.png');

interface IconJob {
  /** Canvas size in px; WXT lists `public/icon/<size>.png` in the manifest's `icons`. */
  size: number;
  svg: 'podio.svg' | 'podio-16.svg';
  /** Transparent margin on each side. */
  padding: number;
}

const ICONS: IconJob[] = [
  // At 16 px the master's half-pixel edges blur, so the toolbar gets a variant drawn on the pixel grid.
  { size: 16, svg: 'podio-16.svg', padding: 0 },
  { size: 32, svg: 'podio.svg', padding: 0 },
  { size: 48, svg: 'podio.svg', padding: 0 },
  { size: 96, svg: 'podio.svg', padding: 0 },
  // The Chrome Web Store asks for 96×96 artwork centred on a transparent 128×128 canvas.
  { size: 128, svg: 'podio.svg', padding: 16 },
];

const TAGLINE = 'Tu posición en la gamificación de wolkvox, siempre a mano.';

function dataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

async function renderIcon(page: Page, job: IconJob): Promise<void> {
  const svg = await readFile(resolve(ICON_DIR, job.svg), 'utf8');
  const art = job.size - 2 * job.padding;
  await page.setViewportSize({ width: job.size, height: job.size });
  await page.setContent(
    `<body style="margin:0;background:transparent">
       <img src="${dataUrl(svg)}" width="${art}" height="${art}"
            style="display:block;margin:${job.padding}px">
     </body>`,
  );
  const path = resolve(ICON_DIR, `${job.size}.png`);
  await page.screenshot({
    path,
    omitBackground: true,
    clip: { x: 0, y: 0, width: job.size, height: job.size },
  });
  console.log(path);
}

/** The 440×280 small promo tile: the mark, the name and the Spanish tagline on the brand colour. */
async function renderPromo(page: Page): Promise<void> {
  const svg = await readFile(resolve(ICON_DIR, 'podio.svg'), 'utf8');
  await page.setViewportSize({ width: 440, height: 280 });
  await page.setContent(`<!doctype html>
    <html lang="es"><head><meta charset="utf-8"><style>
      body { margin: 0; width: 440px; height: 280px; overflow: hidden;
             font-family: Inter, 'Liberation Sans', 'DejaVu Sans', sans-serif;
             background: radial-gradient(circle at 22% 45%, #4f46e5 0, #312e81 62%, #1e1b4b 100%);
             color: #ffffff; display: flex; align-items: center; gap: 26px; padding: 0 32px;
             box-sizing: border-box; }
      img { width: 124px; height: 124px; flex: none; border-radius: 27px;
            box-shadow: 0 10px 28px rgba(10, 8, 40, 0.55), 0 0 0 1.5px rgba(255, 255, 255, 0.22); }
      h1 { margin: 0; font-size: 62px; line-height: 1; font-weight: 800; letter-spacing: -0.02em; }
      p { margin: 14px 0 0; font-size: 18px; line-height: 1.35; font-weight: 500; color: #e0e7ff;
          text-wrap: balance; }
      .rule { width: 44px; height: 5px; border-radius: 3px; background: #fbbf24; margin-top: 16px; }
    </style></head><body>
      <img src="${dataUrl(svg)}" alt="">
      <div><h1>Podio</h1><div class="rule"></div><p>${TAGLINE}</p></div>
    </body></html>`);
  await page.evaluate(() => document.fonts.ready);
  await mkdir(dirname(PROMO), { recursive: true });
  await page.screenshot({ path: PROMO, clip: { x: 0, y: 0, width: 440, height: 280 } });
  console.log(PROMO);
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--force-color-profile=srgb'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const job of ICONS) await renderIcon(page, job);
  await renderPromo(page);
} finally {
  await browser.close();
}
