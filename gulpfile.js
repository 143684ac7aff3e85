const { exec } = require('node:child_process');
const { dest, series, src } = require('gulp');

/** Compiles the TypeScript sources into dist/. */
function compile(done) {
	exec('npx tsc -p tsconfig.json', (error, stdout, stderr) => {
		process.stdout.write(stdout);
		process.stderr.write(stderr);
		done(error ? new Error('tsc failed') : undefined);
	});
}

/** n8n loads icons and codex files from beside the compiled node, so they are copied into dist/. */
function copyAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.png', 'nodes/**/*.node.json'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

function clean(done) {
	require('node:fs').rmSync('dist', { recursive: true, force: true });
	done();
}

exports.build = series(clean, compile, copyAssets);
exports.copyAssets = copyAssets;
