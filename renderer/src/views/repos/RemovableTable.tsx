// A table of trusted things (known hosts, CAs, keys): one row each, its cells, and a Remove
// button named for the row.
export interface RemovableRow {
  key: string;
  cells: React.ReactNode[];
  /** The Remove button's accessible name, e.g. "Remove key 0123…". */
  removeLabel: string;
  onRemove(): void;
}

export function RemovableTable({
  label,
  headers,
  rows,
}: {
  label: string;
  headers: string[];
  rows: RemovableRow[];
}) {
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          {headers.map((header) => (
            <th key={header}>{header}</th>
          ))}
          <th aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, index) => (
              <td key={index}>{cell}</td>
            ))}
            <td className="row-actions">
              <button onClick={row.onRemove} aria-label={row.removeLabel}>
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
