#!/usr/bin/env node
/**
 * npm run scan: what n8n's package scanner would say about THIS package, before it is published.
 *
 * n8n vets community packages with `@n8n/scan-community-package` (packages/@n8n/scan-community-package in
 * github.com/n8n-io/n8n). Its scanner downloads the published tarball (`npm pack <name>@<version>`), unpacks
 * it and lints every shipped `.js` file with two rules of its own (scanner/eslint-plugin.mjs):
 *   - no-restricted-globals: clearInterval, clearTimeout, global, process, setInterval, setTimeout
 *   - no-restricted-imports: import/require only n8n-workflow, lodash, moment, p-limit, luxon, zod,
 *     crypto, node:crypto, or relative paths
 * Newer versions first check the registry's npm provenance attestation (scanner/provenance.mjs:
 * `dist.attestations.provenance.predicateType === 'https://slsa.dev/provenance/v1'`), clone the attested
 * commit and lint its source with `@n8n/eslint-plugin-community-nodes` (recommended config, the same as
 * `n8n-node lint`), and run GuardDog's `threat-*` YARA rules over the files (scanner/yara.mjs).
 *
 * This script applies those checks to a local `npm pack` of the working tree:
 *   1. the tarball's package.json: n8n-nodes-* name, community keyword, MIT licence (and a LICENSE file), no
 *      runtime `dependencies`, n8n-workflow as a peer dependency, no install lifecycle scripts, no
 *      `overrides`, an `n8n` attribute whose nodes/credentials exist in the tarball, repository/homepage/author;
 *      plus the recommended `@n8n/eslint-plugin-community-nodes` rules on package.json, as `n8n-node lint` runs them;
 *   2. every shipped .js file: the scanner's two rules (mirrored below), and the plugin's stricter
 *      no-restricted-globals (adds globalThis, setImmediate, __dirname...), no-restricted-imports (also dynamic
 *      import()) and no-dangerous-functions (eval, Function, child_process);
 *   3. a few text patterns in the spirit of the GuardDog threat rules (base64-decoded code run, process spawning,
 *      environment reads, file system access), for what ESLint cannot see.
 * Provenance cannot be checked before publishing: see CONTRIBUTING.md → Release checklist.
 *
 * Exit code 0 when clean, 1 with every violation listed as file:line rule message.
 * `node scripts/scan-package.mjs --dir <unpacked package>` scans a folder instead of packing the working tree.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const ALLOWED_MODULES = [
	'n8n-workflow',
	'lodash',
	'moment',
	'p-limit',
	'luxon',
	'zod',
	'crypto',
	'node:crypto',
];
const SCANNER_RESTRICTED_GLOBALS = [
	'clearInterval',
	'clearTimeout',
	'global',
	'process',
	'setInterval',
	'setTimeout',
];
const FORBIDDEN_LIFECYCLE_SCRIPTS = [
	'preinstall',
	'install',
	'postinstall',
	'prepare',
	'preprepare',
	'postprepare',
	'prepublish',
];

/** @type {Array<{file: string, line?: number, rule: string, message: string}>} */
const violations = [];
const fail = (file, rule, message, line) => violations.push({ file, line, rule, message });

function moduleAllowed(spec) {
	if (spec.startsWith('./') || spec.startsWith('../')) return true;
	const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
	return ALLOWED_MODULES.includes(name);
}

/** The two rules of scanner/eslint-plugin.mjs, same semantics. */
const scannerPlugin = {
	rules: {
		'no-restricted-globals': {
			create(context) {
				return {
					Identifier(node) {
						if (
							SCANNER_RESTRICTED_GLOBALS.includes(node.name) &&
							(!node.parent ||
								node.parent.type !== 'MemberExpression' ||
								node.parent.object === node)
						) {
							context.report({
								node,
								message: `Use of restricted global '${node.name}' is not allowed`,
							});
						}
					},
				};
			},
		},
		'no-restricted-imports': {
			create(context) {
				return {
					ImportDeclaration(node) {
						if (!moduleAllowed(node.source.value)) {
							context.report({ node, message: `Import of '${node.source.value}' is not allowed.` });
						}
					},
					CallExpression(node) {
						const [arg] = node.arguments;
						if (
							node.callee.name === 'require' &&
							arg &&
							arg.type === 'Literal' &&
							!moduleAllowed(String(arg.value))
						) {
							context.report({ node, message: `Require of '${arg.value}' is not allowed.` });
						}
					},
				};
			},
		},
	},
};

