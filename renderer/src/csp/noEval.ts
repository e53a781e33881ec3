// The page's CSP has no 'unsafe-eval'. zod compiles object parsers with `new Function` where it
// may, and probes for that once; under the CSP the probe is blocked and reported as a
// `securitypolicyviolation` even though zod falls back. Jitless mode skips the probe: the
// contract's schemas are interpreted, which is what ran anyway. A side effect on import, and
// main.tsx imports this first: some modules parse while they load.
import { z } from 'zod';

z.config({ jitless: true });
