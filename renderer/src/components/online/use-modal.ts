// The online dialogs import both helpers from here; the hook itself has one home in hooks/, so
// every dialog in the app opens and closes the same way.
export { useModal } from '../../hooks/use-modal';

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
