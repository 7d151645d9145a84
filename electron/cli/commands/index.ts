import type { Command } from '../command';
import { add } from './add';
import { attach } from './attach';
import { collections } from './collections';
import { duplicates } from './duplicates';
import { exportCommand } from './export';
import { feed } from './feed';
import { importCommand } from './import';
import { list } from './list';
import { refresh } from './refresh';
import { serve } from './serve';
import { tag } from './tag';
import { tags } from './tags';
import { undo } from './undo';

/** Every CLI command, by name. */
export const COMMANDS: readonly Command[] = [
  serve,
  add,
  list,
  importCommand,
  exportCommand,
  attach,
  tags,
  tag,
  collections,
  duplicates,
  undo,
  refresh,
  feed,
];
