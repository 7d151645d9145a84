import DOMPurify from 'dompurify';
import { marked } from 'marked';

// Notes are Markdown written by the user or imported from anywhere: the HTML marked produces is
// always passed through DOMPurify before it reaches the DOM, so a note cannot run script.

marked.setOptions({ gfm: true, breaks: false, async: false });

/** Links may leave only for the web or mail; javascript:, data:, file: and the like go. */
const SAFE_HREF = /^(?:https?:|mailto:|#|[^:/?#]*(?:[/?#]|$))/i;

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  // links may only lead to the web, mail or inside the note
  if (node.tagName === 'A') {
    const href = node.getAttribute('href');
    if (href !== null && !SAFE_HREF.test(href.trim())) node.removeAttribute('href');
  }
  // links open outside the app and cannot reach back into it, except page links into the
  // app's own PDF reader (`#/pdf/…`), which open in place
  if (node.tagName === 'A' && !(node.getAttribute('href') ?? '').startsWith('#/pdf/')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false });
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    // nothing that restyles or overlays the app, posts data, or embeds another document
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'option',
      'dialog',
      'iframe',
      'object',
      'embed',
    ],
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'ping'],
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
  });
}
