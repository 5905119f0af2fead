import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface RouteTab {
  id: string;
  label: string;
  /** Where the tab leads (tabs are deep-linkable routes). */
  to: string;
}

/** Tabs that are links: the URL holds the selected tab; arrows move between tabs. */
export function RouteTabs({
  label,
  tabs,
  current,
}: {
  label: string;
  tabs: RouteTab[];
  current: string;
}) {
  return (
    // Focus lives on the tabs themselves (roving tabindex); the list only routes arrow keys.
    // eslint-disable-next-line jsx-a11y/interactive-supports-focus
    <div
      role="tablist"
      aria-label={label}
      className="tabs"
      onKeyDown={(e) => {
        if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
        const all = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')];
        const i = all.indexOf(document.activeElement as HTMLElement);
        const next = all[(i + (e.key === 'ArrowRight' ? 1 : all.length - 1)) % all.length];
        next?.focus();
      }}
    >
      {tabs.map((t) => (
        <Link
          key={t.id}
          role="tab"
          to={t.to}
          aria-selected={t.id === current}
          tabIndex={t.id === current ? 0 : -1}
          className={`tab${t.id === current ? ' active' : ''}`}
        >
          {t.label}
        </Link>
      ))}
    </div>
  );
}

/** The panel of the selected route tab. */
export function TabPanel({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="tabpanel" aria-label={label} className="tab-panel">
      {children}
    </div>
  );
}
