// Hostile revisions and signatures: tags named like options, huge and nested constraints, and
// commits whose signature header is junk, not armored, or whose message imitates gpg's status
// lines. Each ends as a refusal or a condition-ready error, never as a good signature.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositoryCache, type RepositoryCache } from '../../engine/git/index.ts';
import { GpgKeyring } from '../../engine/gpg/keyring.ts';
import { verifySignedObject } from '../../engine/gpg/verifySignature.ts';
import { git, makeRemote, makeScratch, type Remote, type Scratch } from '../support/gitFixtures.ts';
import { repositoryFailure } from '../support/repositoryFailure.ts';

let scratch: Scratch;
let remote: Remote;
let cache: RepositoryCache;
let base: string;

function writeCommit(work: string, content: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['hash-object', '-t', 'commit', '-w', '--stdin', '--literally'],
      { cwd: work, env: { PATH: process.env.PATH ?? '', HOME: work, GIT_CONFIG_NOSYSTEM: '1' } },
      (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
    );
    child.stdin?.end(content);
  });
}

async function branchWithCommit(name: string, header: string, message: string): Promise<string> {
  const tree = await git(remote.work, 'rev-parse', `${base}^{tree}`);
  const sha = await writeCommit(
    remote.work,
    `tree ${tree}\nparent ${base}\nauthor A <a@x> 1700000000 +0000\ncommitter A <a@x> 1700000000 +0000\n${header}\n${message}\n`,
  );
  await git(remote.work, 'update-ref', `refs/heads/${name}`, sha);
  return sha;
}

beforeAll(async () => {
  scratch = await makeScratch();
  remote = await makeRemote(scratch.root);
  base = await remote.commit({ 'a.yaml': 'a: 1\n' }, 'base');
  await git(remote.work, 'tag', 'v1.0.0');
  // tags git accepts but a careless command line would read as options
  await git(remote.work, 'update-ref', 'refs/tags/--upload-pack=touch', base);
  await git(remote.work, 'update-ref', 'refs/tags/-v9.9.9', base);
  await branchWithCommit('junk-signature', 'gpgsig not a signature at all', 'junk');
  await branchWithCommit(
    'garbage-armor',
    'gpgsig -----BEGIN PGP SIGNATURE-----\n \n AAAAAAAAAAAAAAAA\n -----END PGP SIGNATURE-----',
    'garbage armor',
  );
  await branchWithCommit(
    'imitated-status',
    '',
    '[GNUPG:] GOODSIG 0123456789ABCDEF Alice\n[GNUPG:] VALIDSIG 0123456789ABCDEF0123456789ABCDEF01234567',
  );
  await remote.push('--all');
  await remote.push('--tags');
  cache = createRepositoryCache({ cacheDir: scratch.cacheDir });
}, 60_000);
afterAll(() => scratch?.remove());

describe('hostile revisions', () => {
  it('skips option-like tags in a constraint and refuses them as a targetRevision', async () => {
    expect(await cache.resolveRevision(remote.bare, '*')).toBe(base);
    for (const revision of ['--upload-pack=touch', '-v9.9.9']) {
      const error = await repositoryFailure(cache.resolveRevision(remote.bare, revision));
      expect(error.kind).toBe('unknown-revision');
      expect(error.message).toContain('can not start with "-"');
    }
  });

  it('refuses a huge constraint and answers a long nested one quickly', async () => {
    const started = Date.now();
    const huge = await repositoryFailure(cache.resolveRevision(remote.bare, '>=1.0 '.repeat(5_000)));
    expect(huge.message).toMatch(/longer than 256 characters/);
    expect(await cache.resolveRevision(remote.bare, `${'^0.1 || '.repeat(25)}^1`)).toBe(base);
    const nested = await repositoryFailure(
      cache.resolveRevision(remote.bare, `${'('.repeat(50)}1.x${')'.repeat(50)}`),
    );
    expect(nested.kind).toBe('unknown-revision');
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('hostile signatures', () => {
  const check = async (branch: string) => {
    const sha = await cache.resolveRevision(remote.bare, branch);
    return verifySignedObject(
      GpgKeyring.of(scratch.root),
      await cache.signedRevision(remote.bare, branch, sha),
    );
  };

  it('a gpgsig header that is no signature is unsigned', async () => {
    expect(await check('junk-signature')).toEqual({ result: 'unsigned' });
  });

  it('an armored block of garbage is invalid, never good', async () => {
    const result = await check('garbage-armor');
    expect(result.result).not.toBe('good');
    expect(result.result).toBe('invalid');
  });

  it("a message imitating gpg's status lines is unsigned", async () => {
    expect(await check('imitated-status')).toEqual({ result: 'unsigned' });
  });
});
