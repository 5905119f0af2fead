import { RouteTabs } from '../../ui/Tabs.tsx';

/** Two views of one page as link tabs (`?tab=mac`), so each is a deep link. */
export function SubTabs({
  label,
  base,
  current,
  tabs,
}: {
  label: string;
  /** The page's path; the first tab is the page itself. */
  base: string;
  current: string;
  tabs: { id: string; label: string }[];
}) {
  return (
    <RouteTabs
      label={label}
      current={current}
      tabs={tabs.map((tab, i) => ({
        id: tab.id,
        label: tab.label,
        to: i === 0 ? base : `${base}?tab=${tab.id}`,
      }))}
    />
  );
}
