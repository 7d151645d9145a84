import type { Command } from '../command';
import { add } from './add';
import { exportCommand } from './export';
import { importCommand } from './import';
import { list } from './list';
import { serve } from './serve';

/** Every CLI command, by name. */
export const COMMANDS: readonly Command[] = [serve, add, list, importCommand, exportCommand];
