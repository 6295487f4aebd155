/**
 * Package queries from SBOM purls as syft and Trivy write them, and vulnerabilities made one across their aliases.
 */
import { describe, expect, test } from '@jest/globals'
import { osvPackage, packageQuery } from '../../../src/osv/query.js'
import type { PackageQuery } from '../../../src/osv/types.js'

describe('packageQuery', () => {
  test.each<[string, string | undefined, PackageQuery | undefined]>([
    ['pkg:npm/lodash@4.17.20', undefined, { purl: 'pkg:npm/lodash', version: '4.17.20' }],
    ['pkg:npm/%40babel/core@7.0.0', undefined, { purl: 'pkg:npm/%40babel/core', version: '7.0.0' }],
    ['pkg:npm/lodash', '4.17.20', { purl: 'pkg:npm/lodash', version: '4.17.20' }],
    // The purl's version wins over the package's.
    ['pkg:npm/lodash@4.17.20', '4.0.0', { purl: 'pkg:npm/lodash', version: '4.17.20' }],
    ['pkg:pypi/Django@4.2.0', undefined, { purl: 'pkg:pypi/django', version: '4.2.0' }],
    // Go's versions in the database have no `v` (and the toolchain no `go`).
    [
      'pkg:golang/github.com/gin-gonic/gin@v1.9.0',
      undefined,
      { purl: 'pkg:golang/github.com/gin-gonic/gin', version: '1.9.0' }
    ],
    ['pkg:golang/stdlib@go1.21.0', undefined, { purl: 'pkg:golang/stdlib', version: '1.21.0' }],
    [
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar',
      undefined,
      { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core', version: '2.14.1' }
    ],
    // syft: the source package in `upstream`, the release as `debian-12`
    [
      'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl&distro=debian-12',
      undefined,
      {
        purl: 'pkg:deb/debian/openssl?distro=12',
        version: '3.0.11-1~deb12u2',
        package: { ecosystem: 'Debian:12', name: 'openssl' }
      }
    ],
    // syft, when the source version differs from the binary's
    [
      'pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64&upstream=gcc-12%4012.2.0-14&distro=debian-12',
      undefined,
      {
        purl: 'pkg:deb/debian/gcc-12?distro=12',
        version: '12.2.0-14',
        package: { ecosystem: 'Debian:12', name: 'gcc-12' }
      }
    ],
    // Trivy: the point release in `distro`, the epoch as a qualifier
    [
      'pkg:deb/debian/bsdutils@2.38.1-5%2Bb1?arch=amd64&distro=debian-12.4&epoch=1',
      undefined,
      {
        purl: 'pkg:deb/debian/bsdutils?distro=12',
        version: '1:2.38.1-5+b1',
        package: { ecosystem: 'Debian:12', name: 'bsdutils' }
      }
    ],
    [
      'pkg:deb/debian/nginx@1.2.1-2.2?distro=wheezy',
      undefined,
      { purl: 'pkg:deb/debian/nginx?distro=7', version: '1.2.1-2.2', package: { ecosystem: 'Debian:7', name: 'nginx' } }
    ],
    // No release: every Debian release is asked.
    [
      'pkg:deb/debian/nginx@1.2.1-2.2?arch=amd64',
      undefined,
      { purl: 'pkg:deb/debian/nginx', version: '1.2.1-2.2', package: { ecosystem: 'Debian', name: 'nginx' } }
    ],
    [
      'pkg:apk/alpine/libcrypto3@3.1.4-r1?arch=x86_64&upstream=openssl&distro=alpine-3.18.4',
      undefined,
      {
        purl: 'pkg:apk/alpine/openssl?distro=v3.18',
        version: '3.1.4-r1',
        package: { ecosystem: 'Alpine:v3.18', name: 'openssl' }
      }
    ],
    [
      'pkg:apk/alpine/busybox@1.36.1-r0?arch=x86_64&distro=3.18.0',
      undefined,
      {
        purl: 'pkg:apk/alpine/busybox?distro=v3.18',
        version: '1.36.1-r0',
        package: { ecosystem: 'Alpine:v3.18', name: 'busybox' }
      }
    ],
    [
      'pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.10?arch=amd64&upstream=openssl&distro=ubuntu-22.04',
      undefined,
      {
        purl: 'pkg:deb/ubuntu/openssl',
        version: '3.0.2-0ubuntu1.10',
        package: { ecosystem: 'Ubuntu', name: 'openssl' }
      }
    ],
    // Cannot be asked: an Alpine release not said, a type the database does not know, no version, no purl.
    ['pkg:apk/alpine/busybox@1.36.1-r0?arch=x86_64', undefined, undefined],
    ['pkg:generic/openssl@3.0.0', undefined, undefined],
    ['pkg:deb/raspbian/nginx@1.0', undefined, undefined],
    ['pkg:npm/lodash', undefined, undefined],
    ['not a purl', '1.0', undefined]
  ])('%s', (purl, version, query) => {
    expect(packageQuery({ name: 'x', purl, ...(version !== undefined ? { version } : {}) })).toEqual(query)
  })

  test('no purl', () => {
    expect(packageQuery({ name: 'lodash', version: '4.17.20' })).toBeUndefined()
  })
})

test.each<[string, { ecosystem: string; name: string } | undefined]>([
  ['pkg:npm/%40babel/core', { ecosystem: 'npm', name: '@babel/core' }],
  ['pkg:pypi/django', { ecosystem: 'PyPI', name: 'django' }],
  ['pkg:golang/golang.org/x/net', { ecosystem: 'Go', name: 'golang.org/x/net' }],
  [
    'pkg:maven/org.apache.logging.log4j/log4j-core',
    { ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core' }
  ],
  ['pkg:cargo/regex', { ecosystem: 'crates.io', name: 'regex' }],
  ['pkg:deb/ubuntu/openssl', { ecosystem: 'Ubuntu', name: 'openssl' }],
  ['pkg:generic/x', undefined]
])('osvPackage(%s)', (purl, pkg) => {
  expect(osvPackage({ purl, version: '1' })).toEqual(pkg)
})
