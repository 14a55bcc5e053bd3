import type { ResolveHook } from 'node:module';

// Bench files import `@headroom/bench`; resolve it to this runner, whether or not the package under
// test declares it as a dependency.
const self = new URL('./index.js', import.meta.url).href;

export const resolve: ResolveHook = (specifier, context, next) =>
  specifier === '@headroom/bench'
    ? { url: self, format: 'module', shortCircuit: true }
    : next(specifier, context);
