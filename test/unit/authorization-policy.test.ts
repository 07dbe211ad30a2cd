import { describe, expect, it } from 'vitest';
import { policyAllows, policyFor } from '../../functions/api/authorization-policy';
import { routeList } from '../../functions/api/route-table';
import type { Role } from '../../functions/contracts/api-keys';

const apiArn = 'arn:aws:execute-api:eu-west-1:123456789012:abc123';
const arnOf = (method: string, path: string) => `${apiArn}/prod/${method}${path.replace(/\{[^}]+\}/g, 'some-id')}`;

describe('authorizer policy', () => {
  it.each(['storefront', 'ops', 'vendor'] as Role[])('lets a %s key call exactly the routes of its role', (role) => {
    const policy = policyFor({ keyId: 'k', role, vendorId: 'acme' }, arnOf('GET', '/vendors'));
    for (const [, route] of routeList()) {
      expect(policyAllows(policy, arnOf(route.method, route.path)), `${role} ${route.method} ${route.path}`).toBe(route.roles.includes(role));
    }
  });

  it('passes the key id, role and vendor to the handlers', () => {
    expect(policyFor({ keyId: 'key_1', role: 'vendor', vendorId: 'acme' }, arnOf('GET', '/vendor/purchase-orders')).context).toEqual({
      keyId: 'key_1',
      role: 'vendor',
      vendorId: 'acme',
    });
  });

  it('does not let a parameter wildcard reach a different method', () => {
    const policy = policyFor({ keyId: 'k', role: 'storefront' }, arnOf('GET', '/orders/1'));
    expect(policyAllows(policy, arnOf('DELETE', '/orders/1'))).toBe(false);
  });

  it("hands API Gateway the role's usage plan key, so the role's throttle applies", () => {
    expect(policyFor({ keyId: 'k', role: 'ops' }, arnOf('GET', '/vendors'), 'dropship-oms-dev-ops-usage-plan').usageIdentifierKey).toBe('dropship-oms-dev-ops-usage-plan');
    expect(policyFor({ keyId: 'k', role: 'ops' }, arnOf('GET', '/vendors'))).not.toHaveProperty('usageIdentifierKey');
  });
});
