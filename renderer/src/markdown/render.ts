// Notes are Markdown written by the user or imported from other tools, so they are untrusted:
// marked turns them into HTML and DOMPurify removes everything that could run code before the
// HTML reaches the DOM. Every note on screen goes through renderMarkdown.
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Tags that cannot run code but can restyle or overlay the app, or post data: not in notes. */
const FORBID_TAGS = ['style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'dialog'];
const FORBID_ATTR = ['style', 'srcset', 'action', 'formaction', 'ping'];
/** Links may leave only for the web or mail; everything else (javascript:, data:, file:) goes. */
const SAFE_URL = /^(?:https?:|mailto:|#|\/(?!\/)|\.{0,2}\/|[^:/?#]*(?:[/?#]|$))/i;

let hooked = false;
function hook(purify: typeof DOMPurify): void {
  if (hooked) return;
  hooked = true;
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href');
      if (href !== null && !SAFE_URL.test(href.trim())) node.removeAttribute('href');
      // Never navigate the app itself: links open outside (Electron's window-open handler lets
      // only http, https and mailto through).
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

/** Markdown → sanitised HTML, safe to assign to innerHTML. */
export function renderMarkdown(md: string): string {
  hook(DOMPurify);
  const html = marked.parse(md) as string;
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
  });
}
