// One checkbox of the sync dialog with its label and a one-line explanation beneath; the
// explanation describes the checkbox rather than naming it.
import { useId } from 'react';

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
  const id = useId();
  return (
    <div className="option-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={`${id}-explanation`}
        onChange={(e) => onChange(e.target.checked)}
      />
      <div>
        <label htmlFor={id} className="option-label">
          {label}
        </label>
        <span id={`${id}-explanation`} className="option-explanation">
          {explanation}
        </span>
      </div>
    </div>
  );
}
