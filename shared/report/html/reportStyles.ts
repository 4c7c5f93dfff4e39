// The report's stylesheet, inlined: system fonts only (nothing to fetch), a sober document look
// for an incident review, and print rules (A4, page numbers, no orphaned headings, every output
// block printed open).
export const REPORT_CSS = `
:root{--ink:#16191f;--muted:#5b6472;--rule:#d9dde3;--soft:#f4f5f7;--go:#1e7b34;--go-bg:#e7f4ea;--bad:#b42318;--bad-bg:#fdeceb;--warn:#a15c07;--warn-bg:#fdf3e1;--info:#1d4ed8;--mono:ui-monospace,"SFMono-Regular","Cascadia Mono","DejaVu Sans Mono",Menlo,Consolas,monospace}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#e9ebee;color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
.page{max-width:1120px;margin:24px auto;background:#fff;padding:40px 56px 56px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
a{color:var(--info)}
h1,h2,h3,h4{line-height:1.25;margin:0}
h1{font-size:28px;font-weight:700;letter-spacing:-.01em;margin:6px 0 4px}
h2{font-size:19px;font-weight:700;margin:40px 0 12px;padding-top:14px;border-top:2px solid var(--ink)}
h2 .num{color:var(--muted);font-weight:600;margin-right:10px}
h3{font-size:15px;font-weight:700;margin:22px 0 8px}
h4{font-size:13px;font-weight:700;margin:14px 0 6px}
p{margin:6px 0}
.doc-kind{font-size:11px;font-weight:700;letter-spacing:.14em;text-transform:uppercase;color:var(--muted)}
.masthead{border-top:6px solid var(--ink);padding-top:14px}
.masthead .sub{color:var(--muted);font-size:14px}
.meta{display:grid;grid-template-columns:repeat(4,1fr);gap:0;margin:18px 0 0;border:1px solid var(--rule);border-radius:4px}
.meta div{padding:9px 12px;border-right:1px solid var(--rule);border-bottom:1px solid var(--rule)}
.meta div:nth-child(4n){border-right:0}
.meta dt{font-size:10.5px;font-weight:700;letter-spacing:.08em;text-transform:uppercase;color:var(--muted)}
.meta dd{margin:2px 0 0;font-size:14px}
.env{display:inline-block;padding:1px 8px;border-radius:3px;font-size:11px;font-weight:700;letter-spacing:.06em;text-transform:uppercase;border:1px solid currentColor}
.env-production{color:var(--bad)}.env-staging{color:var(--info)}
.integrity-box{margin:16px 0 0;padding:10px 14px;border-left:4px solid var(--go);background:var(--go-bg);font-size:13px}
.integrity-box code{word-break:break-all}
.toc{columns:2;column-gap:40px;margin:14px 0 0;padding:0;list-style:none;font-size:13.5px}
.toc li{padding:2px 0}
.toc a{text-decoration:none;color:var(--ink)}.toc a:hover{text-decoration:underline}
.toc .num{display:inline-block;width:24px;color:var(--muted)}
.kpis{display:grid;grid-template-columns:repeat(5,1fr);gap:10px;margin:10px 0 16px}
.kpi{border:1px solid var(--rule);border-radius:4px;padding:10px 12px}
.kpi .v{font-size:19px;font-weight:700;line-height:1.15;white-space:nowrap}
.kpi .l{font-size:11px;color:var(--muted);text-transform:uppercase;letter-spacing:.06em;font-weight:700}
.kpi.bad{border-color:#f1b7b2;background:var(--bad-bg)}.kpi.bad .v{color:var(--bad)}
.kpi.warn{border-color:#f2d19b;background:var(--warn-bg)}.kpi.warn .v{color:var(--warn)}
.kpi.good .v{color:var(--go)}
table{border-collapse:collapse;width:100%;margin:8px 0 14px;font-size:13px}
th{text-align:left;font-size:10.5px;font-weight:700;letter-spacing:.06em;text-transform:uppercase;color:var(--muted);border-bottom:1.5px solid var(--ink);padding:5px 8px;vertical-align:bottom}
td{border-bottom:1px solid var(--rule);padding:5px 8px;vertical-align:top}
tr{break-inside:avoid}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.mono,code{font-family:var(--mono);font-size:12px}
.muted{color:var(--muted)}
.small{font-size:12px}
.nowrap{white-space:nowrap}
.chip{display:inline-block;padding:0 7px;border-radius:3px;font-size:11px;font-weight:700;letter-spacing:.04em;line-height:18px;white-space:nowrap;border:1px solid transparent}
.chip-go,.chip-succeeded,.chip-pass,.chip-done{background:var(--go-bg);color:var(--go);border-color:#b7dcc0}
.chip-nogo,.chip-rollback,.chip-down,.chip-error,.chip-failed,.chip-fail,.chip-page,.chip-timed-out,.chip-interrupted{background:var(--bad-bg);color:var(--bad);border-color:#f1b7b2}
.chip-late,.chip-stale,.chip-hold,.chip-on-hold,.chip-waiting-for-votes,.chip-not-decided,.chip-escalate,.chip-warning,.chip-cancelled,.chip-no-data,.chip-open,.chip-data-lost{background:var(--warn-bg);color:var(--warn);border-color:#f2d19b}
.chip-neutral,.chip-read-ok,.chip-skipped,.chip-pending,.chip-cleared,.chip-running,.chip-no-criteria{background:var(--soft);color:var(--muted);border-color:var(--rule)}
.lead{font-size:15px;margin:4px 0 12px}
.callout{border-left:4px solid var(--bad);background:var(--bad-bg);padding:8px 12px;margin:10px 0}
.callout.warn{border-color:var(--warn);background:var(--warn-bg)}
.callout.info{border-color:var(--info);background:#eef3fd}
figure{margin:10px 0 18px;break-inside:avoid}
figcaption{font-size:12px;color:var(--muted);margin-top:4px}
.chart{display:block;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.chart .t-tick{font-size:10px;fill:#5b6472}
.chart .t-label{font-size:11px;fill:#16191f}
.chart .t-lane{font-weight:700;fill:#5b6472;text-transform:uppercase;letter-spacing:.05em;font-size:9.5px}
.chart .t-phase{font-size:10px;font-weight:700;fill:#4b5563}
.chart .t-grid{stroke:#e3e6ea;stroke-width:.7}
.chart .t-rule{stroke:#c4c9d0;stroke-width:.8}
.chart .t-t0{stroke:#111827;stroke-width:1.4;stroke-dasharray:5 3}
.chart .t-t0-planned{stroke:#9aa3ae;stroke-width:1;stroke-dasharray:2 3}
.chart .t-t0-label{font-size:10.5px;font-weight:700;fill:#111827}
.chart .t-delta{font-size:11px;fill:#2f6f4f}
.chart .t-late{font-size:11px;font-weight:700;fill:#b45309}
.chart .t-missed{font-size:11px;fill:#b42318}
.chart .t-decision{font-size:10px;font-weight:700}
.chart .t-threshold{font-size:10px;font-weight:600}
.chart .t-empty{font-size:12px;fill:#9aa3ae}
.legend{font-size:12px;color:var(--muted);display:flex;flex-wrap:wrap;gap:6px 16px;margin:4px 0 0}
.legend-item{display:inline-flex;align-items:center;gap:6px}
.swatch{display:inline-block;width:18px;height:8px;border-radius:1.5px}
.swatch-planned{height:12px;background:repeating-linear-gradient(45deg,#eef0f3 0 3px,#b9c0ca 3px 5px);border:.6px solid #9aa3ae}
.diamond{display:inline-block;width:9px;height:9px;transform:rotate(45deg)}.diamond.go{background:var(--go)}.diamond.nogo{background:var(--bad)}
.decision{border:1px solid var(--rule);border-radius:4px;padding:14px 16px;margin:14px 0;break-inside:avoid-page}
.decision.go{border-left:5px solid var(--go)}.decision.nogo{border-left:5px solid var(--bad)}
.decision h3{margin:0 0 4px;display:flex;gap:10px;align-items:center}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:10px 22px}
.charts figure{margin:6px 0}
.run{border:1px solid var(--rule);border-radius:4px;margin:14px 0;break-inside:avoid-page}
.run-head{padding:10px 14px;background:var(--soft);border-bottom:1px solid var(--rule)}
.run-head h3{margin:0;display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.run-body{padding:4px 14px 12px}
.script{margin:8px 0}
pre{font-family:var(--mono);font-size:11.5px;line-height:1.45;background:#f7f8fa;border:1px solid var(--rule);border-radius:3px;padding:8px 10px;margin:6px 0;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word;tab-size:4}
pre .e{color:#9f1d14}
pre .gap{display:block;margin:6px -10px;padding:6px 10px;background:var(--warn-bg);color:#6b3d03;border-top:1px dashed #e0b56a;border-bottom:1px dashed #e0b56a;font-family:system-ui,sans-serif;font-size:12px;white-space:normal}
details{margin:4px 0 10px}
details>summary{cursor:pointer;font-size:12.5px;color:var(--info);padding:2px 0}
details>summary .muted{color:var(--muted)}
.output-note{font-size:12px;padding:6px 10px;background:var(--warn-bg);border-left:3px solid var(--warn);margin:4px 0}
.item-text{font-weight:500}
.note{white-space:pre-wrap}
.depth-1{padding-left:22px}.depth-2{padding-left:40px}.depth-3{padding-left:58px}.depth-4{padding-left:76px}
.history{margin:3px 0 0;padding:0;list-style:none;font-size:12px;color:var(--muted)}
.history li::before{content:"— "}
.history li.gap-item::before{content:""}
.gap-row td,.history li.gap-item{background:var(--warn-bg);color:#6b3d03;font-size:12px;text-align:center}
.section-progress{font-size:12px;color:var(--muted);font-weight:400;margin-left:8px}
.kv{display:grid;grid-template-columns:180px 1fr;gap:4px 14px;font-size:13px;margin:8px 0}
.kv dt{color:var(--muted)}
.kv dd{margin:0}
.hash{font-family:var(--mono);font-size:12.5px;word-break:break-all;background:var(--soft);padding:8px 10px;border-radius:3px;border:1px solid var(--rule)}
footer.doc-end{margin-top:40px;padding-top:10px;border-top:1px solid var(--rule);font-size:11.5px;color:var(--muted)}
@page{size:A4;margin:16mm 13mm 18mm}
@page{@bottom-left{content:"T-Minus audit report";font:9px system-ui,sans-serif;color:#5b6472}@bottom-right{content:"Page " counter(page) " of " counter(pages);font:9px system-ui,sans-serif;color:#5b6472}}
@media print{
  body{background:#fff;font-size:11.5px}
  .page{max-width:none;margin:0;padding:0;box-shadow:none}
  h2{break-before:page;break-after:avoid;margin-top:0}
  h2.keep{break-before:auto;margin-top:28px}
  h3,h4{break-after:avoid}
  a{color:inherit;text-decoration:none}
  .toc{display:none}
  .kpis{grid-template-columns:repeat(5,1fr)}
  pre{font-size:9.5px;white-space:pre-wrap}
  details>summary{color:var(--ink)}
  details::details-content{content-visibility:visible;display:block}
  .run,.decision{break-inside:auto}
}
`;
