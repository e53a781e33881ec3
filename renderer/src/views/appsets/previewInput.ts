// What the editor asks a preview with: the contract's input of appsets.preview.
import type { CallInput } from '../../../../engine/api/contract.ts';

export type AppSetPreviewInput = CallInput<'appsets.preview'>;
