/**
 * The «Моя школа» cabinet's page shell: Госуслуги-like, calm, readable at 390 px, no external
 * assets (the stylesheet is inline), a skip link and visible focus for the keyboard.
 */
import { markup, raw, type Html } from '../pages/html.ts';

const STYLE = `*{box-sizing:border-box}body{font-family:Lato,Arial,sans-serif;background:#f5f7fa;color:#0b1f33;margin:0;line-height:1.45}
a{color:#0d4cd3}:focus-visible{outline:3px solid #0d4cd3;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:2}
header.top{background:#fff;border-bottom:1px solid #e1e7f0;padding:12px 24px;display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center;justify-content:space-between}
.brand{font-weight:700;color:#0d4cd3;text-decoration:none}.who{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
main{max-width:980px;margin:20px auto;padding:0 16px}
.card{background:#fff;border-radius:12px;padding:16px 20px;margin:12px 0;box-shadow:0 2px 8px rgba(11,31,51,.08)}
h1{font-size:26px;margin:8px 0 12px}h2{font-size:20px;margin:4px 0 12px}h3{font-size:16px;margin:12px 0 6px}
.button,button{display:inline-block;background:#0d4cd3;color:#fff;border:0;border-radius:8px;padding:10px 20px;font-size:15px;cursor:pointer;text-decoration:none}
.button.secondary,button.secondary{background:#fff;color:#0d4cd3;border:1px solid #0d4cd3}
.muted,small{color:#66727f}.ok{color:#0a7a3d}.no{color:#c21a1a}.wait{color:#66727f}
.error{background:#fff4f4;border:1px solid #e0a0a0;border-radius:8px;padding:12px 16px;margin:8px 0}
.notice{background:#eafaf0;border:1px solid #8fd1a8;border-radius:8px;padding:12px 16px;margin:8px 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dt{color:#66727f}dd{margin:0}
nav.tabs{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}nav.tabs a{padding:6px 14px;border:1px solid #b9c6d6;border-radius:20px;text-decoration:none}
nav.tabs a[aria-current]{background:#0d4cd3;color:#fff;border-color:#0d4cd3}
.week{display:flex;justify-content:space-between;align-items:center;gap:8px;flex-wrap:wrap}
.day{border-top:1px solid #e1e7f0;padding:8px 0}.lesson{display:grid;grid-template-columns:56px 1fr auto;gap:4px 12px;padding:6px 0}
.mark{display:inline-block;min-width:28px;text-align:center;border-radius:6px;background:#e8f0fe;color:#0d4cd3;font-weight:700;padding:2px 6px;margin-left:4px}
ol.flow{list-style:none;padding:0;margin:0}ol.flow li{display:grid;grid-template-columns:28px 1fr auto;gap:4px 8px;padding:8px 0;border-top:1px solid #e1e7f0}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.checks{list-style:none;padding:0}.checks li{margin:6px 0}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:0 16px}
@media (max-width:700px){.grid{grid-template-columns:1fr}header.top{padding:10px 16px}h1{font-size:22px}.lesson{grid-template-columns:48px 1fr}.lesson .marks{grid-column:2}}`;

export function layout(title: string, body: Html, header?: Html): string {
  return markup`<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} — Моя школа (edusim)</title><style>${raw(STYLE)}</style></head>
<body><a class="skip" href="#main">Перейти к содержанию</a><header class="top"><a class="brand" href="./">Моя школа · тестовый стенд edusim</a>${header ?? ''}</header>
<main id="main">${body}</main></body></html>`.text;
}
