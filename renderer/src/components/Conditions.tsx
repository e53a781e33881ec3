// An application's conditions: what is wrong, and in which file.
import type { Condition } from '../../../engine/api/contract.ts';

export function Conditions({ conditions }: { conditions: Condition[] }) {
  if (conditions.length === 0) return null;
  return (
    <ul className="conditions">
      {conditions.map((condition, index) => (
        <li
          key={index}
          className={condition.type.endsWith('Error') ? 'condition error' : 'condition warning'}
        >
          <strong>{condition.type}</strong> {condition.message}
          {condition.file && (
            <span className="subtle mono">
              {' '}
              {condition.file}
              {condition.line ? `:${condition.line}` : ''}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
