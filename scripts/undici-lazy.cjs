// Bundled in place of 'undici'. @actions/http-client and @actions/github import undici at the top for
// ProxyAgent and fetch, which only proxy-configured requests use; evaluating all of undici at startup costs
// more than the rest of the action. Here it is loaded on first use, from dist/undici.cjs, with the same behaviour.
let undici
function load() {
  // The bundler leaves this require to run time (see scripts/bundle.mjs).
  return (undici ??= require('./undici.cjs'))
}
class ProxyAgent {
  constructor(...args) {
    return new (load().ProxyAgent)(...args)
  }
}
function lazyFetch(...args) {
  return load().fetch(...args)
}
module.exports = { ProxyAgent, fetch: lazyFetch }
