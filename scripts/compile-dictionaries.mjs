#!/usr/bin/env node
// Build step: compiles the built-in dictionaries into dist/builtin.json so
// that kashf starts without re-parsing them. Fails the build on any error in
// the dictionaries.
import { writeFileSync } from 'node:fs';
import { compileBuiltin, serializeKnowledge, BUILTIN_CACHE } from '../dist/gazetteer/load.js';

const { knowledge, problems, fingerprint } = compileBuiltin();
const errors = problems.filter((p) => p.severity === 'error');
for (const p of errors) console.error(`kashf: ${p.file}:${p.line}: ${p.message}`);
if (errors.length > 0) process.exit(1);
writeFileSync(BUILTIN_CACHE, serializeKnowledge(knowledge, fingerprint));
const { words, nodes } = knowledge.gazetteer.trie.size;
console.error(`kashf: compiled ${knowledge.gazetteer.entries.length} entries (${words} words, ${nodes} trie nodes) into dist/builtin.json`);
