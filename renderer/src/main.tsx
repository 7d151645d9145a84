// First, for their side effects: the token leaves the address bar, and the first page is in
// hand (or its request leaves) before the rest is evaluated.
import './drop-token';
import './boot-prefetch';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ErrorBoundary } from './components/error-boundary';
import { firstPage } from './first-page';
import './styles.css';

/**
 * The app's first render waits (briefly) for the first page: with its rows in hand it draws the
 * table once, instead of an empty table, a paint, a second render and a second layout.
 */
const FIRST_PAGE_WAIT_MS = 300;

const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary what="Shelfmark">
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
void Promise.race([
  firstPage.settled(),
  new Promise((resolve) => setTimeout(resolve, FIRST_PAGE_WAIT_MS)),
]).then(render);
