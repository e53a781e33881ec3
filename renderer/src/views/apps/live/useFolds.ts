// Which resources of a diff list are unfolded: the reader's own folds and unfolds, and the
// default (differing ones open, while few differ) for everything else.
import { useCallback, useState } from 'react';
import type { ResourceDiff } from '../../../../../engine/api/contract.ts';
import { opensByDefault } from './diffList.ts';

export interface Folds {
  isOpen(resource: ResourceDiff): boolean;
  onToggle(id: string): void;
  setAll(open: boolean): void;
}

export function useFolds(all: readonly ResourceDiff[], shown: readonly ResourceDiff[]): Folds {
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const differing = all.filter((r) => r.status !== 'Synced').length;
  const onToggle = useCallback(
    (id: string) =>
      setToggled((previous) => {
        const resource = all.find((r) => r.id === id);
        const fallback = resource ? opensByDefault(resource, differing) : false;
        return new Map(previous).set(id, !(previous.get(id) ?? fallback));
      }),
    [all, differing],
  );
  return {
    isOpen: (resource) => toggled.get(resource.id) ?? opensByDefault(resource, differing),
    onToggle,
    setAll: (open) => setToggled(new Map(shown.map((r) => [r.id, open]))),
  };
}
