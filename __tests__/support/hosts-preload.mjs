// Test only: resolves the names in IMAGE_GATE_TEST_HOSTS (`name=address,…`) inside the process that preloads it
// (`node --import`), so that a certificate can be made for a host name that is not loopback to the gate, without
// touching /etc/hosts. Every other name resolves as usual.
import dns from 'node:dns'

const hosts = new Map(
  (process.env.IMAGE_GATE_TEST_HOSTS ?? '')
    .split(',')
    .filter(e => e.includes('='))
    .map(e => [e.slice(0, e.indexOf('=')).toLowerCase(), e.slice(e.indexOf('=') + 1)])
)
const original = dns.lookup
dns.lookup = function lookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options
    options = {}
  }
  const address = hosts.get(String(hostname).toLowerCase())
  if (address === undefined) return original.call(this, hostname, options, callback)
  const family = address.includes(':') ? 6 : 4
  if (options && typeof options === 'object' && options.all) process.nextTick(callback, null, [{ address, family }])
  else process.nextTick(callback, null, address, family)
}
