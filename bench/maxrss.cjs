// Preloaded into the CLI by the bench (`node -r ./bench/maxrss.cjs dist/cli.js …`): prints its peak RSS at exit.
process.on('exit', () => require('node:fs').writeSync(2, `\nmaxrss=${process.resourceUsage().maxRSS}\n`));
