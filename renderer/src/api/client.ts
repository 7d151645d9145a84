// The renderer's one way to reach the engine. The transport is Electron's preload bridge when
// present, otherwise HTTP to the local web host; UI code cannot tell which.
import type { CallInput, CallName, CallOutput } from '../../../shared/api/contract';
import type { EngineEvents, EventName } from '../../../shared/api/events';
import { EVENT_NAMES } from '../../../shared/api/events';
import type { CallError, CallResult } from '../../../shared/api/result';
import './bridge';

export class CallFailure extends Error {
  readonly code: CallError['code'];
  constructor(readonly error: CallError) {
    super(error.message);
    this.code = error.code;
  }
}

async function httpInvoke(name: string, input: unknown): Promise<CallResult<unknown>> {
  const res = await fetch(`api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(input ?? {}),
  });
  if (res.headers.get('content-type')?.startsWith('application/json')) {
    return (await res.json()) as CallResult<unknown>;
  }
  return {
    ok: false,
    error: { code: res.status === 401 ? 'forbidden' : 'internal', message: await res.text() },
  };
}

export async function invoke<N extends CallName>(
  name: N,
  input: CallInput<N>,
): Promise<CallOutput<N>> {
  const result = window.shelfmark
    ? await window.shelfmark.invoke(name, input)
    : await httpInvoke(name, input);
  if (!result.ok) throw new CallFailure(result.error);
  return result.value as CallOutput<N>;
}

type Listener = (name: EventName, payload: unknown) => void;
const listeners = new Set<Listener>();
let connected = false;

function connect(): void {
  if (connected) return;
  connected = true;
  const dispatch = (name: string, payload: unknown) => {
    for (const l of listeners) l(name as EventName, payload);
  };
  if (window.shelfmark) {
    window.shelfmark.onEvent(dispatch);
    return;
  }
  const source = new EventSource('api/events');
  for (const name of EVENT_NAMES) {
    source.addEventListener(name, (e) =>
      dispatch(name, JSON.parse((e as MessageEvent<string>).data)),
    );
  }
}

/** Subscribes to one engine event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(
  name: E,
  callback: (payload: EngineEvents[E]) => void,
): () => void {
  connect();
  const l: Listener = (n, p) => {
    if (n === name) callback(p as EngineEvents[E]);
  };
  listeners.add(l);
  return () => listeners.delete(l);
}