function run(cmd, args, cwd) {
	const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	if (r.status !== 0)
		throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
	return r.stdout;
}

function listFiles(dir, base = dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		return e.isDirectory()
			? listFiles(full, base)
			: [path.relative(base, full).split(path.sep).join('/')];
	});
}

function checkManifest(pkg, files) {
	const f = 'package.json';
	if (!/^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-[a-z0-9-._~]+$/.test(pkg.name ?? '')) {
		fail(f, 'package-name', `name "${pkg.name}" must be n8n-nodes-* (or @scope/n8n-nodes-*)`);
	}
	if (!(pkg.keywords ?? []).includes('n8n-community-node-package')) {
		fail(
			f,
			'keyword',
			'keywords must include "n8n-community-node-package" (n8n finds community packages by it)',
		);
	}
	if (pkg.license !== 'MIT')
		fail(f, 'license', `license is "${pkg.license}", n8n verification requires MIT`);
	if (!files.some((x) => /^licen[cs]e(\.md|\.txt)?$/i.test(x)))
		fail(f, 'license', 'the tarball has no LICENSE file');
	const deps = Object.keys(pkg.dependencies ?? {});
	if (deps.length)
		fail(f, 'no-runtime-dependencies', `runtime dependencies are not allowed: ${deps.join(', ')}`);
	if (!pkg.peerDependencies?.['n8n-workflow'])
		fail(f, 'peer-dependencies', 'n8n-workflow must be a peerDependency');
	for (const s of FORBIDDEN_LIFECYCLE_SCRIPTS) {
		if (pkg.scripts?.[s])
			fail(
				f,
				'no-forbidden-lifecycle-scripts',
				`lifecycle script "${s}" runs on the user's machine at install`,
			);
	}
	if (pkg.overrides) fail(f, 'no-overrides-field', '"overrides" is not allowed');
	for (const k of ['version', 'description', 'homepage'])
		if (!pkg[k]) fail(f, 'metadata', `"${k}" is missing`);
	if (!pkg.repository?.url && typeof pkg.repository !== 'string')
		fail(
			f,
			'metadata',
			'"repository" is missing (n8n checks the npm package links its public repository)',
		);
	if (!pkg.author) fail(f, 'metadata', '"author" is missing');
	const n8n = pkg.n8n;
	if (!n8n) {
		fail(f, 'n8n-attribute', 'the "n8n" attribute is missing');
		return;
	}
	if (n8n.n8nNodesApiVersion !== 1) fail(f, 'n8n-attribute', 'n8n.n8nNodesApiVersion must be 1');
	if (!Array.isArray(n8n.nodes) || n8n.nodes.length === 0)
		fail(f, 'n8n-attribute', 'n8n.nodes lists no node');
	for (const kind of ['nodes', 'credentials']) {
		for (const p of n8n[kind] ?? []) {
			if (!files.includes(path.posix.normalize(p)))
				fail(f, 'n8n-attribute', `n8n.${kind} lists "${p}", which is not in the tarball`);
		}
	}
}

