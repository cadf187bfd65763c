// Resolve hook: the bare specifier 'electron' becomes the stub module. Registered after tsx, so it
// runs first; the stub's URL is then resolved on through tsx like any other .ts import, which is
// what lets tsx's load hook compile it (a short-circuited URL would reach Node's loader raw).
const STUB_URL = new URL('./electron.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier === 'electron' ? STUB_URL : specifier, context);
}
