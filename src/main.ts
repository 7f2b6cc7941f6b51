// The `sit` entry: answers --version without loading anything else, so start-up stays near bare
// node; everything else is imported on demand.
// The build defines SIT_VERSION from package.json, so that --version loads no other module.
declare const SIT_VERSION: string;

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Run from source without the build's define, the version comes from package.json as usual.
  if (typeof SIT_VERSION === 'string') process.stdout.write(`${SIT_VERSION}\n`);
  else void import('./version.js').then(({ VERSION }) => process.stdout.write(`${VERSION}\n`));
} else {
  // No top-level await: this is built as CommonJS (dist/main.cjs, and the single executable).
  void Promise.all([import('./cli.js'), import('./io/std-streams.js')]).then(
    async ([{ run }, { guardStandardStreams }]) => {
      guardStandardStreams();
      process.exitCode = await run(args, {
        stdout: process.stdout,
        stderr: process.stderr,
        // Node makes process.stdin when it is first asked for (a few milliseconds: a stream and
        // its modules). Only classify's streamed road asks just for FILE -; the other readers are
        // handed io.stdin and so make it (a few milliseconds on runs that start slower anyway).
        get stdin() {
          return process.stdin;
        },
        cwd: process.cwd(),
        env: process.env,
        now: () => new Date(),
      });
    },
  );
}
