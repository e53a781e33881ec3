// A login plugin's output is gathered per cluster until dismissed, and only its end is kept.
import { beforeEach, describe, expect, it } from 'vitest';
import { usePluginOutput } from '../../../renderer/src/stores/pluginOutput.ts';

beforeEach(() => usePluginOutput.setState({ byCluster: {} }));

describe('login plugin output', () => {
  it('gathers the output of each cluster until it is dismissed', () => {
    const { received } = usePluginOutput.getState();
    received('prod', 'To sign in, open https://login.example.test/device\n');
    received('prod', 'and enter WDJB-MJHT\n');
    received('dev', 'warning: token cache unreadable\n');
    expect(usePluginOutput.getState().byCluster.prod).toBe(
      'To sign in, open https://login.example.test/device\nand enter WDJB-MJHT\n',
    );
    usePluginOutput.getState().dismiss('prod');
    expect(Object.keys(usePluginOutput.getState().byCluster)).toEqual(['dev']);
  });

  it('keeps only the end of a long output', () => {
    usePluginOutput.getState().received('noisy', `${'x'.repeat(10_000)}the end`);
    const kept = usePluginOutput.getState().byCluster.noisy!;
    expect(kept.length).toBe(4_000);
    expect(kept.endsWith('the end')).toBe(true);
  });
});
