// The sync options of the dialog as checkboxes; those the application already sets are shown
// on and locked, since the application's own options always apply.
import { OptionCheckbox } from './OptionCheckbox.tsx';
import { SYNC_OPTION_CHOICES, setByApplication } from './syncOptions.ts';
import { toggled } from './selection.ts';

export function SyncOptionsFields({
  chosen,
  appOptions,
  onChange,
}: {
  chosen: ReadonlySet<string>;
  appOptions: readonly string[];
  onChange(chosen: Set<string>): void;
}) {
  return (
    <fieldset className="group-box sync-options">
      <legend>Sync options</legend>
      {SYNC_OPTION_CHOICES.map((choice) => {
        const own = setByApplication(choice.option, appOptions);
        return (
          <OptionCheckbox
            key={choice.option}
            label={
              <>
                {choice.label} <span className="mono subtle">{choice.option}</span>
                {own && <span className="pill">set by the application</span>}
              </>
            }
            explanation={choice.explanation}
            checked={own || chosen.has(choice.option)}
            disabled={own}
            onChange={() => onChange(toggled(chosen, choice.option))}
          />
        );
      })}
    </fieldset>
  );
}
