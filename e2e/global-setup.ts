import { electronBinary } from './electron-binary';

// Said once per run, so a skipped Electron project is never mistaken for a silent pass.
export default function globalSetup(): void {
  if (!electronBinary()) {
    console.log(
      '[e2e] electron project: every spec is SKIPPED — the Electron binary is not installed (it cannot be downloaded on this machine). The same specs run in Chromium against the web host.',
    );
  }
}
