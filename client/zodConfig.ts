import { config } from 'zod';

// The page's CSP forbids eval. Without this, zod probes for it (Function('')) when the first
// object schema is built, which the browser reports as a policy violation on every page load.
config({ jitless: true });
