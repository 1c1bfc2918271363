'use client';
import Link from 'next/link';
import { Fragment } from 'react';
import { backTo, DRILL_STARTS, type Drill, type DrillStart, LEVEL_NAMES } from '@/lib/drill';
import { linkClass } from '../ui';

export const label = (s: string) => s.replace(/_/g, ' ');
const ROOTS: Record<DrillStart, string> = {
  reason: 'All reasons',
  category: 'All categories',
  channel: 'All channels',
};

/** The returns page's URL with `change` applied to its search params (null removes one). */
export function drillHref(query: Record<string, string>, change: Record<string, string | null>) {
  const q = new URLSearchParams(query);
  for (const [k, v] of Object.entries(change)) {
    if (v === null) q.delete(k);
    else q.set(k, v);
  }
  return `/returns?${q.toString()}`;
}

/** The drill's breadcrumb, where it may start from, and what slice every figure shows. */
export function DrillNav({ drill, href }: { drill: Drill; href: (change: Record<string, string | null>) => string }) {
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <nav aria-label="Drill-down">
          <ol className="flex flex-wrap items-center gap-1">
            <li>
              {drill.steps.length > 0 ? (
                <Link className={linkClass} href={href(backTo(drill, 0))}>
                  {ROOTS[drill.start]}
                </Link>
              ) : (
                <span aria-current="page">{ROOTS[drill.start]}</span>
              )}
            </li>
            {drill.steps.map((step, i) => (
              <Fragment key={step.level}>
                <li aria-hidden="true">›</li>
                <li>
                  {i < drill.steps.length - 1 ? (
                    <Link className={linkClass} href={href(backTo(drill, i + 1))}>
                      {label(step.value)}
                    </Link>
                  ) : (
                    <span aria-current="page">{label(step.value)}</span>
                  )}
                </li>
              </Fragment>
            ))}
          </ol>
        </nav>
        <nav aria-label="Start the drill from" className="flex items-center gap-1">
          <span className="text-slate-700">Start from:</span>
          {DRILL_STARTS.map((start) =>
            start === drill.start ? (
              <span key={start} aria-current="true" className="rounded bg-slate-800 px-2 py-0.5 text-white">
                {LEVEL_NAMES[start]}
              </span>
            ) : (
              <Link
                key={start}
                className={`${linkClass} px-2 py-0.5`}
                href={href({
                  by: start,
                  reason: null,
                  category: null,
                  ...(drill.start === 'channel' ? { channel: null } : {}),
                })}
              >
                {LEVEL_NAMES[start]}
              </Link>
            ),
          )}
        </nav>
      </div>
      {drill.steps.length > 0 && (
        <p className="text-sm text-slate-700">
          Every figure below but the stock held is for {drill.steps.map((s) => label(s.value)).join(' · ')}.
        </p>
      )}
    </>
  );
}
