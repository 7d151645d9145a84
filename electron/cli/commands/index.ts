import type { Command } from '../command';
import { add } from './add';
import { feed } from './feed';
import { list } from './list';
import { refresh } from './refresh';
import { serve } from './serve';

/** Every CLI command, by name. */
export const COMMANDS: readonly Command[] = [serve, add, list, refresh, feed];
