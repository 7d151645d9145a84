import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportReport } from '../../../shared/domain/import';
import { type Command, call } from '../command';
import { INTERRUPTED, guardInterrupts } from '../interrupt';

const POLICIES = ['skip', 'import', 'merge'] as const;

function describe(r: ImportReport): string[] {
  const lines = [
    `${r.file}: ${r.imported} imported, ${r.skipped} skipped, ${r.duplicates.length} duplicates (${r.format})`,
  ];
  if (r.notice) lines.push(`  ${r.notice}`);
  for (const p of r.problems) lines.push(`  ${p.file}:${p.line}: skipped: ${p.reason}`);
  // imported entries worth a look: printed, but the exit code stays 0
  for (const w of r.warnings) lines.push(`  ${w.file}:${w.line}: warning: ${w.reason}`);
  for (const d of r.duplicates)
    lines.push(`  ${r.file}:${d.line}: duplicate of item ${d.existingId}: ${d.reason}: ${d.title}`);
  for (const k of r.renamedKeys)
    lines.push(
      `  ${r.file}:${k.line}: citation key ${k.from} is already in use: stored as ${k.to}`,
    );
  return lines;
}

export const importCommand: Command = {
  name: 'import',
  usage: 'shelfmark import [--format ID] [--duplicates skip|import|merge] [--json] FILE…',
  summary: 'import files (BibTeX, RIS, …); exit code 1 if any entry was skipped',
  async run(args, { library, io }) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        format: { type: 'string' },
        duplicates: { type: 'string', default: 'skip' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length === 0) {
      io.err(`import: name at least one file\nUsage: ${this.usage}`);
      return 2;
    }
    const policy = values.duplicates as (typeof POLICIES)[number];
    if (!POLICIES.includes(policy)) {
      io.err(`import: --duplicates must be one of ${POLICIES.join(', ')}`);
      return 2;
    }
    const lib = library();
    const guard = guardInterrupts(lib);
    try {
      return await importFiles(positionals);
    } finally {
      guard.dispose();
    }
    async function importFiles(files: string[]): Promise<number> {
      const reports: ImportReport[] = [];
      let failed = false;
      for (const file of files) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch (e) {
          io.err(`import: cannot read ${file}: ${(e as Error).message}`);
          failed = true;
          continue;
        }
        try {
          const report = await call(lib, 'import.text', {
            base64: bytes.toString('base64'),
            fileName: file,
            baseDir: dirname(resolve(file)),
            onDuplicate: policy,
            ...(values.format ? { format: values.format } : {}),
          });
          guard.committed();
          reports.push(report);
          if (report.skipped > 0) failed = true;
          if (!values.json) describe(report).forEach((l) => io.out(l));
        } catch (e) {
          io.err(`import: ${file}: ${(e as Error).message}`);
          failed = true;
        }
        // Ctrl-C after a commit: its report is out; the files not started are not imported
        if (await guard.interrupted()) {
          if (values.json) io.out(JSON.stringify(reports, null, 2));
          io.err('import: interrupted; the files reported above were imported');
          return INTERRUPTED;
        }
      }
      if (values.json) io.out(JSON.stringify(reports, null, 2));
      return failed ? 1 : 0;
    }
  },
};
