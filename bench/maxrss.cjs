// Preloaded into the CLI by the bench (`node -r ./bench/maxrss.cjs dist/cli.js …`): prints its peak RSS
// and its CPU time (user + system, all threads, ms) at exit.
process.on('exit', () => {
  const u = process.resourceUsage();
  require('node:fs').writeSync(2, `\nmaxrss=${u.maxRSS} cpu=${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`);
});
