import { useEffect, useState } from 'react';
import type { EngineEvents } from '../../../shared/api/events';
import { useEngineEvent } from '../hooks/use-engine-event';

type Progress = EngineEvents['job.progress'];

/** Long background jobs (PDF text indexing, …) as small progress bars; gone when finished. */
export function JobProgress() {
  const [jobs, setJobs] = useState<Map<string, Progress>>(new Map());
  useEngineEvent('job.progress', (p) => {
    setJobs((m) => new Map(m).set(p.job, p));
  });
  // A finished (or failed) job stays visible for a moment, then goes.
  useEffect(() => {
    const finished = [...jobs.values()].filter((p) => p.total === 0 || p.done >= p.total);
    if (!finished.length) return;
    const t = setTimeout(() => {
      setJobs((m) => {
        const next = new Map(m);
        for (const p of finished) if (next.get(p.job) === p) next.delete(p.job);
        return next;
      });
    }, 2500);
    return () => clearTimeout(t);
  }, [jobs]);
  if (!jobs.size) return null;
  return (
    <ul className="job-progress" aria-label="Background jobs">
      {[...jobs.values()].map((p) => (
        <li key={p.job}>
          <span>{p.message ?? p.job}</span>
          {p.total > 0 ? (
            <>
              <progress max={p.total} value={p.done} aria-label={p.message ?? p.job} />
              <span>
                {p.done} / {p.total}
              </span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
