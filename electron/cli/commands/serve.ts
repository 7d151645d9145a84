import { parseArgs } from 'node:util';
import { startOnlineScheduler } from '../../library/online/scheduler';
import { startWebHost } from '../../web/server';
import type { Command } from '../command';

export const serve: Command = {
  name: 'serve',
  usage: 'shelfmark serve [--library DIR] [--port N]',
  summary: 'serve the Shelfmark UI to a browser on 127.0.0.1',
  async run(args, { library, io }) {
    const { values } = parseArgs({ args, options: { port: { type: 'string' } }, strict: true });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.err(`serve: --port must be a number from 0 to 65535, not "${values.port}"`);
      return 2;
    }
    const lib = library();
    const host = await startWebHost({ library: lib, port });
    io.out(`Shelfmark is serving ${lib.folder}`);
    io.out(`Open ${host.openUrl}`);
    io.out('Press Ctrl+C to stop.');
    // Feeds and pending identifiers refresh at start and every few hours while online is on.
    const scheduler = startOnlineScheduler(lib, {
      onError: (e) => io.err(`online refresh failed: ${(e as Error).message}`),
    });
    await new Promise<void>((done) => {
      const stop = () => {
        scheduler.stop();
        void host.close().then(done);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
