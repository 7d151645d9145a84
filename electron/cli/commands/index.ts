import type { Command } from '../command';
import { add } from './add';
import { backup } from './backup';
import { list } from './list';
import { serve } from './serve';

/** Every CLI command, by name. */
export const COMMANDS: readonly Command[] = [serve, add, list, backup];
