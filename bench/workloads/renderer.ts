import type { Context } from '../lib/context';
import { type Figure, notAvailable } from '../lib/figure';

export async function b8(_ctx: Context): Promise<Figure[]> {
  return [
    notAvailable(
      'B8',
      'PDF text extraction',
      '≥ 60 pages/s with 2 workers',
      'no PDF text extractor in the engine yet (PDF issue 5)',
    ),
  ];
}
export async function b9(_ctx: Context): Promise<Figure[]> {
  return [notAvailable('B9', 'renderer: page load to first row painted', '≤ 150 ms', 'todo')];
}
export async function b10(_ctx: Context): Promise<Figure[]> {
  return [
    notAvailable('B10', 'renderer: 10 s scroll', 'p99 frame ≤ 16.7 ms, no task > 50 ms', 'todo'),
  ];
}
export async function b11(_ctx: Context): Promise<Figure[]> {
  return [notAvailable('B11', 'open a PDF to first page drawn', 'p95 ≤ 250 ms', 'todo')];
}
