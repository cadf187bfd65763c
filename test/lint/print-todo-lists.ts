// Prints the exception lists of eslint.config.js as the code stands today, ready to paste over the
// old ones: every file that breaks a listed rule once its exception is removed.
// Usage: node --import tsx test/lint/print-todo-lists.ts
import { TODO_LISTS, rulesBroken } from './lint-helpers.ts';

const broken = await rulesBroken(['.']);
for (const { name, rule } of TODO_LISTS) {
  const files = [...broken].filter(([, rules]) => rules.has(rule)).map(([file]) => file).sort();
  const lines = files.map((f) => `  '${f}',\n`).join('');
  process.stdout.write(`export const ${name} = [\n${lines}];\n\n`);
}
