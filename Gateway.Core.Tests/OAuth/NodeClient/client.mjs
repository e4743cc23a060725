// A third-party OAuth client against ApiManager: discovery, client_credentials, password + refresh, introspection,
// revocation (openid-client), token verification against the JWKS (jose) and a call through the gateway.
// Inputs (environment): OAUTH_ISSUER, CLIENT_ID, CLIENT_SECRET, USER_NAME, USER_PASSWORD, API_URL, AUDIENCE.
// Prints one "ok: <step>" line per step and "ALL OK" at the end; exits non-zero on the first failure.
import * as client from 'openid-client';
import * as jose from 'jose';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`missing environment variable ${name}`);
  }
  return value;
};

const check = (condition, message) => {
  if (!condition) {
    throw new Error(message);
  }
};

const step = (name) => console.log(`ok: ${name}`);

async function main() {
  const issuer = new URL(env('OAUTH_ISSUER'));
  const audience = env('AUDIENCE');
  const config = await client.discovery(
    issuer,
    env('CLIENT_ID'),
    undefined,
    client.ClientSecretBasic(env('CLIENT_SECRET')),
    { execute: [client.allowInsecureRequests] });
  const metadata = config.serverMetadata();
  check(metadata.issuer === issuer.href, `issuer ${metadata.issuer}`);
  check(metadata.jwks_uri && metadata.token_endpoint && metadata.introspection_endpoint && metadata.revocation_endpoint, 'endpoints missing');
  step('discovery');

  const jwks = jose.createRemoteJWKSet(new URL(metadata.jwks_uri));
  const verify = async (token) => (await jose.jwtVerify(token, jwks, { issuer: issuer.href, audience, algorithms: ['RS256', 'ES256'], typ: 'at+jwt' })).payload;

  const cc = await client.clientCredentialsGrant(config);
  check(cc.access_token, 'no access token');
  check(!cc.refresh_token, 'client_credentials must not return a refresh token');
  const ccClaims = await verify(cc.access_token);
  check(ccClaims.sub === env('CLIENT_ID') && ccClaims.client_id === env('CLIENT_ID'), 'sub/client_id');
  check(typeof ccClaims.jti === 'string' && typeof ccClaims.exp === 'number' && typeof ccClaims.iat === 'number', 'jti/exp/iat');
  step('client_credentials');
  step('jwks verification');

  const api = await fetch(env('API_URL'), { headers: { authorization: `Bearer ${cc.access_token}` } });
  check(api.status === 200, `gateway call answered ${api.status}`);
  step('gateway call');

  const pw = await client.genericGrantRequest(config, 'password', { username: env('USER_NAME'), password: env('USER_PASSWORD') });
  check(pw.access_token && pw.refresh_token, 'password grant must return both tokens');
  const pwClaims = await verify(pw.access_token);
  check(pwClaims.username === env('USER_NAME'), 'username claim');
  step('password');

  const refreshed = await client.refreshTokenGrant(config, pw.refresh_token);
  check(refreshed.access_token && refreshed.refresh_token && refreshed.refresh_token !== pw.refresh_token, 'refresh must rotate');
  await verify(refreshed.access_token);
  step('refresh');

  let reused = false;
  try {
    await client.refreshTokenGrant(config, pw.refresh_token);
    reused = true;
  } catch (error) {
    check(error.error === 'invalid_grant', `reuse answered ${error.error ?? error.message}`);
  }
  check(!reused, 'a rotated refresh token must not work again');
  step('refresh rotation');

  const active = await client.tokenIntrospection(config, refreshed.access_token);
  check(active.active === true && active.client_id === env('CLIENT_ID') && active.username === env('USER_NAME'), 'introspection of an active token');
  const retired = await client.tokenIntrospection(config, pw.access_token);
  check(retired.active === false, 'the access token replaced by the refresh must be inactive');
  step('introspection');

  await client.tokenRevocation(config, refreshed.access_token);
  const revoked = await client.tokenIntrospection(config, refreshed.access_token);
  check(revoked.active === false, 'revoked token still active');
  const denied = await fetch(env('API_URL'), { headers: { authorization: `Bearer ${refreshed.access_token}` } });
  check(denied.status === 401, `revoked token answered ${denied.status}`);
  step('revocation');

  console.log('ALL OK');
}

main().catch((error) => {
  console.error(`FAILED: ${error?.stack ?? error}`);
  process.exit(1);
});
