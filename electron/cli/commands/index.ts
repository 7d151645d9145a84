import type { Command } from '../command';
import { add } from './add';
import { autoexport } from './autoexport';
import { list } from './list';
import { search } from './search';
import { attach } from './attach';
import { backup } from './backup';
import { collections } from './collections';
import { duplicates } from './duplicates';
import { exportCommand } from './export';
import { feed } from './feed';
import { importCommand } from './import';
import { refresh } from './refresh';
import { serve } from './serve';
import { tag } from './tag';
import { tags } from './tags';
import { undo } from './undo';

/** Every CLI command, by name. */
export const COMMANDS: readonly Command[] = [
  search,
  autoexport,
  serve,
  add,
  list,
  importCommand,
  exportCommand,
  attach,
  backup,
  tags,
  tag,
  collections,
  duplicates,
  undo,
  refresh,
  feed,
];
