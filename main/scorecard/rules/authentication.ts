import { fail, notApplicable, pass, unknown, type CheckDefinition } from '../types.ts';
import { evidenceOf, importsOf, moduleUsed, whenImported } from './criteria.ts';

const JWT_LIBS = ['jsonwebtoken', 'jose', '@nestjs/jwt', 'express-jwt', '@fastify/jwt'];
/**
 * An environment variable that holds a signing secret or key: JWT_SECRET, JWT_PRIVATE_KEY,
 * SIGNING_KEY, SESSION_SECRET and the like. Not any *TOKEN* or *SECRET* (GITHUB_TOKEN or
 * STRIPE_SECRET_KEY sign no JWT), nor JWT_EXPIRES_IN.
 */
const JWT_ENV_NAME = String.raw`(?=[A-Z0-9_]*(?:SECRET|KEY|PRIVATE))[A-Z0-9_]*(?:JWT|SIGNING|(?:SESSION|AUTH|TOKEN|ACCESS|REFRESH|APP|COOKIE)_SECRET)[A-Z0-9_]*`;
const JWT_ENV = String.raw`process\.env(?:\.${JWT_ENV_NAME}\b|\[\s*['"]${JWT_ENV_NAME}['"]\s*\])`;
const JWT_SECRET_ENV = new RegExp(JWT_ENV);
/** process.env.JWT_SECRET || 'literal' (or ??): whenever the variable is unset, the literal signs the tokens. */
const JWT_ENV_FALLBACK = new RegExp(String.raw`${JWT_ENV}\s*(?:\|\||\?\?)\s*['"\`][^'"\`]+['"\`]`);
const HASHERS = ['bcrypt', 'bcryptjs', 'argon2', '@node-rs/argon2', '@node-rs/bcrypt', 'scrypt-kdf'];

