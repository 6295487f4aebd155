// Text a registry or a bundle chose, in a reason: a media type, a header, a member name, a certificate subject, a
// library message. It may be of any length; a reason quotes at most MAX_QUOTED characters of it. Pure.

/** Longest piece of untrusted text quoted in a reason. */
export const MAX_QUOTED = 120

/** The text, cut after MAX_QUOTED characters, an ellipsis marking the cut. */
export function cut(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text
}

/** A string as a JSON string literal, cut; any other value only by its type, `(none)` when undefined. */
export function quote(v: unknown): string {
  if (typeof v !== 'string') return v === undefined ? '(none)' : `(${typeof v})`
  return JSON.stringify(cut(v))
}

/**
 * A value of any type as JSON writes it (a string as `quote` does), cut; undefined as `undefined`. One that JSON
 * cannot write (a BigInt, nesting deeper than the stack) by its type.
 */
export function asJson(v: unknown): string {
  if (typeof v === 'string') return quote(v)
  let text: string | undefined
  try {
    text = JSON.stringify(v)
  } catch {
    return `(${typeof v})`
  }
  return cut(text ?? String(v))
}

/** A value as `String` writes it, cut. One it cannot write (its `toString` not a function, deep nesting) by its type. */
export function asText(v: unknown): string {
  try {
    return cut(String(v))
  } catch {
    return `(${typeof v})`
  }
}
