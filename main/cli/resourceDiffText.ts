// One object's difference between the cluster and git as people read it: a title line and a
// unified patch from live to git (or to the revision a rollback goes to). `plumbline diff` and
// the rollback preview print these.
import { createTwoFilesPatch } from 'diff';
import type { ResourceDiff } from '../../engine/api/contract.ts';

function resourceTitle({ key }: ResourceDiff): string {
  return `${key.group ? `${key.group}/` : ''}${key.kind} ${key.namespace ? `${key.namespace}/` : ''}${key.name}`;
}

export function resourceDiffText(resource: ResourceDiff, desiredLabel = 'git'): string {
  const why = `${resource.reason ?? resource.status}${resource.requiresPruning ? ', requires pruning' : ''}`;
  const patch = createTwoFilesPatch('live', desiredLabel, resource.liveYaml, resource.desiredYaml, '', '', {
    context: 3,
  });
  return `===== ${resourceTitle(resource)} (${why})\n${patch}`;
}
