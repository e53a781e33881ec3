// One AppProject at a glance: its applications, where they may come from and go to, the kinds
// they may deploy, its roles and its sync windows.
import { useId } from 'react';
import type { ProjectSummary } from '../../../../engine/api/contract.ts';
import { Conditions } from '../../components/Conditions.tsx';
import { destinationText, kindRule, sourceText } from './projectText.ts';
import { SyncWindowTable } from './SyncWindowTable.tsx';

function Listing({ items, none }: { items: string[]; none: string }) {
  if (items.length === 0) return <span className="subtle">{none}</span>;
  return (
    <ul className="plain-list">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}

const policies = (count: number) => `${count} ${count === 1 ? 'policy' : 'policies'}`;

export function ProjectCard({ project }: { project: ProjectSummary }) {
  const heading = useId();
  const title = (
    <h2 id={heading}>
      {project.name}
      {project.builtIn && <span className="pill">built in</span>}
    </h2>
  );
  // A definition that cannot be used has no rules to show: it allows nothing until fixed.
  if (project.conditions.some((condition) => condition.type.endsWith('Error')))
    return (
      <section className="card project-card" aria-labelledby={heading}>
        {title}
        <Conditions conditions={project.conditions} />
        <p className="subtle">
          Its applications ({project.applications.join(', ') || 'none'}) cannot sync until it is fixed.
        </p>
      </section>
    );
  return (
    <section className="card project-card" aria-labelledby={heading}>
      {title}
      {project.description && <p className="subtle">{project.description}</p>}
      <Conditions conditions={project.conditions} />
      {project.builtIn && (
        <p className="subtle">
          No AppProject named {project.name} in the workspace: Argo CD’s own, allowing everything.
        </p>
      )}
      <dl className="facts">
        <dt>Applications</dt>
        <dd>
          <Listing items={project.applications} none="none" />
        </dd>
        <dt>Source repositories</dt>
        <dd>
          <Listing items={project.sourceRepos.map(sourceText)} none="none: no application may deploy" />
        </dd>
        <dt>Destinations</dt>
        <dd>
          <Listing items={project.destinations.map(destinationText)} none="none: no application may deploy" />
        </dd>
        <dt>Cluster-scoped kinds</dt>
        <dd>
          {kindRule('cluster-scoped', project.clusterResourceWhitelist, project.clusterResourceBlacklist)}
        </dd>
        <dt>Namespaced kinds</dt>
        <dd>
          {kindRule('namespaced', project.namespaceResourceWhitelist, project.namespaceResourceBlacklist)}
        </dd>
        <dt>Roles</dt>
        <dd>
          <Listing
            items={project.roles.map(
              (role) =>
                `${role.name}${role.description ? ` (${role.description})` : ''}: ${policies(role.policies)}`,
            )}
            none="none"
          />
        </dd>
      </dl>
      <h3 className="project-section">Sync windows</h3>
      {project.syncWindows.length === 0 ? (
        <p className="subtle">None: applications may sync at any time.</p>
      ) : (
        <SyncWindowTable project={project.name} windows={project.syncWindows} />
      )}
    </section>
  );
}
