import { useEffect, useRef } from 'react';
import type { EngineEvents, EventName } from '../../../shared/api/events';
import { onEvent } from '../api/client';

/** Runs `callback` for each engine event of `name`, with the latest callback in scope. */
export function useEngineEvent<E extends EventName>(
  name: E,
  callback: (payload: EngineEvents[E]) => void,
): void {
  const ref = useRef(callback);
  useEffect(() => {
    ref.current = callback;
  });
  useEffect(() => onEvent(name, (p) => ref.current(p)), [name]);
}
