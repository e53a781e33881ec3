// Projects group applications and set what they may deploy, and where.
export function ProjectsView() {
  return (
    <section>
      <header className="view-header">
        <h1>Projects</h1>
      </header>
      <div className="card">
        <h3>default</h3>
        <p className="subtle">Built in: allows every source repository and every destination.</p>
      </div>
    </section>
  );
}
