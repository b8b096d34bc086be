'use strict';
// `--name value` command-line options of the micro-benchmarks, read as numbers.
const args = process.argv.slice(2);

/** The number after `--name` on the command line, else `fallback`. */
function option(name, fallback) {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

module.exports = { option };
