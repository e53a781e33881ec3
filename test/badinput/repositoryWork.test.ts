// Bad input for shared repository work (issue 19): a concurrency setting out of range, a
// revision that does not exist asked for in the same burst as good ones, and a repository that
// is not there asked for by many at once — the bad request gets its own clear error, the others
// their answers, and nothing is remembered that would keep failing once the input is fixed.
import { join } from 'node:path';
import { createRepositoryCache, RepositoryError } from '../../engine/git/index.ts';
import { MAX_SIZE, WorkLimits } from '../../engine/limits/workLimits.ts';
import { makeRemote } from '../support/gitFixtures.ts';
import { tempDir } from '../support/tempDir.ts';
import { badInputCases } from './corpus.ts';

const root = tempDir();
const failure = (error: unknown) =>
  error instanceof RepositoryError ? `${error.kind}: ${error.message}` : String(error);

badInputCases('repository work', [
  {
    name: 'concurrency setting of 0, -3, NaN and 100000',
    outcome: 'the defaults for what is not a positive number, at most 256 for the rest',
    run: async () => {
      const limits = new WorkLimits({ git: 0, render: -3, operations: Number.NaN });
      const defaults = new WorkLimits();
      if (limits.git.size !== defaults.git.size || limits.render.size !== defaults.render.size)
        throw new Error(`defaults not kept: ${limits.git.size}, ${limits.render.size}`);
      if (limits.operations.size !== 10) throw new Error(`operations: ${limits.operations.size}`);
      limits.apply({ git: 100_000 });
      if (limits.git.size !== MAX_SIZE) throw new Error(`not capped: ${limits.git.size}`);
      return { git: limits.git.size, render: limits.render.size, operations: limits.operations.size };
    },
  },
  {
    name: 'a branch that does not exist, asked for in the same burst as 30 requests for main',
    outcome: 'that request fails with unknown-revision, the 30 others get main',
    run: async () => {
      const remote = await makeRemote(root, 'burst.git');
      const main = await remote.commit({ 'a.yaml': 'a: 1\n' }, 'one');
      await remote.push('main');
      const cache = createRepositoryCache({ cacheDir: join(root, 'cache-burst') });
      const answers = await Promise.all(
        [...Array.from({ length: 30 }, () => 'main'), 'no-such-branch'].map((revision) =>
          cache.resolveRevision(remote.bare, revision).then(
            (sha) => ({ revision, sha }),
            (error: unknown) => ({ revision, error: failure(error) }),
          ),
        ),
      );
      const good = answers.filter((answer) => 'sha' in answer && answer.sha === main);
      const bad = answers.find((answer) => answer.revision === 'no-such-branch');
      if (good.length !== 30) throw new Error(`main answered ${good.length} of 30 times`);
      if (!bad || !('error' in bad) || !bad.error.startsWith('unknown-revision'))
        throw new Error(`the missing branch: ${JSON.stringify(bad)}`);
      return answers;
    },
  },
  {
    name: 'a repository path that does not exist, asked for by 20 at once, then created',
    outcome: 'all 20 get the same clear error; once the repository exists it resolves (no failure kept)',
    run: async () => {
      const cache = createRepositoryCache({ cacheDir: join(root, 'cache-missing') });
      const path = join(root, 'later.git');
      const errors = await Promise.all(
        Array.from({ length: 20 }, () =>
          cache.resolveRevision(path, 'main').then(
            () => 'resolved',
            (error: unknown) => failure(error),
          ),
        ),
      );
      if (errors.some((error) => error === 'resolved' || !error.includes('later.git')))
        throw new Error(`unexpected: ${errors[0]}`);
      const remote = await makeRemote(root, 'later.git');
      const commit = await remote.commit({ 'a.yaml': 'a: 1\n' }, 'one');
      await remote.push('main');
      const sha = await cache.resolveRevision(path, 'main');
      if (sha !== commit) throw new Error(`after creating it: ${sha}`);
      return { errors: [...new Set(errors)], sha };
    },
  },
]);
