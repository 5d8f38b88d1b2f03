import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';

/** OpenAPI security requirements: alternatives, each naming schemes (with OAuth scopes) that all apply. */
export type SecurityRequirements = ReadonlyArray<Readonly<Record<string, readonly string[]>>>;

/** `_meta` key under which a tool carries its route's security requirements. */
export const SECURITY_META_KEY = 'nestjs-mcp/security';

/**
 * What a caller needs to use this operation, from `@ApiBearerAuth()`, `@ApiOAuth2()`, `@ApiSecurity()` (the
 * operation's `security`) or else the document's `security`. `undefined` when no login is needed: nothing
 * is declared, the operation declares `security: []`, or one alternative is `{}` (authentication optional).
 */
export function securityOf(
  operation: OperationObject,
  document: Pick<OpenAPIObject, 'security'>,
): SecurityRequirements | undefined {
  const requirements = (operation.security ?? document.security) as SecurityRequirements | undefined;
  if (!requirements?.length) return undefined;
  if (requirements.some((requirement) => Object.keys(requirement).length === 0)) return undefined;
  return requirements;
}

/** One short line for the tool description, e.g. `Requires authentication: bearer.` */
export function describeSecurity(requirements: SecurityRequirements): string {
  const alternatives = requirements.map((requirement) =>
    Object.entries(requirement)
      .map(([scheme, scopes]) => (scopes.length ? `${scheme} (scopes: ${scopes.join(', ')})` : scheme))
      .join(' and '),
  );
  return `Requires authentication: ${alternatives.join(' or ')}.`;
}
