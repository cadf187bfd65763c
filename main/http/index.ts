// HTTP plumbing shared by the console's own server and the agents' push endpoint; it knows neither.
export { DRAIN_LIMITS } from './drain-request.ts';
export { isLoopbackHost } from './loopback-host.ts';
export { MAX_BODY_BYTES, readJsonBody, type BodyRefusals } from './read-json-body.ts';
export { sendJson } from './send-json.ts';
