import type { Subject, Violation } from '../types.js'
import { platformLabel } from '../../model/facts.js'

/** An empty user, `root`, `0`, and `0:…` / `root:…` (any group) are root. */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0]!
  return name === '' || name === 'root' || /^0+$/.test(name)
}

export function checkNonRoot(s: Subject): Violation[] {
  const out: Violation[] = []
  for (const p of s.facts.platforms) {
    if (!p.config) continue
    const user = p.config.user
    if (isRootUser(user)) {
      out.push({
        platform: platformLabel(p),
        message: user.trim() === '' ? 'runs as root: the config sets no User' : `runs as root: User is "${user}"`
      })
    }
  }
  return out
}
