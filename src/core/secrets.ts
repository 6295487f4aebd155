/**
 * Every credential and token the gate handles is registered here: it is passed to the runner's masker
 * (`core.setSecret`) at once, and `redact` scrubs it from any text the gate writes, as a second line of defence.
 */
type Masker = (secret: string) => void

const secrets = new Set<string>()
let masker: Masker | undefined

export function setMasker(m: Masker | undefined): void {
  masker = m
  if (m) for (const s of secrets) m(s)
}

export function registerSecret(value: string | undefined): void {
  if (value === undefined || value === '' || secrets.has(value)) return
  secrets.add(value)
  masker?.(value)
  // The runner masks each line of a multi-line secret separately; so does redact().
  if (value.includes('\n'))
    for (const line of value.split(/\r?\n/)) if (line.trim().length >= 4) registerSecret(line.trim())
}

export function redact(text: string): string {
  let out = text
  for (const s of secrets) if (s.length >= 3 && out.includes(s)) out = out.split(s).join('***')
  return out
}

/** For tests. */
export function clearSecrets(): void {
  secrets.clear()
}
