// Imported first by the entry, for its side effect: modules run in import order, so the first
// page's request leaves before React, react-dom and the app's modules are evaluated (about a
// third of the time from navigation to the first row on a quiet machine), and its answer is
// usually here by the time the app renders.
import { prefetchFirstPage } from './first-page';

prefetchFirstPage();
