import type { Command } from '../command';
import { add } from './add';
import { exportCommand } from './export';
import { feed } from './feed';
import { importCommand } from './import';
import { list } from './list';
import { refresh } from './refresh';
import { serve } from './serve';

/** Every CLI command, by name. */
export const COMMANDS: readonly Command[] = [
  serve,
  add,
  list,
  importCommand,
  exportCommand,
  refresh,
  feed,
];
