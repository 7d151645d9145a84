export { fmtMs, fmtRate, median, percentile, timeMs, timeMsAsync } from '../lib/stats';
export { rng } from '../generate';
