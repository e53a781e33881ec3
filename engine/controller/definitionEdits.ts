// Creating, changing and deleting application definitions in the workspace, after checking them
// against the Application schema; the contract's errors say what is wrong and where.
import { ContractError } from '../api/errors.ts';
import { applicationSchema, type Application } from '../model/index.ts';
import {
  createApplication,
  deleteApplication,
  updateApplication,
  type LoadedApplication,
} from '../workspace/index.ts';

export function validDefinition(definition: Record<string, unknown>): Application {
  const parsed = applicationSchema.safeParse(definition);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ContractError(
      'invalid-input',
      `invalid application: ${issue?.path.join('.') || 'definition'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

export async function createDefinition(
  workspaceDir: string,
  loaded: readonly LoadedApplication[],
  definition: Record<string, unknown>,
): Promise<string> {
  const app = validDefinition(definition);
  if (loaded.some((existing) => existing.name === app.metadata.name)) {
    throw new ContractError('invalid-input', `an application named ${app.metadata.name} already exists`);
  }
  await createApplication(workspaceDir, app);
  return app.metadata.name;
}

export async function updateDefinition(
  workspaceDir: string,
  name: string,
  definition: Record<string, unknown>,
): Promise<void> {
  const app = validDefinition(definition);
  if (app.metadata.name !== name)
    throw new ContractError('invalid-input', `renaming ${name} to ${app.metadata.name} is not supported`);
  await updateApplication(workspaceDir, app);
}

export { deleteApplication as deleteDefinition };