export const authenticationChecks: CheckDefinition[] = [
  {
    id: 'auth.jwt-secret-from-env',
    category: 'Authentication',
    title: 'JWT signing secret comes from the environment, not a literal',
    risk: 'critical',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Read the signing secret from the environment (process.env.JWT_SECRET) or the secret store; never write it into the code.',
    criterion: whenImported('JWT library', JWT_LIBS, ({ facts }) => {
      const literal = facts
        .grep(/\b(?:jwt\.)?(?:sign|verify)\s*\([^,()]+,\s*['"`][^'"`]{2,}['"`]|\b(?:JWT_SECRET|jwtSecret|secretOrKey|secret)\s*[:=]\s*['"`][^'"`$]{4,}['"`]/, '', undefined, 5)
        .filter((m) => !/process\.env/.test(m.text));
      const fallback = facts.grep(JWT_ENV_FALLBACK, 'process.env', undefined, 5, { code: true });
      if (literal.length + fallback.length > 0) {
        return fail(
          fallback.length > 0 && literal.length === 0 ? 'the JWT secret falls back to a literal when the variable is unset' : 'a JWT secret is written into the code',
          evidenceOf([...literal, ...fallback], 'literal secret (value not shown)'),
        );
      }
      const fromEnv = facts.grep(JWT_SECRET_ENV, 'process.env', undefined, 5, { code: true });
      if (fromEnv.length > 0) return pass('the JWT secret is read from the environment', evidenceOf(fromEnv));
      return unknown('a JWT library is used but where its secret comes from could not be seen');
    }),
  },
  {
    id: 'auth.password-hashing',
    category: 'Authentication',
    title: 'Passwords hashed with a password hashing function',
    risk: 'high',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Hash passwords with bcrypt, argon2 or scrypt; never store or compare them in plain text.',
    criterion: ({ facts }) => {
      const mentions = facts.grep(/password/i, '', undefined, 3);
      if (mentions.length === 0) return notApplicable('the sources never handle a password');
      const used = importsOf(facts, HASHERS).concat(facts.grep(/\bcrypto\.scrypt(?:Sync)?\s*\(|\bscrypt(?:Sync)?\s*\(/, 'scrypt', undefined, 3));
      if (used.length > 0) return pass('a password hashing function is used', evidenceOf(used));
      return fail('passwords are handled but no bcrypt/argon2/scrypt is used', evidenceOf(mentions, 'password handled here'));
    },
  },
  {
    id: 'auth.oauth-oidc',
    category: 'Authentication',
    title: 'OAuth2 / OpenID Connect sign-in implemented',
    risk: 'high',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'large',
    remediation: 'Implement sign-in through an OAuth2/OIDC provider (openid-client, passport strategies, Auth.js).',
    criterion: moduleUsed('OAuth2/OIDC library', ['openid-client', 'passport-oauth2', /^passport-(?:google|github|azure|auth0|openidconnect|oauth)/, 'simple-oauth2', 'next-auth', '@auth/core', '@auth/express', 'grant', 'oidc-provider', 'express-openid-connect', 'auth0']),
  },
  {
    id: 'auth.sessions',
    category: 'Authentication',
    title: 'Server-side session handling',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'medium',
    remediation: 'Use a session middleware (express-session with a persistent store, @fastify/session, iron-session).',
    criterion: moduleUsed('session middleware', ['express-session', 'cookie-session', 'iron-session', '@fastify/session', '@fastify/secure-session', 'koa-session']),
  },
  {
    id: 'auth.secure-cookies',
    category: 'Authentication',
    title: 'Cookies are secure, httpOnly and sameSite',
    risk: 'high',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Set cookies with { secure: true, httpOnly: true, sameSite: "lax" | "strict" } in production.',
    criterion: ({ facts }) => {
      const cookieFiles = facts.sourceFiles.filter((f) => /cookie|session\(/i.test(facts.read(f) ?? ''));
      if (cookieFiles.length === 0) return notApplicable('the sources set no cookies');
      const unsafe = facts.grep(/\b(?:secure|httpOnly)\s*:\s*false\b/, 'false', cookieFiles, 5);
      if (unsafe.length > 0) return fail('a cookie is set with secure or httpOnly turned off', evidenceOf(unsafe));
      const httpOnly = facts.grep(/\bhttpOnly\s*:\s*true\b/, 'httpOnly', cookieFiles, 3);
      const secure = facts.grep(/\bsecure\s*:\s*(?!false)\S/, 'secure', cookieFiles, 3);
      const sameSite = facts.grep(/\bsameSite\s*:/, 'sameSite', cookieFiles, 3);
      if (httpOnly.length && secure.length && sameSite.length) return pass('cookie options set secure, httpOnly and sameSite', evidenceOf([...httpOnly, ...secure, ...sameSite]));
      const missing = [!secure.length && 'secure', !httpOnly.length && 'httpOnly', !sameSite.length && 'sameSite'].filter(Boolean).join(', ');
      return fail(`cookies are set without ${missing}`, cookieFiles.slice(0, 5).map((file) => ({ kind: 'file', file, line: null, note: `sets cookies; no ${missing}` })));
    },
  },
  {
    id: 'auth.rate-limit',
    category: 'Authentication',
    title: 'Rate limiting (brute-force protection on auth routes)',
    risk: 'high',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Apply a rate limiter (express-rate-limit, rate-limiter-flexible, @fastify/rate-limit) at least to login and token routes.',
    criterion: moduleUsed('rate limiter', ['express-rate-limit', 'rate-limiter-flexible', '@fastify/rate-limit', 'express-slow-down', 'koa-ratelimit', '@nestjs/throttler']),
  },
  {
    id: 'auth.mfa',
    category: 'Authentication',
    title: 'Multi-factor authentication (TOTP or WebAuthn)',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'large',
    remediation: 'Offer a second factor: TOTP (otplib) or passkeys/WebAuthn (@simplewebauthn/server).',
    criterion: moduleUsed('MFA library', ['otplib', 'speakeasy', 'otpauth', '@simplewebauthn/server', 'node-2fa']),
  },
];
