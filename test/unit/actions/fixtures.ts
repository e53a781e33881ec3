// A customizations folder of our own for the action tests, in Argo CD's resource_customizations
// layout, whose scripts use the same API as Argo CD's catalogue: discovery tables with
// disabled, iconClass, displayName and params; old-style actions returning the object; new-style
// actions returning `{operation, resource}` lists; `actionParams`; `os.date`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../../support/tempDir.js';

export const ACTION_SCRIPTS: Record<string, string> = {
  'apps/Deployment/actions/discovery.lua': `
local actions = {}
actions["scale"] = { ["iconClass"] = "fa fa-fw fa-plus-circle", ["params"] = { { ["name"] = "replicas" } } }
actions["restart"] = { ["displayName"] = "Restart (script)" }
return actions`,
  'apps/Deployment/actions/scale/action.lua': `
local replicas = tonumber(actionParams["replicas"])
if replicas == nil or replicas < 0 then error("replicas must be a number, not " .. tostring(actionParams["replicas"])) end
obj.spec.replicas = math.floor(replicas)
return obj`,
  'apps/Deployment/actions/restart/action.lua': `
local os = require("os")
if obj.spec.template.metadata == nil then obj.spec.template.metadata = {} end
if obj.spec.template.metadata.annotations == nil then obj.spec.template.metadata.annotations = {} end
obj.spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"] = os.date("!%Y-%m-%dT%XZ")
return obj`,
  'batch/CronJob/actions/discovery.lua': `
local actions = {}
actions["create-job"] = { ["iconClass"] = "fa fa-fw fa-play", ["displayName"] = "Create Job" }
actions["suspend"] = { ["disabled"] = obj.spec.suspend == true }
actions["resume"] = { ["disabled"] = obj.spec.suspend ~= true }
return actions`,
  'batch/CronJob/actions/create-job/action.lua': `
local job = {}
job.apiVersion = "batch/v1"
job.kind = "Job"
job.metadata = { name = obj.metadata.name .. "-manual", namespace = obj.metadata.namespace,
  ownerReferences = { { apiVersion = obj.apiVersion, kind = obj.kind, name = obj.metadata.name,
    uid = obj.metadata.uid, controller = true, blockOwnerDeletion = true } } }
job.spec = obj.spec.jobTemplate.spec
return { { operation = "create", resource = job } }`,
  'batch/CronJob/actions/suspend/action.lua': `obj.spec.suspend = true
return obj`,
  'batch/CronJob/actions/resume/action.lua': `obj.spec.suspend = false
return obj`,
  // hostile scripts: each must be stopped or refused
  'ConfigMap/actions/discovery.lua': `
return { loop = {}, grow = {}, elsewhere = {}, otherkind = {}, notatable = {}, cycle = {}, deep = {}, wrongop = {}, emptied = {} }`,
  'ConfigMap/actions/loop/action.lua': `while true do end`,
  'ConfigMap/actions/grow/action.lua': `local t = {}
local i = 0
while true do i = i + 1; t[i] = { i, i, i, i } end`,
  'ConfigMap/actions/elsewhere/action.lua': `obj.metadata.namespace = "kube-system"
return obj`,
  'ConfigMap/actions/otherkind/action.lua': `obj.kind = "Secret"
obj.apiVersion = "v1"
return { { operation = "patch", resource = obj } }`,
  'ConfigMap/actions/notatable/action.lua': `return "done"`,
  'ConfigMap/actions/cycle/action.lua': `obj.data.self = obj
return obj`,
  'ConfigMap/actions/deep/action.lua': `local t = {}
local cur = t
for i = 1, 500 do cur.next = {}; cur = cur.next end
obj.data.deep = t
return obj`,
  'ConfigMap/actions/wrongop/action.lua': `return { { operation = "delete", resource = obj } }`,
  'ConfigMap/actions/emptied/action.lua': `obj.metadata.labels = {}
obj.data.note = actionParams["note"] or "none"
return obj`,
  'Secret/actions/discovery.lua': `this is not lua`,
};

/** Writes the scripts into a fresh folder (removed when the test file ends) and returns it. */
export function actionFolder(scripts: Record<string, string> = ACTION_SCRIPTS): string {
  const dir = tempDir('plumbline-actions-');
  for (const [path, text] of Object.entries(scripts)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export function deployment(extra: { paused?: boolean } = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', uid: 'u-1', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      ...(extra.paused !== undefined ? { paused: extra.paused } : {}),
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx' }] },
      },
    },
  };
}
