// The workspace's Argo CD AppProjects: what each lets its applications deploy, from where and to
// where, its roles and its sync windows with where they stand now.
import { EmptyState } from '../components/EmptyState.tsx';
import { ProjectCard } from './projects/ProjectCard.tsx';
import { useProjects } from './projects/useProjects.ts';
import './projects/projects.css';

export function ProjectsView() {
  const { projects, error } = useProjects();
  return (
    <section>
      <header className="view-header">
        <h1>Projects</h1>
        <p className="subtle">
          Each application belongs to a project, which sets what it may deploy, where, and when it may sync.
        </p>
      </header>
      {error && <p className="error">Could not list the projects: {error}</p>}
      {projects === null && !error && <p className="subtle">Loading…</p>}
      {projects?.length === 0 && (
        <EmptyState title="No projects">
          <p>Projects come from the AppProject YAML of the workspace folder, once it is read.</p>
        </EmptyState>
      )}
      {projects?.map((project) => (
        <ProjectCard key={project.name} project={project} />
      ))}
    </section>
  );
}
