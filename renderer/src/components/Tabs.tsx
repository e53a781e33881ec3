// A row of tabs; the caller renders the chosen one.
export function Tabs<T extends string>({
  tabs,
  current,
  onChange,
}: {
  tabs: readonly T[];
  current: T;
  onChange(tab: T): void;
}) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((tab) => (
        <button
          key={tab}
          role="tab"
          aria-selected={tab === current}
          className={tab === current ? 'tab active' : 'tab'}
          onClick={() => onChange(tab)}
        >
          {tab}
        </button>
      ))}
    </div>
  );
}
