// Labelled form fields.
export function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

interface TextProps {
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  required?: boolean;
  disabled?: boolean;
  list?: string;
}

export function TextField({ label, onChange, ...input }: TextProps) {
  return (
    <Field label={label}>
      <input type="text" {...input} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

export function TextArea({ label, value, onChange, placeholder, rows = 3 }: TextProps & { rows?: number }) {
  return (
    <Field label={label}>
      <textarea
        value={value}
        placeholder={placeholder}
        rows={rows}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

export function CheckboxField({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange(value: boolean): void;
}) {
  return (
    <Field label={label}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
    </Field>
  );
}

/** A password or token: never shown, never offered for autofill. */
export function SecretField({ label, onChange, ...input }: TextProps) {
  return (
    <Field label={label}>
      <input type="password" autoComplete="off" {...input} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}
