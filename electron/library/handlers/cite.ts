import type { citeCalls } from '../../../shared/api/cite';
import {
  addStyle,
  bibliography,
  checkStyle,
  citation,
  citationSettings,
  latexCite,
  saveCitationSettings,
  warmUpCitations,
} from '../cite/format';
import { listStyles, removeStyle, styleId } from '../cite/styles';
import type { HandlerMap } from './types';

export const citeHandlers: HandlerMap<keyof typeof citeCalls> = {
  'cite.styles': (_input, lib) => listStyles(lib.db),
  'cite.addStyle': async ({ xml }, lib) => {
    const { rowId, title } = await addStyle(lib.db, xml, (fn) => lib.write(fn));
    lib.changed(['citeStyles']);
    return { id: styleId(rowId), title, builtin: false };
  },
  'cite.removeStyle': ({ id }, lib) => {
    lib.write(() => {
      removeStyle(lib.db, id);
      // a removed default falls back to APA rather than pointing at nothing
      const s = citationSettings(lib.db);
      if (s.style === id) saveCitationSettings(lib.db, { ...s, style: 'apa' });
    });
    lib.changed(['citeStyles', 'settings']);
    return null;
  },
  'cite.settings': (_input, lib) => {
    warmUpCitations();
    return citationSettings(lib.db);
  },
  'cite.setSettings': ({ style, locale }, lib) => {
    const next = lib.write(() => {
      if (style) checkStyle(lib.db, style);
      const s = {
        ...citationSettings(lib.db),
        ...(style ? { style } : {}),
        ...(locale ? { locale } : {}),
      };
      saveCitationSettings(lib.db, s);
      return s;
    });
    lib.changed(['settings']);
    return next;
  },
  'cite.bibliography': ({ ids, style, locale }, lib) =>
    bibliography(lib.db, ids, { style, locale }),
  'cite.citation': ({ ids, style, locale }, lib) => citation(lib.db, ids, { style, locale }),
  'cite.latex': ({ ids, command }, lib) => latexCite(lib.db, ids, command),
};
