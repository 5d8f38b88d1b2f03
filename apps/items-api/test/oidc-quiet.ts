// oidc-provider announces its development defaults (in-memory storage, generated keys) on the console when
// imported; expected here, they would bury real test output. Imported first by the specs that need it.
for (const level of ['info', 'warn'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^oidc-provider (WARNING|NOTICE)/.test(args[0])) return;
    original(...args);
  };
}

/** Makes this file a module; importing it is what matters. */
export const OIDC_NOTICES_SILENCED = true;