/** Text patterns after GuardDog's threat-* rules, for what is not an identifier or import. */
const THREAT_PATTERNS = [
	{
		rule: 'threat-runtime-obfuscation-base64exec',
		re: /(atob|Buffer\.from)\([^)]*base64[^)]*\)[\s\S]{0,80}\b(eval|Function|exec)\b/,
	},
	{ rule: 'threat-runtime-dynamic-eval', re: /\beval\s*\(|\bnew\s+Function\s*\(/ },
	{ rule: 'threat-process-spawn', re: /\bchild_process\b|\bexecSync\s*\(|\bspawnSync\s*\(/ },
	{ rule: 'threat-runtime-environment-read', re: /\bprocess\s*\.\s*env\b/ },
	{
		rule: 'threat-filesystem-access',
		re: /require\(\s*['"](node:)?fs(\/promises)?['"]\s*\)|from\s+['"](node:)?fs['"]/,
	},
	{ rule: 'threat-runtime-vm', re: /require\(\s*['"](node:)?vm['"]\s*\)/ },
];

function lineOf(text, index) {
	return text.slice(0, index).split('\n').length;
}

async function lintTarball(dir, files) {
	const { ESLint } = require('eslint');
	const communityPlugin = (await import('@n8n/eslint-plugin-community-nodes')).default;
	// typescript-eslint is a dependency of @n8n/node-cli (it parses package.json for `n8n-node lint` the same way).
	const nodeCliRequire = createRequire(
		path.join(ROOT, 'node_modules', '@n8n', 'node-cli', 'index.js'),
	);
	const tseslint = nodeCliRequire('typescript-eslint');
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false, // as the scanner: an eslint-disable comment in shipped code does not count
		overrideConfigFile: true,
		overrideConfig: [
			{
				files: ['**/*.js'],
				plugins: {
					'n8n-community-packages': scannerPlugin,
					'@n8n/community-nodes': communityPlugin,
				},
				rules: {
					'n8n-community-packages/no-restricted-globals': 'error',
					'n8n-community-packages/no-restricted-imports': 'error',
					'@n8n/community-nodes/no-restricted-globals': 'error',
					'@n8n/community-nodes/no-restricted-imports': 'error',
					'@n8n/community-nodes/no-dangerous-functions': 'error',
				},
				languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs' },
			},
			{
				files: ['package.json'],
				...communityPlugin.configs.recommended,
				languageOptions: {
					parser: tseslint.parser,
					parserOptions: { extraFileExtensions: ['.json'] },
				},
			},
		],
	});
	const targets = files.filter((x) => x.endsWith('.js') || x === 'package.json');
	const results = await eslint.lintFiles(targets.map((x) => path.join(dir, x)));
	for (const r of results) {
		for (const m of r.messages) {
			if (m.severity < 2) continue;
			fail(path.relative(dir, r.filePath), m.ruleId ?? 'eslint', m.message, m.line);
		}
	}
	return targets.length;
}

async function main() {
	const dirArg = process.argv.indexOf('--dir');
	if (dirArg > 0) {
		const dir = path.resolve(process.argv[dirArg + 1] ?? '.');
		return scanDir(dir, path.basename(dir));
	}
	if (!fs.existsSync(path.join(ROOT, 'dist'))) {
		console.error('scan: no dist/ - run `npm run build` first');
		return 1;
	}
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
	try {
		const packed = JSON.parse(
			run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], ROOT),
		);
		const tarball = path.join(tmp, packed[0].filename);
		const dir = path.join(tmp, 'package');
		fs.mkdirSync(dir);
		run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], tmp);
		return await scanDir(dir, `${packed[0].filename} (${packed[0].size} bytes packed)`);
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

async function scanDir(dir, label) {
	{
		const files = listFiles(dir).sort();
		const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));

		console.log(`scan: ${label}, ${files.length} files`);
		for (const x of files) console.log(`  ${x}`);

		checkManifest(pkg, files);
		const linted = await lintTarball(dir, files);
		for (const x of files.filter((y) => y.endsWith('.js'))) {
			const text = fs.readFileSync(path.join(dir, x), 'utf8');
			for (const { rule, re } of THREAT_PATTERNS) {
				const m = re.exec(text);
				if (m) fail(x, rule, `suspicious code: ${m[0].slice(0, 80)}`, lineOf(text, m.index));
			}
		}

		if (violations.length) {
			console.log(`\nscan: ${violations.length} violation(s):`);
			for (const v of violations)
				console.log(`  ${v.file}${v.line ? `:${v.line}` : ''}  ${v.rule}  ${v.message}`);
			return 1;
		}
		console.log(
			`\nscan: clean (package.json checks, ${linted} files linted with the scanner's rules, threat patterns)`,
		);
		return 0;
	}
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(err) => {
		console.error(err);
		process.exitCode = 1;
	},
);
