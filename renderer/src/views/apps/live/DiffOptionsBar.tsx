// The controls every diff view shares: which resources, inline or side by side, whole object
// or changed fields.
import { Segmented } from './Segmented.tsx';
import { useDiffOptions } from './diffOptions.ts';

export function DiffOptionsBar({
  withFilter = true,
  withLayout = true,
}: {
  withFilter?: boolean;
  withLayout?: boolean;
}) {
  const { layout, scope, showAll, set } = useDiffOptions();
  return (
    <>
      {withFilter && (
        <Segmented
          label="Resources"
          options={[
            ['differing', 'Out of sync'],
            ['all', 'All'],
          ]}
          value={showAll ? 'all' : 'differing'}
          onChange={(value) => set({ showAll: value === 'all' })}
        />
      )}
      {withLayout && (
        <Segmented
          label="Layout"
          options={[
            ['split', 'Side by side'],
            ['inline', 'Inline'],
          ]}
          value={layout}
          onChange={(value) => set({ layout: value })}
        />
      )}
      <Segmented
        label="Scope"
        options={[
          ['whole', 'Whole object'],
          ['changed', 'Changed fields'],
        ]}
        value={scope}
        onChange={(value) => set({ scope: value })}
      />
    </>
  );
}
