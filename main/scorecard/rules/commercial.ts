import { judgeMonitors, type LiveMonitor } from '../evidence/live-evidence.ts';
import { fail, pass, unknown, type CheckDefinition } from '../types.ts';
import { evidenceOf, moduleUsed, whenImported, type ModuleName } from './criteria.ts';

const PAYMENT: ModuleName[] = ['stripe', '@stripe/stripe-js', /^@paypal\//, 'paypal-rest-sdk', /^@paddle\//, 'braintree', /^@lemonsqueezy\//, 'square', 'mollie-api-node', '@mollie/api-client'];

type TxtKind = 'SPF' | 'DKIM' | 'DMARC';
const TXT_KIND: Record<TxtKind, { select: (q: string) => boolean; record: RegExp; where: string }> = {
  SPF: { select: (q) => !q.startsWith('_dmarc.') && !q.includes('._domainkey.'), record: /^v=spf1\b/i, where: 'the domain' },
  DKIM: { select: (q) => q.includes('._domainkey.'), record: /(?:^|;)\s*(?:v=DKIM1|p=[A-Za-z0-9+/])/i, where: '<selector>._domainkey.<domain>' },
  DMARC: { select: (q) => q.startsWith('_dmarc.'), record: /^v=DMARC1\b/i, where: '_dmarc.<domain>' },
};

function emailRecord(kind: TxtKind): CheckDefinition['criterion'] {
  const k = TXT_KIND[kind];
  return ({ live }) =>
    judgeMonitors(
      live,
      `the ${kind} record`,
      (m: LiveMonitor) => m.target.kind === 'dns' && m.target.recordType === 'TXT' && k.select(m.target.query.toLowerCase()),
      (m) => {
        const ev = m.evidence;
        if (!ev) return null;
        if (typeof ev.rcode !== 'string') return { ok: false, note: String(ev.error ?? 'no answer') };
        const answers = Array.isArray(ev.answers) ? ev.answers.map(String) : [];
        const hit = answers.find((a) => k.record.test(a));
        return hit ? { ok: true, note: `${kind} record published: ${hit.slice(0, 80)}` } : { ok: false, note: `${ev.rcode}, no ${kind} record among ${answers.length} TXT answer(s)` };
      },
    );
}

export const commercialChecks: CheckDefinition[] = [
  {
    id: 'com.payment-provider',
    category: 'Commercial Features',
    title: 'Payment provider integrated',
    risk: 'high',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'large',
    remediation: 'Integrate a payment provider (Stripe, Paddle, PayPal) through its server SDK.',
    criterion: moduleUsed('payment SDK', PAYMENT),
  },
  {
    id: 'com.payment-keys-from-env',
    category: 'Commercial Features',
    title: 'Payment API keys come from the environment',
    risk: 'critical',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'small',
    remediation: 'Construct the payment client with a key from the environment (new Stripe(process.env.STRIPE_SECRET_KEY)) and rotate any key that was committed.',
    criterion: whenImported('payment SDK', PAYMENT, ({ facts }) => {
      const literal = facts.grep(/\b(?:new\s+)?Stripe\s*\(\s*['"`]|\b[rs]k_(?:live|test)_[0-9A-Za-z]{8,}/, '', undefined, 5);
      if (literal.length > 0) return fail('a payment key is written into the code', evidenceOf(literal, 'literal key (value not shown)'));
      const env = facts.grep(/process\.env\.[A-Z0-9_]*(?:STRIPE|PAYPAL|PADDLE|BRAINTREE|PAYMENT)[A-Z0-9_]*/, 'process.env', undefined, 5);
      if (env.length > 0) return pass('payment keys are read from the environment', evidenceOf(env));
      return unknown('a payment SDK is used but where its key comes from could not be seen');
    }),
  },
  {
    id: 'com.webhook-signature',
    category: 'Commercial Features',
    title: 'Payment webhooks verify their signature',
    risk: 'high',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'small',
    remediation: 'Verify every webhook with the provider\'s signature check (stripe.webhooks.constructEvent with the raw body and the endpoint secret).',
    criterion: whenImported('payment SDK', PAYMENT, ({ facts }) => {
      const verify = facts.grep(/\bwebhooks\.constructEvent(?:Async)?\s*\(|\bverifyWebhookSignature\b|\bwebhooks\.verify(?:Signature)?\s*\(|\bverifySignature\s*\(/, 'ebhook', undefined, 5);
      if (verify.length > 0) return pass('webhook signatures are verified', evidenceOf(verify));
      const hooks = facts.grep(/webhook/i, '', undefined, 3);
      return fail('no webhook signature verification found', evidenceOf(hooks, 'webhook handled without a signature check'));
    }),
  },
  {
    id: 'com.subscriptions',
    category: 'Commercial Features',
    title: 'Subscription lifecycle handled',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'large',
    remediation: 'Handle subscriptions: create them, and react to customer.subscription.* / invoice.* events (plan changes, cancellations, failed payments).',
    criterion: whenImported('payment SDK', PAYMENT, ({ facts }) => {
      const subs = facts.grep(/\bsubscriptions\.(?:create|update|cancel|retrieve)\b|customer\.subscription\.|mode\s*:\s*['"]subscription['"]|invoice\.payment_failed/, 'ubscription', undefined, 5);
      if (subs.length > 0) return pass('subscriptions are created or their events handled', evidenceOf(subs));
      return fail('the payment SDK is used without any subscription handling');
    }),
  },
  {
    id: 'com.legal-pages',
    category: 'Commercial Features',
    title: 'Privacy policy and terms of service',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'medium',
    remediation: 'Publish a privacy policy and terms of service (pages or documents) and link them from sign-up.',
    criterion: ({ facts }) => {
      const found = (re: RegExp, route: RegExp) => facts.find(re)[0] ?? facts.grep(route, '/', undefined, 1)[0]?.file;
      const privacy = found(/(?:^|\/)[\w-]*privacy[\w-]*\.(?:md|html?|mdx|tsx|jsx|txt)$/i, /['"`]\/(?:legal\/)?privacy(?:-policy)?['"`]/);
      const terms = found(/(?:^|\/)[\w-]*(?:terms|tos)[\w-]*\.(?:md|html?|mdx|tsx|jsx|txt)$/i, /['"`]\/(?:legal\/)?(?:terms|tos)(?:-of-service)?['"`]/);
      const evidence = [privacy, terms].filter((f): f is string => !!f).map((file) => ({ kind: 'file' as const, file, line: null, note: 'legal page' }));
      if (privacy && terms) return pass('privacy policy and terms are present', evidence);
      return fail(`missing ${[!privacy && 'a privacy policy', !terms && 'terms of service'].filter(Boolean).join(' and ')}`, evidence);
    },
  },
  {
    id: 'com.email-provider',
    category: 'Commercial Features',
    title: 'Transactional email provider',
    risk: 'low',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'medium',
    remediation: 'Send transactional email through a provider SDK (nodemailer with SMTP, Postmark, SendGrid, Resend, SES).',
    criterion: moduleUsed('email library', ['nodemailer', '@sendgrid/mail', 'postmark', 'resend', 'mailgun.js', '@aws-sdk/client-ses', '@aws-sdk/client-sesv2', '@mailchimp/mailchimp_transactional']),
  },
  {
    id: 'com.email-spf',
    category: 'Commercial Features',
    title: 'SPF record published (live DNS TXT)',
    risk: 'medium',
    source: 'live',
    requiredFrom: 'commercial',
    effort: 'small',
    remediation: 'Publish a TXT record "v=spf1 include:<provider> -all" on the sending domain and add a DNS TXT monitor for it.',
    criterion: emailRecord('SPF'),
  },
  {
    id: 'com.email-dkim',
    category: 'Commercial Features',
    title: 'DKIM key published (live DNS TXT)',
    risk: 'medium',
    source: 'live',
    requiredFrom: 'commercial',
    effort: 'small',
    remediation: 'Publish the provider\'s DKIM key at <selector>._domainkey.<domain> and add a DNS TXT monitor for it.',
    criterion: emailRecord('DKIM'),
  },
  {
    id: 'com.email-dmarc',
    category: 'Commercial Features',
    title: 'DMARC policy published (live DNS TXT)',
    risk: 'medium',
    source: 'live',
    requiredFrom: 'commercial',
    effort: 'small',
    remediation: 'Publish "v=DMARC1; p=quarantine; rua=mailto:…" at _dmarc.<domain> and add a DNS TXT monitor for it.',
    criterion: emailRecord('DMARC'),
  },
];

