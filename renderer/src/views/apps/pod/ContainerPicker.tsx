// Which container of the pod the logs or the terminal are for; fixed when the pod has only one.
export function ContainerPicker({
  containers,
  value,
  onChange,
}: {
  containers: readonly string[];
  value: string | null | undefined;
  onChange(container: string): void;
}) {
  return (
    <label>
      Container{' '}
      <select
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value)}
        disabled={containers.length < 2}
      >
        {containers.map((name) => (
          <option key={name}>{name}</option>
        ))}
      </select>
    </label>
  );
}
