import Store from 'electron-store';

interface Settings {
  windowBounds?: { x: number; y: number; width: number; height: number };
  lastLibrary?: string;
  theme: 'system' | 'light' | 'dark';
}

/** App-wide settings (window, theme, last library); library settings live in the library. */
export const settings = new Store<Settings>({
  name: 'settings',
  defaults: { theme: 'system' },
});
