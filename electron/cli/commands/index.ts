import type { Command } from '../command';
import { add } from './add';
import { autoexport } from './autoexport';
import { list } from './list';
import { search } from './search';
import { serve } from './serve';

/** Every CLI command, by name. */
export const COMMANDS: readonly Command[] = [serve, add, list, search, autoexport];
