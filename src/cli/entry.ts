// What bin/kashf.js imports. The build's last step (scripts/bundle-cli.mjs)
// writes over this file's output a re-export of bundled.js, which loads the
// bundled command line; `npx tsc -p .` alone writes this plain re-export
// back, so a build that skips the bundle runs the code it just compiled,
// never a stale bundle.

export { main } from './main.js';
