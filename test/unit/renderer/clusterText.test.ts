// The wizard's text fields: labels as key=value lines, namespaces split on commas or spaces.
import { describe, expect, it } from 'vitest';
import {
  formatLabels,
  parseLabels,
  parseNamespaces,
  suggestedName,
} from '../../../renderer/src/views/clusters/clusterText.ts';

describe('cluster text fields', () => {
  it('reads labels from lines or commas, and names a line that is not key=value', () => {
    expect(parseLabels('env=prod\n team=a , tier=')).toEqual({
      labels: { env: 'prod', team: 'a', tier: '' },
    });
    expect(parseLabels('env prod')).toEqual({ problem: '"env prod" is not key=value' });
    expect(formatLabels({ env: 'prod', team: 'a' })).toBe('env=prod\nteam=a');
  });

  it('reads namespaces once each, and suggests a name without spaces', () => {
    expect(parseNamespaces(' team-a, team-b team-a ')).toEqual(['team-a', 'team-b']);
    expect(parseNamespaces('')).toEqual([]);
    expect(suggestedName(' my cluster ')).toBe('my-cluster');
  });
});
