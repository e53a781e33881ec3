// Which artifact a source names in each of Argo CD's spellings, names checked against the
// distribution grammar; and which layer of a manifest is the content, by media type.
import { describe, expect, it } from 'vitest';
import {
  ACCEPTED_LAYER_MEDIA_TYPES,
  contentLayer,
  HELM_CHART_LAYER_MEDIA_TYPE,
  HELM_CONFIG_MEDIA_TYPE,
} from '../../../engine/oci/artifact.ts';
import {
  displayReference,
  isDigest,
  isOciSource,
  ociSourceRef,
  tagOfVersion,
  versionOfTag,
} from '../../../engine/oci/reference.ts';

const digest = `sha256:${'a'.repeat(64)}`;

describe('OCI references', () => {
  it('knows OCI sources: oci://, or a schemeless repoURL with a chart', () => {
    expect(isOciSource({ repoURL: 'oci://ghcr.io/org/app' })).toBe(true);
    expect(isOciSource({ repoURL: 'ghcr.io/org/charts', chart: 'nginx' })).toBe(true);
    expect(isOciSource({ repoURL: 'https://charts.example.com', chart: 'nginx' })).toBe(false);
    expect(isOciSource({ repoURL: 'git@github.com:org/repo.git' })).toBe(false);
    expect(isOciSource({ repoURL: '/srv/git/repo', chart: 'x' })).toBe(false);
  });

  it.each([
    [{ repoURL: 'oci://GHCR.io/org/app/' }, { registry: 'ghcr.io', repository: 'org/app' }],
    [
      { repoURL: 'oci://reg.local:5000/charts', chart: 'nginx' },
      { registry: 'reg.local:5000', repository: 'charts/nginx', chart: 'nginx' },
    ],
    [
      { repoURL: 'oci://ghcr.io/charts/nginx', chart: 'nginx' },
      { registry: 'ghcr.io', repository: 'charts/nginx', chart: 'nginx' },
    ],
    [
      { repoURL: 'registry-1.docker.io/bitnamicharts', chart: 'nginx' },
      { registry: 'registry-1.docker.io', repository: 'bitnamicharts/nginx', chart: 'nginx' },
    ],
    [
      { repoURL: 'localhost:5000', chart: 'nginx' },
      { registry: 'localhost:5000', repository: 'nginx', chart: 'nginx' },
    ],
  ])('reads %j', (source, expected) => {
    expect(ociSourceRef(source)).toEqual(expected);
  });

  it.each([
    [{ repoURL: 'oci://user:pw@ghcr.io/org/app' }, /no credentials/],
    [{ repoURL: 'oci://ghcr.io/org/app?x=1' }, /no credentials, query/],
    [{ repoURL: 'oci://ghcr.io/Org/App' }, /not an OCI repository name/],
    [{ repoURL: 'oci://ghcr.io/org/../app' }, /not an OCI repository name/],
    [{ repoURL: 'oci://ghcr.io' }, /not an OCI repository name/],
    [{ repoURL: 'oci://-bad-/x' }, /not a registry host/],
    [{ repoURL: 'oci://ghcr.io/org', chart: '../x' }, /invalid chart name/],
    [{ repoURL: 'oci://ghcr.io/org', chart: '--set' }, /invalid chart name/],
  ])('refuses %j', (source, message) => {
    expect(() => ociSourceRef(source)).toThrow(message);
  });

  it('maps chart versions to tags as helm pushes them, and shows references without credentials', () => {
    expect(tagOfVersion('1.0.0+build.1')).toBe('1.0.0_build.1');
    expect(versionOfTag('1.0.0_build.1')).toBe('1.0.0+build.1');
    expect(isDigest(digest)).toBe(true);
    expect(isDigest('sha256:abc')).toBe(false);
    const ref = { registry: 'ghcr.io', repository: 'org/app' };
    expect(displayReference(ref, '1.0.0')).toBe('oci://ghcr.io/org/app:1.0.0');
    expect(displayReference(ref, digest)).toBe(`oci://ghcr.io/org/app@${digest}`);
  });
});

const layer = (mediaType: string) => ({ mediaType, digest, size: 10 });
const manifest = (configType: string, layers: Array<ReturnType<typeof layer>>) =>
  Buffer.from(
    JSON.stringify({ schemaVersion: 2, config: { mediaType: configType, digest, size: 2 }, layers }),
  );

describe('the content layer of a manifest', () => {
  it('takes the one tar layer, skipping others (attestations), and the chart layer of a chart', () => {
    const manifests = contentLayer(
      manifest('application/vnd.oci.empty.v1+json', [
        layer('application/vnd.in-toto+json'),
        layer('application/vnd.oci.image.layer.v1.tar+gzip'),
      ]),
      'x',
    );
    expect(manifests).toEqual({
      layer: layer('application/vnd.oci.image.layer.v1.tar+gzip'),
      isHelmChart: false,
    });
    const chart = contentLayer(
      manifest(HELM_CONFIG_MEDIA_TYPE, [
        layer('application/vnd.cncf.helm.chart.provenance.v1.prov'),
        layer(HELM_CHART_LAYER_MEDIA_TYPE),
      ]),
      'x',
    );
    expect(chart.isHelmChart).toBe(true);
    expect(ACCEPTED_LAYER_MEDIA_TYPES).toContain('application/vnd.oci.image.layer.v1.tar');
  });

  it('refuses media types Argo CD does not accept, no or two content layers, too many layers', () => {
    expect(() => contentLayer(manifest('c', [layer('application/x-custom.tar+gzip')]), 'oci://r/a')).toThrow(
      /oci:\/\/r\/a: layer media type application\/x-custom.tar\+gzip is not accepted/,
    );
    expect(() => contentLayer(manifest('c', [layer('application/json')]), 'x')).toThrow(
      /single content layer.*got 0 \(layer media types: application\/json\)/,
    );
    const two = [
      layer('application/vnd.oci.image.layer.v1.tar'),
      layer('application/vnd.oci.image.layer.v1.tar'),
    ];
    expect(() => contentLayer(manifest('c', two), 'x')).toThrow(/got 2/);
    const eleven = Array.from({ length: 11 }, () => layer('application/json'));
    expect(() => contentLayer(manifest('c', eleven), 'x')).toThrow(/no more than 10 layers/);
    expect(() => contentLayer(Buffer.from('{"config":{}}'), 'x')).toThrow(/descriptor/);
  });
});
