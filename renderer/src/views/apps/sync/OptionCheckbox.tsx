// One checkbox of the sync dialog with its label and a one-line explanation beneath.
export function OptionCheckbox({
  label,
  explanation,
  checked,
  disabled = false,
  onChange,
}: {
  label: React.ReactNode;
  explanation: string;
  checked: boolean;
  disabled?: boolean;
  onChange(checked: boolean): void;
}) {
  return (
    <label className="option-checkbox">
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>
        <span className="option-label">{label}</span>
        <span className="option-explanation">{explanation}</span>
      </span>
    </label>
  );
}
