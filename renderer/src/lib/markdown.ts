import DOMPurify from 'dompurify';
import { marked } from 'marked';

// Notes are Markdown written by the user or imported from anywhere: the HTML marked produces is
// always passed through DOMPurify before it reaches the DOM, so a note cannot run script.

marked.setOptions({ gfm: true, breaks: false, async: false });

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  // links open outside the app and cannot reach back into it
  // …except page links into the app's own PDF reader (`#/pdf/…`), which open in place
  if (node.tagName === 'A' && !(node.getAttribute('href') ?? '').startsWith('#/pdf/')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false });
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style'],
  });
}
