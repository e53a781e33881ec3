// Plumbline's own version, read once from package.json.
import pkg from '../package.json' with { type: 'json' };

export const plumblineVersion: string = pkg.version;
