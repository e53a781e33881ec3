// The fields a cluster's registration and its editing share: labels and managed namespaces.
import { TextArea, TextField } from '../../components/fields.tsx';

export function LabelsField({ value, onChange }: { value: string; onChange(value: string): void }) {
  return (
    <TextArea
      label="Labels (key=value, one a line)"
      value={value}
      placeholder="env=staging"
      onChange={onChange}
    />
  );
}

export function NamespacesField({ value, onChange }: { value: string; onChange(value: string): void }) {
  return (
    <TextField
      label="Namespaces Plumbline may manage"
      value={value}
      placeholder="empty: the whole cluster"
      onChange={onChange}
    />
  );
}
