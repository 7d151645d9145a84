import { type CallName, contract, isCallName } from '../../shared/api/contract';
import type { CallResult } from '../../shared/api/result';
import { AppError } from '../library/errors';
import type { Handlers } from '../library/handlers/index';
import type { Library } from '../library/library';

/**
 * The single wrapper every host uses: allowlisted name, schema-validated input, and a result
 * value instead of a thrown error, so nothing a caller sends can crash the host.
 */
export async function dispatch(
  handlers: Handlers,
  lib: Library,
  name: unknown,
  input: unknown,
): Promise<CallResult<unknown>> {
  if (!isCallName(name)) {
    return {
      ok: false,
      error: {
        code: 'unknown_call',
        // never String(name): a hostile object's toString can throw
        message: `Unknown call: ${typeof name === 'string' ? name.slice(0, 100) : `(a ${typeof name})`}`,
      },
    };
  }
  const proto = protoKeyPath(input);
  if (proto !== null) {
    const where = proto.length ? ` at ${proto.join('.')}` : '';
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message: `Invalid input for ${name}${where}: the key "__proto__" is not allowed`,
        details: [{ path: proto, message: 'the key "__proto__" is not allowed' }],
      },
    };
  }
  const parsed = contract[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message: `Invalid input for ${name}${where}: ${first?.message ?? 'rejected'}`,
        details: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      },
    };
  }
  try {
    // A change waits for the start-up integrity check (it runs in the background after the
    // library opens) and is refused if the file is damaged; restoring a backup is the cure.
    if (contract[name].writes) await lib.whenWritable(name === 'backups.restore');
    const handler = handlers[name] as (input: unknown, lib: Library) => unknown;
    const value = await handler(parsed.data, lib);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: e.toCallError() };
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
      return { ok: false, error: { code: 'conflict', message: (e as Error).message } };
    }
    console.error(`[shelfmark] ${name} failed:`, e);
    return {
      ok: false,
      error: { code: 'internal', message: `${name} failed: ${(e as Error).message}` },
    };
  }
}

/**
 * Where an own `__proto__` key sits in an input (JSON.parse makes it an ordinary key), or null.
 * zod drops such keys from records without a word, so a field map holding one would be stored
 * without it; it is refused instead. Walked without recursion: inputs can nest deeply.
 */
function protoKeyPath(input: unknown): string[] | null {
  const stack: { value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  // Electron's structured clone lets cycles through; each object is looked at once
  const seen = new WeakSet<object>();
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return path;
    for (const [k, v] of Object.entries(value)) {
      if (v !== null && typeof v === 'object') stack.push({ value: v, path: [...path, k] });
    }
  }
  return null;
}

export function isWriteCall(name: CallName): boolean {
  return contract[name].writes;
}
