// yargs through one module. `npm run build` replaces the compiled file with
// a single-file bundle of yargs and its dependencies (esbuild): loading
// yargs's ~45 files one by one was most of `vsynclab --help`'s start-up.
// From source (tests, tsx) this is plain yargs.
export { default } from 'yargs';
export { hideBin } from 'yargs/helpers';
