// One pipeline for every import format: detect or pick the format, parse, then write all
// records of the file in ONE transaction (a crash leaves the library as before or as after),
// with duplicates skipped, imported anyway or merged as the caller chose.
import { extname } from 'node:path';
import type { ImportRecord, ImportReport, ParseResult } from '../../../shared/domain/import';
import { AppError } from '../errors';
import { detectFormat, IMPORT_FORMATS } from '../formats/index';
import { getItem, updateItem } from '../items/repo';
import type { Library } from '../library';
import {
  BULK_FTS_HASHSIZE,
  BulkImport,
  FTS5_DEFAULT_HASHSIZE,
  ftsHashsize,
  MIN_REBUILD_RECORDS,
} from './bulk';
import { DuplicateIndex } from './duplicates';
import { RecordInserter } from './insert';
import { appendKept } from './kept';
import { linkImportedFiles } from './link-files';
import { ParallelFtsFill, SCRATCH_ALIAS } from './parallel-fts';

/** Records written under one savepoint (see the loop in importText). */
export const RECORD_BATCH = 500;

export type OnDuplicate = 'skip' | 'import' | 'merge';

export interface ImportOptions {
  fileName: string;
  /** Format id; detected from the content when absent. */
  format?: string | undefined;
  onDuplicate: OnDuplicate;
  /**
   * Folder of the file the user imported. When given, attachment paths named by the records
   * that exist inside it are linked; without it, they stay as text only.
   */
  baseDir?: string | undefined;
  /** Smallest import whose full-text fill runs on a worker (tests lower it; see bulk.ts). */
  parallelFtsMin?: number | undefined;
}

/** Merge = fill what the existing item lacks and add the record's tags; nothing is overwritten. */
function merge(lib: Library, ins: RecordInserter, id: number, r: ImportRecord): void {
  const item = getItem(lib.db, id);
  const patch: Parameters<typeof updateItem>[2] = {};
  for (const k of ['title', 'date', 'venue', 'doi', 'url', 'abstract'] as const) {
    if (!item[k] && r[k]) patch[k] = r[k];
  }
  if (item.creators.length === 0 && r.creators.length > 0) patch.creators = r.creators;
  const fields = { ...item.fields };
  let added = false;
  for (const [k, v] of Object.entries(r.fields)) {
    if (k === 'ids' || fields[k] !== undefined) continue;
    fields[k] = v;
    added = true;
  }
  if (added) patch.fields = fields;
  if (Object.keys(patch).length > 0) updateItem(lib.db, id, patch);
  ins.linkTags(id, r.tags);
}

/**
 * The BibTeX format for a file named .bib (or .bibtex, .biblatex) that holds nothing but `%`
 * line comments: detection needs an @entry to see BibTeX, yet such a file is a BibTeX file
 * without entries, like one with only @comment, and gets that notice rather than "not a
 * format Shelfmark can read". Only comments, so a misnamed file of another kind is still told.
 */
function onlyBibtexComments(text: string, fileName: string) {
  const ext = extname(fileName).slice(1).toLowerCase();
  const bib = IMPORT_FORMATS.find((x) => x.id === 'bibtex');
  if (!bib?.extensions.includes(ext)) return null;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  return lines.every((l) => l.trim() === '' || l.trimStart().startsWith('%')) ? bib : null;
}

