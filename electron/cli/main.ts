import { AppError } from '../library/errors';
import { Library } from '../library/library';
import type { CliIO } from './command';
import { COMMANDS } from './commands/index';
import { defaultLibraryFolder } from './paths';
import { APP_VERSION } from '../../shared/version';
import { resolve } from 'node:path';
import { EXIT_STDOUT_CLOSED, processIO } from './stdout';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `shelfmark ${APP_VERSION} — an offline-first reference manager`,
    '',
    'Usage: shelfmark [--library DIR] COMMAND [options]',
    '',
    ...COMMANDS.map(
      (c) => `  ${c.name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  ${c.usage}`,
    ),
    '',
    `The library is ${defaultLibraryFolder()} unless --library DIR or $SHELFMARK_LIBRARY says otherwise.`,
  ].join('\n');
}

/** `--help` or `-h` among a command's options (not after `--`, where it is a value). */
function asksHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  const options = end >= 0 ? args.slice(0, end) : args;
  return options.includes('--help') || options.includes('-h');
}

/** The real process's run: a closed stdout ends it quietly (see stdout.ts). */
export async function runMain(argv: string[]): Promise<number> {
  const { io, stdoutClosed } = processIO();
  const code = await runCli(argv, io);
  // a real failure keeps its own status; otherwise say the output was cut short
  return code === 0 && (await stdoutClosed()) ? EXIT_STDOUT_CLOSED : code;
}

/** Runs one CLI invocation; returns the exit code instead of exiting, so tests can call it. */
export async function runCli(
  argv: string[],
  io: CliIO = { out: console.log, err: console.error },
): Promise<number> {
  const args = [...argv];
  let folder = defaultLibraryFolder();
  const at = args.indexOf('--library');
  if (at >= 0) {
    const dir = args[at + 1];
    if (!dir) {
      io.err('--library needs a folder');
      return 2;
    }
    folder = resolve(dir);
    args.splice(at, 2);
  }
  const name = args.shift();
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.out(APP_VERSION);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  if (asksHelp(args)) {
    // before anything runs or any library is opened: `undo --help` must not undo
    io.out(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  let lib: Library | undefined;
  try {
    return await command.run(args, {
      library: () => (lib ??= Library.open(folder)),
      io,
      libraryFolder: folder,
    });
  } catch (e) {
    if (e instanceof AppError) io.err(`${command.name}: ${e.message}`);
    else if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      io.err(`${command.name}: ${(e as Error).message}\nUsage: ${command.usage}`);
    else io.err(`${command.name} failed: ${(e as Error).stack ?? String(e)}`);
    return 1;
  } finally {
    lib?.close();
  }
}
