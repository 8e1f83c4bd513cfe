/**
 * The «Моя школа» cabinet's page shell: Госуслуги-like, calm, readable at 390 px, no external
 * assets (the stylesheet is inline), a skip link and visible focus for the keyboard.
 */
import { markup, raw, type Html } from '../pages/html.ts';
import type { PageContext } from './page-context.ts';

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
.checks{list-style:none;padding:0}.checks li{margin:8px 0;padding:6px 10px;border-left:4px solid #0a7a3d;background:#f3faf6;border-radius:4px}.checks li[data-passed=false]{border-left-color:#c21a1a;background:#fff4f4}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:0 16px}
nav.site{display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center}nav.site a[aria-current]{font-weight:700;color:#0b1f33}
label{display:block;font-size:14px;color:#3b4856}input,select{border:1px solid #b9c6d6;border-radius:8px;padding:8px 10px;font-size:15px;max-width:100%;font-family:inherit}
form.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end}form.filters>div{flex:1 1 180px;min-width:0}form.filters select,form.filters input{width:100%}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e1e7f0;padding:6px 8px;text-align:left;vertical-align:top}td.num,th.num{text-align:right;white-space:nowrap}
.scroll{overflow-x:auto}svg.chart{width:100%;max-width:680px;height:auto;display:block;margin:8px 0}svg.chart text{font-family:Lato,Arial,sans-serif}
ul.items{list-style:none;padding:0;margin:0}ul.items li{border-top:1px solid #e1e7f0;padding:8px 0}
.pager{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;margin-top:12px}
.large body{font-size:21px;line-height:1.5}.large h1{font-size:36px}.large h2{font-size:28px}.large h3{font-size:23px}
.large small,.large label,.large th,.large td{font-size:19px}.large .button,.large button,.large input,.large select{font-size:21px}
@media (max-width:700px){.grid{grid-template-columns:1fr}header.top{padding:10px 16px}h1{font-size:22px}.lesson{grid-template-columns:48px 1fr}.lesson .marks{grid-column:2}}`;

export type Section = 'cabinet' | 'library' | 'indicators' | 'trainer';

const SECTIONS: readonly { readonly section: Section; readonly path: string; readonly name: string }[] = [
  { section: 'cabinet', path: '/', name: 'Кабинет' },
  { section: 'library', path: '/library', name: 'Библиотека ЦОК' },
  { section: 'indicators', path: '/indicators', name: 'Показатели региона' },
  { section: 'trainer', path: '/demo', name: 'Панель тренера' },
];

/** The large-type toggle: a plain link, so it works from the keyboard and without scripts. */
export function largeTypeToggle(context: PageContext): Html {
  const query = new URLSearchParams({ on: context.largeType ? '0' : '1', back: context.here });
  return markup`<a class="large-toggle" href="${context.prefix}/large-type?${query.toString()}">${context.largeType ? 'Обычный шрифт' : 'Крупный шрифт'}</a>`;
}

export function layout(context: PageContext, title: string, body: Html, options: { header?: Html; section?: Section } = {}): string {
  const nav = markup`<nav class="site" aria-label="Разделы">${SECTIONS.map(
    (s) => markup`<a href="${context.prefix}${s.path}"${s.section === options.section ? markup` aria-current="page"` : ''}>${s.name}</a>`,
  )}${largeTypeToggle(context)}</nav>`;
  return markup`<!doctype html><html lang="ru"${context.largeType ? markup` class="large"` : ''}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} — Моя школа (edusim)</title><style>${raw(STYLE)}</style></head>
<body><a class="skip" href="#main">Перейти к содержанию</a><header class="top"><a class="brand" href="${context.prefix}/">Моя школа · тестовый стенд edusim</a>${nav}${options.header ?? ''}</header>
<main id="main">${body}</main></body></html>`.text;
}
