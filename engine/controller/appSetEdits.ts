// Saving an ApplicationSet edited in the UI: the text is parsed as a workspace file is, must keep
// the set's name, and must generate (its preview has no error) before it is written over the
// set's document in the workspace (a commit in a git workspace). A set that would not generate is
// refused with the reason, so a typo never reaches the applications the set manages; the
// workspace watch then generates the saved set as any change of its file.
import { ContractError } from '../api/errors.ts';
import { applicationSetFromText } from '../appset/parseSet.ts';
import type { SetPreview } from '../appset/preview.ts';
import type { ApplicationSet } from '../model/index.ts';
import { updateApplicationSet, type WriteResult } from '../workspace/writes.ts';

export async function saveEditedSet(
  workspaceDir: string,
  name: string,
  text: string,
  preview: (set: ApplicationSet) => Promise<SetPreview>,
): Promise<WriteResult> {
  let set: ApplicationSet;
  try {
    set = applicationSetFromText(text, `the edited ApplicationSet ${name}`);
  } catch (error) {
    throw new ContractError('invalid-input', `${(error as Error).message}; nothing was written`);
  }
  if (set.metadata.name !== name)
    throw new ContractError(
      'invalid-input',
      `renaming ${name} to ${set.metadata.name} is not supported: a new name is a new set, with new applications; nothing was written`,
    );
  const { errors } = await preview(set);
  if (errors.length > 0)
    throw new ContractError(
      'invalid-input',
      `ApplicationSet ${name} would not generate: ${errors.join('; ')}; nothing was written`,
    );
  try {
    return await updateApplicationSet(workspaceDir, set);
  } catch (error) {
    throw new ContractError('invalid-input', (error as Error).message);
  }
}