export function resolveFormat(text: string, format: string | undefined, fileName: string) {
  // said before any detector runs: "not a format Shelfmark can read" would send the user
  // looking for a format problem in a file that has nothing in it
  if (text.replace(/^\uFEFF/, '').trim() === '')
    throw new AppError('parse_error', `${fileName} is empty: there is nothing to import.`);
  if (format) {
    const f = IMPORT_FORMATS.find((x) => x.id === format);
    if (!f)
      throw new AppError(
        'invalid_input',
        `Unknown import format "${format}"; known: ${IMPORT_FORMATS.map((x) => x.id).join(', ')}.`,
      );
    return f;
  }
  const f = detectFormat(text) ?? onlyBibtexComments(text, fileName);
  if (!f)
    throw new AppError(
      'parse_error',
      `${fileName}: not a format Shelfmark can read (tried ${IMPORT_FORMATS.map((x) => x.label).join(', ')}).`,
    );
  return f;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** A file that parsed without problems yet held no entries says so, rather than "0 imported". */
function noEntriesNotice(
  fileName: string,
  parsed: ParseResult & { preambles?: string[]; comments?: string[] },
): string | null {
  if (parsed.records.length > 0 || parsed.problems.length > 0) return null;
  const blocks = [
    ...(parsed.preambles?.length ? [plural(parsed.preambles.length, '@preamble')] : []),
    ...(parsed.comments?.length ? [plural(parsed.comments.length, '@comment')] : []),
  ];
  return blocks.length > 0
    ? `${fileName} has no entries to import: it holds only ${blocks.join(' and ')}, kept for BibTeX export.`
    : `${fileName} has no entries to import.`;
}

/** For tests: the last import's bulk state (how its full-text rows were written). */
export let lastBulk: BulkImport | null = null;

export function importText(lib: Library, text: string, opts: ImportOptions): ImportReport {
  const format = resolveFormat(text, opts.format, opts.fileName);
  const parsed: ParseResult & { preambles?: string[]; comments?: string[] } = format.parse(
    text,
    opts.fileName,
  );
  const report: ImportReport = {
    file: opts.fileName,
    format: format.id,
    imported: 0,
    skipped: parsed.problems.length,
    duplicates: [],
    problems: [...parsed.problems],
    warnings: parsed.warnings ?? [],
    renamedKeys: [],
    itemIds: [],
  };
  const notice = noEntriesNotice(opts.fileName, parsed);
  if (notice) report.notice = notice;
  // a large import into an empty library tokenises on a worker meanwhile (parallel-fts.ts)
  const fts = ParallelFtsFill.start(
    lib.db,
    parsed.records.length,
    {
      folder: lib.folder,
      nativeBinding: lib.nativeBinding,
      bulkHashsize: BULK_FTS_HASHSIZE,
      restoreHashsize: ftsHashsize(lib.db) ?? FTS5_DEFAULT_HASHSIZE,
    },
    opts.parallelFtsMin,
  );
  // the bulk path shrinks the page cache while rows go in; a failed import must not leave it so
  const cacheSize = lib.db.pragma('cache_size', { simple: true }) as number;
  try {
    const store = () => storeRecords(lib, parsed, opts, report, fts);
    const write = () =>
      fts ? lib.writeAttached(fts.file, SCRATCH_ALIAS, store) : lib.write(store);
    // a large import leaves hundreds of MB in the WAL: folded into the file on a worker after
    // the commit instead of inside it
    if (parsed.records.length >= MIN_REBUILD_RECORDS) lib.withCheckpointDeferred(write);
    else write();
  } finally {
    fts?.dispose();
    lib.db.pragma(`cache_size = ${Math.trunc(cacheSize)}`);
  }
  if (report.itemIds.length > 0)
    lib.changed(['items', 'tags'], report.itemIds.length <= 1000 ? report.itemIds : undefined);
  return report;
}

/** Writes the parsed records, inside the import's one write transaction. */
function storeRecords(
  lib: Library,
  parsed: ParseResult & { preambles?: string[]; comments?: string[] },
  opts: ImportOptions,
  report: ImportReport,
  fts: ParallelFtsFill | null,
): void {
  // before any statement is prepared on the old schema
  const bulk = new BulkImport(lib.db, parsed.records.length, fts);
  lastBulk = bulk;
  const ins = new RecordInserter(lib.db);
  const dups = opts.onDuplicate === 'import' ? null : new DuplicateIndex(lib.db);
  const store = (r: ImportRecord): void => {
    const hit = dups?.find(r) ?? null;
    if (hit) {
      const action = opts.onDuplicate === 'merge' ? 'merged' : 'skipped';
      report.duplicates.push({
        line: r.line,
        title: r.title,
        existingId: hit.id,
        reason: `${hit.reason} (${action})`,
      });
      if (opts.onDuplicate === 'merge') {
        bulk.touchedItems.add(hit.id);
        merge(lib, ins, hit.id, r);
        report.itemIds.push(hit.id);
      }
      return;
    }
    const { id, key } = ins.insert(r);
    const given = r.citationKey?.trim();
    if (given && key !== given) report.renamedKeys.push({ line: r.line, from: given, to: key });
    if (opts.baseDir && r.files.length > 0) linkImportedFiles(lib.db, id, r.files, opts.baseDir);
    report.itemIds.push(id);
    report.imported++;
  };
  const one = lib.db.transaction(store);
  const many = lib.db.transaction((rs: readonly ImportRecord[]) => rs.forEach(store));
  // On some errors (disk full, I/O) SQLite rolls back the WHOLE transaction. Going on would
  // run the remaining records in autocommit mode, one commit each: a half import.
  const fatal = (e: unknown) => {
    if (!lib.db.inTransaction) throw e;
  };
  const storeOne = (r: ImportRecord) => {
    try {
      ins.beginRecord();
      one(r); // a savepoint of its own, so one bad record rolls back alone
    } catch (e) {
      fatal(e);
      ins.forgetRecord();
      report.skipped++;
      report.problems.push({
        file: opts.fileName,
        line: r.line,
        reason: `could not store the entry: ${(e as Error).message}`,
      });
    }
  };
  // A savepoint per record cost ~8% of a 100k import. Records go in batches under one
  // savepoint; a batch that fails is rolled back whole (rows, report, inserter state) and
  // replayed one record per savepoint, so the outcome is exactly the per-record one.
  const { records } = parsed;
  for (let i = 0; i < records.length; i += RECORD_BATCH) {
    const batch = records.slice(i, i + RECORD_BATCH);
    const mark = {
      ids: report.itemIds.length,
      imported: report.imported,
      dups: report.duplicates.length,
      renamed: report.renamedKeys.length,
    };
    try {
      ins.beginRecord();
      many(batch);
    } catch (e) {
      fatal(e);
      ins.forgetRecord();
      report.itemIds.length = mark.ids;
      report.imported = mark.imported;
      report.duplicates.length = mark.dups;
      report.renamedKeys.length = mark.renamed;
      batch.forEach(storeOne);
    }
    bulk.batchDone();
  }
  appendKept(lib.db, 'bibtex.preambles', parsed.preambles ?? []);
  appendKept(lib.db, 'bibtex.comments', parsed.comments ?? []);
  for (const t of ins.touchedTags) bulk.touchedTags.add(t);
  bulk.finish();
}
