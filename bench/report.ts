// The results table, in Markdown: one row per figure, peers as ratios.
import type { Figure } from './lib/figure';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** `14×` faster, or `0.05×` (the peer is 20× faster): never rounded to a misleading 0. */
function ratio(r: number): string {
  if (r >= 10) return `${r.toFixed(0)}×`;
  if (r >= 1) return `${r.toFixed(1)}×`;
  return `${r.toPrecision(2)}× (peer ${(1 / r).toFixed(1)}× faster)`;
}

function peers(f: Figure): string {
  if (f.peers.length === 0) return '–';
  return f.peers
    .map((p) =>
      p.ratio === null
        ? `${p.name}: ${p.measured}`
        : `${p.name} ${p.measured} → **${ratio(p.ratio)}**`,
    )
    .join('<br>');
}

function status(f: Figure): string {
  if (f.status === 'pass') return 'pass';
  if (f.status === 'short') return `short (${f.gap ?? ''})`;
  return 'not available';
}

export function markdownTable(figures: readonly Figure[]): string {
  const head =
    '| id | workload | target | measured | peers (Shelfmark ×faster) | result |\n|---|---|---|---|---|---|';
  const rows = figures.map(
    (f) =>
      `| ${f.id} | ${cell(f.workload)} | ${cell(f.target)} | ${cell(f.measured)} | ${cell(peers(f))} | ${status(f)} |`,
  );
  const notes = figures.filter((f) => f.note).map((f) => `- ${f.id}: ${f.note!}`);
  return [head, ...rows, '', ...(notes.length ? ['Notes:', ...notes] : [])].join('\n');
}
