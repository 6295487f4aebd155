// Certificates parse once per process: the same DER gives the same parsed certificate, kept apart from the buffer
// it came in, and at most PARSED_CERTIFICATES_KEPT are kept.
import { describe, expect, test } from '@jest/globals'
import { PARSED_CERTIFICATES_KEPT, parseCertificate } from '../../../../src/trust/notation/certificates.js'
import { makeCert, makeChain } from '../../../support/notation.js'

describe('parsed certificates kept', () => {
  test('the same bytes give the same certificate, also from another buffer holding them', async () => {
    const chain = await makeChain()
    const first = parseCertificate(chain.leaf.der)
    expect(parseCertificate(Buffer.from(chain.leaf.der))).toBe(first)
    expect(first.subject).toBe('C=US, ST=WA, O=Acme, CN=Builder')
    expect(parseCertificate(chain.root.der)).not.toBe(first)
  })

  test('what is kept is a copy: changing the buffer it came in changes nothing kept', async () => {
    const chain = await makeChain()
    const envelope = Buffer.from(chain.leaf.der)
    const cert = parseCertificate(envelope)
    const before = Buffer.from(cert.der)
    envelope.fill(0)
    expect(cert.der.equals(before)).toBe(true)
    expect(parseCertificate(chain.leaf.der)).toBe(cert)
    // The zeroed bytes are no certificate: parsing them still fails, nothing kept answers for them.
    expect(() => parseCertificate(envelope)).toThrow()
  })

  test(`at most ${PARSED_CERTIFICATES_KEPT} are kept, the oldest going first`, async () => {
    const ders: Buffer[] = []
    for (let i = 0; i <= PARSED_CERTIFICATES_KEPT; i++)
      ders.push((await makeCert({ subject: `C=US, ST=WA, O=Acme, CN=Cert ${i}`, key: 'P-256' })).der)
    const oldest = parseCertificate(ders[0]!)
    const second = parseCertificate(ders[1]!)
    for (const der of ders.slice(2)) parseCertificate(der)
    // 65 parsed: the first was let go (parsed again, a new object), the second is still kept.
    expect(parseCertificate(ders[1]!)).toBe(second)
    const again = parseCertificate(ders[0]!)
    expect(again).not.toBe(oldest)
    expect(again.subject).toBe(oldest.subject)
  })
})
