import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Library } from '../library/library';
import { writeOnlineSettings } from '../library/online/settings';
import {
  type LocalServer,
  localOnlineSettings,
  serviceRoutes,
  startLocalServer,
} from '../library/online/testdata/local-server';

/**
 * A closed library folder, ready for the CLI to open, whose online services all point at a new
 * local server (close the server after the test).
 */
export async function folderWithLocalServices(
  prefix: string,
): Promise<{ dir: string; server: LocalServer }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const server = await startLocalServer(serviceRoutes);
  const lib = Library.open(dir);
  lib.write(() => writeOnlineSettings(lib.db, localOnlineSettings(server.url)));
  lib.close();
  return { dir, server };
}
